package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.ContainerViewsTest.MULTIPART;
import static dev.sieve.dlp.view.ContainerViewsTest.files;
import static dev.sieve.dlp.view.ContainerViewsTest.upload;
import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Media.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * xz, lzma, bzip2 ({@link Packed}) and 7z ({@link SevenZ}) by magic: their view paths in a raw body, a multipart
 * part and a base64 string of JSON, tar inside them, and failing closed on corrupt, truncated, encrypted and bomb
 * input like gzip and zip do. Every fixture is compressed here with Commons Compress itself.
 */
class PackedViewsTest {

    /** The streams (7z is an archive, written by {@link #sevenZ}). */
    enum Stream { XZ, LZMA, BZIP2 }

    static byte[] compress(Stream format, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = switch (format) {
            case XZ -> new XZCompressorOutputStream(out);
            case LZMA -> new LZMACompressorOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
        }) {
            c.write(content);
        }
        return out.toByteArray();
    }

    static String step(Stream format) {
        return switch (format) {
            case XZ -> "xz";
            case LZMA -> "lzma";
            case BZIP2 -> "bzip2";
        };
    }

    /** A 7z archive of {@code entries} (name to content, in order) compressed with {@code method}. */
    static byte[] sevenZ(Map<String, byte[]> entries, SevenZMethod method) throws IOException {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile out = new SevenZOutputFile(channel)) {
            out.setContentCompression(method);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                SevenZArchiveEntry entry = new SevenZArchiveEntry();
                entry.setName(e.getKey());
                entry.setDirectory(e.getKey().endsWith("/"));
                out.putArchiveEntry(entry);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        }
        return Arrays.copyOf(channel.array(), (int) channel.size());
    }

    // ---- found by magic, in the three places ----

    @ParameterizedTest
    @EnumSource(Stream.class)
    void aStreamIsDecodedByMagicInABodyAPartAndABase64String(Stream format) throws IOException {
        String step = step(format);
        byte[] packed = compress(format, utf8("token SECRET-000201\n"));
        for (String type : new String[] {"application/octet-stream", "text/plain", "image/png"}) {
            assertThat(decode(meta(type, null), packed).ok().views()).as(type)
                    .containsExactly(Map.entry("body|" + step, "token SECRET-000201\n"));
        }
        assertThat(decode(meta(MULTIPART, null), upload("creds.txt." + step, "application/octet-stream", packed))
                .ok().views()).containsEntry("multipart:file/creds.txt." + step + "|" + step, "token SECRET-000201\n");
        String text = "creds.txt." + step + ", base64 below:\\n\\n" + Base64.getEncoder().encodeToString(packed);
        assertThat(decode(meta("application/json", null), utf8("{\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}")).ok().views())
                .containsEntry("json:$.messages[0].content|base64|" + step, "token SECRET-000201\n");
    }

    @ParameterizedTest
    @EnumSource(value = Stream.class, names = {"XZ", "BZIP2"})
    void aTarInsideIsReadLikeTar(Stream format) throws IOException {
        String step = step(format);
        byte[] tar = Media.tar(files("etc/creds.txt", "key SECRET-000202\n"), false);
        byte[] packed = compress(format, tar);
        assertThat(decode(meta("application/octet-stream", null), packed).ok().views())
                .containsExactly(Map.entry("body|" + step + "|tar:etc/creds.txt", "key SECRET-000202\n"),
                        Map.entry("body|" + step + "|tar|names", "etc/creds.txt\n"));
        String text = "backup, base64: " + Base64.getEncoder().encodeToString(packed);
        assertThat(decode(meta("application/json", null), utf8("{\"prompt\":\"" + text + "\"}")).ok().views())
                .containsEntry("json:$.prompt|base64|" + step + "|tar:etc/creds.txt", "key SECRET-000202\n");
    }

    @ParameterizedTest
    @EnumSource(value = SevenZMethod.class, names = {"LZMA", "LZMA2", "COPY"})
    void sevenZEntriesAreDecodedByWhatTheyAre(SevenZMethod method) throws IOException {
        byte[] archive = sevenZ(files("docs/", "", "docs/creds.txt", "key SECRET-000203\n", "a.json",
                "{\"k\":\"SECRET-000204\"}"), method);
        assertThat(decode(meta(MULTIPART, null), upload("a.7z", "application/x-7z-compressed", archive)).ok().views())
                .containsExactly(Map.entry("multipart:file|filename", "a.7z"),
                        Map.entry("multipart:file/a.7z|7z:docs/creds.txt", "key SECRET-000203\n"),
                        Map.entry("multipart:file/a.7z|7z:a.json|json", "k\nSECRET-000204\n"),
                        Map.entry("multipart:file/a.7z|7z|names", "docs/\ndocs/creds.txt\na.json\n"));
        assertThat(decode(meta("application/octet-stream", null), archive).ok().views())
                .containsEntry("body|7z:docs/creds.txt", "key SECRET-000203\n");
        assertThat(decode(meta("application/json", null), utf8("{\"prompt\":\"a.7z: "
                + Base64.getEncoder().encodeToString(archive) + "\"}")).ok().views())
                .containsEntry("json:$.prompt|base64|7z:docs/creds.txt", "key SECRET-000203\n");
    }

    // ---- failing closed ----

    @ParameterizedTest
    @EnumSource(Stream.class)
    void aTruncatedOrCorruptStreamFailsClosedLikeGzip(Stream format) throws IOException {
        byte[] packed = compress(format, utf8("a".repeat(300) + " SECRET-000205 " + "b".repeat(300)));
        byte[] truncated = Arrays.copyOf(packed, packed.length - 12);
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), truncated).failed();
        assertThat(f.reason()).isEqualTo(FailReason.CORRUPT_ENCODING);
        assertThat(f.detail()).startsWith("body|" + step(format) + ": does not decode").doesNotContain("SECRET");
        if (format == Stream.LZMA) {
            return; // LZMA_Alone has no checksum: changed bytes decode to other bytes, which are scanned
        }
        byte[] corrupt = packed.clone();
        for (int i = corrupt.length / 2; i < corrupt.length / 2 + 8; i++) {
            corrupt[i] ^= 0x5a;
        }
        assertThat(decode(meta("application/octet-stream", null), corrupt).failed().reason())
                .isEqualTo(FailReason.CORRUPT_ENCODING);
    }

    @Test
    void randomBytesAfterAMagicFailClosed() {
        Random random = new Random(7);
        byte[][] magics = {
            {(byte) 0xfd, '7', 'z', 'X', 'Z', 0},
            {'B', 'Z', 'h', '9', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59},
            {0x5d, 0, 0, (byte) 0x80, 0, -1, -1, -1, -1, -1, -1, -1, -1},
            {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c}};
        FailReason[] expected = {FailReason.CORRUPT_ENCODING, FailReason.CORRUPT_ENCODING,
            FailReason.CORRUPT_ENCODING, FailReason.ARCHIVE_INVALID};
        for (int m = 0; m < magics.length; m++) {
            for (int trial = 0; trial < 20; trial++) {
                byte[] b = new byte[64 + random.nextInt(2000)];
                random.nextBytes(b);
                System.arraycopy(magics[m], 0, b, 0, magics[m].length);
                assertThat(decode(meta("application/octet-stream", null), b).failed().reason())
                        .as("magic %d, trial %d", m, trial).isEqualTo(expected[m]);
            }
        }
    }

    @Test
    void textIsNeverTakenForAnLzmaHeader() {
        assertThat(Sniff.packed(utf8("]]]]]]]]]]]]]]]] a line of text that starts like a properties byte"))).isNull();
        assertThat(Sniff.isLzmaAlone(new byte[] {0x5d, 0, 0, (byte) 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0})).isTrue();
        assertThat(Sniff.isLzmaAlone(new byte[] {0x5d, 0, 0, (byte) 0x50, 0, 1, 0, 0, 0, 0, 0, 0, 0}))
                .as("5 MiB is not a dictionary size xz-utils writes").isFalse();
        assertThat(Sniff.isLzmaAlone(new byte[] {(byte) 0xe1, 0, 0, (byte) 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0}))
                .as("properties byte 225").isFalse();
        assertThat(Sniff.isLzmaAlone(new byte[] {0x5d, 0, 0, (byte) 0x80, 0, 1, 0, 0, 0, 0x40, 0, 0, 0}))
                .as("256 GiB uncompressed").isFalse();
    }

    @Test
    void aSevenZTruncatedOrCorruptFailsClosedLikeAZip() throws IOException {
        byte[] archive = sevenZ(files("a.txt", "x".repeat(500) + " SECRET-000206"), SevenZMethod.LZMA2);
        for (byte[] broken : List.of(Arrays.copyOf(archive, archive.length - 10), Arrays.copyOf(archive, 40))) {
            DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), broken).failed();
            assertThat(f.reason()).isEqualTo(FailReason.ARCHIVE_INVALID);
            assertThat(f.detail()).startsWith("body|7z: 7z archive does not decode").doesNotContain("SECRET");
        }
        byte[] badCrc = archive.clone();
        badCrc[40] ^= 1; // inside the packed stream
        assertThat(decode(meta("application/octet-stream", null), badCrc).failed().reason())
                .isEqualTo(FailReason.ARCHIVE_INVALID);
    }

    @Test
    void anEncryptedSevenZFailsClosedLikeAnEncryptedZipEntry() {
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), encryptedSevenZ()).failed();
        assertThat(f.reason()).isEqualTo(FailReason.ARCHIVE_INVALID);
        assertThat(f.detail()).isEqualTo("body|7z: 7z archive is encrypted (expected: unencrypted entries; an "
                + "encrypted archive cannot be inspected)");
    }

    /**
     * A 7z archive of one entry whose only coder is 7-Zip's AES-256 (id 06 F1 07 01), written by hand: Commons
     * Compress reads such archives but cannot write them. The "ciphertext" is 16 random bytes; the reader asks for
     * a password before it looks at them.
     */
    static byte[] encryptedSevenZ() {
        byte[] packed = new byte[16];
        new Random(3).nextBytes(packed);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {
            0x01, // Header
            0x04, // MainStreamsInfo
            0x06, 0x00, 0x01, 0x09, 0x10, 0x00, // PackInfo: pos 0, 1 stream, size 16, end
            0x07, 0x0b, 0x01, 0x00, // UnpackInfo: Folder, 1 folder, not external
            0x01, // 1 coder
            0x24, 0x06, (byte) 0xf1, 0x07, 0x01, // id size 4, has properties; AES-256 + SHA-256
            0x02, 0x13, 0x00, // properties: 2^19 cycles, no salt, no iv
            0x0c, 0x05, 0x00, // CodersUnpackSize 5, end
            0x08, 0x00, // SubStreamsInfo: one stream a folder
            0x00, // end MainStreamsInfo
            0x05, 0x01, // FilesInfo: 1 file
            0x11, 0x0d, 0x00, 'a', 0, '.', 0, 't', 0, 'x', 0, 't', 0, 0, 0, // Names, not external, "a.txt"
            0x00, // end FilesInfo
            0x00}); // end Header
        byte[] header = h.toByteArray();
        ByteBuffer start = ByteBuffer.allocate(20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        start.putLong(packed.length).putLong(header.length).putInt((int) crc(header));
        ByteBuffer out = ByteBuffer.allocate(32 + packed.length + header.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c, 0, 4});
        out.putInt((int) crc(start.array()));
        out.put(start.array()).put(packed).put(header);
        return out.array();
    }

    private static long crc(byte[] b) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b);
        return crc.getValue();
    }

    // ---- bombs and limits ----

    @ParameterizedTest
    @EnumSource(Stream.class)
    void aBombIsRefusedByRatioLikeAGzipBomb(Stream format) throws IOException {
        byte[] bomb = compress(format, new byte[8 << 20]);
        assertThat(bomb.length).as("a bomb: small").isLessThan(80 * 1024);
        for (byte[] body : List.of(bomb, upload("z." + step(format), "application/octet-stream", bomb))) {
            RequestMeta meta = meta(body == bomb ? "application/octet-stream" : MULTIPART, null);
            DecodeOutcome.Failed f = decode(meta, body).failed();
            assertThat(f.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
            assertThat(f.limit()).contains(ViewLimits.Limit.MAX_DECOMPRESSION_RATIO);
        }
        DecodeOutcome.Failed inJson = decode(meta("application/json", null), utf8("{\"prompt\":\""
                + Base64.getEncoder().encodeToString(bomb) + "\"}")).failed();
        assertThat(inJson.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
    }

    @Test
    void aSevenZBombIsRefusedByRatioAcrossItsEntries() throws IOException {
        byte[] one = sevenZ(Map.of("zeros.bin", new byte[8 << 20]), SevenZMethod.LZMA2);
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), one).failed();
        assertThat(f.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
        assertThat(f.limit()).contains(ViewLimits.Limit.MAX_DECOMPRESSION_RATIO);
        // many entries, each under the ratio floor, together over it
        java.util.LinkedHashMap<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            many.put("z" + i, new byte[600 * 1024]);
        }
        DecodeOutcome.Failed g = decode(meta("application/octet-stream", null), sevenZ(many, SevenZMethod.LZMA2)).failed();
        assertThat(g.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
    }

    @Test
    void maxDecodedBytesAndEntryCountBoundThem() throws IOException {
        byte[] xz = compress(Stream.XZ, utf8("y".repeat(5000)));
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), xz,
                ViewLimits.defaults().withMaxDecodedBytes(4000)).failed();
        assertThat(f.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
        assertThat(f.limit()).contains(ViewLimits.Limit.MAX_DECODED_BYTES);
        java.util.LinkedHashMap<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 1001; i++) {
            many.put("f" + i, utf8("x"));
        }
        assertThat(decode(meta("application/octet-stream", null), sevenZ(many, SevenZMethod.COPY)).failed().reason())
                .isEqualTo(FailReason.ARCHIVE_LIMIT);
    }

    @Test
    void anLzmaHeaderAskingForAHugeDictionaryFailsWithoutAllocatingIt() {
        byte[] b = new byte[64];
        b[0] = 0x5d;
        b[4] = 0x40; // 1 GiB dictionary
        Arrays.fill(b, 5, 13, (byte) 0xff);
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), b).failed();
        assertThat(f.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
        assertThat(f.detail()).contains("decoder memory");
    }

    @Test
    void theDictionaryOfXzMinus8IsOverTheDecoderMemoryCap() throws IOException {
        byte[] b = new byte[64];
        b[0] = 0x5d;
        b[4] = 0x02; // 32 MiB, xz -8's dictionary
        Arrays.fill(b, 5, 13, (byte) 0xff);
        assertThat(decode(meta("application/octet-stream", null), b).failed().reason())
                .isEqualTo(FailReason.DECOMPRESSION_LIMIT);
    }

    // ---- rewriting ----

    @Test
    void aRedactionInsideEscalatesToBlock() throws IOException {
        byte[] xz = upload("a.txt.xz", "application/x-xz", compress(Stream.XZ, utf8("SECRET-000207")));
        RewriteOutcome out = Redactor.rewrite(meta(MULTIPART, null), ByteBuffer.wrap(xz),
                Fixtures.findSecrets(meta(MULTIPART, null), xz), ViewLimits.defaults());
        assertThat(out).isEqualTo(new RewriteOutcome.CannotRewrite("multipart:file/a.txt.xz|xz",
                "the content of an xz stream cannot be rewritten"));
        byte[] sevenZ = upload("a.7z", "application/x-7z-compressed",
                sevenZ(files("a.txt", "SECRET-000208"), SevenZMethod.LZMA2));
        assertThat(Redactor.rewrite(meta(MULTIPART, null), ByteBuffer.wrap(sevenZ),
                Fixtures.findSecrets(meta(MULTIPART, null), sevenZ), ViewLimits.defaults()))
                .isEqualTo(new RewriteOutcome.CannotRewrite("multipart:file/a.7z|7z",
                        "an entry of a 7z archive cannot be rewritten"));
    }

    @Test
    void ordinaryCompressedTextIsJustScanned() throws IOException {
        String log = "2026-01-02T03:04:05Z INFO request served in 12 ms\n".repeat(200);
        for (Stream format : Stream.values()) {
            assertThat(decode(meta("application/octet-stream", null), compress(format, utf8(log))).ok().views())
                    .containsExactly(Map.entry("body|" + step(format), log));
        }
    }
}
