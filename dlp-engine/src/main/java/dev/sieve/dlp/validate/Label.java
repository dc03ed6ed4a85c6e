package dev.sieve.dlp.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What labels a number: the nearest word before it ({@code order_ref: 4086...}, {@code "trace_id": ...},
 * {@code Kafka offset ...}, {@code P/N 570-41-5005}) and the header cell of its table column ({@code order_id} above
 * a CSV column). Labels are split into lower-case words at {@code _ . - /}, blanks and camel-case humps, so
 * {@code dd.trace_id}, {@code orderRef} and {@code Part No.} each give their words.
 */
final class Label {

    /** Filler words between a label and its number ({@code Card number:}, {@code Part No.}, {@code order #}). */
    private static final java.util.Set<String> FILLER = java.util.Set.of("no", "nr", "number", "num", "nbr",
            "nos", "numbers", "is", "was", "of", "the", "a", "an", "value", "val");

    private static final String SEPARATORS = " \t\r\n:#=\"'([{,;|>-*";
    private static final String DELIMITERS = "\t|,;";

    private Label() {
    }

    /**
     * The words of the nearest label before the number whose text ends {@code before}: past separators, past up
     * to {@code skipNumbers} other numbers (the earlier items of a list or row: {@code ids = [n1, n2, n3]}) and
     * past filler words ({@code number}, {@code no}); empty if there is none within {@code before}.
     */
    static List<String> nearest(CharSequence before, int skipNumbers) {
        int i = before.length();
        int numbers = 0;
        for (int tokens = 0; tokens < skipNumbers + 4; tokens++) {
            while (i > 0 && SEPARATORS.indexOf(before.charAt(i - 1)) >= 0) {
                i--;
            }
            int end = i;
            while (i > 0 && isTokenChar(before.charAt(i - 1))) {
                i--;
            }
            if (i == end) {
                return List.of(); // a character that is neither a separator nor part of a word: no label
            }
            if (i == 0 && before.length() >= 64) {
                return List.of(); // the token may be cut by the window's start
            }
            String token = before.subSequence(i, end).toString();
            // P/N, S/N, A/C: slash abbreviations are one word
            if (token.length() == 3 && token.charAt(1) == '/' && Character.isLetter(token.charAt(0))
                    && Character.isLetter(token.charAt(2))) {
                return List.of(token.toLowerCase(Locale.ROOT));
            }
            if (!hasLetter(token)) {
                if (++numbers > skipNumbers) {
                    return List.of();
                }
                continue;
            }
            List<String> words = words(token);
            if (!words.isEmpty() && !FILLER.containsAll(words)) {
                return words;
            }
        }
        return List.of();
    }

    /**
     * The words of the header cell of the table column holding the value that starts right after {@code before}
     * (and goes on in {@code after} to the end of its line), or an empty list when the value is not in a table with
     * a header line within {@code before}. A table is lines of cells split by one delimiter (tab, {@code |},
     * {@code ,}, {@code ;}); the header is its first line.
     */
    static List<String> columnHeader(CharSequence before, CharSequence after) {
        int lineStart = lastNewline(before, before.length()) + 1;
        if (lineStart == 0) {
            return List.of(); // no line above within the window
        }
        String prefix = before.subSequence(lineStart, before.length()).toString();
        String rest = restOfLine(after);
        char delimiter = delimiter(prefix + "0" + rest);
        if (delimiter == 0) {
            return List.of();
        }
        int index = count(prefix, delimiter);
        int cells = count(prefix + "0" + rest, delimiter);
        int headerStart = -1;
        int end = lineStart - 1; // the '\n' ending the line above
        while (end >= 0) {
            int start = lastNewline(before, end) + 1;
            String line = before.subSequence(start, end).toString();
            if (isRule(line)) {
                end = start - 1;
                continue;
            }
            if (line.isBlank() || count(line, delimiter) != cells) {
                break;
            }
            headerStart = start;
            if (start == 0) {
                if (before.length() >= 512) {
                    return List.of(); // the header may be above the window
                }
                break;
            }
            end = start - 1;
        }
        if (headerStart < 0) {
            return List.of();
        }
        int headerEnd = headerStart;
        while (headerEnd < before.length() && before.charAt(headerEnd) != '\n') {
            headerEnd++;
        }
        String[] cellsOfHeader = before.subSequence(headerStart, headerEnd).toString().split(
                java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
        if (index >= cellsOfHeader.length || cellsOfHeader[index].strip().length() > 40) {
            return List.of();
        }
        List<String> words = words(cellsOfHeader[index]);
        return words.size() <= 4 ? words : List.of(); // a header cell is a name, not a sentence
    }

    /** Lower-case words of {@code s}: runs of letters, split at everything else and at camel-case humps. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>(4);
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = Character.isLetter(c);
            boolean hump = letter && Character.isUpperCase(c) && i > 0 && Character.isLowerCase(s.charAt(i - 1));
            if ((!letter || hump) && w.length() > 0) {
                out.add(w.toString().toLowerCase(Locale.ROOT));
                w.setLength(0);
            }
            if (letter) {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/';
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int lastNewline(CharSequence s, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (s.charAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String restOfLine(CharSequence after) {
        int i = 0;
        while (i < after.length() && after.charAt(i) != '\n') {
            i++;
        }
        return after.subSequence(0, i).toString();
    }

    private static char delimiter(String line) {
        char best = 0;
        int most = 0;
        for (int k = 0; k < DELIMITERS.length(); k++) {
            int n = count(line, DELIMITERS.charAt(k));
            if (n > most) {
                most = n;
                best = DELIMITERS.charAt(k);
            }
        }
        return best;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** A table's rule line: {@code ----+----}, {@code |---|:--|}. */
    private static boolean isRule(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if ("-+|: =".indexOf(t.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
