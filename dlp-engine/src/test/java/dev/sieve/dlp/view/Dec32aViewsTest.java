package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.DecodeGraphTest.chat;
import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Media.utf8;
import static dev.sieve.dlp.view.RadixDecodersTest.codes;
import static dev.sieve.dlp.view.RadixDecodersTest.graph;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decoding-graph evasions of red-team round 32 (part 1): hex and character dumps ({@code |dump}). Hard negatives
 * for each: what must give no layer, or a layer without the value.
 */
class Dec32aViewsTest {

    private static final String SECRET = "SECRET_TOKEN=sk_live_0123456789abcdefXYZ\nssn: 536-01-2233\n";

    /** Loads the decoders (the code hints are parsed once), outside the time budget of the first decode. */
    @BeforeAll
    static void load() {
        codes("warm up");
    }

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

    // ---- binary serialisations: their strings ----

    private static final Map<String, String> RECORD = new LinkedHashMap<>();

    static {
        RECORD.put("name", "Dana Whitfield");
        RECORD.put("ssn", "536-01-2233");
        RECORD.put("api_token", "sk_live_0123456789abcdefXYZ");
    }

    static byte[] msgpack(Map<String, String> m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | m.size());
        m.forEach((k, v) -> {
            for (String x : new String[] {k, v}) {
                byte[] b = utf8(x);
                out.write(0xa0 | b.length);
                out.writeBytes(b);
            }
        });
        return out.toByteArray();
    }

    static byte[] cbor(Map<String, String> m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xa0 | m.size());
        m.forEach((k, v) -> {
            for (String x : new String[] {k, v}) {
                byte[] b = utf8(x);
                if (b.length < 24) {
                    out.write(0x60 | b.length);
                } else {
                    out.write(0x78);
                    out.write(b.length);
                }
                out.writeBytes(b);
            }
        });
        return out.toByteArray();
    }

    static byte[] bson(Map<String, String> m) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        m.forEach((k, v) -> {
            body.write(2);
            body.writeBytes(utf8(k));
            body.write(0);
            byte[] b = utf8(v);
            body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length + 1).array());
            body.writeBytes(b);
            body.write(0);
        });
        body.write(0);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length + 4).array());
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] protobuf(Map<String, String> m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int field = 1;
        for (String v : m.values()) {
            byte[] b = utf8(v);
            out.write(field++ << 3 | 2);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static String strings(byte[] serialised) {
        String text = "payload " + Base64.getEncoder().encodeToString(serialised) + " end";
        Map<String, String> views = decode(meta("application/json", null), chat(text)).ok().views();
        return views.getOrDefault("json:$.messages[0].content|base64|strings", "");
    }

    @Test
    void binarySerialisationsAreReadAsTheirStringsWithKeysAndValuesPaired() {
        assertThat(strings(msgpack(RECORD))).contains("ssn: 536-01-2233", "api_token: sk_live_0123456789abcdefXYZ");
        assertThat(strings(cbor(RECORD))).contains("ssn: 536-01-2233", "api_token: sk_live_0123456789abcdefXYZ");
        assertThat(strings(bson(RECORD))).contains("ssn: 536-01-2233", "api_token: sk_live_0123456789abcdefXYZ");
        assertThat(strings(protobuf(RECORD))).contains("536-01-2233\n", "sk_live_0123456789abcdefXYZ\n");
    }

    @Test
    void randomAndCompressedBytesGiveNoStrings() {
        Random r = new Random(3201);
        for (int n : new int[] {24, 48, 96, 300}) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            assertThat(strings(b)).isEmpty();
            assertThat(BinaryStrings.of(new TextCodecs.Decoded("base64", 0, 1, b, TextCodecs.NOT_REWRITTEN))).isNull();
        }
        // one string in a binary header is no serialisation of strings
        byte[] header = new byte[40];
        System.arraycopy(utf8("IHDR"), 0, header, 12, 4);
        assertThat(strings(header)).isEmpty();
    }

    // ---- gzip cut short ----

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(utf8(s));
        }
        return out.toByteArray();
    }

    @Test
    void aGzipWithoutItsTrailerIsScannedForWhatInflates() throws IOException {
        byte[] gz = gzip(SECRET);
        String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(gz, gz.length - 8));
        Map<String, String> views = decode(meta("application/json", null), chat(cut)).ok().views();
        assertThat(views.get("json:$.messages[0].content|base64|gzip")).isEqualTo(SECRET);
        // cut inside the compressed data: the part that inflates
        String deeper = Base64.getEncoder().encodeToString(Arrays.copyOf(gz, gz.length - 14));
        views = decode(meta("application/json", null), chat(deeper)).ok().views();
        assertThat(views.get("json:$.messages[0].content|base64|gzip")).startsWith("SECRET_TOKEN=sk_live_");
    }

    // ---- base64 framings ----

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    @Test
    void base64WithPaddingInsideIsReadAsTheConcatenation() {
        String two = b64("card number: 4111 1111 ") + b64("1111 1111 and more words");
        assertThat(two).contains("=");
        assertThat(graph("x " + two + " y")).contains("base64:card number: 4111 1111 1111 1111 and more words");
        // an assignment before a run is no segment
        assertThat(graph("API_KEY=" + b64("hello there, general"))).noneMatch(v -> v.contains("API_KEY"));
    }

    @Test
    void base64GluedToAStrayCharacterIsReadFromItsAlignment() {
        String padded = b64("SECRET_TOKEN=sk_live_0123456789abcdefXYZ!"); // 42 bytes: 56 chars, no padding
        String withPad = b64("SECRET_TOKEN=sk_live_0123456789abcdefXYZ"); // 41 bytes: one '='
        assertThat(withPad).endsWith("=");
        assertThat(graph("Q" + withPad)).contains("base64:SECRET_TOKEN=sk_live_0123456789abcdefXYZ");
        assertThat(graph("xQ" + padded.substring(0, padded.length()))).isNotNull();
        // a random id with a length no base64 has stays nothing
        assertThat(graph("id: Qk9xZ2TmV7pLwXbR5sYcA1dEfGhJkLmNoP")).isEmpty();
    }

    @Test
    void shortLinesAndYamlBinaryAreJoined() {
        String enc = b64(SECRET);
        StringBuilder lines = new StringBuilder("blob:\n");
        for (int i = 0; i < enc.length(); i += 8) {
            lines.append(enc, i, Math.min(enc.length(), i + 8)).append('\n');
        }
        assertThat(codes(lines.toString())).contains("base64:" + SECRET);
        StringBuilder yaml = new StringBuilder("key: !!binary |\n");
        for (int i = 0; i < enc.length(); i += 20) {
            yaml.append("    ").append(enc, i, Math.min(enc.length(), i + 20)).append('\n');
        }
        yaml.append("other: 1\n");
        assertThat(codes(yaml.toString())).contains("base64:" + SECRET);
        assertThat(codes("key: !!binary " + enc + "\n")).contains("base64:" + SECRET);
        // a list of short words is no base64
        assertThat(codes("function\nfunction\nfunction\nresponse\n")).isEmpty();
    }

    // ---- hex framings ----

    private static String hexOf(String s) {
        return java.util.HexFormat.of().formatHex(utf8(s));
    }

    @Test
    void aBigIntegerInHexIsReadAsTheBytesOfText() {
        assertThat(graph("ssn: 0x" + hexOf("536-01-2233 and more") + "\nnext")).contains("hex:536-01-2233 and more");
        assertThat(graph("k = 0X" + hexOf("sk_live_0123456789abcdef").toUpperCase())).contains("hex:sk_live_0123456789abcdef");
        // a constant, an address: no text
        assertThat(graph("mask = 0xffffffffffffffff0000000000000000; p = 0x7ffd5a3b2c10")).isEmpty();
    }

    @Test
    void hexInDnsLabelsIsJoined() {
        String hex = hexOf("aws_secret_access_key=0123456789abcdefghij");
        StringBuilder name = new StringBuilder("nslookup ");
        for (int i = 0; i < hex.length(); i += 30) {
            name.append(hex, i, Math.min(hex.length(), i + 30)).append('.');
        }
        name.append("x.exfil-cdn.net");
        assertThat(graph(name.toString())).contains("hex:aws_secret_access_key=0123456789abcdefghij");
        // a host name with hex-looking labels that are no text
        assertThat(graph("deadbeefcafebabe0123456789abcdef.fedcba9876543210ffee.example.com"))
                .noneMatch(v -> v.startsWith("hex:"));
    }

    @Test
    void hexWrittenBackwardsIsReadForwards() {
        String hex = new StringBuilder(hexOf("card: 4111 1111 1111 1111")).reverse().toString();
        assertThat(graph("data " + hex + " end")).contains("reversed|hex:card: 4111 1111 1111 1111");
        // a digest is no text either way
        assertThat(graph("sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isEmpty();
    }
}
