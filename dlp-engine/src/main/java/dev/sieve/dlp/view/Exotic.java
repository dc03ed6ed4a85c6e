package dev.sieve.dlp.view;

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
 *       tested only on runs the loop of {@link Candidates#find} has already read and found to be digits only
 *       ({@link #decimal}), or digits and letters of one case that nothing else claimed ({@link #base36});</li>
 *   <li>{@code morse}, {@code digit-words} and {@code nato}, and {@code braille} (U+2800 + byte): after the scan's
 *       hint ({@code CodeHints}), in {@link Candidates#findCodes} ({@link #codes}).</li>
 * </ul>
 * Every decoded value must be printable ASCII text ({@link #printable}): what ids, numbers and words decode to is not.
 * Decimal and base36 layers are re-encoded when redacted (one number again); the others are read after the scan,
 * outside the tree rewriting walks, and are not rewritten: a redaction escalates to block.
 *
 * <p>RFC 9285 base45 and basE91 are not read. Neither has a mark of its own that the scan could anchor on, and
 * looking for them at the first and last stretch of every text (as base85 is) cost about 8 % of the decoding of clean
 * agent JSON: the cost of every request for an encoding no agent writes by accident.
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

    /**
     * Whether the run {@code t[i, j)}, digits only (the loop of {@link Candidates#find} knows), may be the decimal of
     * text: {@value #MIN_DECIMAL} to {@value #MAX_RADIX} digits, not starting with 0, whose first bytes are printable
     * ({@link #startsLikeText}). Called for runs of digits only, so the common runs cost the loop one comparison.
     */
    static boolean decimal(byte[] t, int i, int j) {
        return j - i >= MIN_DECIMAL && j - i <= MAX_RADIX && t[i] != '0' && startsLikeText(t, i, j, 10);
    }

    /**
     * Whether the run {@code t[i, j)}, digits and letters of one case with a letter after {@code f} (no hex: the loop
     * knows), that nothing else claimed, may be the base36 of text: {@value #MIN_BASE36} to {@value #MAX_RADIX}
     * characters, a digit among them (no word), not starting with 0, whose first bytes are printable.
     */
    static boolean base36(byte[] t, int i, int j) {
        if (j - i < MIN_BASE36 || j - i > MAX_RADIX || t[i] == '0') {
            return false;
        }
        int k = i;
        while (k < j && t[k] > '9') {
            k++;
        }
        return k < j && startsLikeText(t, i, j, 36);
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

    /** Why the hinted layers below are not rewritten. */
    static final String NOT_REWRITTEN_REASON = "text decoded from Morse, spelled words or Braille is not rewritten";

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
            int sym = symbolToken(t, k, to);
            if (sym > 0 && words > 0) {
                end = k + 1; // a mark written as itself between the words ({@code golf hotel papa _ alfa})
                int s = sym;
                if (s >= to || !letter(t[s])) {
                    break;
                }
                k = s;
                continue;
            }
            int w = k;
            while (k < to && k - w <= MAX_WORD && letter(t[k])) {
                k++;
            }
            if (k - w == 1 && (t[w] | 0x20) == 'x' && k + 4 <= to && t[k] == '-' && (t[k + 1] | 0x20) == 'r'
                    && (t[k + 2] | 0x20) == 'a' && (t[k + 3] | 0x20) == 'y') {
                k += 4; // x-ray
            }
            int mark = k < to && t[k] == '(' ? caseMarkEnd(t, k, to) : -1;
            if (k - w < 2 || k - w > MAX_WORD || (mark < 0 && k < to && (t[k] & 0xff) > ' ' && t[k] != ','
                    && t[k] != '-' && !trailing(t[k]) && t[k] != '.')) {
                break;
            }
            String word = new String(t, w, k - w, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (mark > 0) {
                if (!word.equals("x-ray") && (!WORDS.containsKey(word) || !Character.isLetter(WORDS.get(word)))) {
                    break;
                }
                cased = true;
                k = mark; // Zulu(lower): the word's case written after it
            }
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
            if (s > k && t[s - 1] == ' ' && symbolToken(t, s, to) > 0) {
                k = s;
                continue;
            }
            if (s == k || s >= to || !letter(t[s])) {
                break;
            }
            k = s;
        }
        return words >= MIN_WORDS ? (long) end << 2 | (cased ? 1 : 0) : 0;
    }

    /**
     * A mark written as itself between spelled words ({@code _ = : / # . @ + - ~}), a space before it (the caller
     * looks) and a space after it: the position of the next word, or -1.
     */
    private static int symbolToken(byte[] t, int k, int to) {
        if (k + 2 >= to || t[k + 1] != ' ' || SYMBOLS.indexOf(t[k]) < 0) {
            return -1;
        }
        return letter(t[k + 2]) ? k + 2 : -1;
    }

    /** Marks a spelled run may write as themselves, one a token. */
    private static final String SYMBOLS = "_=:/#.@+-~";

    /** The end of a case mark after a spelled word ({@code (lower)}, {@code (upper)}, {@code (caps)}) at {@code k}, or -1. */
    private static int caseMarkEnd(byte[] t, int k, int to) {
        int e = k + 1;
        while (e < to && e - k <= 10 && letter(t[e])) {
            e++;
        }
        if (e >= to || t[e] != ')') {
            return -1;
        }
        String m = new String(t, k + 1, e - k - 1, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return lowerMark(m) || capital(m) || m.equals("caps") ? e + 1 : -1;
    }

    private static boolean lowerMark(String m) {
        return m.equals("lower") || m.equals("lowercase") || m.equals("small") || m.equals("lc");
    }

    static TextCodecs.Decoded words(byte[] t, int a, int b, boolean lower) {
        StringBuilder out = new StringBuilder(16);
        boolean nato = false;
        boolean upperNext = false;
        // words marked (lower) after them: the others are upper case; words marked (upper): the others lower
        String range = new String(t, a, b - a, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        boolean marksLower = range.contains("(lower") || range.contains("(small)") || range.contains("(lc)");
        int k = a;
        while (k < b) {
            if (SYMBOLS.indexOf(t[k]) >= 0) { // a mark written as itself (the loop below stops only at those)
                out.append((char) t[k]);
                k++;
                while (k < b && !letter(t[k])) {
                    k++;
                }
                continue;
            }
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
            int mark = k < b && t[k] == '(' ? caseMarkEnd(t, k, b) : -1;
            if (capital(word)) {
                upperNext = true;
            } else {
                Character c = WORDS.get(word);
                if (c == null) {
                    return null;
                }
                if (Character.isLetter(c)) {
                    nato = true;
                    if (mark > 0) {
                        boolean low = lowerMark(new String(t, k + 1, mark - k - 2, StandardCharsets.ISO_8859_1)
                                .toLowerCase(Locale.ROOT));
                        c = low ? c : Character.toUpperCase(c);
                    } else {
                        c = upperNext || !lower || marksLower ? Character.toUpperCase(c) : c;
                    }
                }
                out.append((char) c);
                upperNext = false;
            }
            if (mark > 0) {
                k = mark;
            }
            while (k < b && !letter(t[k]) && !(t[k - 1] == ' ' && SYMBOLS.indexOf(t[k]) >= 0
                    && (k + 1 == b || t[k + 1] == ' '))) {
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
