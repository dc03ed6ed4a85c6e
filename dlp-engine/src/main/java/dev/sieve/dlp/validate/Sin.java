package dev.sieve.dlp.validate;

/** {@code sin}: a Canadian Social Insurance Number: nine digits, first digit not 0 or 8, Luhn checksum. */
final class Sin implements Validator {

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        int[] d = Digits.of(match);
        return d != null && d.length == 9 && d[0] != 0 && d[0] != 8 && !Digits.allSame(d) && Digits.luhn(d);
    }
}
