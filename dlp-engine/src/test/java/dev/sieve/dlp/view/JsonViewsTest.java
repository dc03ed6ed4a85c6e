package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonViewsTest {

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String b64(String s) {
        return b64(utf8(s));
    }

    @Test
    void projectionHoldsNamesStringsAndNumbersInDocumentOrder() {
        String json = "{\"model\":\"m\",\"max_tokens\":1024,\"ok\":true,\"n\":null,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"line1\\nq\\\"uote\\u00e9\"}],\"card\":4111111111111111}";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views()).containsExactly(entry("json",
                "model\nm\nmax_tokens\n1024\nok\nn\nmessages\nrole\nuser\ncontent\nline1\nq\"uote\u00e9\ncard\n4111111111111111\n"));
    }

    @Test
    void vendorTypesAndSniffedJsonAreJson() {
        assertThat(decode(meta("application/vnd.api+json; charset=utf-8", null), utf8("{\"a\":\"b\"}")).ok().views())
                .containsExactly(entry("json", "a\nb\n"));
        assertThat(decode(meta(null, null), utf8(" [\"x\", 1.5e3]")).ok().views())
                .containsExactly(entry("json", "x\n1.5e3\n"));
        assertThat(decode(meta("text/plain", null), utf8("{not json")).ok().views())
                .containsExactly(entry("body", "{not json"));
    }

    @Test
    void jsonUnderAnyOtherDeclaredTypeIsProjectedAndNotJsonStaysRaw() {
        // an agent's request labelled image/svg+xml, an uploaded .json file as octet-stream: escapes read
        for (String type : List.of("image/svg+xml", "application/octet-stream", "text/markdown", "text/csv")) {
            assertThat(decode(meta(type, null), utf8("{\"text\":\"line\\nnext \\u0041\"}")).ok().views()).as(type)
                    .containsExactly(entry("json", "text\nline\nnext A\n"));
            assertThat(decode(meta(type, null), utf8("[section]\nkey = value\n")).ok().views()).as(type)
                    .containsExactly(entry("body", "[section]\nkey = value\n"));
        }
    }

    @Test
    void anthropicBase64TextDocumentIsAView() {
        String doc = "Employee SSN list SECRET-000002";
        String json = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"summarize\"},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"text/plain\",\"data\":\""
                + b64(doc) + "\"}}]}]}";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views()).containsExactly(
                entry("json", "messages\nrole\nuser\ncontent\ntype\ntext\ntext\nsummarize\ntype\ndocument\nsource\n"
                        + "type\nbase64\nmedia_type\ntext/plain\ndata\n"),
                entry("json:$.messages[0].content[1].source.data|base64", doc));
    }

    @Test
    void dataKeyBeforeTypeIsStillRecognised() {
        String json = "{\"source\":{\"data\":\"" + b64("hidden") + "\",\"type\":\"base64\"}}";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views())
                .containsEntry("json:$.source.data|base64", "hidden");
    }

    @Test
    void dataWithoutBase64TypeIsPlainText() {
        String json = "{\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"plain words\"}}";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views()).containsExactly(
                entry("json", "source\ntype\ntext\nmedia_type\ntext/plain\ndata\nplain words\n"));
    }

    @Test
    void invalidBase64InAnthropicSourceIsCorrupt() {
        String json = "{\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"SECRET-000003!!\"}}";
        DecodeOutcome.Failed f = decode(meta("application/json", null), utf8(json)).failed();
        assertThat(f.reason()).isEqualTo(FailReason.CORRUPT_ENCODING);
        assertThat(f.detail()).isEqualTo(
                "json:$.source.data|base64: invalid base64 (expected: RFC 4648 base64 or base64url)");
    }

    @Test
    void dataUrlsAnywhereAndOpenAiFileData() {
        String json = "{\"messages\":[{\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:text/plain;base64,"
                + b64("note SECRET-000004") + "\"}},{\"type\":\"file\",\"file\":{\"filename\":\"a.txt\",\"file_data\":\""
                + b64("raw file") + "\"}}]}]}";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views())
                .containsEntry("json:$.messages[0].content[0].image_url.url|base64", "note SECRET-000004")
                .containsEntry("json:$.messages[0].content[1].file.file_data|base64", "raw file");
    }

    @Test
    void imagePixelsAreNotScannedButNotAFailure() throws IOException {
        byte[] png = Media.png(java.util.Map.of());
        String json = "{\"image\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + b64(png) + "\"}}";
        Fixtures.Decoded d = decode(meta("application/json", null), utf8(json)).ok();
        assertThat(d.views()).containsOnlyKeys("json");
        assertThat(d.views().get("json")).doesNotContain(b64(png));

        byte[] truncated = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        String damaged = "{\"image\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + b64(truncated) + "\"}}";
        assertThat(decode(meta("application/json", null), utf8(damaged)).ok().views())
                .as("a damaged image is scanned as bytes").containsOnlyKeys("json", "json:$.image.data|base64");
    }

    @Test
    void pdfInsideBase64IsExtracted() throws IOException {
        byte[] pdf = Fixtures.pdf("Quarterly numbers SECRET-000005", "Second page");
        String json = "{\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":"
                + "\"application/pdf\",\"data\":\"" + b64(pdf) + "\"}}]}";
        Fixtures.Decoded d = decode(meta("application/json", null), utf8(json)).ok();
        assertThat(d.views().get("json:$.content[0].source.data|base64|pdf"))
                .contains("Quarterly numbers SECRET-000005").contains("Second page");
    }

    @Test
    void jsonInsideBase64IsDecodedRecursivelyWithinTheDepthLimit() {
        String inner2 = "{\"k\":\"v2\"}";
        String inner1 = "{\"doc\":{\"type\":\"base64\",\"data\":\"" + b64(inner2) + "\"}}";
        String outer = "{\"source\":{\"type\":\"base64\",\"media_type\":\"application/json\",\"data\":\"" + b64(inner1) + "\"}}";
        assertThat(decode(meta("application/json", null), utf8(outer)).ok().views())
                .containsEntry("json:$.source.data|base64|json", "doc\ntype\nbase64\ndata\n")
                .containsEntry("json:$.source.data|base64|json:$.doc.data|base64|json", "k\nv2\n");

        String inner3 = "{\"d\":{\"type\":\"base64\",\"data\":\"" + b64(outer) + "\"}}";
        DecodeOutcome.Failed f = decode(meta("application/json", null), utf8(inner3), ViewLimits.defaults().withMaxBase64Depth(2))
                .failed();
        assertThat(f.reason()).isEqualTo(FailReason.NESTING_TOO_DEEP);
        assertThat(f.detail()).startsWith("json:$.d.data|base64|json:$.source.data|base64|json:$.doc.data|base64:");
    }

    /**
     * OpenAI's tool-call arguments are a JSON document in a JSON string, and the file an agent writes with them is
     * often a JSON document in that one: each is read as a document, so its values are seen unescaped.
     */
    @Test
    void aStringThatIsAJsonDocumentIsDecodedAsOne() {
        String file = "{\n  \"database\": {\"user\": \"app\", \"password\": \"p4ss \\\"quoted\\\"\"}\n}";
        String arguments = "{\"path\": \"config/db.json\", \"content\": " + quote(file) + "}";
        String json = "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"write_file\",\"arguments\":" + quote(arguments) + "}}]}]}";
        String args = "json:$.messages[0].tool_calls[0].function.arguments|json";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views())
                .containsEntry("json", "messages\nrole\nassistant\ntool_calls\ntype\nfunction\nfunction\nname\n"
                        + "write_file\narguments\n")
                .containsEntry(args, "path\nconfig/db.json\ncontent\n")
                .containsEntry(args + ":$.content|json", "database\nuser\napp\npassword\np4ss \"quoted\"\n");
    }

    @Test
    void stringsThatOnlyLookLikeDocumentsStayText() {
        String json = "{\"a\":\"{not: json, \\\"really\\\"}\",\"b\":\"[\\\"x\\\"] and more\",\"c\":\"{}\","
                + "\"d\":\"[1, 2, 3, 4, 5]\"}";
        Map<String, String> views = decode(meta("application/json", null), utf8(json)).ok().views();
        assertThat(views).containsEntry("json",
                "a\n{not: json, \"really\"}\nb\n[\"x\"] and more\nc\n{}\nd\n[1, 2, 3, 4, 5]\n");
        assertThat(views.keySet()).as("no embedded document").noneMatch(k -> k.contains("|json"));
    }

    /** Beyond the nesting of embedded layers the string is scanned as text and the request is not refused. */
    @Test
    void documentsInStringsBeyondTheEmbeddedDepthStayText() {
        String deepest = "{\"k\": \"v\", \"z\": 1}";
        String middle = "{\"inner\": " + quote(deepest) + "}";
        String outer = "{\"middle\": " + quote(middle) + "}";
        String json = "{\"outer\": " + quote(outer) + "}";
        assertThat(decode(meta("application/json", null), utf8(json), ViewLimits.defaults().withMaxBase64Depth(2)).ok().views())
                .containsEntry("json:$.outer|json", "middle\n")
                .containsEntry("json:$.outer|json:$.middle|json", "inner\n" + deepest + "\n");
    }

    /** {@code s} as a JSON string literal. */
    private static String quote(String s) {
        return new String(JsonDecoder.encodeString(utf8(s)), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void oddKeysAreQuotedAndDuplicatePathsAreNumbered() {
        String json = "{\"a b\":{\"it's\":{\"type\":\"base64\",\"data\":\"" + b64("x") + "\"}},"
                + "\"k\":\"data:text/plain;base64," + b64("one") + "\",\"k\":\"data:text/plain;base64," + b64("two") + "\"}";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views())
                .containsEntry("json:$['a b']['it\\'s'].data|base64", "x")
                .containsEntry("json:$.k|base64", "one")
                .containsEntry("json:$.k|base64~2", "two");
    }

    @Test
    void deepJsonFailsWithJsonTooDeep() {
        String json = "[".repeat(10_000) + "]".repeat(10_000);
        DecodeOutcome.Failed f = decode(meta("application/json", null), utf8(json)).failed();
        assertThat(f.reason()).isEqualTo(FailReason.JSON_TOO_DEEP);
        assertThat(f.detail()).isEqualTo("json: nesting deeper than 64 (expected: <= maxJsonDepth)");
    }

    @Test
    void invalidJsonFailsClosedWithoutEchoingTheBody() {
        for (String json : new String[] {"{\"a\": SECRET-000006}", "{\"a\":\"SECRET-000006\"", "{\"a\":1} {\"b\":2}", ""}) {
            byte[] body = utf8(json);
            if (body.length == 0) {
                assertThat(decode(meta("application/json", null), body).ok().views()).isEmpty();
                continue;
            }
            DecodeOutcome.Failed f = decode(meta("application/json", null), body).failed();
            assertThat(f.reason()).as(json).isEqualTo(FailReason.JSON_INVALID);
            assertThat(f.detail()).doesNotContain("SECRET").startsWith("json: ");
        }
    }

    @Test
    void invalidUtf8FailsClosed() {
        byte[] body = utf8("{\"a\":\"xx\"}");
        body[6] = (byte) 0xc0; // overlong lead byte
        DecodeOutcome.Failed f = decode(meta("application/json", null), body).failed();
        assertThat(f.reason()).isEqualTo(FailReason.INVALID_UTF8);
        assertThat(f.detail()).isEqualTo("json: invalid UTF-8 at byte offset 6 (expected: UTF-8 JSON)");
        assertThat(decode(meta("application/json; charset=utf-16", null), utf8("{}")).failed().reason())
                .isEqualTo(FailReason.UNSUPPORTED_ENCODING);
    }

    @Test
    void limitsOnViewsAndDecodedBytes() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"data:text/plain;base64,")
                    .append(b64("v" + i)).append('"');
        }
        json.append('}');
        assertThat(decode(meta("application/json", null), utf8(json.toString()), ViewLimits.defaults().withMaxViews(10))
                .failed().reason()).isEqualTo(FailReason.TOO_MANY_VIEWS);
        assertThat(decode(meta("application/json", null), utf8(json.toString()), ViewLimits.defaults().withMaxDecodedBytes(50))
                .failed().reason()).isEqualTo(FailReason.SIZE_LIMIT);
    }

    @Test
    void visitorExceptionsBecomeFailures() {
        DecodeOutcome outcome = Views.decode(meta("application/json", null), java.nio.ByteBuffer.wrap(utf8("{}")),
                ViewLimits.defaults(), (p, c) -> {
                    throw new IllegalStateException("boom");
                });
        assertThat(outcome).isEqualTo(new DecodeOutcome.Failed(FailReason.INTERNAL_ERROR,
                "view visitor failed (IllegalStateException)"));
    }

    @Test
    void byteOrderMarkIsSkippedAndRewritingStillLandsOnTheRightBytes() {
        byte[] json = utf8("\uFEFF{\"k\":\"SECRET-000007\",\"n\":[1]}");
        assertThat(decode(meta("application/json", null), json).ok().views())
                .containsExactly(entry("json", "k\nSECRET-000007\nn\n1\n"));
        RewriteOutcome.Rewritten r = Fixtures.redactAll(meta("application/json", null), json);
        assertThat(Fixtures.str(r.body())).isEqualTo("\uFEFF{\"k\":\"[REDACTED]\",\"n\":[1]}");
    }

    @Test
    void geminiInlineDataAndUrlSafeBase64() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("??>>~~ inline"));
        String json = "{\"contents\":[{\"parts\":[{\"inline_data\":{\"mime_type\":\"text/plain\",\"data\":\""
                + payload + "\"}}]}]}";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views())
                .containsEntry("json:$.contents[0].parts[0].inline_data.data|base64", "??>>~~ inline");
    }
}
