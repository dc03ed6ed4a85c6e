package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Media.utf8;
import static dev.sieve.dlp.view.RadixDecodersTest.codes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The decoding-graph evasions of red-team round 32 (part 1): hex and character dumps ({@code |dump}). Hard negatives
 * for each: what must give no layer, or a layer without the value.
 */
class Dec32aViewsTest {

    private static final String SECRET = "SECRET_TOKEN=sk_live_0123456789abcdefXYZ\nssn: 536-01-2233\n";

    // ---- dumps ----

    static String xxd(byte[] b, int group) {
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                if (i > off && (i - off) % group == 0) {
                    hex.append(' ');
                }
                hex.append(String.format("%02x", b[i] & 0xff));
                ascii.append(b[i] >= 32 && b[i] < 127 ? (char) b[i] : '.');
            }
            out.append(String.format("%08x: %-" + (32 + 16 / group - 1) + "s  %s%n", off, hex, ascii));
        }
        return out.toString();
    }

    static String hexdumpC(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                hex.append(i - off == 8 ? "  " : " ").append(String.format("%02x", b[i] & 0xff));
                ascii.append(b[i] >= 32 && b[i] < 127 ? (char) b[i] : '.');
            }
            out.append(String.format("%08x %-49s  |%s|%n", off, hex, ascii));
        }
        return out.append(String.format("%08x%n", b.length)).toString();
    }

    static String odC(byte[] b, boolean gnu) {
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            out.append(String.format("%07o", off)).append(gnu ? "" : " ");
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                int x = b[i] & 0xff;
                String cell = x == '\n' ? "\\n" : x == 0 ? "\\0" : x >= 32 && x < 127 ? String.valueOf((char) x)
                        : String.format("%03o", x);
                out.append(String.format("%4s", cell));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String odX1(byte[] b, boolean offsets) {
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            if (offsets) {
                out.append(String.format("%07o", off));
            }
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                out.append(String.format(" %02x", b[i] & 0xff));
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Test
    void dumpsAreReadAcrossTheirLines() {
        byte[] b = utf8(SECRET);
        assertThat(codes("$ xxd .env\n" + xxd(b, 2) + "$ ")).containsExactly("dump:" + SECRET);
        assertThat(codes(xxd(b, 1))).containsExactly("dump:" + SECRET);
        assertThat(codes(xxd(b, 4).toUpperCase().replace("X", "x"))).hasSize(1);
        assertThat(codes("hexdump -C:\n" + hexdumpC(b))).containsExactly("dump:" + SECRET);
        assertThat(codes(odC(b, true))).containsExactly("dump:" + SECRET);
        assertThat(codes("od -c out:\n" + odC(b, false) + "done")).containsExactly("dump:" + SECRET);
        assertThat(codes(odX1(b, false))).containsExactly("dump:" + SECRET);
        assertThat(codes("od -tx1:\r\n" + odX1(b, true).replace("\n", "\r\n"))).containsExactly("dump:" + SECRET);
    }

    @Test
    void dumpsOfBinaryOrShortAndDumpLikeTextGiveNoLayer() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 2, 0, 0, 0, 2,
            0, 8, 6, 0, 0, 0, (byte) 0xf4, 0x78, (byte) 0xd4};
        assertThat(codes(xxd(png, 2))).noneMatch(s -> s.startsWith("dump:") && s.contains("IHDR") && !s.contains("PNG"));
        byte[] random = new byte[64];
        new java.util.Random(32).nextBytes(random);
        assertThat(codes(hexdumpC(random))).isEmpty();
        assertThat(codes(xxd(utf8("short"), 2))).isEmpty();
        assertThat(codes("deadbeef: fix it\ncafebabe: and this\n")).isEmpty();
        assertThat(codes("3f2a1b4  the first commit\n9e8d7c6  the second commit\n")).isEmpty();
        assertThat(codes("0000000 is zero, 1234567 is not\n")).isEmpty();
    }
}
