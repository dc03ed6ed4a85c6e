package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.REDACTED;
import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.redactAll;
import static dev.sieve.dlp.view.Fixtures.str;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    @Test
    void jsonRewritesOnlyTheChangedStringsAndKeepsEverythingElseByteIdentical() throws IOException {
        String json = "{ \"model\" : \"m\",\n  \"messages\": [{\"role\":\"user\",\"content\":\"my key is SECRET-000030,"
                + " \\u00e9t\\u00e9 \\\"quoted\\\"\"}], \"n\": 1.50, \"SECRET-000031\": true }";
        RewriteOutcome.Rewritten r = redactAll(meta("application/json", null), utf8(json));
        String expected = "{ \"model\" : \"m\",\n  \"messages\": [{\"role\":\"user\",\"content\":\"my key is [REDACTED],"
                + " \u00e9t\u00e9 \\\"quoted\\\"\"}], \"n\": 1.50, \"[REDACTED]\": true }";
        assertThat(str(r.body())).isEqualTo(expected);
        assertThat(MAPPER.readTree(r.body()).at("/messages/0/content").asText()).isEqualTo(
                "my key is [REDACTED], \u00e9t\u00e9 \"quoted\"");
        assertThat(r.pathAndQuery()).isEqualTo("/v1/messages");
    }

    /** Values whose literal ends in escapes: each literal's end is found exactly, so its neighbours keep every byte. */
    @Test
    void stringsEndingInEscapesKeepTheirBytesAroundARewrite() {
        String json = "{\"a\":\"SECRET-000032 dir\\\\\",\"b\":\"say \\\"SECRET-000033\\\"\","
                + "\"c\":\"SECRET-000034\\\\\\\"\",\"d\":\"\\u00e9\\\\\",\"e\":[\"SECRET-000035\\\\\\\\\",\"x\"]}";
        RewriteOutcome.Rewritten r = redactAll(meta("application/json", null), utf8(json));
        assertThat(str(r.body())).isEqualTo(json.replaceAll("SECRET-00003[2-5]", "[REDACTED]"));
    }

    /**
     * Names with escapes, non-ASCII characters and quotes (in the last one an escaped quote stands as many bytes
     * after the opening quote as the name has chars): each name's end is found exactly, so every rewritten name and
     * its neighbours come out whole.
     */
    @Test
    void namesWithEscapesAndWideCharactersAreRewrittenWhole() throws IOException {
        String json = "{\"SECRET-000040\\\\\":1,\"\\u00e9SECRET-000041\":2,\"\u00e9 SECRET-000042\":3,"
                + "\"\\\"SECRET-000043\\\"\":4,\"\ud83d\ude00SECRET-000044\":5,\"\\u00e9\\\"\":\"SECRET-000045\","
                + "\"\\ud83d\\ude00\":\"x\",\"\\u00e9\\u00e9\\n\\t\\r\\\"SECRET-000046\":6}";
        RewriteOutcome.Rewritten r = redactAll(meta("application/json", null), utf8(json));
        JsonNode tree = MAPPER.readTree(r.body());
        assertThat(MAPPER.writeValueAsString(tree)).isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree(
                "{\"[REDACTED]\\\\\":1,\"\u00e9[REDACTED]\":2,\"\u00e9 [REDACTED]\":3,\"\\\"[REDACTED]\\\"\":4,"
                + "\"\ud83d\ude00[REDACTED]\":5,\"\u00e9\\\"\":\"[REDACTED]\",\"\ud83d\ude00\":\"x\","
                + "\"\u00e9\u00e9\\n\\t\\r\\\"[REDACTED]\":6}")));
    }

    @Test
    void aRedactedNumberBecomesAString() throws IOException {
        byte[] body = utf8("{\"card\":4111111111111111,\"x\":[1,2]}");
        Map<String, List<Span>> spans = Map.of("json", List.of(new Span(5, 21, "****")));
        RewriteOutcome.Rewritten r = (RewriteOutcome.Rewritten) Redactor.rewrite(meta("application/json", null),
                ByteBuffer.wrap(body), spans, ViewLimits.defaults());
        assertThat(str(r.body())).isEqualTo("{\"card\":\"****\",\"x\":[1,2]}");
    }

    @Test
    void aSpanAcrossTwoValuesPutsTheReplacementInTheFirst() {
        byte[] body = utf8("{\"a\":\"left-part\",\"b\":\"right-part\"}");
        // projection "a\nleft-part\nb\nright-part\n": [7, 19) covers "part", the key "b" and "right"
        Map<String, List<Span>> spans = Map.of("json", List.of(new Span(7, 19, "#")));
        RewriteOutcome.Rewritten r = (RewriteOutcome.Rewritten) Redactor.rewrite(meta("application/json", null),
                ByteBuffer.wrap(body), spans, ViewLimits.defaults());
        assertThat(str(r.body())).isEqualTo("{\"a\":\"left-#\",\"\":\"-part\"}");
    }

    @Test
    void gzipJsonIsRecompressed() throws IOException {
        String json = "{\"messages\":[{\"content\":\"SECRET-000032 and SECRET-000033\"}]}";
        RequestMeta meta = meta("application/json", "gzip");
        RewriteOutcome.Rewritten r = redactAll(meta, Fixtures.gzip(utf8(json)));
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
        assertThat(MAPPER.readTree(plain).at("/messages/0/content").asText()).isEqualTo("[REDACTED] and [REDACTED]");
    }

    @Test
    void everyCodingRoundTrips() throws IOException {
        byte[] json = utf8("{\"content\":\"SECRET-000034\"}");
        Map<String, byte[]> bodies = Map.of("deflate", Fixtures.deflate(json, false), "br", Fixtures.brotli(json),
                "zstd", Fixtures.zstd(json), "gzip, br", Fixtures.brotli(Fixtures.gzip(json)));
        bodies.forEach((coding, body) -> {
            RewriteOutcome.Rewritten r = redactAll(meta("application/json", coding), body);
            assertThat(decode(meta("application/json", coding), r.body()).ok().views())
                    .containsEntry("json", "content\n[REDACTED]\n");
        });
        RewriteOutcome.Rewritten raw = redactAll(meta("application/json", "deflate"), Fixtures.deflate(json, true));
        assertThat(raw.body()[0]).as("raw deflate stays raw").isNotEqualTo((byte) 0x78);
    }

    @Test
    void base64DocumentInsideJsonIsReencoded() throws IOException {
        String json = "{\"messages\":[{\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"text/plain\",\"data\":\"" + b64("doc with SECRET-000035 inside") + "\"}}]}]}";
        RewriteOutcome.Rewritten r = redactAll(meta("application/json", null), utf8(json));
        JsonNode source = MAPPER.readTree(r.body()).at("/messages/0/content/0/source");
        assertThat(source.get("media_type").asText()).isEqualTo("text/plain");
        assertThat(str(Base64.getDecoder().decode(source.get("data").asText())))
                .isEqualTo("doc with " + REDACTED + " inside");
    }

    /** A value in a JSON document inside a JSON string (tool-call arguments): both documents stay valid JSON. */
    @Test
    void jsonDocumentInsideAJsonStringIsWrittenBackAsAString() throws IOException {
        String arguments = "{\"path\": \"notes.md\",\n \"content\": \"token SECRET-000037 \\u00e9\"}";
        String json = "{\"tool_calls\":[{\"function\":{\"arguments\":"
                + new String(JsonDecoder.encodeString(utf8(arguments)), java.nio.charset.StandardCharsets.UTF_8)
                + "}}],\"n\":1}";
        RewriteOutcome.Rewritten r = redactAll(meta("application/json", null), utf8(json));
        JsonNode outer = MAPPER.readTree(r.body());
        assertThat(outer.get("n").asInt()).isEqualTo(1);
        String rewritten = outer.at("/tool_calls/0/function/arguments").asText();
        // the changed string is written anew (its escape becomes the character), the rest of the document as it was
        assertThat(rewritten).isEqualTo("{\"path\": \"notes.md\",\n \"content\": \"token " + REDACTED + " \u00e9\"}");
        assertThat(MAPPER.readTree(rewritten).get("content").asText()).isEqualTo("token " + REDACTED + " \u00e9");
    }

    @Test
    void dataUrlKeepsItsPrefixAndAlphabet() throws IOException {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("x>>?SECRET-000036"));
        String json = "{\"image_url\":{\"url\":\"data:text/plain;base64," + payload + "\"}}";
        RewriteOutcome.Rewritten r = redactAll(meta("application/json", null), utf8(json));
        String url = MAPPER.readTree(r.body()).at("/image_url/url").asText();
        assertThat(url).startsWith("data:text/plain;base64,").doesNotContain("=");
        assertThat(str(Base64.getUrlDecoder().decode(url.substring(url.indexOf(',') + 1)))).isEqualTo("x>>?" + REDACTED);
    }

    @Test
    void multipartIsRewrittenUnderTheSameBoundary() throws IOException {
        RequestMeta meta = meta(BodyViewsTest.MULTIPART, null);
        byte[] body = BodyViewsTest.multipart(Fixtures.pdf("harmless page"));
        RewriteOutcome.Rewritten r = redactAll(meta, body);
        String out = new String(r.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(out).startsWith("preamble\r\n--" + BodyViewsTest.BOUNDARY + "\r\n").endsWith("--\r\nepilogue");
        assertThat(decode(meta, r.body()).ok().views())
                .containsEntry("multipart:purpose", "assistants " + REDACTED)
                .containsEntry("multipart:file/notes.txt", "file line " + REDACTED + "\n")
                .containsEntry("multipart:qp", "caf\u00e9 " + REDACTED + " tail")
                .containsEntry("multipart:meta|json", "note\n" + REDACTED + "\n");
        assertThat(out).contains("Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getEncoder().encodeToString(utf8("file line " + REDACTED + "\n")) + "\r\n");
    }

    @Test
    void formAndQueryAreReencoded() {
        RequestMeta meta = meta("/v1/x?token=SECRET-000037&q=a%20b", "application/x-www-form-urlencoded", null);
        RewriteOutcome.Rewritten r = redactAll(meta, utf8("a=1&note=hi+SECRET-000038+there"));
        assertThat(str(r.body())).isEqualTo("a=1&note=hi+%5BREDACTED%5D+there");
        assertThat(r.pathAndQuery()).isEqualTo("/v1/x?token=%5BREDACTED%5D&q=a%20b");
    }

    @Test
    void queryOnlyRedactionLeavesTheBodyAlone() {
        byte[] body = utf8("plain body");
        RewriteOutcome.Rewritten r = redactAll(meta("/p?k=SECRET-000039", "text/plain", null), body);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.pathAndQuery()).isEqualTo("/p?k=%5BREDACTED%5D");
    }

    @Test
    void pdfTextCannotBeRewritten() throws IOException {
        String json = "{\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\""
                + Base64.getEncoder().encodeToString(Fixtures.pdf("SECRET-000040")) + "\"}}";
        RequestMeta meta = meta("application/json", null);
        Map<String, List<Span>> spans = Fixtures.findSecrets(meta, utf8(json));
        assertThat(spans).containsOnlyKeys("json:$.source.data|base64|pdf");
        RewriteOutcome outcome = Redactor.rewrite(meta, ByteBuffer.wrap(utf8(json)), spans, ViewLimits.defaults());
        assertThat(outcome).isEqualTo(new RewriteOutcome.CannotRewrite("json:$.source.data|base64|pdf",
                "text extracted from a PDF cannot be written back into it"));
    }

    @Test
    void unknownPathsAndOutOfRangeSpansCannotBeRewritten() {
        byte[] body = utf8("{\"a\":\"b\"}");
        RequestMeta meta = meta("application/json", null);
        assertThat(Redactor.rewrite(meta, ByteBuffer.wrap(body), Map.of("json:$.nope|base64", List.of(new Span(0, 1, ""))),
                ViewLimits.defaults())).isEqualTo(new RewriteOutcome.CannotRewrite("json:$.nope|base64",
                "no such view in this request"));
        assertThat(Redactor.rewrite(meta, ByteBuffer.wrap(body), Map.of("json", List.of(new Span(0, 99, ""))),
                ViewLimits.defaults())).isEqualTo(new RewriteOutcome.CannotRewrite("json",
                "span: [0, 99) (expected: within the view's 4 bytes)"));
        assertThat(Redactor.rewrite(meta, ByteBuffer.wrap(utf8("{bad")), Map.of(), ViewLimits.defaults()))
                .isEqualTo(new RewriteOutcome.CannotRewrite("body", "the request does not decode: JSON_INVALID"));
    }

    @Test
    void noSpansLeavesTheRequestUnchanged() {
        byte[] body = utf8("{\"a\":\"b\"}");
        RewriteOutcome.Rewritten r = (RewriteOutcome.Rewritten) Redactor.rewrite(meta("/x?q=1", "application/json", null),
                ByteBuffer.wrap(body), Map.of(), ViewLimits.defaults());
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.pathAndQuery()).isEqualTo("/x?q=1");
        assertThat(r.headerChanges()).containsExactly(Map.entry("Content-Length", "9"));
    }
}
