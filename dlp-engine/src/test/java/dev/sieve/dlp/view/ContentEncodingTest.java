package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentEncodingTest {

    private static final String JSON = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello SECRET-000001\"}]}";
    private static final String PROJECTION = "messages\nrole\nuser\ncontent\nhello SECRET-000001\n";

    @Test
    void gzipAndXGzip() throws IOException {
        byte[] body = Fixtures.gzip(utf8(JSON));
        assertThat(decode(meta("application/json", "gzip"), body).ok().views()).containsExactly(
                java.util.Map.entry("json", PROJECTION));
        assertThat(decode(meta("application/json", "x-gzip"), body).ok().views()).containsEntry("json", PROJECTION);
    }

    @Test
    void deflateWithAndWithoutZlibWrapper() throws IOException {
        for (boolean raw : new boolean[] {false, true}) {
            byte[] body = Fixtures.deflate(utf8(JSON), raw);
            assertThat(decode(meta("application/json", "deflate"), body).ok().views()).containsEntry("json", PROJECTION);
        }
    }

    @Test
    void brotliAndZstd() throws IOException {
        assertThat(decode(meta("application/json", "br"), Fixtures.brotli(utf8(JSON))).ok().views())
                .containsEntry("json", PROJECTION);
        assertThat(decode(meta("application/json", "zstd"), Fixtures.zstd(utf8(JSON))).ok().views())
                .containsEntry("json", PROJECTION);
    }

    @Test
    void aListOfCodingsIsUndoneInReverseOrder() throws IOException {
        byte[] body = Fixtures.brotli(Fixtures.gzip(utf8(JSON)));
        assertThat(decode(meta("application/json", "gzip, br"), body).ok().views()).containsEntry("json", PROJECTION);
        assertThat(decode(meta("application/json", "identity"), utf8(JSON)).ok().views()).containsEntry("json", PROJECTION);
    }

    /** A compressed body declared JSON without its {@code Content-Encoding} is read for what its magic says. */
    @Test
    void aCompressedBodyDeclaredJsonWithoutItsCodingIsReadByMagic() throws IOException {
        byte[][] bodies = {Fixtures.gzip(utf8(JSON)), PackedViewsTest.compress(PackedViewsTest.Stream.BZIP2, utf8(JSON)),
            PackedViewsTest.compress(PackedViewsTest.Stream.XZ, utf8(JSON)), Fixtures.deflate(utf8(JSON), false)};
        for (byte[] body : bodies) {
            for (String coding : new String[] {null, "identity"}) {
                Fixtures.Decoded d = decode(meta("application/json", coding), body).ok();
                assertThat(d.views().values()).as("%02x %s", body[0], coding)
                        .anyMatch(v -> v.contains("hello SECRET-000001"));
                assertThat(d.views().keySet()).as("%02x", body[0]).allMatch(p -> p.startsWith("body|"));
            }
        }
        // JSON that parses stays JSON; JSON that does not, and is no container, still fails as JSON
        assertThat(decode(meta("application/json", null), utf8(JSON)).ok().views()).containsOnlyKeys("json");
        assertThat(decode(meta("application/json", null), utf8("x^ not json")).failed().reason())
                .isEqualTo(FailReason.JSON_INVALID);
    }

    /** A coding labelled as another (zlib sent as br, xz as deflate) fails, but what it holds is still read. */
    @Test
    void aMislabelledCodingFailsButItsContentIsStillScanned() throws IOException {
        Object[][] cases = {
            {"br", Fixtures.deflate(utf8(JSON), false)},
            {"deflate", PackedViewsTest.compress(PackedViewsTest.Stream.XZ, utf8(JSON))},
            {"zstd", Fixtures.gzip(utf8(JSON))},
            {"gzip", PackedViewsTest.compress(PackedViewsTest.Stream.BZIP2, utf8(JSON))},
        };
        for (Object[] c : cases) {
            Fixtures.Decoded d = decode(meta("application/json", (String) c[0]), (byte[]) c[1]);
            assertThat(d.failed().reason()).as((String) c[0]).isEqualTo(FailReason.CORRUPT_ENCODING);
            assertThat(d.views().values()).as((String) c[0]).anyMatch(v -> v.contains("hello SECRET-000001"));
        }
        // garbage under a coding is still scanned as the bytes it is
        Fixtures.Decoded garbage = decode(meta("text/plain", "gzip"), utf8("plain SECRET-000002 text"));
        assertThat(garbage.failed().reason()).isEqualTo(FailReason.CORRUPT_ENCODING);
        assertThat(garbage.views()).containsEntry("body", "plain SECRET-000002 text");
    }

    @Test
    void unknownCodingIsUnsupported() {
        DecodeOutcome.Failed f = decode(meta("application/json", "compress"), utf8(JSON)).failed();
        assertThat(f.reason()).isEqualTo(FailReason.UNSUPPORTED_ENCODING);
        assertThat(f.detail()).isEqualTo(
                "Content-Encoding: compress (expected: gzip, x-gzip, deflate, br, zstd or identity)");
    }

    @Test
    void truncatedStreamsAreCorrupt() throws IOException {
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + (i * 7919 % 26));
        }
        byte[][] encoded = {Fixtures.gzip(big), Fixtures.deflate(big, false), Fixtures.deflate(big, true),
            Fixtures.brotli(big), Fixtures.zstd(big)};
        String[] names = {"gzip", "deflate", "deflate", "br", "zstd"};
        for (int i = 0; i < encoded.length; i++) {
            byte[] truncated = Arrays.copyOf(encoded[i], encoded[i].length / 2);
            DecodeOutcome.Failed f = decode(meta("text/plain", names[i]), truncated).failed();
            assertThat(f.reason()).as(names[i]).isEqualTo(FailReason.CORRUPT_ENCODING);
            assertThat(f.detail()).startsWith("Content-Encoding " + names[i] + ": does not decode");
        }
    }

    @Test
    void garbageIsCorrupt() {
        assertThat(decode(meta("text/plain", "gzip"), utf8("not gzip at all")).failed().reason())
                .isEqualTo(FailReason.CORRUPT_ENCODING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "zstd", "br"})
    void bombOf200MiBOfZerosFailsFastWithBoundedAllocation(String coding) throws IOException {
        byte[] bomb = zeros(coding, 200L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(300_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);

        DecodeOutcome.Failed f = decode(meta("application/octet-stream", coding), bomb).failed();

        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(f.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
        assertThat(f.detail()).contains("decompressed size over");
        // output is capped at max(1 MiB, 100 x input) = at most ~30 MB here, buffers double once more at most
        assertThat(allocated).isLessThan(100L * 1024 * 1024);
    }

    @Test
    void decodedSizeLimitAppliesEvenBelowTheRatio() throws IOException {
        byte[] text = new byte[3 * 1024 * 1024];
        Arrays.fill(text, (byte) 'x');
        ViewLimits limits = ViewLimits.defaults().withMaxDecodedBytes(2 * 1024 * 1024);
        assertThat(decode(meta("text/plain", "gzip"), Fixtures.gzip(text), limits).failed().reason())
                .isEqualTo(FailReason.DECOMPRESSION_LIMIT);
    }

    private static byte[] zeros(String coding, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream os = switch (coding) {
            case "gzip" -> new GZIPOutputStream(out, 1 << 16);
            case "zstd" -> new ZstdOutputStream(out);
            default -> {
                Brotli4jLoader.ensureAvailability();
                yield new BrotliOutputStream(out, new Encoder.Parameters().setQuality(1));
            }
        }) {
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written < size; written += chunk.length) {
                os.write(chunk);
            }
        }
        return out.toByteArray();
    }
}
