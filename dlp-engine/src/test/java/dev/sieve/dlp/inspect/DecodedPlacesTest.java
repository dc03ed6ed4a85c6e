package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.INSPECTOR;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.inspect;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.str;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.FailReason;
import dev.sieve.dlp.view.ViewLimits;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The decoding graph through the inspector: headers and URL path segments are decoded like body values (findings
 * there block: they cannot be redacted), a redact finding inside a decoded body layer is redacted through every
 * layer and rescanned, budgets block, and a streamed body gives the decoded finding whatever its chunking.
 */
class DecodedPlacesTest {

    private static final String NOTE = "employee record: SSN " + SSN + " on file";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    @Test
    void aHexEncodedHeaderValueIsDecodedAndBlocks() {
        String hex = HexFormat.ofDelimiter(":").formatHex(utf8(NOTE));
        InspectionResult r = inspect(meta("/v1/messages", "X-Trace", hex), new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("header:x-trace|hex");
        assertThat(r.failureDetail()).contains("header:x-trace|hex").doesNotContain(SSN);
    }

    @Test
    void aKeyAsTheUserOrPasswordOfBasicCredentialsIsFoundWhereverItStarts() {
        // Offsets of a layer decoded out of an auth header are into the decoded value, not the header line: a key
        // early in it ("x:sk-ant-...") once started "in the header's name" and was dropped.
        String key = TestRequests.anthropicKey();
        for (String user : new String[] {"", "x", "x-access-token", "a-rather-long-user-name-for-the-git-host"}) {
            String basic = Base64.getEncoder().encodeToString(utf8(user + ":" + key));
            InspectionResult r = inspect(meta("/org/repo.git/info/refs", "Authorization", "Basic " + basic),
                    new byte[0]);
            assertThat(r.findings()).as(user).extracting(Finding::viewPath).containsExactly("header:authorization|base64");
            assertThat(r.decision()).as(user).isEqualTo(Decision.BLOCK);
        }
        String asUser = Base64.getEncoder().encodeToString(utf8(key + ":x-oauth-basic"));
        assertThat(inspect(meta("/r", "Authorization", "Basic " + asUser), new byte[0]).decision())
                .isEqualTo(Decision.BLOCK);
    }

    @Test
    void aValueCutOverARepeatedQueryParameterIsFoundJoined() {
        String key = TestRequests.anthropicKey();
        InspectionResult plain = inspect(meta("/v1/ping?d=" + key.substring(0, 50) + "&x=1&d=" + key.substring(50)),
                new byte[0]);
        assertThat(plain.findings()).extracting(Finding::viewPath).containsExactly("query|joined");
        assertThat(plain.decision()).isEqualTo(Decision.BLOCK);

        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("key=" + key));
        InspectionResult wrapped = inspect(meta("/v1/ping?d=" + b64.substring(0, 70) + "&d=" + b64.substring(70)),
                new byte[0]);
        assertThat(wrapped.findings()).extracting(Finding::viewPath).containsExactly("query|joined|base64");

        // Repeated parameters that are not one value cut in two give nothing; a value found whole is reported once.
        assertThat(inspect(meta("/v1/ping?tag=a&tag=b&tag=c&page=2"), new byte[0]).findings()).isEmpty();
        InspectionResult whole = inspect(meta("/v1/ping?d=" + key + "&d=x"), new byte[0]);
        assertThat(whole.findings()).extracting(Finding::viewPath).containsExactly("query");
    }

    @Test
    void aCookieValuePercentEncodedTwiceIsDecodedTwice() {
        StringBuilder pct = new StringBuilder();
        for (byte b : utf8(NOTE)) {
            pct.append(String.format("%%%02X", b & 0xff));
        }
        String twice = pct.toString().replace("%", "%25");
        InspectionResult once = inspect(meta("/v1/messages", "Cookie", "session=" + pct), new byte[0]);
        InspectionResult two = inspect(meta("/v1/messages", "Cookie", "session=" + twice), new byte[0]);

        // The cookie view holds the value as servers read it (percent-decoded once); the graph undoes the rest.
        assertThat(once.findings()).extracting(Finding::viewPath).containsExactly("cookie:session");
        assertThat(two.findings()).extracting(Finding::viewPath).containsExactly("cookie:session|percent");
    }

    @Test
    void aBase64PathSegmentIsDecoded() {
        String segment = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(NOTE));
        InspectionResult r = inspect(meta("/v1/files/" + segment + "/content"), new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::viewPath).contains("path|base64");
        assertThat(r.failureDetail()).startsWith("redact escalated to block: view 'path|");
    }

    @Test
    void aValueSplitOverPathSegmentsIsFoundInTheJoinedView() {
        String[] parts = {"SSN%20536-2", "2-81", "74"};
        InspectionResult r = inspect(meta("/v1/files/" + String.join("/", parts) + "/meta"), new byte[0]);

        assertThat(r.findings()).extracting(Finding::viewPath).contains("path|joined");
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void aRedactFindingInABase64LayerIsRedactedThroughTheLayerAndTheRescanPasses() {
        String body = message("please store " + b64(NOTE) + " for later");

        InspectionResult r = inspect(json(), utf8(body));

        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        assertThat(r.findings()).extracting(Finding::viewPath)
                .containsExactly("json:$.messages[0].content|base64");
        String out = str(r.redacted().orElseThrow().body());
        String blob = out.substring(out.indexOf("please store ") + 13, out.indexOf(" for later"));
        assertThat(new String(Base64.getDecoder().decode(blob), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("employee record: SSN ***-**-8174 on file");
    }

    @Test
    void overTheLayerBudgetTheRequestIsBlockedAsInspectionFailedOrLoggedUnderFailOpen() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            // of different widths: base64 values of one width one space apart would be one value in groups
            text.append(b64("a harmless note number " + i + "x".repeat(3 * i))).append(' ');
        }
        InspectionPolicy tight = InspectionPolicy.defaults()
                .withLimits(ViewLimits.defaults().withDecodeGraph(4, 2, Duration.ofSeconds(2)));

        InspectionResult blocked = inspect(json(), tight, utf8(message(text.toString())));
        InspectionResult logged = inspect(json(), tight.withFailOpen(true), utf8(message(text.toString())));

        assertThat(blocked.decision()).isEqualTo(Decision.BLOCK);
        assertThat(blocked.failure()).contains(FailReason.DECODE_BUDGET);
        assertThat(blocked.failureDetail()).contains("maxDecodeLayers");
        assertThat(logged.decision()).isEqualTo(Decision.LOG);
    }

    @Test
    void headersOverTheLayerBudgetBlockToo() {
        InspectionPolicy tight = InspectionPolicy.defaults()
                .withLimits(ViewLimits.defaults().withDecodeGraph(4, 1, Duration.ofSeconds(2)));

        InspectionResult r = inspect(meta("/v1/messages", "X-A", b64("first note here"), "X-B", b64("second note in a header")),
                tight, new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failure()).contains(FailReason.DECODE_BUDGET);
    }

    private static byte[] rawDeflate(byte[] b) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(b);
            deflater.finish();
            byte[] out = new byte[b.length + 64];
            int n = deflater.deflate(out);
            return java.util.Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    /**
     * A text body holding a base64 value (plain, hex, wrapped, in spaced groups, or of raw DEFLATE), fed in two
     * chunks split at every position: the streamed raw scan and
     * the whole-body decode agree, and the finding in the decoded layer is there whatever the split.
     */
    @Property(tries = 50)
    void aDecodedFindingIsFoundWhateverTheChunking(@ForAll @IntRange(min = 0, max = 4) int encoding,
                                                    @ForAll @IntRange(min = 0, max = 40) int padding) {
        String note = "x".repeat(padding) + NOTE;
        String encoded = switch (encoding) {
            case 0 -> b64(note);
            case 1 -> HexFormat.of().formatHex(utf8(note));
            case 2 -> Base64.getMimeEncoder(32, new byte[] {'\r', '\n'}).encodeToString(utf8(note));
            case 3 -> String.join(" ", b64(note).split("(?<=\\G.{4})")); // groups of four, at the body's end
            default -> Base64.getEncoder().encodeToString(rawDeflate(utf8(note)));
        };
        byte[] body = utf8("notes follow\n" + encoded + (encoding == 3 ? "" : "\nend"));
        String layer = switch (encoding) {
            case 1 -> "body|hex";
            case 4 -> "body|base64|deflate";
            default -> "body|base64";
        };
        for (int split = 0; split <= body.length; split++) {
            try (Inspection inspection = INSPECTOR.open(meta("/upload", "Content-Type", "text/plain"),
                    InspectionPolicy.defaults())) {
                inspection.feed(ByteBuffer.wrap(body, 0, split));
                inspection.feed(ByteBuffer.wrap(body, split, body.length - split));
                InspectionResult r = inspection.finish(ByteBuffer.wrap(body));
                assertThat(r.findings()).as("split at %d", split).extracting(Finding::viewPath).containsExactly(layer);
                assertThat(r.decision()).isEqualTo(Decision.REDACT);
            }
        }
    }
}
