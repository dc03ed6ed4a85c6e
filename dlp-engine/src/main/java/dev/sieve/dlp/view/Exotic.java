package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rare text encodings a red team walks a secret through (issue #11), found and read here so that {@link Candidates}
 * and {@link TextCodecs} only call in:
 * <ul>
 *   <li>{@code decimal} and {@code base36}: the secret's bytes as one big-endian integer (Python
 *       {@code int.from_bytes(s, 'big')}, JavaScript {@code BigInt(...).toString(36)}, {@code numpy.base_repr}),
 *       tested on the runs {@link Candidates#find}'s loop already classifies ({@link #radixKind});</li>
 *   <li>{@code base45} (RFC 9285) and {@code base91} (Joachim Henke's basE91): a text's first or last stretch only,
 *       as base85 is ({@link #ends});</li>
 *   <li>{@code morse}, {@code digit-words} and {@code nato}, and {@code braille} (U+2800 + byte): after the scan's
 *       hint ({@code CodeHints}), in {@link Candidates#findCodes} ({@link #codes}).</li>
 * </ul>
 * Every decoded value must be printable ASCII text ({@link #printable}): what ids, numbers and words decode to is not.
 * Decimal and base36 layers are re-encoded when redacted (one number again); the others are not rewritten (base45 and
 * base91 tokens are few, the rest are read after the scan, outside the tree rewriting walks): a redaction escalates
 * to block. The base45 and base91 decoders are written here: each is some thirty lines and no well-kept Java library
 * provides them.
 */
final class Exotic {

    private Exotic() {
    }

    // ---- decimal and base36: a big integer of the bytes ----

    /** Shortest decimal run read (12 bytes): above card numbers (19), timestamps (19 in ns) and ids of digits. */
    static final int MIN_DECIMAL = 30;
    /** Shortest base36 run read (about 15 bytes): above the ids and words that are runs of one case. */
    static final int MIN_BASE36 = 24;
    /** Longest decimal or base36 run read (the conversion is quadratic in the length). */
    static final int MAX_RADIX = 640;

    private static final int DIGITS = 1;
    private static final int LETTERS_AFTER_F = 2;

    /**
     * For a run {@code t[i, j)} of one character class that the loop of {@link Candidates#find} read and classified as
     * {@code kind} (null: nothing): {@link Candidates.Kind#DECIMAL} for {@value #MIN_DECIMAL}+ digits that are no hex
     * of text and do not start with 0, {@link Candidates.Kind#BASE36} for {@value #MIN_BASE36}+ digits and letters of
     * one case, with a letter after {@code f} (no hex) and a digit (no word), that nothing else claimed; else
     * {@code kind}. Called for runs of 16+ characters only; the test here is one comparison for all but long runs.
     *
     * @param letters whether the run holds upper-case letters ({@code 1}), lower-case ones ({@code 2}), both
     *                ({@code 3}) or none ({@code 0}); {@code other} whether it holds anything but letters and digits
     */
    static Candidates.Kind radixKind(byte[] t, int i, int j, Candidates.Kind kind, int letters, boolean other) {
        int length = j - i;
        if (length < MIN_BASE36 || length > MAX_RADIX || other || letters == 3 || kind == Candidates.Kind.HEX) {
            return kind;
        }
        if (letters == 0) {
            return length >= MIN_DECIMAL && t[i] != '0' && startsLikeText(t, i, j, 10) ? Candidates.Kind.DECIMAL : kind;
        }
        if (kind != null) {
            return kind;
        }
        int seen = 0;
        for (int k = i; k < j; k++) {
            int c = t[k] | 0x20;
            seen |= t[k] <= '9' ? DIGITS : c > 'f' ? LETTERS_AFTER_F : 0;
        }
        return seen == (DIGITS | LETTERS_AFTER_F) && t[i] != '0' && startsLikeText(t, i, j, 36) ? Candidates.Kind.BASE36
                : null;
    }

    private static final double LOG2_10 = Math.log(10) / Math.log(2);
    private static final double LOG2_36 = Math.log(36) / Math.log(2);

    /**
     * Whether the number written {@code t[i, j)} in {@code radix} (10 or 36) may be the bytes of text: its first three
     * bytes, worked out in floating point from its leading digits (no allocation), are printable ASCII (with a unit of
     * slack for rounding). A random number passes 5 % of the time, so order numbers, timestamps and ids are seldom
     * converted; the decimal of a text always passes.
     */
    static boolean startsLikeText(byte[] t, int i, int j, int radix) {
        int lead = Math.min(j - i, radix == 10 ? 15 : 10); // exact in a double
        double v = 0;
        for (int k = i; k < i + lead; k++) {
            int c = t[k];
            v = v * radix + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        double log2 = Math.log(v) / Math.log(2) + (j - i - lead) * (radix == 10 ? LOG2_10 : LOG2_36);
        int bytes = ((int) Math.floor(log2) + 1 + 7) / 8;
        if (bytes < 3) {
            return false;
        }
        long top = (long) Math.pow(2, log2 - 8.0 * (bytes - 3)); // the first three bytes
        for (int shift = 16; shift >= 0; shift -= 8) {
            long b = top >> shift & 0xff;
            if (b < 0x1f || b > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a run of digits only ({@code digits}) that is a hex candidate is a decimal one too: {@value #MIN_DECIMAL}
     * to {@value #MAX_RADIX} digits not starting with 0 (the decimal of text passes hex's test of text now and then).
     */
    static boolean decimalToo(byte[] t, int i, int j, boolean digits) {
        return digits && j - i >= MIN_DECIMAL && j - i <= MAX_RADIX && t[i] != '0' && startsLikeText(t, i, j, 10);
    }

    /** A decimal or base36 run's bytes, when they are printable text of 8 bytes or more; else null. */
    static TextCodecs.Decoded radix(byte[] t, int start, int end, int radix) {
        BigInteger n;
        try {
            n = new BigInteger(new String(t, start, end - start, StandardCharsets.ISO_8859_1), radix);
        } catch (NumberFormatException e) {
            return null;
        }
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        if (b.length < 8 || !printable(b)) {
            return null;
        }
        boolean upper = false;
        for (int k = start; k < end; k++) {
            upper |= t[k] >= 'A' && t[k] <= 'Z';
        }
        boolean upperCase = upper;
        TextCodecs.Style style = (before, after) -> {
            String s = new BigInteger(1, after).toString(radix);
            return (upperCase ? s.toUpperCase(Locale.ROOT) : s).getBytes(StandardCharsets.US_ASCII);
        };
        return new TextCodecs.Decoded(radix == 10 ? "decimal" : "base36", start, end, b, style);
    }

    /**
     * Printable ASCII (tab and line breaks too): a secret and the text around it are; what a number, an id or a
     * digest decodes to is not (a random byte is printable 39 % of the time).
     */
    static boolean printable(byte[] b) {
        for (byte x : b) {
            if ((x < 0x20 && x != '\t' && x != '\n' && x != '\r') || x >= 0x7f) {
                return false;
            }
        }
        return b.length > 0;
    }

    // ---- base45 and base91: a text's first or last stretch ----

    /** RFC 9285's alphabet. */
    static final String B45_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    /** basE91's alphabet (Joachim Henke). */
    static final String B91_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            + "!#$%&()*+,./:;<=>?@[]^_`{|}~\"";
    private static final byte[] B45 = values(B45_ALPHABET);
    private static final byte[] B91 = values(B91_ALPHABET);
    /** Shortest base45 or base91 stretch read (10 or more bytes). */
    static final int MIN_B45 = 16;
    static final int MAX_B45 = 4096;

    private static byte[] values(String alphabet) {
        byte[] v = new byte[256];
        java.util.Arrays.fill(v, (byte) -1);
        for (int k = 0; k < alphabet.length(); k++) {
            v[alphabet.charAt(k)] = (byte) k;
        }
        return v;
    }

    private static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /**
     * Base45 and base91 candidates at the ends of {@code t[from, to)}: the text's first and last white-space-delimited
     * token as base91 ({@link #base91Like}), and the stretch of base45 characters that starts or ends the text
     * ({@link #base45Like}; base45 writes spaces). A few byte comparisons for prose, whose first and last words have
     * lower-case letters (not base45) and no punctuation inside (not base91).
     */
    static List<Candidates.Candidate> ends(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int s = from;
        while (s < to && space(t[s])) {
            s++;
        }
        int e = to;
        while (e > s && space(t[e - 1])) {
            e--;
        }
        if (e - s < MIN_B45) {
            return out;
        }
        // base45: from the start, and back from the end
        int k = s;
        while (k < e && k - s <= MAX_B45 && B45[t[k] & 0xff] >= 0) {
            k++;
        }
        int k45 = k;
        while (k45 > s && t[k45 - 1] == ' ') {
            k45--; // a space before the prose after it: base45 never ends with one (its value 36 last is over 255)
        }
        if (base45Like(t, s, k45)) {
            out = Candidates.add(out, new Candidates.Candidate(s, k45, Candidates.Kind.BASE45));
        }
        if (k < e) {
            int j = e;
            while (j > k && e - j <= MAX_B45 && B45[t[j - 1] & 0xff] >= 0) {
                j--;
            }
            while (j < e && (space(t[j]) || t[j] == ':')) {
                j++; // a label's colon and the space after it
            }
            if (base45Like(t, j, e)) {
                out = Candidates.add(out, new Candidates.Candidate(j, e, Candidates.Kind.BASE45));
            }
        }
        // base91: the first token, and the last
        int first = s;
        while (first < e && first - s <= MAX_B45 && !space(t[first]) && B91[t[first] & 0xff] >= 0) {
            first++;
        }
        if ((first == e || space(t[first])) && base91Like(t, s, first)) {
            out = Candidates.add(out, new Candidates.Candidate(s, first, Candidates.Kind.BASE91));
        }
        if (first < e) {
            int j = e;
            while (j > first && e - j <= MAX_B45 && !space(t[j - 1]) && B91[t[j - 1] & 0xff] >= 0) {
                j--;
            }
            if (j > s && space(t[j - 1]) && base91Like(t, j, e)) {
                out = Candidates.add(out, new Candidates.Candidate(j, e, Candidates.Kind.BASE91));
            }
        }
        return out;
    }

    /**
     * Base45 of text may be {@code t[a, b)}: {@value #MIN_B45}+ characters, a length RFC 9285 allows (not 1 more than
     * a multiple of 3), upper-case letters, and a character neither base32 nor hex has (a space or one of
     * {@code $%*+-./:}, or a digit 0, 1, 8, 9 with letters after F). Upper-case identifiers fail the last tests or
     * decode to bytes that are not text.
     */
    static boolean base45Like(byte[] t, int a, int b) {
        if (b - a < MIN_B45 || b - a > MAX_B45 || (b - a) % 3 == 1 || space(t[b - 1])) {
            return false;
        }
        boolean letter = false;
        boolean punctuation = false;
        for (int k = a; k < b; k++) {
            int v = B45[t[k] & 0xff];
            letter |= v >= 10 && v < 36;
            punctuation |= v >= 36;
        }
        return letter && punctuation;
    }

    /**
     * Base91 of text may be the token {@code t[a, b)}: {@value #MIN_B45}+ characters of basE91's alphabet, letters of
     * both cases, and two or more of the punctuation marks base64 lacks, one in eight characters or more (base91 has
     * one in four: 25 of its 91 characters). Not a JSON object or array (a tool call's arguments, which is all in the
     * alphabet) nor a URL: those would be decoded only to be dropped.
     */
    static boolean base91Like(byte[] t, int a, int b) {
        if (b - a < MIN_B45 || b - a > MAX_B45 || t[a] == '{' || t[a] == '[') {
            return false;
        }
        int marks = 0;
        boolean upper = false;
        boolean lower = false;
        for (int k = a; k < b; k++) {
            byte c = t[k];
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            marks += B91[c & 0xff] >= 62 && c != '+' && c != '/' && c != '=' && c != '_' ? 1 : 0;
            if (c == ':' && k + 2 < b && t[k + 1] == '/' && t[k + 2] == '/') {
                return false; // a URL
            }
        }
        return upper && lower && marks >= 2 && marks * 8 >= b - a;
    }

    /** RFC 9285: three characters (c + 45 d + 45² e) are two bytes, a last two (c + 45 d) one byte; else null. */
    static byte[] base45(byte[] t, int a, int b) {
        if ((b - a) % 3 == 1) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((b - a) * 2 / 3);
        for (int k = a; k < b; k += 3) {
            int c = B45[t[k] & 0xff];
            int d = B45[t[k + 1] & 0xff];
            if (c < 0 || d < 0) {
                return null;
            }
            if (k + 2 < b) {
                int e = B45[t[k + 2] & 0xff];
                int n = e < 0 ? -1 : c + 45 * d + 45 * 45 * e;
                if (n < 0 || n > 0xffff) {
                    return null;
                }
                out.write(n >> 8);
                out.write(n & 0xff);
            } else {
                int n = c + 45 * d;
                if (n > 0xff) {
                    return null;
                }
                out.write(n);
            }
        }
        return out.toByteArray();
    }

    /** basE91 as Henke's reference decoder reads it: 13 or 14 bits from each pair of characters; null on others. */
    static byte[] base91(byte[] t, int a, int b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((b - a) * 14 / 16 + 1);
        int v = -1;
        int queue = 0;
        int bits = 0;
        for (int k = a; k < b; k++) {
            int d = B91[t[k] & 0xff];
            if (d < 0) {
                return null;
            }
            if (v < 0) {
                v = d;
                continue;
            }
            v += d * 91;
            queue |= v << bits;
            bits += (v & 8191) > 88 ? 13 : 14;
            do {
                out.write(queue & 0xff);
                queue >>>= 8;
                bits -= 8;
            } while (bits > 7);
            v = -1;
        }
        if (v >= 0) {
            out.write((queue | v << bits) & 0xff);
        }
        return out.toByteArray();
    }

    static TextCodecs.Decoded base45Decoded(byte[] t, int a, int b) {
        return printableOrNull("base45", a, b, base45(t, a, b));
    }

    static TextCodecs.Decoded base91Decoded(byte[] t, int a, int b) {
        return printableOrNull("base91", a, b, base91(t, a, b));
    }

    /** Why base45, base91 and the hinted layers below are not rewritten. */
    static final String NOT_REWRITTEN_REASON = "text decoded from base45, base91, Morse, spelled words or Braille is"
            + " not rewritten";

    static final TextCodecs.Style NOT_REWRITTEN = (before, after) -> {
        throw new CannotRewriteException("", NOT_REWRITTEN_REASON);
    };

    private static TextCodecs.Decoded printableOrNull(String step, int a, int b, byte[] bytes) {
        return bytes == null || bytes.length < 8 || !printable(bytes) ? null
                : new TextCodecs.Decoded(step, a, b, bytes, NOT_REWRITTEN);
    }

    // ---- after the scan's hint: Morse, spelled words, Braille ----

    /** Fewest dots and dashes in a Morse run read. */
    static final int MIN_MORSE = 20;
    /** Fewest words in a spelled-out run read (digit words or the NATO alphabet). */
    static final int MIN_WORDS = 8;
    /** Fewest Braille patterns in a run read. */
    static final int MIN_BRAILLE = 8;

    /** International Morse: letters, digits and the marks a secret needs; code to character. */
    private static final Map<String, Character> MORSE = new HashMap<>();

    static {
        String[] codes = {".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-", ".-..", "--",
            "-.", "---", ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--", "--.."};
        for (int k = 0; k < 26; k++) {
            MORSE.put(codes[k], (char) ('A' + k));
        }
        String[] digits = {"-----", ".----", "..---", "...--", "....-", ".....", "-....", "--...", "---..", "----."};
        for (int k = 0; k < 10; k++) {
            MORSE.put(digits[k], (char) ('0' + k));
        }
        String[][] marks = {{".-.-.-", "."}, {"--..--", ","}, {"..--..", "?"}, {".----.", "'"}, {"-.-.--", "!"},
            {"-..-.", "/"}, {"-.--.", "("}, {"-.--.-", ")"}, {".-...", "&"}, {"---...", ":"}, {"-.-.-.", ";"},
            {"-...-", "="}, {".-.-.", "+"}, {"-....-", "-"}, {"..--.-", "_"}, {".-..-.", "\""}, {"...-..-", "$"},
            {".--.-.", "@"}};
        for (String[] m : marks) {
            MORSE.put(m[0], m[1].charAt(0));
        }
    }

    /** Spelled words: digits, the NATO alphabet (both spellings) and the marks a secret needs; word to character. */
    private static final Map<String, Character> WORDS = new HashMap<>();
    private static final int MAX_WORD = 11;

    static {
        String[] digits = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        for (int k = 0; k < 10; k++) {
            WORDS.put(digits[k], (char) ('0' + k));
        }
        WORDS.put("oh", '0');
        WORDS.put("niner", '9');
        String[] nato = {"alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
            "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform",
            "victor", "whiskey", "xray", "yankee", "zulu"};
        for (int k = 0; k < 26; k++) {
            WORDS.put(nato[k], (char) ('a' + k));
        }
        WORDS.put("alpha", 'a');
        WORDS.put("juliet", 'j');
        WORDS.put("whisky", 'w');
        String[][] marks = {{"underscore", "_"}, {"dash", "-"}, {"hyphen", "-"}, {"minus", "-"}, {"dot", "."},
            {"period", "."}, {"point", "."}, {"equals", "="}, {"colon", ":"}, {"slash", "/"}, {"plus", "+"},
            {"at", "@"}, {"space", " "}};
        for (String[] m : marks) {
            WORDS.put(m[0], m[1].charAt(0));
        }
    }

    /** Case prefixes of spelled words: the next letter is upper-case. */
    private static boolean capital(String w) {
        return w.equals("capital") || w.equals("upper") || w.equals("uppercase") || w.equals("cap");
    }

    /**
     * Morse runs, spelled-word runs and Braille runs in {@code t[from, to)}, read after the scan's hint (so only in
     * views that hold one of their shapes). Morse and NATO runs without a case prefix become two candidates: upper
     * case ({@code arg} 0, as Morse is written) and lower case ({@code arg} 1, for the tokens rules match in lower
     * case); a vendor token of mixed case does not survive them.
     */
    static List<Candidates.Candidate> codes(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int i = from;
        while (i < to) {
            byte b = t[i];
            if ((b == '.' || b == '-') && (i == from || !visibleNonMorse(t[i - 1]))) {
                int e = morseEnd(t, i, to);
                if (e > 0) {
                    out = Candidates.add(out, new Candidates.Candidate(i, e, Candidates.Kind.MORSE, 0));
                    out = Candidates.add(out, new Candidates.Candidate(i, e, Candidates.Kind.MORSE, 1));
                    i = e;
                    continue;
                }
            } else if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z' && (i == from || !letter(t[i - 1]))) {
                long r = wordsEnd(t, i, to);
                if (r != 0) {
                    int e = (int) (r >>> 2);
                    if ((r & 1) == 0) {
                        out = Candidates.add(out, new Candidates.Candidate(i, e, Candidates.Kind.WORDS, 0));
                    }
                    out = Candidates.add(out, new Candidates.Candidate(i, e, Candidates.Kind.WORDS, 1));
                    i = e;
                    continue;
                }
                while (i < to && letter(t[i])) {
                    i++; // the rest of the word
                }
                continue;
            } else if ((b & 0xff) == 0xE2 && i + 2 < to && (t[i + 1] & 0xfc) == 0xA0) {
                int e = i;
                while (e + 2 < to && (t[e] & 0xff) == 0xE2 && (t[e + 1] & 0xfc) == 0xA0 && (t[e + 2] & 0xc0) == 0x80) {
                    e += 3;
                }
                if ((e - i) / 3 >= MIN_BRAILLE) {
                    out = Candidates.add(out, new Candidates.Candidate(i, e, Candidates.Kind.BRAILLE));
                }
                i = Math.max(e, i + 1);
                continue;
            }
            i++;
        }
        return out;
    }

    private static boolean letter(byte b) {
        return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
    }

    /** A visible character that is no part of Morse (a run starts after white space, a quote or a bracket). */
    private static boolean visibleNonMorse(byte b) {
        return b > ' ' && b < 0x7f && b != '.' && b != '-' && b != '/' && b != '"' && b != '\'' && b != '('
                && b != '[' && b != ':' && b != '=' && b != '`';
    }

    /**
     * The end of the Morse run at {@code i}, or -1: groups of one to seven dots and dashes, one space apart within a
     * word, three spaces or a {@code /} (with spaces around it or not) between words, {@value #MIN_MORSE}+ dots and
     * dashes in all, every group a code of {@link #MORSE}, and both dots and dashes. A line of {@code -- . -- .}
     * art is too short or is no Morse of anything.
     */
    static int morseEnd(byte[] t, int i, int to) {
        int k = i;
        int symbols = 0;
        int groups = 0;
        int end = -1;
        boolean dot = false;
        boolean dash = false;
        while (k < to) {
            int g = k;
            while (k < to && (t[k] == '.' || t[k] == '-')) {
                dot |= t[k] == '.';
                dash |= t[k] == '-';
                k++;
            }
            if (k == g || k - g > 7 || !MORSE.containsKey(new String(t, g, k - g, StandardCharsets.ISO_8859_1))) {
                k = g;
                break;
            }
            symbols += k - g;
            groups++;
            end = k;
            int s = k;
            while (s < to && t[s] == ' ' && s - k < 3) {
                s++;
            }
            if (s < to && t[s] == '/') {
                s++;
                while (s < to && t[s] == ' ' && s - k < 6) {
                    s++;
                }
            }
            if (s == k || s >= to || (t[s] != '.' && t[s] != '-')) {
                break;
            }
            k = s;
        }
        if (end > 0 && end < to && t[end] > ' ' && t[end] < 0x7f && !trailing(t[end])) {
            return -1; // glued to a word: no Morse
        }
        return symbols >= MIN_MORSE && groups >= 5 && dot && dash ? end : -1;
    }

    private static boolean trailing(byte b) {
        return b == '"' || b == '\'' || b == ',' || b == ';' || b == ')' || b == ']' || b == '}' || b == '`';
    }

    static TextCodecs.Decoded morse(byte[] t, int a, int b, boolean lower) {
        StringBuilder out = new StringBuilder((b - a) / 3);
        int k = a;
        while (k < b) {
            int g = k;
            while (k < b && (t[k] == '.' || t[k] == '-')) {
                k++;
            }
            Character c = MORSE.get(new String(t, g, k - g, StandardCharsets.ISO_8859_1));
            if (c == null) {
                return null;
            }
            out.append(lower ? Character.toLowerCase(c) : c);
            int s = k;
            while (s < b && (t[s] == ' ' || t[s] == '/')) {
                s++;
            }
            if (s - k >= 3 || (s > k && new String(t, k, s - k, StandardCharsets.ISO_8859_1).indexOf('/') >= 0)) {
                out.append(' ');
            }
            k = s;
        }
        return printableOrNull("morse", a, b, out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The end of the spelled-word run at {@code i} ({@link #WORDS}, and case prefixes), shifted left by 2, or'ed with 1
     * when a case prefix was seen; 0 when fewer than {@value #MIN_WORDS} words. Words are one to three spaces, commas
     * or hyphens apart. The first word must be one (ordinary words end the look at once).
     */
    static long wordsEnd(byte[] t, int i, int to) {
        int k = i;
        int words = 0;
        int end = -1;
        boolean cased = false;
        while (k < to) {
            int w = k;
            while (k < to && k - w <= MAX_WORD && letter(t[k])) {
                k++;
            }
            if (k - w == 1 && (t[w] | 0x20) == 'x' && k + 4 <= to && t[k] == '-' && (t[k + 1] | 0x20) == 'r'
                    && (t[k + 2] | 0x20) == 'a' && (t[k + 3] | 0x20) == 'y') {
                k += 4; // x-ray
            }
            if (k - w < 2 || k - w > MAX_WORD || (k < to && (t[k] & 0xff) > ' ' && t[k] != ',' && t[k] != '-'
                    && !trailing(t[k]) && t[k] != '.')) {
                break;
            }
            String word = new String(t, w, k - w, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (capital(word)) {
                cased = true;
            } else if (WORDS.containsKey(word) || word.equals("x-ray")) {
                words++;
            } else {
                break;
            }
            end = k;
            int s = k;
            while (s < to && s - k < 3 && (t[s] == ' ' || t[s] == ',' || t[s] == '-')) {
                s++;
            }
            if (s == k || s >= to || !letter(t[s])) {
                break;
            }
            k = s;
        }
        return words >= MIN_WORDS ? (long) end << 2 | (cased ? 1 : 0) : 0;
    }

    static TextCodecs.Decoded words(byte[] t, int a, int b, boolean lower) {
        StringBuilder out = new StringBuilder(16);
        boolean nato = false;
        boolean upperNext = false;
        int k = a;
        while (k < b) {
            int w = k;
            while (k < b && letter(t[k])) {
                k++;
            }
            String word = new String(t, w, k - w, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (word.equals("x") && k + 4 <= b && t[k] == '-'
                    && new String(t, k + 1, 3, StandardCharsets.ISO_8859_1).equalsIgnoreCase("ray")) {
                word = "xray"; // x-ray
                k += 4;
            }
            if (capital(word)) {
                upperNext = true;
            } else {
                Character c = WORDS.get(word);
                if (c == null) {
                    return null;
                }
                if (Character.isLetter(c)) {
                    nato = true;
                    c = upperNext || !lower ? Character.toUpperCase(c) : c;
                }
                out.append((char) c);
                upperNext = false;
            }
            while (k < b && !letter(t[k])) {
                k++;
            }
        }
        if (!nato && !lower) {
            return null; // digits only: the lower-case reading is the same text
        }
        return printableOrNull(nato ? "nato" : "digit-words", a, b, out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Braille patterns as bytes: the low 8 bits of each code point ({@code chr(0x2800 + b)}). */
    static TextCodecs.Decoded braille(byte[] t, int a, int b) {
        byte[] out = new byte[(b - a) / 3];
        for (int k = 0; k < out.length; k++) {
            out[k] = (byte) ((t[a + 3 * k + 1] & 0x03) << 6 | (t[a + 3 * k + 2] & 0x3f));
        }
        return out.length < MIN_BRAILLE || !Plausible.text(out) ? null
                : new TextCodecs.Decoded("braille", a, b, out, NOT_REWRITTEN);
    }
}
