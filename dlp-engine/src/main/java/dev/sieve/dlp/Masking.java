package dev.sieve.dlp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a matched value into a sample that is safe to log, audit and show.
 *
 * <ul>
 *   <li>{@link Category#PII} and {@link Category#FINANCIAL}: separators ({@code - . @ / space ( ) + :}) stay,
 *       every other character becomes {@code *} except the last four letters/digits:
 *       {@code 536-22-8174 -> ***-**-8174}, {@code 4111111111111111 -> ************1111}. Values with fewer than
 *       eight letters/digits are masked completely. Values longer than {@value #MAX_PII_CHARS} characters keep
 *       only their last {@value #MAX_PII_CHARS} positions after an ellipsis and the length. A value holding a
 *       year-first date ({@code 1987-04-12}, {@code 1987/04/12}, HL7's {@code 19870412}) is masked completely: its last
 *       four would be the birthday's month and day ({@code 04/12/1987} keeps only the year).</li>
 *   <li>{@link Category#CREDENTIAL}, {@link Category#SOURCE_CODE} and every category of a DLP team's own (its
 *       values may have any shape, so the stricter form): a prefix of at most four printable ASCII
 *       characters (a quarter of the value at most, none for values shorter than 12), an ellipsis and the
 *       length: {@code AKIA…(20)}, {@code ghp_…(40)}, {@code …(8)}.</li>
 * </ul>
 *
 * <p>Never more than four real characters of a value survive.
 */
public final class Masking {

    static final int MAX_PII_CHARS = 40;
    private static final int KEEP = 4;
    private static final int MIN_ALNUM_TO_REVEAL = 8;
    private static final int MIN_SECRET_LENGTH_TO_REVEAL = 12;

    /** A year-first calendar date standing alone (not inside a longer run of digits). */
    private static final Pattern YEAR_FIRST_DATE = Pattern.compile(
            "(?<![0-9])(?:1[89]|20)[0-9]{2}([-/.]?)(?:0[1-9]|1[0-2])\\1(?:0[1-9]|[12][0-9]|3[01])(?![0-9])");

    private Masking() {
    }

    /** The masked sample of {@code raw} for a finding of category {@code category}. */
    public static String mask(Category category, CharSequence raw) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(raw, "raw");
        return category.equals(Category.PII) || category.equals(Category.FINANCIAL) ? maskKeepingLast4(raw)
                : maskKeepingPrefix(raw);
    }

    private static String maskKeepingLast4(CharSequence raw) {
        int alnum = 0;
        for (int i = 0; i < raw.length(); i++) {
            if (isAsciiAlnum(raw.charAt(i))) {
                alnum++;
            }
        }
        int reveal = alnum >= MIN_ALNUM_TO_REVEAL && !YEAR_FIRST_DATE.matcher(raw).find() ? KEEP : 0;
        StringBuilder out = new StringBuilder(raw.length());
        int seenFromEnd = 0;
        for (int i = raw.length() - 1; i >= 0; i--) {
            char c = raw.charAt(i);
            if (isAsciiAlnum(c)) {
                out.append(seenFromEnd < reveal ? c : '*');
                seenFromEnd++;
            } else {
                out.append(isSeparator(c) ? c : '*');
            }
        }
        out.reverse();
        if (out.length() > MAX_PII_CHARS) {
            return "…(" + raw.length() + ")" + out.substring(out.length() - MAX_PII_CHARS);
        }
        return out.toString();
    }

    private static String maskKeepingPrefix(CharSequence raw) {
        int length = raw.length();
        int reveal = length >= MIN_SECRET_LENGTH_TO_REVEAL ? Math.min(KEEP, length / 4) : 0;
        StringBuilder out = new StringBuilder(reveal + 8);
        for (int i = 0; i < reveal; i++) {
            char c = raw.charAt(i);
            out.append(c > 0x20 && c < 0x7f ? c : '*');
        }
        return out.append("…(").append(length).append(')').toString();
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '.' || c == '@' || c == '/' || c == ' ' || c == '(' || c == ')' || c == '+'
                || c == ':';
    }
}
