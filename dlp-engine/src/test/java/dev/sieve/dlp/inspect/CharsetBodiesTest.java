package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.AWS_ID;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.FailReason;
import dev.sieve.dlp.view.RequestMeta;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies in an encoding a UTF-8 scanner does not read: JSON in UTF-16 or UTF-32 (RFC 4627's other four), and text
 * in a declared charset that does not write ASCII as ASCII (EBCDIC, UTF-32). Each is read for what it is, a
 * redaction is written back in the body's own encoding, and a streamed upload never calls such a body clean by its
 * raw bytes.
 */
class CharsetBodiesTest {

    private static final String GITHUB_RULE = "credential.github-classic-token";
    private static final String AWS_RULE = "credential.aws-access-key-id";
    private static final String SSN_RULE = "pii.us-ssn";
    /** The sample pack's own example of a classic GitHub token (synthetic). */
    private static final String GHP = "ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd";
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset IBM037 = Charset.forName("IBM037");

    private static final BothEngines ENGINES = new BothEngines();

    @AfterAll
    static void close() {
        ENGINES.close();
    }


    private static List<String> paths(InspectionResult r, String rule) {
        return r.findings().stream().filter(f -> f.ruleId().equals(rule)).map(Finding::viewPath).toList();
    }

    private static List<String> wheres(InspectionResult r, String rule) {
        return r.findings().stream().filter(f -> f.ruleId().equals(rule))
                .map(f -> f.location().map(Finding.Location::where).orElse("-")).toList();
    }

    /** {@code s} in {@code cs}, after a byte order mark when {@code bom}. */
    private static byte[] encode(String s, Charset cs, boolean bom) {
        return ((bom ? "\ufeff" : "") + s).getBytes(cs);
    }

    private static final List<Charset> WIDE = List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
            UTF_32LE, UTF_32BE);

    // ---- JSON in UTF-16 and UTF-32 ----

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void jsonInUtf16OrUtf32IsReadAsTheBodysJson(boolean hyperscan) {
        for (Charset cs : WIDE) {
            for (boolean bom : List.of(true, false)) {
                for (String type : List.of("application/json", "application/json; charset=" + cs.name().toLowerCase(),
                        "application/json; charset=utf-8")) {
                    InspectionResult r = ENGINES.inspect(hyperscan, meta("/v1/messages", "Content-Type", type),
                            encode(message("deploy with " + GHP), cs, bom));
                    assertThat(wheres(r, GITHUB_RULE)).as(cs + " bom " + bom + " " + type)
                            .containsExactly("$.messages[0].content");
                    assertThat(r.decision()).isEqualTo(Decision.BLOCK);
                }
            }
        }
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void cleanWideJsonIsAllowedAndARedactionIsWrittenBackInItsOwnEncoding(boolean hyperscan) {
        for (Charset cs : WIDE) {
            for (boolean bom : List.of(true, false)) {
                InspectionResult clean = ENGINES.inspect(hyperscan,
                        meta("/v1/messages", "Content-Type", "application/json"),
                        encode(message("summarise the quarterly numbers"), cs, bom));
                assertThat(clean.decision()).as(cs + " bom " + bom).isEqualTo(Decision.ALLOW);

                InspectionResult r = ENGINES.inspect(hyperscan,
                        meta("/v1/messages", "Content-Type", "application/json"),
                        encode(message("employee ssn: " + SSN), cs, bom));
                assertThat(paths(r, SSN_RULE)).as(cs + " bom " + bom).containsExactly("json");
                assertThat(r.decision()).isEqualTo(Decision.REDACT);
                byte[] out = r.redacted().orElseThrow().body();
                byte[] mark = "\ufeff".getBytes(cs);
                assertThat(java.util.Arrays.equals(out, 0, mark.length, mark, 0, mark.length)).as(cs + " bom " + bom)
                        .isEqualTo(bom);
                String back = new String(out, cs);
                assertThat(back).contains("8174").doesNotContain(SSN).contains("\"messages\"");
            }
        }
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void wideJsonThatIsNotValidFailsClosed(boolean hyperscan) {
        byte[] cut = encode(message("hi"), StandardCharsets.UTF_16LE, true);
        byte[] odd = java.util.Arrays.copyOf(cut, cut.length - 1); // a code unit cut in half
        assertThat(ENGINES.inspect(hyperscan, meta("/v1/messages", "Content-Type", "application/json"), odd).decision())
                .isEqualTo(Decision.BLOCK);
        // a lone high surrogate (the JDK will not encode one: its code unit written by hand)
        byte[] loneSurrogate = {'{', 0, '"', 0, 'a', 0, '"', 0, ':', 0, '"', 0, 0x00, (byte) 0xd8, 'x', 0, '"', 0,
            '}', 0};
        InspectionResult r = ENGINES.inspect(hyperscan, meta("/v1/messages", "Content-Type", "application/json"),
                loneSurrogate);
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failure().orElseThrow()).isEqualTo(FailReason.UNSUPPORTED_ENCODING);
        // a declared UTF-16 charset the bytes do not bear out is refused as before, not guessed at
        assertThat(ENGINES.inspect(hyperscan, meta("/v1/messages", "Content-Type", "application/json; charset=utf-16"),
                "{}".getBytes(StandardCharsets.US_ASCII)).decision()).isEqualTo(Decision.BLOCK);
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void aWideJsonMultipartPartIsProjected(boolean hyperscan) {
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(encode("{\"key\": \"" + AWS_ID + "\"}", StandardCharsets.UTF_16LE, true));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type",
                "multipart/form-data; boundary=" + boundary), body.toByteArray());
        assertThat(wheres(r, AWS_RULE)).containsExactly("multipart:meta|json:$.key");
    }

    // ---- text in a declared charset ----

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void textInADeclaredEbcdicOrUtf32CharsetIsTranscoded(boolean hyperscan) {
        String text = "MAINFRAME EXPORT\nkey: " + GHP + "\n";
        for (String charset : List.of("IBM037", "ibm500", "IBM1047", "UTF-32", "utf-32le")) {
            Charset cs = Charset.forName(charset);
            InspectionResult r = ENGINES.inspect(hyperscan,
                    meta("/upload", "Content-Type", "text/plain; charset=" + charset),
                    text.getBytes(cs));
            assertThat(paths(r, GITHUB_RULE)).as(charset).containsExactly("body|" + cs.name().toLowerCase());
        }
        // the same as a multipart file part
        String boundary = "xyz";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain; charset=IBM037\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(text.getBytes(IBM037));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        InspectionResult part = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type",
                "multipart/form-data; boundary=" + boundary), body.toByteArray());
        assertThat(paths(part, GITHUB_RULE)).singleElement().asString().endsWith("|ibm037");
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void asciiThatClaimsToBeEbcdicIsStillScannedAsItIs(boolean hyperscan) {
        InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain; charset=IBM037"),
                ("key: " + GHP + "\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(paths(r, GITHUB_RULE)).containsExactly("body");
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void anEbcdicRedactionIsWrittenBackInEbcdic(boolean hyperscan) {
        InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain; charset=IBM037"),
                ("EMPLOYEE SSN: " + SSN + "\n").getBytes(IBM037));
        assertThat(paths(r, SSN_RULE)).containsExactly("body|ibm037");
        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        String back = new String(r.redacted().orElseThrow().body(), IBM037);
        assertThat(back).startsWith("EMPLOYEE SSN: ").contains("8174").doesNotContain(SSN);
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void asciiCompatibleAndUnknownCharsetsStayOneRawView(boolean hyperscan) {
        for (String charset : List.of("iso-8859-1", "windows-1252", "Shift_JIS", "utf-8", "x-no-such-charset",
                "bad name!")) {
            InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain; charset=\""
                    + charset + "\""), ("key: " + GHP + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(paths(r, GITHUB_RULE)).as(charset).containsExactly("body");
        }
    }

    // ---- streamed uploads ----

    @Test
    void aStreamedUploadIsNeverCleanByTheRawBytesOfATranscodedBody() {
        StringBuilder prose = new StringBuilder();
        while (prose.length() < 300_000) {
            prose.append("the agent reads a file and writes the quarterly report\n");
        }
        String text = prose + "token " + GHP + "\n" + prose;
        List<RequestMeta> metas = List.of(meta("/upload", "Content-Type", "text/plain; charset=utf-16le"),
                meta("/upload", "Content-Type", "application/octet-stream"),
                meta("/upload", "Content-Type", "text/plain; charset=IBM037"),
                meta("/upload", "Content-Type", "text/plain; charset=utf-32be"));
        List<byte[]> bodies = List.of(text.getBytes(StandardCharsets.UTF_16LE), encode(text, StandardCharsets.UTF_16BE,
                true), text.getBytes(IBM037), text.getBytes(UTF_32BE));
        for (int i = 0; i < metas.size(); i++) {
            byte[] body = bodies.get(i);
            try (Inspection inspection = TestRequests.INSPECTOR.open(metas.get(i), InspectionPolicy.defaults())) {
                inspection.trackClean();
                for (int at = 0; at < body.length; at += 16 * 1024) {
                    inspection.feed(ByteBuffer.wrap(body, at, Math.min(16 * 1024, body.length - at)));
                    assertThat(inspection.cleanThrough()).as("body " + i + " at " + at).isZero();
                }
                assertThat(paths(inspection.finish(ByteBuffer.wrap(body)), GITHUB_RULE)).as("body " + i)
                        .hasSize(1);
            }
        }
    }
}
