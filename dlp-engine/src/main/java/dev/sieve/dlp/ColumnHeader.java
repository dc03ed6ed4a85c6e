package dev.sieve.dlp;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Column-header context ({@code context.columns}): a value in a table row gets the context of its column's name. A
 * table is lines of cells split by one delimiter (tab, {@code |}, {@code ,} or {@code ;}): CSV, TSV, psql and
 * Markdown output. The header is found by walking up from the value's line, skipping rule lines ({@code ----+----},
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
        int lineStart = lineStart(text, from, lowerBound);
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
            return false;
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
            List<String> columns) {
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
        String column = normalize(names[index]);
        String table = normalize(header.substring(header.toLowerCase(Locale.ROOT).indexOf("into") + 4, open));
        if (GENERIC_COLUMNS.contains(column) && SECRET_TABLE.matcher(table).find()) {
            column = "secret";
        }
        return names(column, columns);
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

    private static boolean names(String cell, List<String> columns) {
        String padded = " " + normalize(cell) + " ";
        for (String column : columns) {
            if (column.startsWith(")")) {
                continue; // a statement's gate (") from stdin;", ") values ("), not a column's name
            }
            if (padded.contains(" " + normalize(column) + " ")) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, every run of characters other than letters and digits one space, trimmed: "Customer_SSN" -> "customer ssn". */
    static String normalize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
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
