package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.INSPECTOR;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Inspection#cleanThrough()}: the bytes it calls clean never hold a value that finish reports with an action
 * other than log, in any view (raw, decoded layers, normalised text), however the body is cut into chunks; and a
 * clean body does stream.
 */
class CleanThroughTest {

    private static final String GITHUB = "ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd";
    private static final String[] WORDS = {"the", "agent", "reads", "a", "file", "and", "writes", "report", "of",
        "quarterly", "numbers", "for", "2026", "with", "\n"};
    /** Tokens near what the decoding graph and the rules look at; one token in fifty. */
    private static final String[] TRICKY = {"100%", "AT&T", "x = y", "id=7", "deadbeef", "cafe", "be", "ad",
        "internationalization", "https://example.org/a?b=1&c=2", "C:\\Users\\me", "\\u00e9", "a=3D", "12 34",
        "ops@corp-mail.net", "-", ":", "(see above)", "\n", "\n\n", "\t", "e.g.", "v1.2.3", "0x1F", "=\n"};
    private static final String[] NON_ASCII = {"café", "naïve", "—", "“quoted”", "ﬁle"};

    /** A sensitive value and the wrappings that hide it, each detected by the sample rules. */
    private record Secret(String value, boolean digits) {
    }

    private static final List<Secret> SECRETS = List.of(new Secret(GITHUB, false),
            new Secret(TestRequests.anthropicKey(), false), new Secret(SSN, true),
            new Secret(TestRequests.card(), true));

    private static final List<UnaryOperator<String>> WRAPS = List.of(
            v -> v,
            v -> Base64.getEncoder().encodeToString(utf8("secret: " + v + "\n")),
            v -> HexFormat.of().formatHex(utf8("token " + v)),
            CleanThroughTest::percentEveryByte,
            v -> v.chars().mapToObj(c -> String.valueOf((char) c)).reduce((a, b) -> a + "\u200b" + b).orElseThrow(),
            v -> v.chars().mapToObj(c -> "&#" + c + ";").reduce("", String::concat),
            v -> CodeLayersTest.charCodes("ssn: " + v, ", "),
            v -> CodeLayersTest.spacedOut("ssn: " + v) + "';",
            v -> wrapLines(HexFormat.of().formatHex(utf8("token " + v + "\n")), 60), // xxd -p
            v -> odBytes(utf8("token " + v + "\n")));

    /**
     * Wrappings of the keys only: backwards and ROT13 (the hint is the key's prefix turned, at the far end),
     * uuencode and Ascii85 (the hint is the block's header).
     */
    private static final List<UnaryOperator<String>> TURNS = List.of(
            v -> CodeLayersTest.backwards("key " + v),
            v -> CodeLayersTest.rot13("key " + v),
            v -> CodeLayersTest.uuencode("key " + v + "\n", "keys.txt"),
            v -> CodeLayersTest.ascii85("key " + v));

    /** Wrapping {@code w} of {@code secret}: a {@link #WRAPS} one, then fullwidth digits or a {@link #TURNS} one. */
    private static String wrap(Secret secret, int w) {
        if (w < WRAPS.size()) {
            return WRAPS.get(w).apply(secret.value);
        }
        return secret.digits ? fullwidthDigits(secret.value) : TURNS.get(w - WRAPS.size()).apply(secret.value);
    }

    /** How many wrappings {@link #wrap} has for {@code secret}. */
    private static int wraps(Secret secret) {
        return WRAPS.size() + (secret.digits ? 1 : TURNS.size());
    }

    @Property(tries = 200)
    void noReportedValueIsInTheCleanPrefix(@ForAll("bodies") Body body, @ForAll @IntRange(min = 1, max = 9000) int chunk,
            @ForAll("types") String type) {
        RequestMeta meta = type.isEmpty() ? meta("/upload") : meta("/upload", "Content-Type", type);
        long clean = 0;
        InspectionResult result;
        try (Inspection inspection = INSPECTOR.open(meta, InspectionPolicy.defaults())) {
            inspection.trackClean();
            for (int at = 0; at < body.bytes.length; at += chunk) {
                int n = Math.min(chunk, body.bytes.length - at);
                inspection.feed(ByteBuffer.wrap(body.bytes, at, n));
                long now = inspection.cleanThrough();
                assertThat(now).as("monotonic, within what was fed").isBetween(clean, (long) at + n);
                clean = now;
            }
            result = inspection.finish(ByteBuffer.wrap(body.bytes));
            assertThat(inspection.cleanThrough()).isEqualTo(clean);
        }
        // Not vacuous: most bodies stream part of the way to the secret.
        Statistics.label("streamed").collect(clean > 0);
        Statistics.label("streamed").coverage(c -> c.check(true).percentage(p -> p > 40));
        assertThat(result.decision()).as("the secret is found: %s", body.wrap).isIn(Decision.BLOCK, Decision.REDACT);
        assertThat(result.failureDetail()).doesNotContain("already forwarded");
        assertThat(clean).as("clean prefix ends before the wrapped secret (%s)", body.wrap)
                .isLessThanOrEqualTo(body.secretStart);
        for (Finding f : result.findings()) {
            if (f.action() != Action.LOG && f.viewPath().equals("body")) {
                assertThat(f.start()).as("finding of %s in the raw view", f.ruleId()).isGreaterThanOrEqualTo(clean);
            }
        }
        if (result.decision() == Decision.REDACT) {
            byte[] redacted = result.redacted().orElseThrow().body();
            assertThat(ByteBuffer.wrap(redacted, 0, (int) clean))
                    .isEqualTo(ByteBuffer.wrap(body.bytes, 0, (int) clean));
        }
    }

    record Body(byte[] bytes, int secretStart, String wrap) {
        @Override
        public String toString() {
            return "Body[" + bytes.length + " bytes, secret at " + secretStart + ", " + wrap + "]";
        }
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("", "text/plain", "application/octet-stream", "text/markdown; charset=utf-8");
    }

    @Provide
    Arbitrary<Body> bodies() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            Secret secret = SECRETS.get(random.nextInt(SECRETS.size()));
            int w = random.nextInt(wraps(secret));
            String wrapped = wrap(secret, w);
            String label = "wrap " + w + " of " + secret.value.substring(0, 4) + "...";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean asciiWrap = w != 4 && !(secret.digits && w == WRAPS.size()); // zero-width, fullwidth: UTF-8 only
            byte[] before = filler(random, random.nextInt(60_000), asciiWrap);
            out.writeBytes(before);
            out.writeBytes(utf8(" " + (secret.value.equals(SSN) ? "ssn " : "") ));
            int start = out.size();
            out.writeBytes(utf8(wrapped));
            out.writeBytes(utf8(" "));
            out.writeBytes(filler(random, random.nextInt(30_000), asciiWrap));
            return new Body(out.toByteArray(), start, label);
        });
    }

    /**
     * Prose-like ASCII with tricky tokens; now and then a non-ASCII word, or (when {@code binary} may be) a stretch
     * of random bytes, which makes the body not UTF-8.
     */
    private static byte[] filler(Random random, int size, boolean binary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int nonAscii = random.nextInt(binary ? 4 : 2) == 1 ? 1 : random.nextInt(4) == 2 && binary ? 2 : 0;
        while (out.size() < size) {
            int r = random.nextInt(1000);
            if (nonAscii == 1 && r < 3) {
                out.writeBytes(utf8(NON_ASCII[random.nextInt(NON_ASCII.length)]));
            } else if (nonAscii == 2 && r < 2) {
                for (int i = 0; i < 64; i++) {
                    out.write(random.nextInt(256));
                }
            } else if (r < 20) {
                out.writeBytes(utf8(TRICKY[random.nextInt(TRICKY.length)]));
            } else {
                out.writeBytes(utf8(WORDS[random.nextInt(WORDS.length)]));
            }
            out.write(' ');
        }
        return out.toByteArray();
    }

    /** {@code od -An -tx1 -v}: sixteen pairs a line, each after a space (the first line's space is the body's). */
    private static String odBytes(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            out.append(i == 0 ? "" : i % 16 == 0 ? "\n " : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return out.append('\n').toString();
    }

    /** {@code s} cut into lines of {@code width} characters, the last shorter ({@code xxd -p}, {@code fold}). */
    private static String wrapLines(String s, int width) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += width) {
            out.append(i > 0 ? "\n" : "").append(s, i, Math.min(s.length(), i + width));
        }
        return out.toString();
    }

    private static String percentEveryByte(String v) {
        StringBuilder s = new StringBuilder();
        for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
            s.append('%').append(String.format("%02X", b & 0xff));
        }
        return s.toString();
    }

    private static String fullwidthDigits(String v) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            s.append(c >= '0' && c <= '9' ? (char) ('\uff10' + c - '0') : c);
        }
        return s.toString();
    }

    // --- a clean body streams; what cannot stream does not ---

    private static final byte[] PROSE = prose(1 << 20);

    private static byte[] prose(int size) {
        Random random = new Random(7);
        String[] words = {"the", "agent", "reads", "a", "file", "and", "writes", "quarterly", "report", "numbers",
            "2026", "of", "for", "with", "\n"};
        StringBuilder s = new StringBuilder();
        while (s.length() < size) {
            s.append(words[random.nextInt(words.length)]).append(' ');
        }
        return utf8(s.toString());
    }

    private static long streamed(RequestMeta meta, byte[] body, int chunk) {
        try (Inspection inspection = INSPECTOR.open(meta, InspectionPolicy.defaults())) {
            inspection.trackClean();
            long clean = 0;
            for (int at = 0; at < body.length; at += chunk) {
                inspection.feed(ByteBuffer.wrap(body, at, Math.min(chunk, body.length - at)));
                clean = inspection.cleanThrough();
            }
            assertThat(inspection.finish(ByteBuffer.wrap(body)).decision()).isEqualTo(Decision.ALLOW);
            return clean;
        }
    }

    @Test
    void everyWrappingIsHeldFromWhereItStartsButNoEarlier() {
        for (Secret secret : SECRETS) {
            for (int w = 0; w < wraps(secret); w++) {
                String wrapped = wrap(secret, w);
                String before = new String(PROSE, 0, 200_000, StandardCharsets.US_ASCII) + " ssn ";
                byte[] body = utf8(before + wrapped + " " + new String(PROSE, 0, 100_000, StandardCharsets.US_ASCII));
                int start = utf8(before).length;
                long clean = 0;
                InspectionResult result;
                try (Inspection inspection = INSPECTOR.open(meta("/upload", "Content-Type", "text/plain"),
                        InspectionPolicy.defaults())) {
                    inspection.trackClean();
                    for (int at = 0; at < body.length; at += 4096) {
                        inspection.feed(ByteBuffer.wrap(body, at, Math.min(4096, body.length - at)));
                        clean = inspection.cleanThrough();
                    }
                    result = inspection.finish(ByteBuffer.wrap(body));
                }
                String what = "wrap " + w + " of " + secret.value.substring(0, 4);
                assertThat(result.decision()).as(what).isIn(Decision.BLOCK, Decision.REDACT);
                assertThat(clean).as(what).isLessThanOrEqualTo(start).isGreaterThan(start - 20_000L);
            }
        }
    }

    @Test
    void nothingIsCleanUnlessAskedForBeforeTheFirstByte() {
        try (Inspection inspection = INSPECTOR.open(meta("/upload", "Content-Type", "text/plain"),
                InspectionPolicy.defaults())) {
            inspection.feed(ByteBuffer.wrap(PROSE));
            inspection.trackClean(); // too late: ignored
            assertThat(inspection.cleanThrough()).isZero();
        }
    }

    @Test
    void cleanProseStreamsUpToTheScannersReach() {
        long clean = streamed(meta("/upload", "Content-Type", "text/plain"), PROSE, 16 * 1024);
        assertThat(clean).isGreaterThan(PROSE.length - 20_000L);
    }

    @Test
    void aBinaryBodyStreamsAlthoughItIsNotAscii() {
        byte[] body = PROSE.clone();
        for (int i = 100; i < body.length; i += 997) {
            body[i] = (byte) 0xff; // not UTF-8: no normalised view
        }
        long clean = streamed(meta("/upload", "Content-Type", "application/octet-stream"), body, 16 * 1024);
        assertThat(clean).isGreaterThan(body.length - 20_000L);
    }

    @Test
    void utf8TextStreamsPastCharactersThatNormaliseToThemselves() {
        byte[] body = PROSE.clone();
        // no emoji: a symbol repeated between characters is dropped as filler by normalisation (🔒 in GI🔒TH🔒UB), so
        // emoji and other symbols may change the text and hold the clean prefix back
        byte[] stable = utf8(" café “quoted” naïve 日本語 ");
        for (int at = 1000; at < body.length - 2000; at += 50_000) {
            System.arraycopy(stable, 0, body, at, stable.length);
        }
        long clean = streamed(meta("/upload", "Content-Type", "text/plain"), body, 16 * 1024);
        assertThat(clean).isGreaterThan(body.length - 20_000L);
    }

    @Test
    void utf8TextIsCleanOnlyUpToTheReachBeforeItsFirstCharacterThatNormalisingChanges() {
        byte[] tail = utf8(" ﬁle ");
        byte[] body = new byte[PROSE.length];
        System.arraycopy(PROSE, 0, body, 0, body.length);
        int at = 600_000;
        System.arraycopy(tail, 0, body, at, tail.length);
        long clean = streamed(meta("/upload", "Content-Type", "text/plain"), body, 16 * 1024);
        assertThat(clean).isLessThan(at).isGreaterThan(at - 40_000L);
    }

    @Test
    void nothingIsCleanWhenTheBodyIsStructuredEncodedOrShort() {
        assertThat(streamed(meta("/upload", "Content-Type", "application/json"),
                utf8("[\"" + new String(PROSE, StandardCharsets.US_ASCII).replace("\n", " ") + "\"]"), 65536))
                .isZero();
        byte[] leadingBrace = PROSE.clone();
        leadingBrace[0] = '{'; // a text/plain body that may be sniffed as JSON
        assertThat(streamed(meta("/upload", "Content-Type", "text/plain"), leadingBrace, 65536)).isZero();
        assertThat(streamed(meta("/upload", "Content-Type", "text/plain"), utf8("short and clean"), 4)).isZero();
        byte[] gzipMagic = PROSE.clone();
        gzipMagic[0] = 0x1f;
        gzipMagic[1] = (byte) 0x8b;
        gzipMagic[2] = 8;
        gzipMagic[3] = 0;
        try (Inspection inspection = INSPECTOR.open(meta("/upload", "Content-Type", "application/octet-stream"),
                InspectionPolicy.defaults())) {
            inspection.trackClean();
            inspection.feed(ByteBuffer.wrap(gzipMagic));
            assertThat(inspection.cleanThrough()).isZero();
        }
        try (Inspection inspection = INSPECTOR.open(meta("/upload", "Content-Type", "text/plain",
                "Content-Encoding", "gzip"), InspectionPolicy.defaults())) {
            inspection.trackClean();
            inspection.feed(ByteBuffer.wrap(PROSE));
            assertThat(inspection.cleanThrough()).isZero();
        }
    }

    @Test
    void aSecretInTheUrlOrAHeaderHoldsTheWholeBody() {
        try (Inspection inspection = INSPECTOR.open(meta("/upload?t=" + GITHUB, "Content-Type", "text/plain"),
                InspectionPolicy.defaults())) {
            inspection.trackClean();
            inspection.feed(ByteBuffer.wrap(PROSE));
            assertThat(inspection.cleanThrough()).isZero();
            assertThat(inspection.finish(ByteBuffer.wrap(PROSE)).decision()).isIn(Decision.BLOCK, Decision.REDACT);
        }
        try (Inspection inspection = INSPECTOR.open(meta("/upload", "Content-Type", "text/plain",
                "X-Note", "ssn " + SSN), InspectionPolicy.defaults())) {
            inspection.trackClean();
            inspection.feed(ByteBuffer.wrap(PROSE));
            assertThat(inspection.cleanThrough()).isZero();
            InspectionResult result = inspection.finish(ByteBuffer.wrap(PROSE));
            assertThat(result.decision()).isEqualTo(Decision.BLOCK);
            assertThat(result.findings()).extracting(Finding::viewPath).anyMatch(p -> p.startsWith("header:"));
        }
    }

    @Test
    void aValueThatOnlyALaterCountMakesAFindingIsHeldFromItsFirstOccurrence() {
        // pii.email-bulk blocks ten distinct addresses: the first one may already be part of a finding.
        StringBuilder s = new StringBuilder(new String(PROSE, 0, 300_000, StandardCharsets.US_ASCII));
        int first = s.length() + 1;
        List<String> mails = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            mails.add(" user" + i + "@corp-mail.net ");
        }
        mails.forEach(m -> s.append(m).append(new String(PROSE, 0, 20_000, StandardCharsets.US_ASCII)));
        byte[] body = utf8(s.toString());
        try (Inspection inspection = INSPECTOR.open(meta("/upload", "Content-Type", "text/plain"),
                InspectionPolicy.defaults())) {
            inspection.trackClean();
            long clean = 0;
            for (int at = 0; at < body.length; at += 8192) {
                inspection.feed(ByteBuffer.wrap(body, at, Math.min(8192, body.length - at)));
                clean = inspection.cleanThrough();
            }
            assertThat(clean).isGreaterThan(first - 20_000L).isLessThanOrEqualTo(first);
            assertThat(inspection.finish(ByteBuffer.wrap(body)).decision()).isEqualTo(Decision.BLOCK);
        }
    }
}
