package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A red team's finding, read as a class: a credential inside xz, lzma, bzip2, tar.xz, tar.bz2 or 7z passed unscanned.
 * Each format, compressed here with Commons Compress, carries a synthetic token (GitHub, AWS, Stripe; computed in
 * code) as a raw {@code application/octet-stream} body, as base64 in a JSON text block and as a multipart file part;
 * every one is found and blocked by both engines. Ordinary compressed text passes; a redaction inside escalates to
 * block; a body with one of these magics never streams ahead of its scan, however it is cut.
 */
class PackedContainersTest {

    /** The containers, each with the step its view path shows. */
    enum Format {
        XZ("xz"), LZMA("lzma"), BZIP2("bzip2"), TAR_XZ("xz|tar:creds.txt"), TAR_BZ2("bzip2|tar:creds.txt"),
        SEVEN_Z("7z:creds.txt");

        final String chain;

        Format(String chain) {
            this.chain = chain;
        }
    }

    private static final String RULES = """
            rules:
              - id: test.github
                name: GitHub classic token
                category: credential
                severity: critical
                action: block
                patterns: ['\\bghp_[A-Za-z0-9]{36}\\b']
              - id: test.aws
                name: AWS access key id
                category: credential
                severity: critical
                action: block
                patterns: ['\\bAKIA[A-Z2-7]{16}\\b']
              - id: test.stripe
                name: Stripe live secret key
                category: credential
                severity: critical
                action: block
                patterns: ['\\bsk_live_[A-Za-z0-9]{24,99}\\b']
              - id: test.ssn
                name: SSN with its keyword
                category: pii
                severity: high
                action: redact
                redact: mask-last4
                patterns: ['\\bssn [0-9]{3}-[0-9]{2}-[0-9]{4}\\b']
            """;

    private static final CompiledRules JAVA = compile(EngineKind.JAVA);
    private static final CompiledRules AUTO = compile(EngineKind.AUTO);

    private static CompiledRules compile(EngineKind kind) {
        try {
            return Engines.compile(RuleSet.parse(Map.of("packed.yaml", RULES)), kind);
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        JAVA.close();
        AUTO.close();
    }

    /** A synthetic token: {@code prefix} and seeded random characters of {@code alphabet}. */
    static String token(String prefix, String alphabet, int n, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String GITHUB = token("ghp_", ALNUM, 36, 11);
    static final String AWS = token("AKIA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 12);
    static final String STRIPE = token("sk_live_", ALNUM, 32, 13);

    /** {@code content} in {@code format}: a file {@code creds.txt} for the archive formats. */
    static byte[] pack(Format format, String content) {
        byte[] bytes = utf8(content);
        try {
            return switch (format) {
                case XZ -> stream(new ByteArrayOutputStream(), 0, bytes);
                case LZMA -> stream(new ByteArrayOutputStream(), 1, bytes);
                case BZIP2 -> stream(new ByteArrayOutputStream(), 2, bytes);
                case TAR_XZ -> stream(new ByteArrayOutputStream(), 0, tar(bytes));
                case TAR_BZ2 -> stream(new ByteArrayOutputStream(), 2, tar(bytes));
                case SEVEN_Z -> sevenZ(bytes);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] stream(ByteArrayOutputStream out, int kind, byte[] content) throws IOException {
        try (OutputStream c = kind == 0 ? new XZCompressorOutputStream(out)
                : kind == 1 ? new LZMACompressorOutputStream(out) : new BZip2CompressorOutputStream(out)) {
            c.write(content);
        }
        return out.toByteArray();
    }

    static byte[] tar(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry("creds.txt");
            e.setSize(content.length);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    static byte[] sevenZ(byte[] content) throws IOException {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile out = new SevenZOutputFile(channel)) {
            out.setContentCompression(SevenZMethod.LZMA2);
            SevenZArchiveEntry e = new SevenZArchiveEntry();
            e.setName("creds.txt");
            out.putArchiveEntry(e);
            out.write(content);
            out.closeArchiveEntry();
        }
        return Arrays.copyOf(channel.array(), (int) channel.size());
    }

    static byte[] multipart(String filename, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        out.writeBytes(content);
        out.writeBytes(utf8("\r\n--b0undary--\r\n"));
        return out.toByteArray();
    }

    /** The red team's shape: a JSON text block naming the file, then its base64 after a blank line. */
    static byte[] textBlock(String filename, byte[] content) {
        return utf8("{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"text\",\"text\":\"" + filename + ", base64 below:\\n\\n" + Base64.getEncoder().encodeToString(content)
                + "\"}]}]}");
    }

    private static InspectionResult inspect(CompiledRules rules, RequestMeta meta, byte[] body) {
        try (Inspection inspection = new Inspector(rules, ViewLimits.defaults()).open(meta,
                InspectionPolicy.defaults())) {
            return inspection.finish(ByteBuffer.wrap(body));
        }
    }

    private static final RequestMeta OCTETS = meta("/upload", "Content-Type", "application/octet-stream");
    private static final RequestMeta JSON = meta("/v1/messages", "Content-Type", "application/json");
    private static final RequestMeta MULTIPART = meta("/upload", "Content-Type", "multipart/form-data; boundary=b0undary");

    @ParameterizedTest
    @EnumSource(Format.class)
    void aTokenInsideIsFoundInABodyAJsonTextBlockAndAPart(Format format) {
        String[][] cases = {{GITHUB, "test.github"}, {AWS, "test.aws"}, {STRIPE, "test.stripe"}};
        for (CompiledRules rules : List.of(JAVA, AUTO)) {
            for (String[] c : cases) {
                byte[] packed = pack(format, "# deploy notes\n".repeat(30) + "export TOKEN=" + c[0] + "\n");
                assertThat(new String(packed, StandardCharsets.ISO_8859_1)).doesNotContain(c[0]);
                Map<RequestMeta, String> where = Map.of(OCTETS, "body|" + format.chain,
                        JSON, "json:$.messages[0].content[0].text|base64|" + format.chain,
                        MULTIPART, "multipart:file/creds." + format.name().toLowerCase() + "|" + format.chain);
                for (Map.Entry<RequestMeta, String> w : where.entrySet()) {
                    RequestMeta meta = w.getKey();
                    byte[] body = meta == OCTETS ? packed : meta == JSON
                            ? textBlock("creds.txt." + format.name().toLowerCase(), packed)
                            : multipart("creds." + format.name().toLowerCase(), packed);
                    InspectionResult r = inspect(rules, meta, body);
                    assertThat(r.decision()).as("%s %s in %s", format, c[1], w.getValue()).isEqualTo(Decision.BLOCK);
                    assertThat(r.findings()).filteredOn(f -> f.ruleId().equals(c[1])).extracting(Finding::viewPath)
                            .as("%s in %s", format, w.getValue()).containsExactly(w.getValue());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void ordinaryCompressedTextPassesAndARedactionInsideBlocks(Format format) {
        String log = "2026-03-04T05:06:07Z INFO GET /health 200 3 ms\n".repeat(100);
        for (RequestMeta meta : List.of(OCTETS, JSON, MULTIPART)) {
            byte[] packed = pack(format, log);
            byte[] body = meta == OCTETS ? packed : meta == JSON ? textBlock("app.log", packed)
                    : multipart("app.log", packed);
            assertThat(inspect(AUTO, meta, body).decision()).as("%s", format).isEqualTo(Decision.ALLOW);
        }
        InspectionResult r = inspect(AUTO, OCTETS, pack(format, "employee ssn 536-22-8174 on file\n"));
        assertThat(r.findings()).extracting(Finding::ruleId).containsExactly("test.ssn");
        assertThat(r.decision()).as("a redaction inside %s cannot be written back", format).isEqualTo(Decision.BLOCK);
    }

    /**
     * An xz body cut anywhere: nothing of it is called clean before the scan has read it whole (it starts with a
     * magic the decoders act on), and the token inside is found, as for gzip.
     */
    @Property(tries = 60)
    void anXzBodyCutAnywhereNeverStreamsAheadOfItsScan(@ForAll @IntRange(min = 1, max = 4096) int chunk,
            @ForAll @IntRange(min = 0, max = 5000) int padding) {
        String text = "x".repeat(padding) + "\nGH_TOKEN=" + GITHUB + "\n" + "y".repeat(padding);
        byte[] body = pack(Format.XZ, text);
        try (Inspection inspection = new Inspector(AUTO, ViewLimits.defaults()).open(OCTETS,
                InspectionPolicy.defaults())) {
            inspection.trackClean();
            for (int at = 0; at < body.length; at += chunk) {
                inspection.feed(ByteBuffer.wrap(body, at, Math.min(chunk, body.length - at)));
                assertThat(inspection.cleanThrough()).isZero();
            }
            InspectionResult r = inspection.finish(ByteBuffer.wrap(body));
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("body|xz");
        }
    }
}
