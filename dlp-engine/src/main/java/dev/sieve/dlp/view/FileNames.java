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
 * strings, text; a text without such a dot costs one byte loop. Never rewritten: a redaction there escalates to block.
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

    /** The glued file names in {@code t[from, to)}, added to {@code out} (which may be null or immutable). */
    static List<Candidates.Candidate> find(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        for (int dot = from + 1; dot + 2 < to; dot++) {
            if (t[dot] != '.' || !isLower(t[dot + 1]) && !isUpper(t[dot + 1])) {
                continue;
            }
            int extEnd = dot + 1;
            while (extEnd < to && extEnd - dot - 1 <= MAX_EXTENSION && isAlnum(t[extEnd])) {
                extEnd++;
            }
            int ext = extEnd - dot - 1;
            if (ext < 2 || ext > MAX_EXTENSION || extEnd < to && (isAlnum(t[extEnd]) || t[extEnd] == '_')) {
                continue;
            }
            int start = dot;
            while (start > from && dot - start < MAX_STEM && isStem(t[start - 1])) {
                start--;
            }
            if (start > from && isStem(t[start - 1]) || !glued(t, start, dot)) {
                continue;
            }
            List<Candidates.Candidate> list = out == null || !(out instanceof ArrayList) ? new ArrayList<>(
                    out == null ? List.of() : out) : out;
            list.add(new Candidates.Candidate(start, extEnd, Candidates.Kind.SPLIT_NAME));
            out = list;
            dot = extEnd;
        }
        return out;
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
            if (i > start && (t[i - 1] == '_' || isLower(t[i - 1])) || e < end && (t[e] == '_' || isLower(t[e]))) {
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
