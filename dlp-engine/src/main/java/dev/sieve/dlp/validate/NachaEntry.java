package dev.sieve.dlp.validate;

/**
 * {@code nacha-entry}: an entry detail record of a NACHA (ACH) file: 94 characters, record type 6, a transaction code
 * of a checking, savings, general-ledger or loan account (22-24, 27-29, 32-34, 37-39, 41-43, 46-48, 51-53, 55, 56),
 * the receiving bank's routing number (8 digits and its check digit, which must pass the ABA checksum), a 17-character
 * account, a 10-digit amount, an addenda indicator 0 or 1 and a 15-digit trace number.
 */
final class NachaEntry implements Validator {

    private static final int LENGTH = 94;

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        if (match.length() != LENGTH || match.charAt(0) != '6') {
            return false;
        }
        String s = match.toString();
        if (!Digits.allDigits(s, 1, 12) || !Digits.allDigits(s, 29, 39) || !Digits.allDigits(s, 79, 94)) {
            return false;
        }
        int code = Integer.parseInt(s.substring(1, 3));
        boolean account = (code >= 22 && code <= 24) || (code >= 27 && code <= 29) || (code >= 32 && code <= 34)
                || (code >= 37 && code <= 39) || (code >= 41 && code <= 43) || (code >= 46 && code <= 48)
                || (code >= 51 && code <= 53) || code == 55 || code == 56;
        char addenda = s.charAt(78);
        return account && (addenda == '0' || addenda == '1') && Aba.valid(Digits.of(s.substring(3, 12)));
    }
}
