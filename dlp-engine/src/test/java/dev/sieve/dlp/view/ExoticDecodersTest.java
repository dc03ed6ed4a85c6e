package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static dev.sieve.dlp.view.RadixDecodersTest.codes;
import static dev.sieve.dlp.view.RadixDecodersTest.graph;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exotic decoders ({@link Exotic}): big integers in decimal and base 36, base45 (RFC 9285), basE91, Morse,
 * spelled digits and the NATO alphabet, Braille patterns as bytes. Each finds its encoding of a synthetic secret, and
 * nothing in ordinary text of the same shape (long numbers in logs, ids, upper-case identifiers, ASCII art, prose with
 * number words and NATO words that are no run).
 */
class ExoticDecodersTest {

    static final String TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    static final String KEYWORD = "password=Hunter2Hunter2";

    /** Python's {@code int.from_bytes(s.encode(), 'big')} in {@code radix}. */
    static String bigInteger(String s, int radix) {
        return new BigInteger(1, utf8(s)).toString(radix);
    }

    /** RFC 9285 base45. */
    static String base45(String s) {
        byte[] b = utf8(s);
        String a = Exotic.B45_ALPHABET;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b.length; i += 2) {
            if (i + 1 < b.length) {
                int n = (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
                out.append(a.charAt(n % 45)).append(a.charAt(n / 45 % 45)).append(a.charAt(n / 2025));
            } else {
                int n = b[i] & 0xff;
                out.append(a.charAt(n % 45)).append(a.charAt(n / 45));
            }
        }
        return out.toString();
    }

    /** basE91, Henke's reference encoder. */
    static String base91(String s) {
        String a = Exotic.B91_ALPHABET;
        StringBuilder out = new StringBuilder();
        int queue = 0;
        int bits = 0;
        for (byte x : utf8(s)) {
            queue |= (x & 0xff) << bits;
            bits += 8;
            if (bits > 13) {
                int v = queue & 8191;
                if (v > 88) {
                    queue >>= 13;
                    bits -= 13;
                } else {
                    v = queue & 16383;
                    queue >>= 14;
                    bits -= 14;
                }
                out.append(a.charAt(v % 91)).append(a.charAt(v / 91));
            }
        }
        if (bits > 0) {
            out.append(a.charAt(queue % 91));
            if (bits > 7 || queue > 90) {
                out.append(a.charAt(queue / 91));
            }
        }
        return out.toString();
    }

    static final String[] MORSE = {".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-",
        ".-..", "--", "-.", "---", ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--", "--.."};
    static final String[] MORSE_DIGITS = {"-----", ".----", "..---", "...--", "....-", ".....", "-....", "--...",
        "---..", "----."};

    /** International Morse, letters one space apart, words {@code separator} apart. */
    static String morse(String s, String separator) {
        List<String> words = new ArrayList<>();
        for (String word : s.split(" ")) {
            List<String> codes = new ArrayList<>();
            for (char c : word.toUpperCase(Locale.ROOT).toCharArray()) {
                codes.add(c >= 'A' && c <= 'Z' ? MORSE[c - 'A'] : c >= '0' && c <= '9' ? MORSE_DIGITS[c - '0']
                        : switch (c) {
                            case '_' -> "..--.-";
                            case '-' -> "-....-";
                            case '=' -> "-...-";
                            case ':' -> "---...";
                            case '.' -> ".-.-.-";
                            default -> throw new IllegalArgumentException();
                        });
            }
            words.add(String.join(" ", codes));
        }
        return String.join(separator, words);
    }

    static final String[] NATO = {"alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform",
        "victor", "whiskey", "x-ray", "yankee", "zulu"};
    static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    /** Spelled out: NATO words for letters ({@code capital} before an upper-case one when {@code cased}), digits. */
    static String spelled(String s, String separator, boolean cased) {
        List<String> words = new ArrayList<>();
        for (char c : s.toCharArray()) {
            if (Character.isLetter(c)) {
                if (cased && Character.isUpperCase(c)) {
                    words.add("capital");
                }
                words.add(NATO[Character.toLowerCase(c) - 'a']);
            } else if (Character.isDigit(c)) {
                words.add(DIGITS[c - '0']);
            } else {
                words.add(switch (c) {
                    case '_' -> "underscore";
                    case '-' -> "dash";
                    case '=' -> "equals";
                    case '.' -> "dot";
                    default -> throw new IllegalArgumentException();
                });
            }
        }
        return String.join(separator, words);
    }

    static String braille(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            out.append((char) (0x2800 + (b & 0xff)));
        }
        return out.toString();
    }

    // ---- decimal and base36 ----

    @Test
    void aBigIntegerInDecimalOrBase36IsReadInAnyText() {
        assertThat(graph("n = " + bigInteger(TOKEN, 10))).containsExactly("decimal:" + TOKEN);
        assertThat(graph(bigInteger(KEYWORD, 10) + "\nnext line")).containsExactly("decimal:" + KEYWORD);
        assertThat(graph("k: " + bigInteger(TOKEN, 36) + " (base36)")).containsExactly("base36:" + TOKEN);
        assertThat(graph(bigInteger(KEYWORD, 36).toUpperCase(Locale.ROOT))).containsExactly("base36:" + KEYWORD);
        assertThat(graph("ssn " + bigInteger("SSN 078-05-1120", 10))).containsExactly("decimal:SSN 078-05-1120");
        String stripe = "sk_live_51p85DVJFBTGdCXRzZkLR3X038EjNV4tiTxJZR5t4SDWRNw6IdwJEjTfUQp9QPZY4";
        assertThat(graph("the value is " + bigInteger(stripe, 10))).containsExactly("decimal:" + stripe);
    }

    @Test
    void numbersAndIdsThatAreNoTextAreNotKept() {
        assertThat(graph("2026-12-06T14:23:13.123456789Z request 1733494993123456789 took 12 ms")).isEmpty();
        assertThat(graph("card 4111111111111111 order 90210 ts 1733494993123")).isEmpty();
        // 40 digits whose bytes are binary
        assertThat(graph("id=" + new BigInteger(1, new byte[] {1, 2, 3, (byte) 0x80, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16}).toString())).isEmpty();
        assertThat(graph("pi 3141592653589793238462643383279502884197169399375105")).isEmpty();
        // base36-looking ids, lower-case words joined, hex digests
        assertThat(graph("job k3j5h2g8f7d6s5a4q1w2e3r4t5y6u7i8 finished")).isEmpty();
        assertThat(graph("the averylongidentifierwithoutdigitsinit here")).isEmpty();
        assertThat(graph("sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).isEmpty();
        assertThat(Exotic.radixKind(utf8("0123456789012345678901234567890123"), 0, 34, null, 0, false)).isNull();
    }

    @Test
    void randomDigitRunsAreSeldomConverted() {
        java.util.Random random = new java.util.Random(7);
        int tried = 0;
        for (int n = 0; n < 2000; n++) {
            StringBuilder d = new StringBuilder().append((char) ('1' + random.nextInt(9)));
            for (int k = 0, len = 29 + random.nextInt(40); k < len; k++) {
                d.append((char) ('0' + random.nextInt(10)));
            }
            byte[] t = utf8(d.toString());
            tried += Exotic.startsLikeText(t, 0, t.length, 10) ? 1 : 0;
        }
        assertThat(tried).isLessThan(200); // about 5 %
        for (String s : List.of(TOKEN, KEYWORD, " leading space", "~tilde", "SSN 078-05-1120")) {
            for (int radix : new int[] {10, 36}) {
                byte[] t = utf8(bigInteger(s, radix));
                assertThat(Exotic.startsLikeText(t, 0, t.length, radix)).as(s).isTrue();
            }
        }
    }

    @Test
    void redactionThroughABigIntegerWritesANumberBack() {
        String secret = "key " + Fixtures.secret(101);
        Fixtures.redactAll(meta("application/json", null), DecodeGraphTest.chat("n = " + bigInteger(secret, 10)));
        Fixtures.redactAll(meta("application/json", null), DecodeGraphTest.chat(bigInteger(secret, 36)));
    }

    // ---- base45 and base91 ----

    @Test
    void base45ReadsRfc9285sExamples() {
        assertThat(base45("AB")).isEqualTo("BB8");
        assertThat(base45("Hello!!")).isEqualTo("%69 VD92EX0");
        assertThat(base45("base-45")).isEqualTo("UJCLQE7W581");
        assertThat(base45("ietf!")).isEqualTo("QED8WEX0");
        for (String[] ex : new String[][] {{"BB8", "AB"}, {"%69 VD92EX0", "Hello!!"}, {"UJCLQE7W581", "base-45"},
            {"QED8WEX0", "ietf!"}}) {
            byte[] t = utf8(ex[0]);
            assertThat(new String(Exotic.base45(t, 0, t.length), StandardCharsets.US_ASCII)).isEqualTo(ex[1]);
        }
        byte[] bad = utf8("GGW"); // 65535 + 1: RFC 9285 4.3
        assertThat(Exotic.base45(bad, 0, bad.length)).isNull();
        byte[] odd = utf8("ABCD");
        assertThat(Exotic.base45(odd, 0, odd.length)).isNull();
    }

    @Test
    void base91ReadsHenkesEncoding() {
        assertThat(base91("test")).isEqualTo("fPNKd");
        byte[] t = utf8(base91(TOKEN));
        assertThat(new String(Exotic.base91(t, 0, t.length), StandardCharsets.US_ASCII)).isEqualTo(TOKEN);
    }

    @Test
    void base45AndBase91AreReadAsATextsFirstOrLastStretch() {
        assertThat(graph(base45(TOKEN))).containsExactly("base45:" + TOKEN);
        assertThat(graph("qr payload: " + base45(KEYWORD))).contains("base45:" + KEYWORD);
        assertThat(graph(base45(TOKEN + "x") + " (decode before use)")).containsExactly("base45:" + TOKEN + "x");
        assertThat(graph(base91(TOKEN))).containsExactly("base91:" + TOKEN);
        assertThat(graph("blob " + base91(KEYWORD))).containsExactly("base91:" + KEYWORD);
        assertThat(graph(base91(KEYWORD) + " is the blob")).containsExactly("base91:" + KEYWORD);
    }

    @Test
    void upperCaseIdentifiersAndCodeAreNotBase45OrBase91() {
        assertThat(graph("ERROR: CONNECTION REFUSED BY HOST 10.0.0.1:5432")).isEmpty();
        assertThat(graph("MAX_RETRY_COUNT + DEFAULT_TIMEOUT_MS / 2")).isEmpty();
        assertThat(graph("SELECT * FROM USERS WHERE ID = 42")).isEmpty();
        assertThat(graph("{\"a\":[1,2,3],\"b\":{\"c\":\"d\"}}")).isEmpty();
        assertThat(graph("items[0].value > limit && (x | y) != z")).isEmpty();
        assertThat(graph("see https://example.com/a/b?c=d&e=f#g for details")).isEmpty();
    }

    @Test
    void toolCallArgumentsAndUrlsAreNotEvenTriedAsBase91() {
        for (String text : List.of("{\"path\":\"/tmp/Report.txt\",\"mode\":\"r\",\"limit\":[1,2]}",
                "[{\"Name\":\"a\"},{\"Name\":\"b\"}]", "https://api.Example.com/v1/Items?Id=42&Sort=Desc:asc")) {
            byte[] t = utf8(text);
            assertThat(Candidates.find(t, 0, t.length)).as(text)
                    .noneMatch(c -> c.kind() == Candidates.Kind.BASE91 || c.kind() == Candidates.Kind.BASE45);
        }
    }

    // ---- Morse, spelled words, Braille (after the scan's hint) ----

    @Test
    void morseIsReadInUpperAndLowerCase() {
        String m = morse("password=hunter2 ssn 078-05-1120", " / ");
        assertThat(codes("msg: " + m)).contains("morse:PASSWORD=HUNTER2 SSN 078-05-1120",
                "morse:password=hunter2 ssn 078-05-1120");
        assertThat(codes(morse("card 4111111111111111", "   "))).contains("morse:CARD 4111111111111111");
        assertThat(codes(morse("dop_v1_0123abcd", "/"))).contains("morse:dop_v1_0123abcd");
    }

    @Test
    void dotsAndDashesThatAreNoMorseAreNotRead() {
        assertThat(codes("-- . -- . -- . -- .")).isEmpty();
        assertThat(codes("----------------------------------------")).noneMatch(s -> s.startsWith("morse:"));
        assertThat(codes("| --- | --- | --- |\n| ... | ... | ... |")).isEmpty();
        assertThat(codes("usage: cmd -v --verbose -x ... -- -n")).isEmpty();
        assertThat(codes("loading... done. --- . . . ---")).isEmpty();
    }

    @Test
    void spelledDigitsAndNatoWordsAreRead() {
        assertThat(codes("card " + spelled("4111111111111111", " ", false)))
                .containsExactly("digit-words:4111111111111111");
        assertThat(codes(spelled("4111111111111111", ", ", false))).containsExactly("digit-words:4111111111111111");
        assertThat(codes(spelled("4111111111111111", "-", false))).containsExactly("digit-words:4111111111111111");
        assertThat(codes("ssn: " + spelled("078051120", " ", false).replace("zero", "oh")))
                .containsExactly("digit-words:078051120");
        assertThat(codes("key: " + spelled(TOKEN, " ", true))).containsExactly("nato:" + TOKEN);
        assertThat(codes(spelled("akiaiosfodnn7example", " ", false))).contains("nato:AKIAIOSFODNN7EXAMPLE",
                "nato:akiaiosfodnn7example");
    }

    @Test
    void proseWithNumberAndNatoWordsIsNoRun() {
        assertThat(codes("one or two of the three services, then four more, and five six seven")).isEmpty();
        assertThat(codes("Tower, Delta four two one, climb to flight level three five zero, contact")).isEmpty();
        assertThat(codes("the echo of the hotel in Lima was a victor over Yankee and Zulu teams")).isEmpty();
        assertThat(codes("one two three four five six seven")).isEmpty(); // seven words: under the minimum
    }

    @Test
    void brailleBytesAreRead() {
        assertThat(codes("x " + braille(KEYWORD) + " y")).containsExactly("braille:" + KEYWORD);
        assertThat(codes(braille(TOKEN))).containsExactly("braille:" + TOKEN);
        assertThat(codes("\u2813\u2811\u2807\u2807\u2815 world")).isEmpty(); // five: too short
        assertThat(codes("\u2800\u2801\u2802\u2803\u2804\u2805\u2806\u2807\u2808\u2809")).isEmpty(); // controls
    }

    @Test
    void eachStepIsNamedOnTheViewPathInAJsonString() {
        Map<String, String> views = decode(meta("application/json", null),
                DecodeGraphTest.chat("n = " + bigInteger(TOKEN, 10))).ok().views();
        assertThat(views.get("json:$.messages[0].content|decimal")).isEqualTo(TOKEN);
        views = decode(meta("application/json", null), DecodeGraphTest.chat(base91(TOKEN))).ok().views();
        assertThat(views.get("json:$.messages[0].content|base91")).isEqualTo(TOKEN);
    }

    @Test
    void aTextBodyThatEndsWithABigIntegerIsDecoded() {
        String body = "the value is " + bigInteger(TOKEN + "X51p85DVJFBTGdCXRzZkLR3X038EjNV4tiTxJZR5t4SD", 10);
        Map<String, String> views = decode(meta("text/plain; charset=utf-8", null), utf8(body)).ok().views();
        assertThat(views).containsKey("body|decimal");
    }

    @Test
    void theFastPathEqualsTheByteLoopOnTheseShapes() {
        List<String> texts = List.of("n = " + bigInteger(TOKEN, 10) + " and more prose after the number here",
                "k: " + bigInteger(TOKEN, 36) + " (base36) and some words to make it longer than sixty-four",
                base45(TOKEN) + " " + base45(KEYWORD) + " trailing words for a text over sixty four bytes",
                "lead words for a text over sixty four bytes long " + base91(KEYWORD),
                "2026-12-06T14:23:13.123456789Z request 1733494993123456789123456789 took 12 ms and so on");
        for (String s : texts) {
            byte[] t = utf8(s);
            assertThat(Candidates.find(t, 0, t.length)).as(s).isEqualTo(Candidates.findByteByByte(t, 0, t.length));
        }
    }
}
