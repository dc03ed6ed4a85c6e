package dev.sieve.dlp.validate;

/**
 * {@code bech32}: the match is a Bech32 string (BIP-173): a human-readable part, the separator {@code 1} (the last
 * one), and data characters of the alphabet {@code qpzry9x8gf2tvdw0s3jn54khce6mua7l} whose last six are a BCH
 * checksum over the human-readable part and the data. All one case. Used for Nostr private keys ({@code nsec1...},
 * NIP-19): a made-up or mistyped key fails the checksum, a real one always passes.
 */
final class Bech32 implements Validator {

    static final String ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals(s) && !s.toUpperCase(java.util.Locale.ROOT).equals(s)) {
            return false; // mixed case is invalid Bech32
        }
        int sep = lower.lastIndexOf('1');
        if (sep < 1 || lower.length() - sep - 1 < 6) {
            return false;
        }
        int[] data = new int[lower.length() - sep - 1];
        for (int i = 0; i < data.length; i++) {
            data[i] = ALPHABET.indexOf(lower.charAt(sep + 1 + i));
            if (data[i] < 0) {
                return false;
            }
        }
        return polymod(lower.substring(0, sep), data) == 1;
    }

    /** The six checksum characters for {@code hrp} and data values (0..31), for synthetic test values. */
    static String checksum(String hrp, int[] data) {
        int[] padded = java.util.Arrays.copyOf(data, data.length + 6);
        int mod = polymod(hrp, padded) ^ 1;
        StringBuilder out = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            out.append(ALPHABET.charAt((mod >>> (5 * (5 - i))) & 31));
        }
        return out.toString();
    }

    /** BIP-173's checksum polynomial over the expanded human-readable part followed by the data values. */
    private static int polymod(String hrp, int[] data) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (int v : data) {
            chk = step(chk, v);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = (chk & 0x1ffffff) << 5 ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }
}
