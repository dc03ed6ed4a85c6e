package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class RedactionPropertiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Provide
    Arbitrary<String> texts() {
        // valid Unicode only: a lone surrogate (legal as a JSON escape) cannot be carried by a UTF-8 view,
        // so a redacted string holding one gets U+003F in its place (documented)
        Arbitrary<String> chars = Arbitraries.strings().withCharRange('\u0000', '\ud7ff')
                .withCharRange('\ue000', '\uffff').ofMaxLength(12);
        Arbitrary<String> noise = Arbitraries.oneOf(chars, chars.map(c -> c + "\uD83D\uDE00" + c));
        Arbitrary<String> marker = Arbitraries.integers().between(0, 999_999).map(Fixtures::secret);
        return Arbitraries.oneOf(noise, marker, noise.flatMap(a -> marker.map(m -> a + m + a)));
    }

    @Provide
    Arbitrary<JsonNode> documents() {
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(texts().map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode));
        return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.oneOf(
                Arbitraries.maps(texts(), inner).ofMaxSize(4).map(m -> {
                    ObjectNode o = NODES.objectNode();
                    m.forEach(o::set);
                    return (JsonNode) o;
                }),
                inner.list().ofMaxSize(4).map(l -> {
                    ArrayNode a = NODES.arrayNode();
                    l.forEach(a::add);
                    return (JsonNode) a;
                })), 0, 4);
    }

    /** Whatever the document, redacting every marker yields valid JSON equal to the document with markers replaced. */
    @Property(tries = 300)
    void jsonRedactionPreservesEverythingButTheSecrets(@ForAll("documents") JsonNode doc) throws Exception {
        ObjectNode root = NODES.objectNode().set("d", doc);
        root.put("pad", "SECRET-123456");
        byte[] body = MAPPER.writeValueAsBytes(root);
        RequestMeta meta = Fixtures.meta("application/json", null);
        RewriteOutcome.Rewritten r = Fixtures.redactAll(meta, body);
        // compared as serialized text: parsing picks IntNode or LongNode by magnitude
        String a = MAPPER.writeValueAsString(MAPPER.readTree(r.body()));
        String e = MAPPER.writeValueAsString(expected(root));
        assertThat(a).isEqualTo(e);
    }

    /** The strict UTF-8 validator agrees with the JDK's decoder. */
    @Property(tries = 2000)
    void utf8ValidatorAgreesWithTheJdk(@ForAll byte[] bytes) {
        boolean jdkValid;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            jdkValid = true;
        } catch (CharacterCodingException e) {
            jdkValid = false;
        }
        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length) < 0).isEqualTo(jdkValid);
    }

    /**
     * On text that is mostly ASCII (the validator's fast path) with a few arbitrary bytes in it, the first invalid
     * offset is where the JDK's decoder first reports malformed input.
     */
    @Property(tries = 2000)
    void utf8ValidatorFindsTheFirstInvalidByteInMostlyAsciiText(@ForAll("mostlyAscii") byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
        int expected = r.isError() ? in.position() : -1;
        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<byte[]> mostlyAscii() {
        Arbitrary<Byte> ascii = Arbitraries.bytes().between((byte) 0, (byte) 0x7f);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(Tuple.of(60, ascii), Tuple.of(1, any)).array(byte[].class).ofMaxSize(200);
    }

    private static JsonNode expected(JsonNode n) {
        if (n.isTextual()) {
            return NODES.textNode(replace(n.asText()));
        }
        if (n.isArray()) {
            ArrayNode a = NODES.arrayNode();
            n.forEach(e -> a.add(expected(e)));
            return a;
        }
        if (n.isObject()) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                o.set(replace(e.getKey()), expected(e.getValue()));
            }
            return o;
        }
        return n;
    }

    private static String replace(String s) {
        return Fixtures.SECRET.matcher(s).replaceAll(Fixtures.REDACTED.replace("[", "\\[").replace("]", "\\]"));
    }
}
