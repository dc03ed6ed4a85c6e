package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static dev.sieve.dlp.view.RadixDecodersTest.codes;
import static dev.sieve.dlp.view.RadixDecodersTest.graph;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exotic decoders ({@link Exotic}): big integers in decimal and base 36, Morse, spelled digits and the NATO
 * alphabet, Braille patterns as bytes. Each finds its encoding of a synthetic secret, and nothing in ordinary text of
 * the same shape (long numbers in logs, ids, ASCII art, prose with number words and NATO words that are no run).
 */
class ExoticDecodersTest {

    static final String TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    static final String KEYWORD = "password=Hunter2Hunter2";

    /** Python's {@code int.from_bytes(s.encode(), 'big')} in {@code radix}. */
    static String bigInteger(String s, int radix) {
        return new BigInteger(1, utf8(s)).toString(radix);
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
        assertThat(Exotic.decimal(utf8("0123456789012345678901234567890123"), 0, 34)).isFalse();
        assertThat(Exotic.base36(utf8("k3j5h2g8f7d6s5a4q1w2e3r4t5y6u7i8"), 0, 32)).isFalse();
        assertThat(Exotic.base36(utf8("averylongidentifierwithoutdigitsinit"), 0, 36)).isFalse();
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

    /** NATO words upper case by default, {@code (lower)} after a lower-case letter's word, marks as themselves. */
    static String spelledWithCaseMarks(String s) {
        List<String> words = new ArrayList<>();
        for (char c : s.toCharArray()) {
            if (Character.isLetter(c)) {
                String w = NATO[Character.toLowerCase(c) - 'a'];
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                words.add(Character.isLowerCase(c) ? w + "(lower)" : w);
            } else if (Character.isDigit(c)) {
                words.add(DIGITS[c - '0']);
            } else {
                words.add(c == ' ' ? "space" : String.valueOf(c));
            }
        }
        return String.join(" ", words);
    }

    @Test
    void natoWordsWithCaseMarksAfterThemAndMarksWrittenAsThemselvesAreRead() {
        String mixed = "Tk_live_" + "x9Q2mZ7pLr4Vw8Ks"; // synthetic, mixed case
        assertThat(codes(spelledWithCaseMarks(mixed))).containsExactly("nato:" + mixed);
        assertThat(codes("note: " + spelledWithCaseMarks("SSN: 214-55-0187"))).contains("nato:SSN: 214-55-0187");
        assertThat(codes(spelledWithCaseMarks("a=b/c#d") + " " + spelledWithCaseMarks("Kx9Q2mZ7")))
                .containsExactly("nato:a=b/c#dKx9Q2mZ7"); // words one space apart: no space
    }

    @Test
    void caseMarksAndLoneMarksInProseAreNoRun() {
        assertThat(codes("Delta(lower) fares : Echo(upper) results _ check the hotel")).isEmpty();
        assertThat(codes("alfa bravo charlie (lower) : delta echo")).isEmpty();
        assertThat(codes("Papa(lower) Mike(lower) - Alfa _ Zulu # three")).isEmpty(); // six words: under the minimum
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
        views = decode(meta("application/json", null), DecodeGraphTest.chat(bigInteger(TOKEN, 36))).ok().views();
        assertThat(views.get("json:$.messages[0].content|base36")).isEqualTo(TOKEN);
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
                "K: " + bigInteger(KEYWORD, 36).toUpperCase(Locale.ROOT) + "\nand a second line of words after it",
                "lead words for a text over sixty four bytes long " + bigInteger(KEYWORD, 10) + "\n",
                "2026-12-06T14:23:13.123456789Z request 1733494993123456789123456789 took 12 ms and so on");
        for (String s : texts) {
            byte[] t = utf8(s);
            assertThat(Candidates.find(t, 0, t.length)).as(s).isEqualTo(Candidates.findByteByByte(t, 0, t.length));
        }
    }
}
