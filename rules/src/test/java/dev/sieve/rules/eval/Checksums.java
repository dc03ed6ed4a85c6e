package dev.sieve.rules.eval;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Check digits and checksummed encodings for synthetic values, written from the specifications rather than taken
 * from the engine's validators, so that the corpus is an independent judge of them.
 */
final class Checksums {

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private Checksums() {
    }

    /** The Luhn check digit for {@code payload} (digits only). */
    static int luhn(String payload) {
        int sum = 0;
        for (int i = payload.length() - 1, k = 0; i >= 0; i--, k++) {
            int d = payload.charAt(i) - '0';
            if (k % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    static boolean luhnValid(String digits) {
        return luhn(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    /** ISO 13616 check digits for {@code country} and {@code bban}: 98 - (bban + country + 00) mod 97. */
    static String ibanCheck(String country, String bban) {
        String rearranged = bban + country + "00";
        int r = 0;
        for (char c : rearranged.toCharArray()) {
            r = c <= '9' ? (r * 10 + (c - '0')) % 97 : (r * 100 + (c - 'A' + 10)) % 97;
        }
        return String.format("%02d", 98 - r);
    }

    /** The ABA routing check digit for the first eight digits (weights 3, 7, 1). */
    static int aba(String first8) {
        int[] w = {3, 7, 1, 3, 7, 1, 3, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += w[i] * (first8.charAt(i) - '0');
        }
        return (10 - sum % 10) % 10;
    }

    /** GitHub's token checksum: CRC32 of the random part as six base62 digits. */
    /** The ICAO 9303 check digit of an MRZ field: weights 7, 3, 1; digits as themselves, A-Z 10-35, filler 0. */
    static int mrz(String field) {
        int[] w = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 0;
            sum += v * w[i % 3];
        }
        return sum % 10;
    }

    /** The DEA check digit of six digits: the last digit of (d1 + d3 + d5) + 2 * (d2 + d4 + d6). */
    static int dea(String six) {
        int[] d = new int[6];
        for (int i = 0; i < 6; i++) {
            d[i] = six.charAt(i) - '0';
        }
        return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
    }

    static String githubCrc(String random) {
        long crc = Binary.crc32(random.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        while (crc > 0) {
            out.append(Rng.BASE62.charAt((int) (crc % 62)));
            crc /= 62;
        }
        while (out.length() < 6) {
            out.append('0');
        }
        return out.reverse().toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base58Check (Bitcoin): payload plus the first four bytes of its double SHA-256. */
    static String base58check(byte[] payload) {
        byte[] check = sha256(sha256(payload));
        byte[] full = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(check, 0, full, payload.length, 4);
        return base58(full);
    }

    static String base58(byte[] data) {
        BigInteger n = new BigInteger(1, data);
        StringBuilder out = new StringBuilder();
        BigInteger radix = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(radix);
            out.append(BASE58.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < data.length && data[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    /** A BIP-39 mnemonic of {@code entropy} (16 or 32 bytes): 11-bit word indexes with the SHA-256 checksum bits. */
    static String bip39(byte[] entropy, List<String> words) {
        int checksumBits = entropy.length * 8 / 32;
        byte[] hash = sha256(entropy);
        StringBuilder bits = new StringBuilder();
        for (byte b : entropy) {
            bits.append(String.format("%8s", Integer.toBinaryString(b & 0xff)).replace(' ', '0'));
        }
        bits.append(String.format("%8s", Integer.toBinaryString(hash[0] & 0xff)).replace(' ', '0'), 0, checksumBits);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bits.length(); i += 11) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(words.get(Integer.parseInt(bits.substring(i, i + 11), 2)));
        }
        return out.toString();
    }

    /** Bech32 (BIP-173) of {@code data} bytes regrouped to 5 bits, with an optional leading 5-bit value. */
    static String bech32(String hrp, int leading, byte[] data) {
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        if (leading >= 0) {
            values.write(leading);
        }
        int acc = 0;
        int bits = 0;
        for (byte b : data) {
            acc = acc << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                values.write(acc >> bits & 31);
            }
        }
        if (bits > 0) {
            values.write(acc << (5 - bits) & 31);
        }
        byte[] v = values.toByteArray();
        int[] check = bech32Checksum(hrp, v);
        StringBuilder out = new StringBuilder(hrp).append('1');
        for (byte x : v) {
            out.append(BECH32.charAt(x));
        }
        for (int c : check) {
            out.append(BECH32.charAt(c));
        }
        return out.toString();
    }

    /** The six BIP-173 checksum values of {@code values} (5-bit each) under {@code hrp}. */
    static int[] bech32Checksum(String hrp, byte[] values) {
        int[] expanded = new int[hrp.length() * 2 + 1 + values.length + 6];
        int k = 0;
        for (char c : hrp.toCharArray()) {
            expanded[k++] = c >> 5;
        }
        expanded[k++] = 0;
        for (char c : hrp.toCharArray()) {
            expanded[k++] = c & 31;
        }
        for (byte v : values) {
            expanded[k++] = v;
        }
        int mod = polymod(expanded) ^ 1;
        int[] out = new int[6];
        for (int i = 0; i < 6; i++) {
            out[i] = mod >> 5 * (5 - i) & 31;
        }
        return out;
    }

    private static int polymod(int[] values) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ v;
            for (int i = 0; i < 5; i++) {
                if ((top >> i & 1) == 1) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }

    // ---- European national identifiers (family ids-eu), from the published algorithms ----------------------------

    /** Germany's tax id check digit: ISO 7064 MOD 11,10 over the first ten digits. */
    static int deTaxId(String ten) {
        int product = 10;
        for (char c : ten.toCharArray()) {
            int sum = (c - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        return 11 - product == 10 ? 0 : 11 - product;
    }

    /** France's NIR key for 13 characters: 97 - (number mod 97), Corsica's 2A counting as 19 and 2B as 18. */
    static int nirKey(String thirteen) {
        String n = thirteen.substring(0, 5) + thirteen.substring(5, 7).replace("2A", "19").replace("2B", "18")
                + thirteen.substring(7);
        return 97 - (int) (Long.parseLong(n) % 97);
    }

    /** Italy's codice fiscale check letter for 15 characters: odd positions by the odd table, even by their value. */
    static char codiceFiscale(String fifteen) {
        String odd = "BAKPLCQDREVOSFTGUHMINJWZYX"; // the letter of value 0, 1, 2, ... for A-Z and 0-9 alike
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = fifteen.charAt(i);
            int index = c <= '9' ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? odd.indexOf((char) ('A' + index)) : index;
        }
        return (char) ('A' + sum % 26);
    }

    /** The Dutch BSN's ninth digit for eight (11-test), or -1 when no digit passes. */
    static int bsn(String eight) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (eight.charAt(i) - '0');
        }
        return sum % 11 == 10 ? -1 : sum % 11;
    }

    /** Belgium's national number check: 97 - (first nine mod 97), with a 2 before them for births from 2000. */
    static int belgium(String nine, boolean from2000) {
        return 97 - (int) (Long.parseLong((from2000 ? "2" : "") + nine) % 97);
    }

    /** Poland's PESEL check digit: weights 1, 3, 7, 9 repeated. */
    static int pesel(String ten) {
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += w[i] * (ten.charAt(i) - '0');
        }
        return (10 - sum % 10) % 10;
    }

    /** Finland's HETU check character: the nine digits (date and individual number) mod 31. */
    static char hetu(String nine) {
        return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (Long.parseLong(nine) % 31));
    }

    /** Norway's fødselsnummer for nine digits with its two mod-11 check digits, or null when one would be 10. */
    static String fodselsnummer(String nine) {
        int k1 = mod11(nine, new int[] {3, 7, 6, 1, 8, 9, 4, 5, 2});
        int k2 = k1 < 0 ? -1 : mod11(nine + k1, new int[] {5, 4, 3, 2, 7, 6, 5, 4, 3, 2});
        return k2 < 0 ? null : nine + k1 + k2;
    }

    private static int mod11(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (digits.charAt(i) - '0');
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k == 10 ? -1 : k;
    }

    /** Ireland's PPSN check letter: weights 8 to 2, a second letter weighs 9 (W = 0, A = 1, ...); mod 23. */
    static char ppsn(String seven, String second) {
        String letters = "WABCDEFGHIJKLMNOPQRSTUV";
        int sum = second.isEmpty() ? 0 : 9 * letters.indexOf(second.charAt(0));
        for (int i = 0; i < 7; i++) {
            sum += (8 - i) * (seven.charAt(i) - '0');
        }
        return letters.charAt(sum % 23);
    }

    /** Turkey's T.C. Kimlik No for nine digits: the tenth from the odd and even place sums, the eleventh their sum. */
    static String kimlik(String nine) {
        int odd = 0;
        int even = 0;
        for (int i = 0; i < 9; i++) {
            if (i % 2 == 0) {
                odd += nine.charAt(i) - '0';
            } else {
                even += nine.charAt(i) - '0';
            }
        }
        int d10 = ((odd * 7 - even) % 10 + 10) % 10;
        return nine + d10 + (odd + even + d10) % 10;
    }

    /** Spain's DNI/NIE letter of a number (an NIE's X, Y, Z read as 0, 1, 2). */
    static char dniLetter(long number) {
        return "TRWAGMYFPDXBNJZSQVHLCKE".charAt((int) (number % 23));
    }
}
