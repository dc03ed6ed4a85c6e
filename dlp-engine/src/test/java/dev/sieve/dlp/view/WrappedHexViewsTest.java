package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.DecodeGraphTest.chat;
import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.redactAll;
import static dev.sieve.dlp.view.Fixtures.secret;
import static dev.sieve.dlp.view.Fixtures.str;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain hex wrapped at a fixed width ({@code xxd -p}: 60 characters a line; a folded {@code hexdump}, a
 * textwrap'd {@code hexlify}: 32, 64, 76), read as one run ({@code |hex}) so a value cut at a line's end is whole
 * again; redaction writes it back at the same width. Lists of independent digests of one width (sha256sum, git
 * object ids) and random bytes give no layer.
 */
class WrappedHexViewsTest {

    private static final String NOTE = "DEPLOY_TOKEN=" + secret(341) + "\nowner=ops team\n";

    static String wrap(String s, int width, String lineBreak) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += width) {
            if (i > 0) {
                out.append(lineBreak);
            }
            out.append(s, i, Math.min(s.length(), i + width));
        }
        return out.toString();
    }

    static String wrappedHex(String text, int width, String lineBreak, boolean upper) {
        HexFormat f = upper ? HexFormat.of().withUpperCase() : HexFormat.of();
        return wrap(f.formatHex(utf8(text)), width, lineBreak);
    }

    // ---- the decoder ----

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {32, 60, 62, 64, 76})
    void wrappedLinesDecodeAsOneRunAndReEncodeAtTheirWidth(int width) throws CannotRewriteException {
        for (String br : List.of("\n", "\r\n")) {
            byte[] t = utf8(wrappedHex(NOTE, width, br, false));
            TextCodecs.Decoded d = TextCodecs.hex(t, 0, t.length, (char) 0);
            assertThat(d).isNotNull();
            assertThat(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo(NOTE);
            String redone = str(d.style().reencode(d.bytes(), utf8(NOTE.replace(secret(341), "[REDACTED]"))));
            assertThat(redone).isEqualTo(wrappedHex(NOTE.replace(secret(341), "[REDACTED]"), width, br, false));
        }
    }

    @Test
    void raggedNarrowOddOrMixedBreaksAreNotWrappedHex() {
        String flat = HexFormat.of().formatHex(utf8(NOTE + NOTE + NOTE));
        List<String> bad = List.of(
                flat.substring(0, 60) + "\n" + flat.substring(60, 118) + "\n" + flat.substring(118), // ragged
                wrap(flat, 30, "\n"), // narrower than 32
                wrap(flat.substring(0, 120), 40, "\n") + "\r\n" + flat.substring(120), // mixed breaks
                flat.substring(0, 60) + "\n" + flat.substring(60, 130) + "\n"); // last line wider
        for (String s : bad) {
            byte[] t = utf8(s);
            assertThat(TextCodecs.wrappedHex(t, 0, t.length, (char) 0)).as(s).isNull();
        }
        byte[] odd = utf8(wrap(flat.substring(0, 99), 33, "\n"));
        assertThat(TextCodecs.wrappedHex(odd, 0, odd.length, (char) 0)).isNull();
    }

    // ---- the graph ----

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {32, 60, 64, 76})
    void xxdPlainInAJsonStringAndInATextBodyIsOneHexLayer(int width) {
        for (String br : List.of("\n", "\r\n")) {
            for (boolean upper : List.of(false, true)) {
                String dump = "$ xxd -p deploy.env" + br + wrappedHex(NOTE, width, br, upper) + br + "$ ";
                Map<String, String> json = decode(meta("application/json", null), chat(dump)).ok().views();
                assertThat(json).containsEntry("json:$.messages[0].content|hex", NOTE);
                Map<String, String> raw = decode(meta("text/plain", null), utf8(dump)).ok().views();
                assertThat(raw).containsEntry("body|hex", NOTE);
            }
        }
    }

    @Test
    void theJoinIsNotNeededForOneLineAndStillReadsIt() {
        String dump = "$ xxd -p -c 256 note\n" + HexFormat.of().formatHex(utf8(NOTE)) + "\n";
        assertThat(decode(meta("text/plain", null), utf8(dump)).ok().views()).containsEntry("body|hex", NOTE);
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {32, 60, 64, 76})
    void redactionKeepsTheLineWidthAndBreak(int width) {
        for (String br : List.of("\n", "\r\n")) {
            String dump = "$ xxd -p deploy.env" + br + wrappedHex(NOTE + "more lines of the file\n", width, br, false)
                    + br;
            RewriteOutcome.Rewritten r = redactAll(meta("text/plain", null), utf8(dump));
            String out = str(r.body());
            assertThat(out).isEqualTo("$ xxd -p deploy.env" + br
                    + wrappedHex(NOTE.replace(secret(341), "[REDACTED]") + "more lines of the file\n", width, br,
                    false) + br);
        }
    }

    /** {@code od -An -tx1 -v}: sixteen pairs a line, each after a space. */
    static String odBytes(byte[] b, String lineBreak) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0 && i % 16 == 0) {
                out.append(lineBreak);
            }
            out.append(String.format(" %02x", b[i] & 0xff));
        }
        return out.append(lineBreak).toString();
    }

    @Test
    void odBytesAreOneSpacedHexLayerAndRedactionKeepsTheirLines() {
        for (String br : List.of("\n", "\r\n")) {
            String dump = "$ od -An -tx1 -v deploy.env" + br + odBytes(utf8(NOTE + "more lines of the file\n"), br);
            Map<String, String> json = decode(meta("application/json", null), chat(dump)).ok().views();
            assertThat(json).containsEntry("json:$.messages[0].content|hex", NOTE + "more lines of the file\n");
            RewriteOutcome.Rewritten r = redactAll(meta("text/plain", null), utf8(dump));
            assertThat(str(r.body())).isEqualTo("$ od -An -tx1 -v deploy.env" + br
                    + odBytes(utf8(NOTE.replace(secret(341), "[REDACTED]") + "more lines of the file\n"), br));
        }
    }

    @Test
    void odLinesOfRaggedWidthOrWithOffsetsAreNotJoined() {
        byte[] text = utf8(NOTE + NOTE);
        String od = odBytes(text, "\n");
        String[] lines = od.split("\n");
        String ragged = lines[0] + "\n" + lines[1].substring(0, 30) + "\n" + lines[2] + "\n";
        byte[] t = utf8(ragged.substring(1));
        assertThat(TextCodecs.wrappedHex(t, 0, t.length, ' ')).isNull();
        byte[] noSpace = utf8(od.substring(1).replace("\n ", "\n"));
        assertThat(TextCodecs.wrappedHex(noSpace, 0, noSpace.length - 1, ' ')).isNull();
    }

    // ---- hard negatives ----

    private static String sha(String algorithm, int n) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(md.digest(utf8("file-" + n)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> lookAlikes() {
        List<String> out = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        StringBuilder ids = new StringBuilder();
        StringBuilder bare = new StringBuilder();
        StringBuilder uuids = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sums.append(sha("SHA-256", i)).append("  dist/pkg-").append(i).append(".tar.gz\n");
            ids.append(sha("SHA-1", i)).append('\n');
            bare.append(sha("SHA-256", 100 + i)).append('\n');
            uuids.append(UUID.nameUUIDFromBytes(utf8("u" + i))).append('\n');
        }
        out.add(sums.toString());
        out.add(ids.toString());
        out.add(bare.toString());
        out.add(uuids.toString());
        SplittableRandom random = new SplittableRandom(34);
        for (int width : new int[] {32, 60, 64, 76}) {
            byte[] b = new byte[400];
            random.nextBytes(b);
            out.add("$ xxd -p /dev/urandom | head\n" + wrap(HexFormat.of().formatHex(b), width, "\n") + "\n");
        }
        byte[] noise = new byte[320];
        random.nextBytes(noise);
        out.add("$ head -c 320 /dev/urandom | od -An -tx1 -v\n" + odBytes(noise, "\n"));
        StringBuilder colours = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            colours.append(String.format("%06x%06x%06x%06x%06x%06x%n", random.nextInt(1 << 24),
                    random.nextInt(1 << 24), random.nextInt(1 << 24), random.nextInt(1 << 24),
                    random.nextInt(1 << 24), random.nextInt(1 << 24)));
        }
        out.add(colours.toString());
        // an uncompressed EC public point, as openssl prints it wrapped (04 || X || Y), and a fingerprint list
        byte[] point = new byte[65];
        random.nextBytes(point);
        point[0] = 4;
        out.add("pub:\n" + wrap(HexFormat.of().formatHex(point), 60, "\n") + "\nASN1 OID: prime256v1\n");
        out.add("SHA256 Fingerprint=\n" + wrap(sha("SHA-256", 7).toUpperCase(), 32, "\n") + "\n");
        return out;
    }

    @Test
    void digestListsRandomBytesAndKeysGiveNoLayer() {
        for (String text : lookAlikes()) {
            Map<String, String> json = decode(meta("application/json", null), chat(text)).ok().views();
            Map<String, String> raw = decode(meta("text/plain", null), utf8(text)).ok().views();
            assertThat(json.keySet()).as(text).allMatch(p -> p.equals("json"));
            assertThat(raw.keySet()).as(text).allMatch(p -> p.equals("body"));
        }
    }
}
