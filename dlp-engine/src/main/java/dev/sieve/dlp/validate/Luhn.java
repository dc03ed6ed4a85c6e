package dev.sieve.dlp.validate;

/** {@code luhn}: the mod-10 checksum of payment cards over the digits (spaces and hyphens ignored), at least 12 digits. */
final class Luhn implements Validator {

    static final int MIN_DIGITS = 12;

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        int[] digits = Digits.of(match);
        return digits != null && digits.length >= MIN_DIGITS && !Digits.allSame(digits) && Digits.luhn(digits);
    }
}
