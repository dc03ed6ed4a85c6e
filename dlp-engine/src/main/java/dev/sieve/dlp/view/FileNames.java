package dev.sieve.dlp.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * File names whose words are glued together: {@code w2_408-75-6753_2025.pdf}, {@code stmt4899459024915781final.pdf},
 * {@code stmtKP456643Dfinal.pdf}. The rules anchor on word boundaries, and {@code _} and letters are word characters,
 * so a number glued into a file name that way is no value of its own to them. Such a name is read once more with its
 * words apart ({@code |split-name}: {@code w2 408-75-6753}, a line break, {@code 2025.pdf}), and
 * the rules' validators (SSN ranges, Luhn, IBAN mod 97, NINO prefixes) decide, as they do anywhere.
 *
 * <p>What is a file name: a token of letters, digits, {@code _} and {@code -} before a dot and an extension of 2 to 5
 * letters and digits (starting with a letter) that ends the token, holding a value run glued to a {@code _} or a lower-case letter: a value run is upper-case letters and digits
 * (single {@code -} inside) with {@value #MIN_DIGITS} or more digits, the shape of every number and code the
 * validators check. The name is read with {@code _} as a space, a space between a lower-case letter and the value
 * run after it, and a line break after a value run that more of the name follows (a space there would let a rule
 * that reads groups a space apart, an IBAN's, take the next number as a group of the value); nothing is split inside a run (an IBAN, a NINO, a dashed SSN stay whole), and a name's
 * lower-case words and short numbers stay as written ({@code w2}, {@code v3}). Only the
 * names the graph reads are tried: header values, the URL path, query and form values, multipart file names, JSON
 * strings, text. A name must end where names end ({@link #ENDS_NAME}: not {@code x.get(}), and its value run must be
 * worth reading ({@link #worthReading}): a date or a version is not. Never rewritten: a redaction there escalates to block.
 */
final class FileNames {

    static final String STEP = "split-name";
    /** Digits a glued name must hold to be worth splitting: the shortest value read out of one (a NINO) has six. */
    static final int MIN_DIGITS = 6;
    private static final int MAX_EXTENSION = 5;
    /** Longest stem looked at: a file name, not a blob of base64 with a dot after it. */
    private static final int MAX_STEM = 128;

    private FileNames() {
    }

    /**
     * The glued file names in {@code t[from, to)}, or null when there is none. {@code chars}, when not null, is
     * {@code t[from, to)} as a string of one char per byte: the dots are then found with {@link String#indexOf(int,
     * int)}, which the JDK runs with vector instructions (a byte loop over every text the graph reads cost the decode
     * and scan of agent JSON 6 %).
     */
    static List<Candidates.Candidate> find(byte[] t, int from, int to, String chars) {
        List<Candidates.Candidate> out = null;
        for (int dot = nextDot(t, from + 1, to, from, chars); dot >= 0 && dot + 2 < to;
                dot = nextDot(t, dot + 1, to, from, chars)) {
            if (!isLower(t[dot + 1]) && !isUpper(t[dot + 1])) {
                continue;
            }
            int extEnd = dot + 1;
            while (extEnd < to && extEnd - dot - 1 <= MAX_EXTENSION && isAlnum(t[extEnd])) {
                extEnd++;
            }
            int ext = extEnd - dot - 1;
            if (ext < 2 || ext > MAX_EXTENSION || extEnd < to && !ENDS_NAME[t[extEnd] & 0xff]) {
                continue;
            }
            int start = dot;
            int digits = 0;
            while (start > from && dot - start < MAX_STEM && isStem(t[start - 1])) {
                start--;
                digits += isDigit(t[start]) ? 1 : 0;
            }
            if (digits < MIN_DIGITS || start > from && isStem(t[start - 1]) || !glued(t, start, dot)) {
                continue;
            }
            out = out == null ? new ArrayList<>(2) : out;
            out.add(new Candidates.Candidate(start, extEnd, Candidates.Kind.SPLIT_NAME));
            dot = extEnd - 1;
        }
        return out;
    }

    /**
     * What may follow a file name's extension: the text's end is the other case. White space, quotes, closing
     * brackets and the separators of lists, URLs and headers; not {@code (}, {@code .}, {@code =}, {@code [} or
     * {@code <}, which follow a member in code ({@code x.get(}, {@code a.b.c}, {@code obj.id = }), nor a letter,
     * digit or {@code _} (a longer word).
     */
    private static final boolean[] ENDS_NAME = new boolean[256];

    static {
        for (char c : " \t\r\n\"'`)]}>,;&?#/|:!".toCharArray()) {
            ENDS_NAME[c] = true;
        }
    }

    /** The first {@code .} in {@code t[at, to)}, or -1. */
    private static int nextDot(byte[] t, int at, int to, int from, String chars) {
        if (chars != null) {
            int k = at >= to ? -1 : chars.indexOf('.', at - from);
            return k < 0 || k + from >= to ? -1 : k + from;
        }
        for (int i = at; i < to; i++) {
            if (t[i] == '.') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the stem {@code t[start, end)} holds a value run ({@link #runEnd}) of {@value #MIN_DIGITS} or more digits
     * glued to a {@code _} or a lower-case letter.
     */
    private static boolean glued(byte[] t, int start, int end) {
        for (int i = start; i < end; ) {
            int e = runEnd(t, i, end);
            if (e < 0) {
                i++;
                continue;
            }
            if ((i > start && (t[i - 1] == '_' || isLower(t[i - 1])) || e < end && (t[e] == '_' || isLower(t[e])))
                    && worthReading(t, i, e)) {
                return true;
            }
            i = e;
        }
        return false;
    }

    /**
     * The end of the value run that starts at {@code t[i]}: upper-case letters and digits, with single {@code -}
     * inside, holding {@value #MIN_DIGITS} or more digits; -1 when no such run starts there (a lower-case letter,
     * a {@code _}, a {@code -}, or too few digits).
     */
    private static int runEnd(byte[] t, int i, int end) {
        if (!isDigit(t[i]) && !isUpper(t[i]) || i > 0 && (isDigit(t[i - 1]) || isUpper(t[i - 1]))) {
            return -1;
        }
        int digits = 0;
        int j = i;
        while (j < end && (isDigit(t[j]) || isUpper(t[j])
                || t[j] == '-' && j + 1 < end && (isDigit(t[j + 1]) || isUpper(t[j + 1])))) {
            if (isDigit(t[j])) {
                digits++;
            }
            j++;
        }
        return digits >= MIN_DIGITS ? j : -1;
    }

    /**
     * Whether a value run may be a value the rules validate: one with letters (an IBAN, a NINO, an id with a check
     * letter) always; digits alone (dashes aside) only 9 to 19 of them (an SSN, national ids, a card), and 13 or more
     * only when they pass Luhn (a card; a timestamp of 14 digits mostly does not). Dates ({@code 20251207}) and
     * version numbers are not read again.
     */
    private static boolean worthReading(byte[] t, int i, int e) {
        int digits = 0;
        int sum = 0;
        for (int j = e - 1; j >= i; j--) {
            if (isUpper(t[j])) {
                return true;
            }
            if (isDigit(t[j])) {
                int d = t[j] - '0';
                if (digits % 2 == 1) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
                digits++;
            }
        }
        return digits >= 9 && digits <= 19 && (digits < 13 || sum % 10 == 0);
    }

    /** The name with its words apart (see the class comment). */
    static TextCodecs.Decoded decode(byte[] t, int start, int end) {
        int dot = end - 1;
        while (dot > start && t[dot] != '.') {
            dot--;
        }
        byte[] out = new byte[2 * (end - start)];
        int n = 0;
        for (int i = start; i < dot; ) {
            int e = runEnd(t, i, dot);
            if (e < 0) {
                out[n++] = t[i] == '_' ? (byte) ' ' : t[i];
                i++;
                continue;
            }
            if (i > start && isLower(t[i - 1])) {
                out[n++] = ' ';
            }
            System.arraycopy(t, i, out, n, e - i);
            n += e - i;
            if (e < dot && (isLower(t[e]) || t[e] == '_')) {
                out[n++] = '\n'; // not a space: a rule that reads groups a space apart (an IBAN) must not run on
                i = t[e] == '_' ? e + 1 : e;
                continue;
            }
            i = e;
        }
        System.arraycopy(t, dot, out, n, end - dot);
        n += end - dot;
        return new TextCodecs.Decoded(STEP, start, end, Arrays.copyOf(out, n), TextCodecs.NOT_REWRITTEN);
    }

    private static boolean isStem(byte b) {
        return isAlnum(b) || b == '_' || b == '-';
    }

    private static boolean isAlnum(byte b) {
        return isDigit(b) || isLower(b) || isUpper(b);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isLower(byte b) {
        return b >= 'a' && b <= 'z';
    }

    private static boolean isUpper(byte b) {
        return b >= 'A' && b <= 'Z';
    }
}
