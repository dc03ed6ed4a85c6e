package dev.sieve.dlp.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CanonicalTokens}, the turn chain's fast reader: whenever it reads a value, its bytes are exactly those of
 * the Jackson reading ({@link TurnChain#canonical}), on well-formed JSON of every token kind and escape and on the
 * same JSON broken at random; and it reads the JSON agents send (so the chain does not fall back to Jackson).
 */
class CanonicalTokensTest {

    private static final Hmac KEY = new Hmac(new byte[32]);

    /** Pieces of JSON text: every escape, surrogate pairs, lone surrogates, UTF-8 of 2-4 bytes, control characters. */
    private static final String[] TEXT = {"a", "Z", " ", "hello world ", "0", "\\n", "\\t", "\\r", "\\b", "\\f",
        "\\\"", "\\\\", "\\/", "\\u0041", "\\u00e9", "\\u20AC", "\\uD83D\\uDE00", "\\ud83d\\ude00", "\\uD83D",
        "\\uDE00", "\\uD83Dx", "\\u0000", "\\u001f", "\u00e9", "\u20ac", "\ud83d\ude00", "\u0001", "\t", "\\x", "\\u12",
        "/", "'", "{", "}", "[", "]", ":", ","};

    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "123456789012345678901234567890", "1.5", "-0.25",
        "1e5", "1E5", "1e+5", "1e-5", "1.50E-10", "0.0", "01", "1.", ".5", "-", "1e", "+1", "NaN", "00", "1.5e"};

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.of(TEXT).list().ofMaxSize(12).map(p -> "\"" + String.join("", p) + "\"");
    }

    @Provide
    Arbitrary<String> values() {
        return value(4);
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(strings(), Arbitraries.of(NUMBERS),
                Arbitraries.of("true", "false", "null", "tru", "nul", "truex"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> ws = Arbitraries.of("", "", " ", "\n  ", "\t", "\r\n");
        Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4)
                .flatMap(items -> ws.map(w -> "[" + w + String.join("," + w, items) + w + "]"));
        Arbitrary<String> member = Arbitraries.oneOf(strings(), Arbitraries.of("\"content\"", "\"role\"", "\"type\""))
                .flatMap(k -> value(depth - 1).flatMap(v -> ws.map(w -> k + w + ":" + w + v)));
        Arbitrary<String> object = member.list().ofMaxSize(4)
                .flatMap(items -> ws.map(w -> "{" + w + String.join("," + w, items) + w + "}"));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(2, array),
                net.jqwik.api.Tuple.of(3, object));
    }

    @Property(tries = 3000)
    void whatItReadsIsWhatJacksonReads(@ForAll("values") String json, @ForAll boolean skipContent) {
        assertSame(json.getBytes(StandardCharsets.UTF_8), skipContent ? "content" : "");
    }

    @Property(tries = 3000)
    void brokenJsonIsLeftToJacksonOrReadTheSame(@ForAll("values") String json, @ForAll @IntRange(max = 400) int at,
            @ForAll @IntRange(min = -1, max = 255) int replacement) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return;
        }
        int i = at % bytes.length;
        byte[] broken = replacement < 0 ? Arrays.copyOf(bytes, i) : bytes.clone();
        if (replacement >= 0) {
            broken[i] = (byte) replacement;
        }
        assertSame(broken, "content");
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> ws = Arbitraries.of("", " ", "\n  ");
        Arbitrary<String> blocks = value(2).list().ofMaxSize(4).flatMap(items -> ws.map(w -> "[" + w
                + String.join("," + w, items) + w + "]"));
        Arbitrary<String> member = Arbitraries.oneOf(
                blocks.map(b -> "\"content\":" + b), value(2).map(v -> "\"content\":" + v),
                strings().map(v -> "\"role\":" + v), value(2).map(v -> "\"other\":" + v));
        return member.list().ofMaxSize(4).flatMap(items -> ws.map(w -> "{\"messages\":[{" + w
                + String.join("," + w, items) + w + "}]}"));
    }

    /** A message head with its block array stepped over (the reader's ranges) reads as Jackson reads it. */
    @Property(tries = 2000)
    void aHeadSteppingOverItsBlocksReadsTheSame(@ForAll("messages") String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Conversation c = ConversationReader.read("/v1/messages", bytes).orElse(null);
        if (c == null || c.messages().isEmpty()) {
            return;
        }
        Conversation.Message m = c.messages().get(0);
        java.util.List<Conversation.Range> blocks = m.blocks();
        CanonicalTokens tokens = new CanonicalTokens();
        if (!tokens.write(bytes, m.start(), m.end(), m.blocksKey(), blocks.isEmpty() ? -1 : blocks.get(0).start(),
                blocks.isEmpty() ? -1 : blocks.get(blocks.size() - 1).end())) {
            return;
        }
        Mac fast = KEY.mac(); // one Mac per thread: finished before the next is asked for
        fast.update(tokens.bytes(), 0, tokens.length());
        String fastMac = HexFormat.of().formatHex(fast.doFinal());
        Mac jackson = KEY.mac();
        TurnChain.canonical(jackson, bytes, m.start(), m.end(), m.blocksKey());
        assertThat(fastMac).as(json).isEqualTo(HexFormat.of().formatHex(jackson.doFinal()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Fix the bug.\\nIt fails: \\\"x\\\"\"}]}",
        "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":\"$ ls -la\\n\\u00e9t\\u00e9 caf\u00e9 \ud83d\ude00\"}",
        "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"bash\",\"input\":{\"command\":\"git log -3\",\"n\":-1.5e3,"
            + "\"ok\":true,\"none\":null,\"list\":[1,2,[],{}]}}",
        "  \"a bare string \\ud83d\\ude00\"  "})
    void agentJsonIsReadWithoutJackson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (String skip : new String[] {"", "content"}) {
            assertThat(new CanonicalTokens().write(bytes, 0, bytes.length, skip)).as(json).isTrue();
            assertSame(bytes, skip);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}x", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "\"\\uDE00\"", "\"\\uD83D\"", "[01]",
        "\"tab\tin\"", "{'a':1}", "[1 2]", "", "   "})
    void whatJacksonReadsOtherwiseIsLeftToIt(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(new CanonicalTokens().write(bytes, 0, bytes.length, "")).as(json).isFalse();
    }

    private static void assertSame(byte[] json, String skipKey) {
        CanonicalTokens tokens = new CanonicalTokens();
        if (!tokens.write(json, 0, json.length, skipKey)) {
            return; // left to Jackson: nothing to compare
        }
        Mac fast = KEY.mac();
        fast.update(tokens.bytes(), 0, tokens.length());
        byte[] fastMac = fast.doFinal();
        Mac jackson = KEY.mac();
        TurnChain.canonical(jackson, json, 0, json.length, skipKey);
        assertThat(HexFormat.of().formatHex(fastMac)).as("%s (skip %s)", new String(json, StandardCharsets.UTF_8),
                skipKey).isEqualTo(HexFormat.of().formatHex(jackson.doFinal()));
    }
}
