package dev.sieve.dlp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Column-header context ({@code context.columns}): a value in a table row gets the context of its column's name. A
 * table is lines of cells split by one delimiter (tab, {@code |}, {@code ,} or {@code ;}): CSV, TSV, psql, MySQL and
 * Markdown output, or drawn with box characters (polars); or cells aligned with blanks (pandas, {@code kubectl get};
 * see {@link #alignedColumn}). Names and header cells are compared as words of any script (a header in Greek, Polish
 * or Chinese names its column too; {@link Names}). The header is found by walking up from the value's line, skipping
 * rule lines ({@code ----+----},
 * {@code |---|---|}), through rows with the same delimiter, until a line whose cell at the value's index names one of
 * the columns. An empty line, a line without the delimiter or one too short ends the table. Tab-separated rows under a
 * PostgreSQL dump's {@code COPY table (col, ...) FROM stdin;} line take their names from its column list, and the
 * values of an SQL {@code INSERT INTO table (col, ...) VALUES (...)} statement from its own (see {@link #insertColumn}). Only lines that start
 * after {@code lowerBound} are looked at, so the header must be within a bounded window (the engine passes
 * {@link Rule#COLUMN_WINDOW} bytes).
 */
final class ColumnHeader {

    private static final String DELIMITERS = "\t|,;";

    private ColumnHeader() {
    }

    /**
     * True if the value starting at {@code from} in {@code text} lies in a table column whose header cell names one of
     * {@code columns} (lower-case). Lines are looked at only from {@code lowerBound} on.
     */
    static boolean inNamedColumn(CharSequence text, int from, int lowerBound, List<String> columns) {
        return inNamedColumn(text, from, lowerBound, Names.of(columns));
    }

    /** Like {@link #inNamedColumn(CharSequence, int, int, List)}, with the names compared as {@link Names} made once. */
    static boolean inNamedColumn(CharSequence text, int from, int lowerBound, Names columns) {
        int lineStart = lineStart(text, from, lowerBound);
        if (boxDrawn(text, lineStart, from)) {
            // A table drawn with box characters (polars, rich, tabulate's "rounded" formats): read with their
            // separators as '|' and their rules as '-', as psql draws them.
            String ascii = unboxed(text, lowerBound, lineEnd(text, from));
            int at = unboxed(text, lowerBound, from).length();
            return inNamedColumn(ascii, at, 0, columns);
        }
        if (lineStart <= lowerBound && lineStart != 0) {
            return false; // the value's line, or the line above it, starts outside the window
        }
        Boolean sql = insertColumn(text, lineStart, from, lowerBound, columns);
        if (sql != null) {
            return sql;
        }
        if (lineStart <= lowerBound) {
            return false;
        }
        char delimiter = delimiter(text, lineStart, from);
        if (delimiter == 0) {
            return alignedColumn(text, lineStart, from, lowerBound, columns);
        }
        int index = count(text, lineStart, from, delimiter);
        int end = lineStart - 1; // the '\n' ending the previous line
        while (end > lowerBound) {
            int start = lineStart(text, end, lowerBound);
            if (start <= lowerBound && start != 0) {
                return false;
            }
            if (isRule(text, start, end)) {
                end = start - 1;
                continue;
            }
            if (delimiter == '\t' && copyHeader(text, start, end)) {
                String cell = copyColumn(text, start, end, index);
                return cell != null && names(cell, columns);
            }
            if (start == end || count(text, start, end, delimiter) < index) {
                return false;
            }
            String cell = cell(text, start, end, delimiter, index);
            if (cell != null && names(cell, columns)) {
                return true;
            }
            if (start == 0) {
                return false;
            }
            end = start - 1;
        }
        return false;
    }

    /** Start of the line holding position {@code at} (after the previous '\n'), or {@code lowerBound} if none. */
    private static int lineStart(CharSequence text, int at, int lowerBound) {
        for (int i = at - 1; i >= lowerBound; i--) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return lowerBound;
    }

    /** The delimiter the line uses before the value, or the one right after the line's first cell if the value is first. */
    private static char delimiter(CharSequence text, int lineStart, int from) {
        for (int d = 0; d < DELIMITERS.length(); d++) {
            if (count(text, lineStart, from, DELIMITERS.charAt(d)) > 0) {
                return DELIMITERS.charAt(d);
            }
        }
        for (int i = from; i < text.length() && text.charAt(i) != '\n'; i++) {
            if (DELIMITERS.indexOf(text.charAt(i)) >= 0) {
                return text.charAt(i);
            }
        }
        return 0;
    }

    /** Whether a box-drawing character (U+2500..U+257F: UTF-8 E2 94..95 xx) comes before {@code from} on its line. */
    private static boolean boxDrawn(CharSequence text, int lineStart, int from) {
        for (int i = lineStart; i + 2 < from; i++) {
            if (text.charAt(i) == 0xe2 && (text.charAt(i + 1) == 0x94 || text.charAt(i + 1) == 0x95)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text[from, to)} with each box-drawing character as '-' (a horizontal: U+2500, U+2550) or '|'. */
    private static String unboxed(CharSequence text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == 0xe2 && i + 2 < to && (text.charAt(i + 1) == 0x94 || text.charAt(i + 1) == 0x95)) {
                boolean horizontal = (text.charAt(i + 1) == 0x94 && text.charAt(i + 2) == 0x80)
                        || (text.charAt(i + 1) == 0x95 && text.charAt(i + 2) == 0x90);
                out.append(horizontal ? '-' : '|');
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Most lines of an aligned table looked at above a value. */
    private static final int MAX_ALIGNED_LINES = 64;

    /**
     * A value in a table whose columns are aligned with blanks and no delimiter (pandas' and R's printed frames,
     * {@code kubectl get}, {@code docker ps}, fixed-width reports): its cell runs between gaps of two or more blanks,
     * and a line above it (through rows of its table, up to a blank line) holds a cell under the same columns that
     * names one of {@code columns}. The value's line and the header's must each hold two such gaps (rows of three cells
     * or more, not prose). Columns are counted in characters, as those tools pad them; a header right-aligned over
     * its values (pandas) or left-aligned (kubectl) overlaps them either way.
     */
    private static boolean alignedColumn(CharSequence text, int lineStart, int from, int lowerBound,
            Names columns) {
        int lineEnd = lineEnd(text, from);
        if (gaps(text, lineStart, lineEnd) < 2) {
            return false;
        }
        int cellStart = gapBefore(text, lineStart, from);
        int cellEnd = gapAfter(text, from, lineEnd);
        int left = width(text, lineStart, cellStart);
        int right = left + width(text, cellStart, cellEnd);
        int end = lineStart - 1;
        for (int lines = 0; lines < MAX_ALIGNED_LINES && end > lowerBound; lines++) {
            int start = lineStart(text, end, lowerBound);
            if ((start <= lowerBound && start != 0) || blank(text, start, end)) {
                return false;
            }
            if (!isRule(text, start, end) && gaps(text, start, end) >= 2
                    && overlappingCellNames(text, start, end, left, right, columns)) {
                return true;
            }
            if (start == 0) {
                return false;
            }
            end = start - 1;
        }
        return false;
    }

    private static int lineEnd(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n') {
            i++;
        }
        return i > from && text.charAt(i - 1) == '\r' ? i - 1 : i;
    }

    /** Runs of two or more blanks between characters of {@code text[from, to)}. */
    private static int gaps(CharSequence text, int from, int to) {
        int n = 0;
        int blanks = 0;
        boolean seen = false;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ' ') {
                blanks++;
            } else {
                n += seen && blanks >= 2 ? 1 : 0;
                seen = true;
                blanks = 0;
            }
        }
        return n;
    }

    /** Where the cell holding {@code at} (not a blank) starts: after the last two blanks before it, or at {@code lineStart}. */
    private static int gapBefore(CharSequence text, int lineStart, int at) {
        for (int i = at; i > lineStart; i--) {
            if (text.charAt(i - 1) == ' ' && i - 2 >= lineStart && text.charAt(i - 2) == ' ') {
                return i;
            }
        }
        return lineStart;
    }

    /** Where the cell holding {@code at} ends: before the next two blanks after it, or at {@code lineEnd}. */
    private static int gapAfter(CharSequence text, int at, int lineEnd) {
        for (int i = at; i < lineEnd; i++) {
            if (text.charAt(i) == ' ' && (i + 1 >= lineEnd || text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return lineEnd;
    }

    /** Whether a cell of line {@code text[from, to)} under character columns {@code [left, right)} names a column. */
    private static boolean overlappingCellNames(CharSequence text, int from, int to, int left, int right,
            Names columns) {
        int i = from;
        int column = 0;
        while (i < to) {
            while (i < to && text.charAt(i) == ' ') {
                i++;
                column++;
            }
            int cellStart = i;
            int cellColumn = column;
            int cellEnd = i < to ? gapAfter(text, i, to) : to;
            column += width(text, cellStart, cellEnd);
            if (cellEnd > cellStart && cellColumn < right && column > left
                    && names(text.subSequence(cellStart, cellEnd).toString(), columns)) {
                return true;
            }
            i = cellEnd;
        }
        return false;
    }

    /** Characters (UTF-8 lead bytes) in {@code text[from, to)}. */
    private static int width(CharSequence text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += (text.charAt(i) & 0xc0) == 0x80 ? 0 : 1;
        }
        return n;
    }

    private static boolean blank(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A PostgreSQL dump's {@code COPY [schema.]table (col, col, ...) FROM stdin;} line, whose tab-separated data rows
     * follow it: the header of its rows, its column list in parentheses.
     */
    private static boolean copyHeader(CharSequence text, int from, int to) {
        String line = text.subSequence(from, to).toString().strip();
        return line.regionMatches(true, 0, "COPY ", 0, 5) && line.indexOf('(') > 0
                && line.toLowerCase(Locale.ROOT).endsWith(") from stdin;");
    }

    /** Column {@code index} of a {@link #copyHeader} line's column list, or null if it has fewer. */
    private static String copyColumn(CharSequence text, int from, int to, int index) {
        String line = text.subSequence(from, to).toString();
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String[] cells = line.substring(open + 1, close).split(",", -1);
        return index < cells.length ? cells[index] : null;
    }

    /**
     * A value in a row of an SQL {@code INSERT INTO table (col, ...) VALUES (v, ...), (v, ...);} statement (mysqldump
     * --complete-insert, phpMyAdmin, pg_dump --column-inserts): the value's line is the statement's own line (its
     * value after {@code VALUES}) or a row line, {@code (v, ...),}, under it. The column is the one at the value's index
     * in its row (commas outside quotes and nested parentheses); a generic column (key, value, token, secret) of a
     * table whose name ends in API, access, secret, signing (...) keys, tokens, secrets or credentials
     * ({@code api_keys.key}, {@code password_reset_tokens.value}) is read as {@code secret}.
     * Null when the value is in no such statement (the other table forms are then tried).
     */
    private static Boolean insertColumn(CharSequence text, int lineStart, int from, int lowerBound,
            Names columns) {
        int first = lineStart;
        while (first < from && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first >= from || (text.charAt(first) != '(' && (text.charAt(first) | 0x20) != 'i')) {
            return null; // neither an INSERT line nor a row under one: most values' lines, without a copy
        }
        String line = text.subSequence(lineStart, from).toString();
        String header;
        int rowsFrom;
        int values = insertValues(line);
        if (values >= 0) {
            header = line;
            rowsFrom = values;
        } else {
            if (!line.stripLeading().startsWith("(")) {
                return null;
            }
            int end = lineStart - 1;
            String above = null;
            for (int rows = 0; rows < 200 && end > lowerBound; rows++) {
                int start = lineStart(text, end, lowerBound);
                if (start <= lowerBound && start != 0) {
                    return null;
                }
                String candidate = text.subSequence(start, end).toString();
                if (insertValues(candidate) >= 0) {
                    above = candidate;
                    break;
                }
                if (!candidate.stripLeading().startsWith("(") || start == 0) {
                    return null;
                }
                end = start - 1;
            }
            if (above == null) {
                return null;
            }
            header = above;
            rowsFrom = 0;
        }
        int index = rowIndex(line, rowsFrom);
        if (index < 0) {
            return null;
        }
        int open = header.indexOf('(');
        int close = header.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return null;
        }
        String[] names = header.substring(open + 1, close).split(",", -1);
        if (index >= names.length) {
            return false;
        }
        String table = normalize(header.substring(header.toLowerCase(Locale.ROOT).indexOf("into") + 4, open));
        boolean secret = GENERIC_COLUMNS.contains(normalize(names[index])) && SECRET_TABLE.matcher(table).find();
        return names(secret ? "secret" : names[index], columns);
    }

    private static final Set<String> GENERIC_COLUMNS = Set.of("key", "value", "token", "secret");
    private static final Pattern SECRET_TABLE = Pattern.compile(
            "(?:^| )(?:(?:api|access|secret|private|signing|client|service|deploy|app|integration|license) ?keys?"
                    + "|apikeys?|tokens?|secrets?|credentials?)$");

    /**
     * Where the rows start in an {@code INSERT INTO t (cols) VALUES} line (just past {@code VALUES}), or -1 if the line
     * is none.
     */
    private static int insertValues(String line) {
        String lower = line.stripLeading().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("insert into ")) {
            return -1;
        }
        int at = lower.indexOf(") values");
        if (at < 0 || lower.indexOf('(') > at) {
            return -1;
        }
        return line.length() - lower.length() + at + 8;
    }

    /**
     * The index, within its row, of the value that starts at the end of {@code line} ({@code line} runs up to it), the
     * rows starting at {@code from}: blanks, then {@code (v, v, ...)} rows separated by commas. -1 if the text is no
     * such row (a value outside a row, a row not opened with a parenthesis).
     */
    private static int rowIndex(String line, int from) {
        int depth = 0;
        int index = -1;
        char quote = 0;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                if (depth == 0) {
                    return -1;
                }
                quote = c;
            } else if (c == '(') {
                depth++;
                if (depth == 1) {
                    index = 0;
                }
            } else if (c == ')') {
                if (depth == 0) {
                    return -1;
                }
                depth--;
            } else if (c == ',' && depth == 1) {
                index++;
            } else if (depth == 0 && c != ',' && c != ' ' && c != '\t' && c != '\r') {
                return -1;
            }
        }
        return depth == 1 ? index : -1;
    }

    private static int count(CharSequence text, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** A rule line: only '-', '+', '|', ':', '=' and blanks, with at least one '-' or '='. */
    private static boolean isRule(CharSequence text, int from, int to) {
        boolean dash = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '-' || c == '=') {
                dash = true;
            } else if ("+|: \t\r".indexOf(c) < 0) {
                return false;
            }
        }
        return dash;
    }

    private static String cell(CharSequence text, int from, int to, char delimiter, int index) {
        int seen = 0;
        int cellStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == delimiter) {
                if (seen == index) {
                    return text.subSequence(cellStart, i).toString();
                }
                seen++;
                cellStart = i + 1;
            }
        }
        return null;
    }

    /**
     * Column names as header cells are compared with them, normalised once (a rule's, when its pattern table is built):
     * a cell names a column when the name's words are words of the cell. A name in a script written without spaces
     * between words (Chinese, Japanese, Korean compounds: {@code 身份证号} in {@code 身份证号码}) only needs to be in it.
     */
    static final class Names {
        private final String[] words;
        private final boolean[] unspaced;
        private final boolean empty;

        private Names(String[] words, boolean[] unspaced, boolean empty) {
            this.words = words;
            this.unspaced = unspaced;
            this.empty = empty;
        }

        static Names of(List<String> columns) {
            List<String> kept = columns.stream()
                    .filter(c -> !c.startsWith(")")) // a statement's gate (") from stdin;", ") values ("), no name
                    .map(ColumnHeader::normalize).toList();
            boolean[] unspaced = new boolean[kept.size()];
            for (int i = 0; i < unspaced.length; i++) {
                unspaced[i] = ColumnHeader.unspaced(kept.get(i));
            }
            return new Names(kept.toArray(String[]::new), unspaced, columns.isEmpty());
        }

        /** True when the rule names no column (a statement's gate alone still has the header looked for). */
        boolean isEmpty() {
            return empty;
        }
    }

    /** Whether header cell {@code cell} (the view's bytes, one char per byte) names one of {@code columns}. */
    private static boolean names(String cell, Names columns) {
        String padded = " " + normalize(new String(cell.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                + " ";
        for (int i = 0; i < columns.words.length; i++) {
            String name = columns.words[i];
            if (padded.contains(" " + name + " ") || (columns.unspaced[i] && padded.contains(name))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unspaced(String name) {
        return name.codePoints().anyMatch(c -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
        });
    }

    /**
     * Lower case, every run of characters other than letters and digits (of any script) one space, trimmed:
     * "Customer_SSN" -> "customer ssn", "Fødsels-nummer" -> "fødsels nummer".
     */
    static String normalize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (Character.isLetterOrDigit(c)) {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                out.append(c);
                space = false;
            } else {
                space = true;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
