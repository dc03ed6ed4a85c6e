package dev.sieve.dlp.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

/**
 * The text of a view as a detector should see it when an agent hides a value behind Unicode tricks: invisible
 * characters removed (zero-width U+200B..U+200D, U+2060, U+FEFF; bidi controls U+200E/U+200F, U+202A..U+202E,
 * U+2066..U+2069; the soft hyphen U+00AD), then NFKC (fullwidth digits and letters, mathematical alphanumerics,
 * ligatures, Roman numerals become plain ASCII), then Cyrillic, Greek, Armenian and IPA look-alikes of Latin letters
 * folded to those letters and Unicode hyphens and dashes to {@code -}, other scripts' decimal digits to ASCII digits,
 * and a symbol written as filler between every few characters removed ({@link #unfill}); combining marks left on ASCII characters
 * (strike-through text, "Zalgo" stacks) are dropped. Unicode tag characters, invisible copies of
 * ASCII that prompt injections hide text in, become that ASCII first, and bytes hidden as a run of variation
 * selectors after a character ("emoji smuggling", {@link #unselect}) become their text.
 *
 * <p>Folding applies only inside <em>mixed</em> tokens: a run of non-whitespace characters that holds at least one
 * ASCII letter or digit and at least one look-alike ({@code ghр_...} with a Cyrillic {@code р}). Words written
 * wholly in Cyrillic or Greek (Russian or Greek prose) are left as they are, so they cannot turn into Latin text
 * that a rule matches. The look-alike table is the small set that matters for credential alphabets; ICU4J's
 * {@code SpoofChecker} knows every confusable but is a 13 MB dependency for a table of a few dozen letters.
 *
 * <p>Cost: a view of pure ASCII bytes (nearly every view) is checked with one pass over its bytes and nothing
 * else happens. Only a view with non-ASCII bytes is decoded and normalised. Pure and thread-safe.
 */
final class TextNormalizer {

    /** Appended to a view path for the view of its normalised text: evidence that a finding needed normalising. */
    static final String SUFFIX = "|normalized";

    private TextNormalizer() {
    }

    /** The normalised text as UTF-8, or empty when the view is ASCII, not UTF-8, or normalising changes nothing. */
    static Optional<byte[]> normalize(ByteBuffer content) {
        int kind = asciiKind(content);
        if (kind == ASCII) {
            return Optional.empty();
        }
        if (kind == ASCII_WITH_ESCAPES) {
            String ascii = StandardCharsets.ISO_8859_1.decode(content.duplicate()).toString();
            String stripped = stripTerminalEscapes(ascii);
            return stripped.equals(ascii) ? Optional.empty() : Optional.of(stripped.getBytes(StandardCharsets.ISO_8859_1));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(content.duplicate()).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty(); // binary: no text to normalise (it is scanned as bytes already)
        }
        String normalized = normalize(text);
        return normalized.equals(text) ? Optional.empty() : Optional.of(normalized.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text} with invisibles removed, NFKC applied and look-alikes in mixed tokens folded. */
    static String normalize(String text) {
        String visible = stripDecorations(stripInvisible(unselect(untag(stripTerminalEscapes(text)))));
        String nfkc = Normalizer.isNormalized(visible, Normalizer.Form.NFKC)
                ? visible : Normalizer.normalize(visible, Normalizer.Form.NFKC);
        return unfill(foldDigits(foldMixedTokens(nfkc)));
    }

    /**
     * Decimal digits of other scripts (Arabic-Indic {@code ٥}, Extended Arabic-Indic, Devanagari {@code ५}, Bengali,
     * Thai and every other Unicode {@code Nd} digit NFKC leaves as it is) as ASCII digits: a card or identity number
     * written in them is the same number. Only the scanned view changes; prose around the digits stays.
     */
    static String foldDigits(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp >= 0x80 && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append((char) ('0' + Character.digit(cp, 10)));
            } else if (out != null) {
                out.append(text, i, i + n);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    /** Fewest times one filler symbol stands in a run before it is dropped. */
    static final int MIN_FILLERS = 8;
    /** Most characters between two fillers of a run. */
    private static final int MAX_PIECE = 3;

    /**
     * A symbol (emoji, pictograph, math sign: Unicode {@code So}, {@code Sm}, outside ASCII) written between every one
     * to {@value #MAX_PIECE} characters, {@value #MIN_FILLERS} or more times in a run ({@code GI🔒TH🔒UB🔒_T}), removed
     * with the variation selector after it: filler that breaks a value for the rules, not text. A symbol between
     * words ({@code a ★ review ★ of}) is never in such a run. ASCII separators ({@code s~k~_}) are read by the
     * decoding graph ({@code separated}).
     */
    static String unfill(String text) {
        int[] cps = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && (Character.isSurrogate(c) || filler(c))) {
                cps = text.codePoints().toArray();
                break;
            }
        }
        if (cps == null) {
            return text;
        }
        boolean[] drop = null;
        int k = 0;
        while (k < cps.length) {
            int s = cps[k];
            if (s < 0x80 || !filler(s)) {
                k++;
                continue;
            }
            // the run of s from k: s, 1..MAX_PIECE other characters, s, ...
            int count = 1;
            int last = k;
            int j = k + 1;
            while (true) {
                int piece = 0;
                int p = j;
                while (p < cps.length && cps[p] != s && piece <= MAX_PIECE) {
                    if (cps[p] != 0xFE0F) {
                        piece++;
                    }
                    p++;
                }
                if (p >= cps.length || cps[p] != s || piece == 0 || piece > MAX_PIECE) {
                    break;
                }
                count++;
                last = p;
                j = p + 1;
            }
            if (count >= MIN_FILLERS) {
                drop = drop == null ? new boolean[cps.length] : drop;
                for (int m = k; m <= last; m++) {
                    if (cps[m] == s) {
                        drop[m] = true;
                        if (m + 1 < cps.length && cps[m + 1] == 0xFE0F) {
                            drop[m + 1] = true;
                        }
                    }
                }
            }
            k = last + 1;
        }
        if (drop == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int m = 0; m < cps.length; m++) {
            if (!drop[m]) {
                out.appendCodePoint(cps[m]);
            }
        }
        return out.toString();
    }

    private static boolean filler(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL;
    }

    /**
     * Combining marks written after ASCII letters, digits and punctuation: strike-through and underline text (U+0336
     * after each character), "Zalgo" stacks, enclosing keycaps, and accents typed as separate marks. Removed before
     * NFKC (which would compose {@code g} and an acute into one letter and keep the marks stacked on it), so the
     * ASCII text a rule looks for is what is left; precomposed letters ({@code é}) and marks on other scripts
     * (Devanagari vowel signs, Hebrew points) are kept. This is the scanned view only; the body is not changed.
     */
    static String stripDecorations(String text) {
        int first = -1;
        for (int i = 1; i < text.length(); i++) {
            if (decoration(text.charAt(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        char base = text.charAt(first - 1);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (decoration(c) && base < 0x80) {
                continue; // on an ASCII base (or on a mark already dropped from one)
            }
            out.append(c);
            base = c;
        }
        return out.toString();
    }

    /** The combining-mark blocks decoration uses: diacriticals and their supplements, marks for symbols, half marks. */
    private static boolean decoration(char c) {
        return (c >= '\u0300' && c <= '\u036F') || (c >= '\u1AB0' && c <= '\u1AFF') || (c >= '\u1DC0' && c <= '\u1DFF')
                || (c >= '\u20D0' && c <= '\u20FF') || (c >= '\uFE20' && c <= '\uFE2F');
    }

    private static final int ASCII = 0;
    private static final int ASCII_WITH_ESCAPES = 1;
    private static final int NOT_ASCII = 2;

    /** {@link #ASCII}, {@link #ASCII_WITH_ESCAPES} (an ESC byte, as terminal output has) or {@link #NOT_ASCII}. */
    private static int asciiKind(ByteBuffer content) {
        int kind = ASCII;
        for (int i = content.position(), end = content.limit(); i < end; i++) {
            byte b = content.get(i);
            if (b < 0) {
                return NOT_ASCII;
            }
            if (b == ESC) {
                kind = ASCII_WITH_ESCAPES;
            }
        }
        return kind;
    }

    private static final char ESC = 0x1b;
    /** Longest escape sequence removed (parameters of a colour are a few characters; an OSC title some more). */
    private static final int MAX_ESCAPE = 256;

    /**
     * Terminal output's escape sequences removed ({@code grep --color=always}, {@code ls --color}, a {@code script} or
     * tmux capture): CSI ({@code ESC [ 01;31m}, {@code ESC [ K}: parameters, intermediates, a final byte), OSC
     * ({@code ESC ] 0;title BEL}, or ended by {@code ESC \}), character-set choices ({@code ESC ( B}) and the
     * two-character escapes ({@code ESC 7}, {@code ESC M}). A token coloured in the middle
     * ({@code ESC[01;31mghp_ESC[m...}) is one token again. A lone ESC, or one that starts no sequence, stays.
     */
    static String stripTerminalEscapes(String text) {
        int first = text.indexOf(ESC);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        int i = first;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = c == ESC ? escapeEnd(text, i) : -1;
            if (end < 0) {
                out.append(c);
                i++;
            } else {
                i = end;
            }
        }
        return out.toString();
    }

    /** Where the escape sequence starting at {@code text[i]} (an ESC) ends, or -1 when it starts none. */
    private static int escapeEnd(String text, int i) {
        int n = text.length();
        if (i + 1 >= n) {
            return -1;
        }
        char c = text.charAt(i + 1);
        if (c == '[') { // CSI
            int k = i + 2;
            while (k < n && k - i < MAX_ESCAPE && text.charAt(k) >= 0x20 && text.charAt(k) <= 0x3f) {
                k++;
            }
            return k < n && text.charAt(k) >= 0x40 && text.charAt(k) <= 0x7e ? k + 1 : -1;
        }
        if (c == ']') { // OSC, ended by BEL or ST
            for (int k = i + 2; k < n && k - i < MAX_ESCAPE; k++) {
                char d = text.charAt(k);
                if (d == 0x07) {
                    return k + 1;
                }
                if (d == ESC) {
                    return k + 1 < n && text.charAt(k + 1) == '\\' ? k + 2 : -1;
                }
            }
            return -1;
        }
        if (c == '(' || c == ')') {
            return i + 2 < n && text.charAt(i + 2) > 0x20 && text.charAt(i + 2) < 0x7f ? i + 3 : -1;
        }
        return (c >= 0x40 && c <= 0x5f) || (c >= '0' && c <= '9') || c == '=' || c == '>' ? i + 2 : -1;
    }

    static boolean isAscii(ByteBuffer content) {
        for (int i = content.position(), end = content.limit(); i < end; i++) {
            if (content.get(i) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Per BMP code point: 0 not known yet, 1 {@link #mayChange} false, 2 true. Racy writes of the same value. */
    private static final byte[] CHANGES = new byte[0x10000];

    /**
     * False only for a non-ASCII code point that normalising leaves as it is, and that leaves its neighbours as they
     * are, wherever it stands: not invisible, not a look-alike or dash that folding replaces, not a combining mark
     * (variation selectors aside) or Hangul jamo that composes with what precedes it, and its own NFKC form. Text in
     * which every non-ASCII character is such normalises to itself, byte for byte.
     */
    static boolean mayChange(int codePoint) {
        if (codePoint < 0x10000) {
            byte known = CHANGES[codePoint];
            if (known == 0) {
                known = computeMayChange(codePoint) ? (byte) 2 : (byte) 1;
                CHANGES[codePoint] = known;
            }
            return known == 2;
        }
        return computeMayChange(codePoint);
    }

    private static boolean computeMayChange(int cp) {
        if (cp < 0x80) {
            return false;
        }
        if (cp < 0x10000 && (isInvisible((char) cp) || latin((char) cp) != 0)) {
            return true;
        }
        if (cp >= 0xE0000 && cp <= 0xE007F) {
            return true; // tag characters: mapped to ASCII or removed (untag)
        }
        if (cp >= 0xe0100 && cp <= 0xe01ef) {
            return true; // supplementary variation selectors: bytes 16-255 hidden after a character (unselect)
        }
        if (cp >= 0xfe00 && cp <= 0xfe0f) {
            return false; // variation selectors: combine with nothing, NFKC keeps them (an emoji's U+FE0F)
        }
        int type = Character.getType(cp);
        if (type == Character.DECIMAL_DIGIT_NUMBER || filler(cp)) {
            return true; // folded to ASCII (foldDigits); dropped when it is filler (unfill)
        }
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || type == Character.SURROGATE || type == Character.UNASSIGNED
                || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xd7b0 && cp <= 0xd7ff)) {
            return true;
        }
        return !Normalizer.isNormalized(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
    }

    static boolean isInvisible(char c) {
        return c == '\u00AD' || (c >= '\u200B' && c <= '\u200F') || c == '\u2060' || c == '\uFEFF'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /**
     * Unicode tag characters (U+E0020..U+E007E) as the ASCII characters they mirror, and the language and cancel tags
     * (U+E0001, U+E007F) removed: text hidden from a reader in tags ("ASCII smuggling") is seen, and a flag emoji's
     * tag sequence becomes a few letters next to it. Tags are supplementary characters, so their high surrogate
     * (U+DB40) is looked for first.
     */
    private static String untag(String text) {
        int first = text.indexOf('\uDB40');
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp >= 0xE0020 && cp <= 0xE007E) {
                out.append((char) (cp - 0xE0000));
            } else if (cp != 0xE0001 && cp != 0xE007F) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Fewest variation selectors in a row read as hidden bytes (an emoji takes one). */
    static final int MIN_SELECTORS = 4;

    /**
     * Bytes hidden as variation selectors after a visible character ("emoji smuggling"): U+FE00..U+FE0F are bytes
     * 0..15, U+E0100..U+E01EF bytes 16..255. A run of {@value #MIN_SELECTORS} or more selectors whose bytes are
     * text (strict UTF-8, no control character but tab and line breaks) is replaced by that text; shorter runs (the
     * U+FE0F of an emoji) and runs of other bytes stay. Text hides in the supplementary selectors (every printable
     * byte is 16 or more), whose high surrogate (U+DB40) is looked for first.
     */
    static String unselect(String text) {
        int first = text.indexOf('\uDB40');
        if (first < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = Math.max(0, first - 1);
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int run = i;
            java.io.ByteArrayOutputStream bytes = null;
            while (run < text.length()) {
                int b = selectorByte(text.codePointAt(run));
                if (b < 0) {
                    break;
                }
                bytes = bytes == null ? new java.io.ByteArrayOutputStream() : bytes;
                bytes.write(b);
                run += Character.charCount(text.codePointAt(run));
            }
            if (bytes != null && bytes.size() >= MIN_SELECTORS) {
                String hidden = hiddenText(bytes.toByteArray());
                if (hidden != null) {
                    out = out == null ? new StringBuilder(text.length()) : out;
                    out.append(text, copied, i).append(hidden);
                    copied = run;
                }
            }
            i = run > i ? run : i + Character.charCount(cp);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The byte a variation selector hides, or -1 for any other code point. */
    private static int selectorByte(int cp) {
        if (cp >= 0xfe00 && cp <= 0xfe0f) {
            return cp - 0xfe00;
        }
        return cp >= 0xe0100 && cp <= 0xe01ef ? cp - 0xe0100 + 16 : -1;
    }

    /** {@code bytes} as text when they are strict UTF-8 without control characters (tab and line breaks aside). */
    private static String hiddenText(byte[] bytes) {
        for (byte b : bytes) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String stripInvisible(String text) {
        int first = 0;
        while (first < text.length() && !isInvisible(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isInvisible(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String foldMixedTokens(String text) {
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            boolean ascii = false;
            boolean lookAlike = false;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                char c = text.charAt(end);
                ascii |= c < 0x80 && Character.isLetterOrDigit(c);
                lookAlike |= latin(c) != 0;
                end++;
            }
            if (ascii && lookAlike) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                for (int k = i; k < end; k++) {
                    char latin = latin(text.charAt(k));
                    if (latin != 0) {
                        out.setCharAt(k, latin);
                    }
                }
            }
            i = end;
        }
        return out == null ? text : out.toString();
    }

    /**
     * Pairs of look-alike and Latin letter, from Unicode's confusables for the Latin alphabet: Cyrillic, Greek,
     * Armenian and IPA letters. Fullwidth forms, mathematical letters and Roman numerals need no entry (NFKC).
     */
    private static final String CONFUSABLES =
            // Cyrillic lower case, then upper case
            "аaеeоoрpсcуyхxіiјjѕsԁdһhԛqԝwӏlѡwьbгr"
            + "АAВBЕEКKМMНHОOРPСCТTХXІIЈJЅSУYԌGҮYЬbԜWԚQ"
            // Greek upper case, then lower case
            + "ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXϜFϹC"
            + "οoαaνvιiκkρpτtυuϲc"
            // Armenian
            + "оoսuոnօoհhցgքfՍUՕOՏS"
            // IPA
            + "ɡgɑaʀRɪIʏYɴNʜH";

    private static final char TABLE_START = 0x0250;
    private static final char[] TABLE = new char[0x0590 - TABLE_START];

    static {
        for (int k = 0; k < CONFUSABLES.length(); k += 2) {
            TABLE[CONFUSABLES.charAt(k) - TABLE_START] = CONFUSABLES.charAt(k + 1);
        }
    }

    /** The Latin letter {@code c} looks like, or 0. */
    static char latin(char c) {
        if (c >= '\u2010' && c <= '\u2015' || c == '\u2212') {
            return '-'; // hyphens, dashes and the minus sign, which NFKC leaves as they are
        }
        return c < TABLE_START || c - TABLE_START >= TABLE.length ? 0 : TABLE[c - TABLE_START];
    }
}
