package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.secret;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.validate.Base58;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The radix decoders: base58, base32hex and Crockford base32, RFC 1924 base85 and Z85, CSS escapes, IIS
 * {@code %uXXXX} and numeric references without a semicolon (found by the graph's own pass), and xxencode, 8-bit
 * groups, octal dumps and {@code U+} lists (found after the scan's hint). Each finds its encoding of a synthetic
 * value and finds nothing in ordinary text that merely looks like it.
 */
class RadixDecodersTest {

    private static final String NOTE = "the deploy key is " + secret(101) + " keep it safe";

    static String base58(String s) {
        return Base58.encode(utf8(s));
    }

    static String base32(String s, int alphabet, boolean lower) {
        return new String(new TextCodecs.Base32Style(alphabet, lower, false).reencode(null, utf8(s)),
                StandardCharsets.US_ASCII);
    }

    static String b85(String s) {
        return TextCodecs.base85Encode(utf8(s), Candidates.B85_RFC1924);
    }

    static String z85(String s) {
        return TextCodecs.base85Encode(utf8(s), Candidates.B85_Z85);
    }

    static String each(String s, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(escape.apply(String.valueOf(c)));
        }
        return out.toString();
    }

    static String bits(String s, String separator) {
        List<String> groups = new ArrayList<>();
        for (byte b : utf8(s)) {
            String g = Integer.toBinaryString(b & 0xff);
            groups.add("0".repeat(8 - g.length()) + g);
        }
        return String.join(separator, groups);
    }

    static String octal(String s) {
        List<String> numbers = new ArrayList<>();
        for (byte b : utf8(s)) {
            numbers.add(String.format("%03o", b & 0xff));
        }
        return String.join(" ", numbers);
    }

    /** {@code od -b} of the text: an offset, then sixteen octal bytes a line. */
    static String odB(String s) {
        byte[] b = utf8(s);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b.length; i += 16) {
            out.append(String.format("%07o", i));
            for (int k = i; k < Math.min(b.length, i + 16); k++) {
                out.append(String.format(" %03o", b[k] & 0xff));
            }
            out.append('\n');
        }
        return out.append(String.format("%07o", b.length)).append('\n').toString();
    }

    static String xxencode(byte[] data) {
        String a = Candidates.XX_ALPHABET;
        StringBuilder out = new StringBuilder("begin 644 key.txt\n");
        for (int i = 0; i < data.length; i += 45) {
            int n = Math.min(45, data.length - i);
            out.append(a.charAt(n));
            for (int j = i; j < i + n; j += 3) {
                int v = (data[j] & 0xff) << 16 | (j + 1 < i + n ? data[j + 1] & 0xff : 0) << 8
                        | (j + 2 < i + n ? data[j + 2] & 0xff : 0);
                out.append(a.charAt(v >> 18 & 63)).append(a.charAt(v >> 12 & 63)).append(a.charAt(v >> 6 & 63))
                        .append(a.charAt(v & 63));
            }
            out.append('\n');
        }
        return out.append("+\nend\n").toString();
    }

    record Enc(String step, String encoded) {
    }

    static Stream<Arguments> graphEncodings() {
        return Stream.of(
                new Enc("base58", base58(NOTE)),
                new Enc("base32hex", base32(NOTE, Candidates.B32_HEX, false)),
                new Enc("base32hex", base32(NOTE, Candidates.B32_HEX, true)),
                new Enc("base32crockford", base32(NOTE, Candidates.B32_CROCKFORD, false)),
                new Enc("base85", b85(NOTE)),
                new Enc("z85", z85(NOTE)),
                new Enc("base85", "note: " + b85(NOTE)),
                new Enc("z85", z85(NOTE) + " is the blob"),
                new Enc("css", each(NOTE, c -> "\\" + Integer.toHexString(c.charAt(0)) + " ")),
                new Enc("css", each(NOTE, c -> String.format("\\%06x", (int) c.charAt(0)))),
                new Enc("percent", each(NOTE, c -> String.format("%%u%04X", (int) c.charAt(0)))),
                new Enc("html", each(NOTE, c -> "&#" + (int) c.charAt(0))),
                new Enc("html", each(NOTE, c -> "&#x" + Integer.toHexString(c.charAt(0))))
        ).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("graphEncodings")
    void eachGraphDecoderFindsItsEncodingInAJsonStringAndNamesTheStep(Enc enc) {
        assertThat(enc.encoded()).doesNotContain(secret(101));
        Map<String, String> views = decode(meta("application/json", null), DecodeGraphTest.chat(enc.encoded()))
                .ok().views();
        assertThat(DecodeGraphTest.viewsWithSecret(views)).contains("json:$.messages[0].content|" + enc.step());
    }

    @ParameterizedTest
    @MethodSource("graphEncodings")
    void redactionThroughEachGraphDecoderWritesTheEncodingBack(Enc enc) {
        Fixtures.redactAll(meta("application/json", null), DecodeGraphTest.chat(enc.encoded()));
    }

    /** What {@link Candidates#findCodes} finds, decoded and kept as the graph keeps it: "step:text". */
    static List<String> codes(String text) {
        byte[] t = utf8(text);
        List<String> out = new ArrayList<>();
        for (Candidates.Candidate c : Candidates.findCodes(t, 0, t.length)) {
            TextCodecs.Decoded d = TextCodecs.decode(t, c);
            if (d != null && Plausible.layer(d.bytes())) {
                out.add(d.step() + ":" + new String(d.bytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** What {@link Candidates#find} finds, decoded and kept as the graph keeps it: "step:text". */
    static List<String> graph(String text) {
        byte[] t = utf8(text);
        List<String> out = new ArrayList<>();
        for (Candidates.Candidate c : Candidates.find(t, 0, t.length)) {
            TextCodecs.Decoded d = TextCodecs.decode(t, c);
            if (d != null && Plausible.layer(d.bytes())) {
                out.add(d.step() + ":" + new String(d.bytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void codeDecodersFindTheirEncodings() {
        assertThat(codes("payload: " + bits(NOTE, " ") + " end")).containsExactly("bits:" + NOTE);
        assertThat(codes(bits(NOTE, ","))).containsExactly("bits:" + NOTE);
        assertThat(codes(bits(NOTE, ", "))).containsExactly("bits:" + NOTE);
        assertThat(codes("x = '" + bits(NOTE, "") + "'")).containsExactly("bits:" + NOTE);
        assertThat(codes("bytes: " + octal(NOTE))).contains("octal:" + NOTE);
        assertThat(codes("$ od -b key.txt\n" + odB(NOTE))).contains("octal:" + NOTE);
        assertThat(codes("chars " + each(NOTE, c -> String.format("U+%04X ", (int) c.charAt(0))))).containsExactly(
                "code-points:" + NOTE);
        assertThat(codes(each(NOTE, c -> String.format("u+%04x,", (int) c.charAt(0)))))
                .containsExactly("code-points:" + NOTE);
        assertThat(codes(xxencode(utf8(NOTE + " " + NOTE)))).containsExactly("xxencode:" + NOTE + " " + NOTE);
    }

    @Test
    void xxencodeAsAPythonPortWritesIt() {
        // a port of xxencode's loop in Python: 26 bytes, count 'O', nine groups
        assertThat(codes("begin 644 k\nONqlkMLEhS3ctMI6nMoEoNIMpNoUqOIcrOok+\n+\nend\n"))
                .containsExactly("xxencode:glpat-xZ9aB3cD4eF5gH6iJ7kL");
        // uuencode is still uuencode
        assertThat(codes("begin 644 m.txt\n436%N(&ES(&1I<W1I;F=U:7-H960`\n`\nend\n"))
                .containsExactly("uuencode:Man is distinguished");
    }

    @Test
    void base85AsPythonWritesIt() {
        // base64.b85encode(b'sk_live_4eC39HqLyjWDarjtT1zdp7dc')
        assertThat(graph("b8BC0X?A5_G-X3GIY@C#d1_ZgVRCA8R55yFa5rRQ"))
                .containsExactly("base85:sk_live_4eC39HqLyjWDarjtT1zdp7dc");
        byte[] hello = utf8("Xk~0{Zy<MXa%^M");
        assertThat(new String(TextCodecs.base85(hello, 0, hello.length, 0).bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("hello world");
        // the Z85 specification's example: 86 4F D2 6F B5 59 F7 5B is "HelloWorld"
        byte[] z = utf8("HelloWorld");
        assertThat(TextCodecs.base85(z, 0, z.length, 1).bytes()).containsExactly(0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59,
                0xF7, 0x5B);
    }

    @Test
    void ordinaryTextDecodesToNothing() {
        for (String text : List.of(
                "The quick brown fox jumps over the lazy dog, and then the release notes were reviewed twice.",
                "for (int i = 0; i < n; i++) { total += values[i] * weights[i]; } // accumulate",
                "550e8400-e29b-41d4-a716-446655440000 and 123e4567-e89b-12d3-a456-426614174000",
                "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "order 31415926535897932384626433832795028841971693993751 shipped",
                "flags: 0101 1100 0011 1010, mask 0b1010, bits 10 01 11",
                "chmod 0755 bin/run && chmod 0644 etc/app.conf && umask 022",
                "U+0041 LATIN CAPITAL LETTER A and U+00E9 are in the table",
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
                "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG is the CID",
                "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
                "JBSWY3DPEHPK3PXP is the TOTP seed of the example",
                "ABCDEFGHJKMNPQRSTVWXYZ0123456789",
                "https://example.com/path/to/some/resource?query=value#fragment",
                "AbstractSingletonProxyFactoryBeanWithoutLimits",
                "C:\\Users\\ab\\de\\fe\\build.log", "\\d+\\s*\\b\\w+", "printf(\"%d\\n\", 163, 153, 137)")) {
            assertThat(graph(text)).as(text).isEmpty();
            assertThat(codes(text)).as(text).isEmpty();
        }
    }

    @Test
    void bitsNeedWholeBytesAndEnoughOfThem() {
        for (String text : List.of("0101 0110 0111", "01110011 01101011", "0111001101101011", "0".repeat(63),
                "01110011 0110101 01011111 01101100 01101001 01110110 01100101 01011111",
                "0111001101101011010111110110110001101001011101100110010101011111x")) {
            assertThat(codes(text)).as(text).isEmpty();
        }
    }

    @Property(tries = 300)
    void base58RoundTrips(@ForAll @Size(min = 1, max = 120) byte[] bytes) {
        String s = Base58.encode(bytes);
        assertThat(Base58.decode(s, 1000)).containsExactly(bytes);
    }

    @Property(tries = 300)
    void base85AndZ85RoundTrip(@ForAll @Size(min = 2, max = 120) byte[] bytes, @ForAll boolean z)
            throws CannotRewriteException {
        byte[] text = utf8(TextCodecs.base85Encode(bytes, z ? Candidates.B85_Z85 : Candidates.B85_RFC1924));
        TextCodecs.Decoded d = TextCodecs.base85(text, 0, text.length, z ? 1 : 0);
        assertThat(d.bytes()).containsExactly(bytes);
        assertThat(d.style().reencode(d.bytes(), bytes)).containsExactly(text);
    }

    @Property(tries = 300)
    void base32AlphabetsRoundTrip(@ForAll @Size(min = 1, max = 120) byte[] bytes, @ForAll boolean lower)
            throws CannotRewriteException {
        for (int alphabet = 0; alphabet < 3; alphabet++) {
            byte[] text = new TextCodecs.Base32Style(alphabet, lower, false).reencode(null, bytes);
            TextCodecs.Decoded d = TextCodecs.base32(text, 0, text.length, alphabet);
            assertThat(d.bytes()).containsExactly(bytes);
            assertThat(d.style().reencode(d.bytes(), bytes)).containsExactly(text);
        }
    }

    @Property(tries = 300)
    void bitsOctalAndCodePointsRoundTrip(@ForAll @Size(min = 2, max = 80) byte[] bytes) {
        StringBuilder b = new StringBuilder();
        StringBuilder o = new StringBuilder();
        for (byte x : bytes) {
            String g = Integer.toBinaryString(x & 0xff);
            b.append("0".repeat(8 - g.length())).append(g).append(' ');
            o.append(String.format("%03o ", x & 0xff));
        }
        byte[] bt = utf8(b.toString().trim());
        assertThat(TextCodecs.bits(bt, 0, bt.length).bytes()).containsExactly(bytes);
        byte[] ot = utf8(o.toString().trim());
        assertThat(TextCodecs.octal(ot, 0, ot.length).bytes()).containsExactly(bytes);
    }

    @Property(tries = 300)
    void cssAndIisEscapesRoundTrip(@ForAll @Size(min = 3, max = 40) String s) throws CannotRewriteException {
        String text = s.codePoints().filter(cp -> cp > 0 && (cp < 0xd800 || cp > 0xdfff))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (text.length() < 3) {
            return;
        }
        StringBuilder css = new StringBuilder();
        text.codePoints().forEach(cp -> css.append('\\').append(Integer.toHexString(cp)).append(' '));
        byte[] ct = utf8(css.toString());
        assertThat(new String(TextCodecs.Escapes.css(ct, 0, ct.length).bytes(), StandardCharsets.UTF_8))
                .isEqualTo(text);
        StringBuilder iis = new StringBuilder();
        for (char c : text.toCharArray()) {
            iis.append(String.format("%%u%04X", (int) c));
        }
        byte[] it = utf8(iis.toString());
        TextCodecs.Decoded d = TextCodecs.Escapes.percent(it, 0, it.length);
        assertThat(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(d.style().reencode(d.bytes(), d.bytes())).containsExactly(it);
    }
}
