package dev.sieve.dlp.view;

import java.math.BigDecimal;

/**
 * The integer a spreadsheet number cell holds, as plain digits. A spreadsheet writes a number as a
 * double in decimal, and large ones in E notation ({@code 4.539526018159087E+15} in an XLSX
 * {@code <v>}, {@code 5.29123456E+8}; an ODS cell's displayed text {@code 4.539526018159087E+015}):
 * a card number or an SSN typed into a cell is then no run of digits a rule can see.
 */
final class CellNumbers {

    /** Digits of the longest integer read: a card number has at most 19. */
    static final int MAX_DIGITS = 19;
    /** Longer text is no spreadsheet's rendering of such an integer; it is left as written. */
    private static final int MAX_CHARS = 40;
    /** Below 2^53 every integer is a double, so an integral double there is the number typed. */
    private static final double EXACT_DOUBLES = 0x1p53;

    private CellNumbers() {
    }

    /**
     * The plain digits (with a leading minus) of {@code number} when it is an integer of at most
     * {@link #MAX_DIGITS} digits, else null. Exact: the decimal as written, or, when only its
     * seventeenth significant digit is not zero (a double printed with 17 digits,
     * {@code 4.5395260181590801E+15}), the double it stands for when that is an integer below 2^53.
     */
    static String integer(String number) {
        if (number.isEmpty() || number.length() > MAX_CHARS) {
            return null;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(number.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (d.signum() == 0) {
            return "0";
        }
        BigDecimal whole = d.stripTrailingZeros();
        if (whole.scale() <= 0 && whole.precision() - whole.scale() <= MAX_DIGITS) {
            return whole.toBigInteger().toString();
        }
        double x = d.doubleValue();
        if (d.precision() >= 17 && Math.abs(x) >= 1 && Math.abs(x) < EXACT_DOUBLES && x == Math.rint(x)) {
            return Long.toString((long) x);
        }
        return null;
    }
}
