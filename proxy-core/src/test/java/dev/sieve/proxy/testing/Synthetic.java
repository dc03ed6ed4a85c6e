package dev.sieve.proxy.testing;

import java.util.Random;

/** Synthetic secrets with valid shapes and checksums, computed here: never real credentials. */
public final class Synthetic {
    private static final String UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
    private static final String URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private Synthetic() {}

    /** A Visa-shaped number with a valid Luhn check digit (not one of the published test numbers). */
    public static String visa(long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("49");
        while (sb.length() < 15) {
            sb.append(r.nextInt(10));
        }
        return sb.append(luhnCheckDigit(sb)).toString();
    }

    static int luhnCheckDigit(CharSequence payload) {
        int sum = 0;
        for (int i = payload.length() - 1, pos = 0; i >= 0; i--, pos++) {
            int d = payload.charAt(i) - '0';
            if (pos % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    public static String awsAccessKeyId(long seed) {
        return "AKIA" + random(seed, UPPER32, 16);
    }

    public static String awsSecret(long seed) {
        return random(seed + 1, B64, 40);
    }

    public static String anthropicKey(long seed) {
        return "sk-ant-api03-" + random(seed, URLSAFE, 93) + "AA";
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";

    /** A card number of {@code length} digits starting with {@code prefix}, with a valid Luhn check digit. */
    public static String card(long seed, String prefix, int length) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < length - 1) {
            sb.append(r.nextInt(10));
        }
        return sb.append(luhnCheckDigit(sb)).toString();
    }

    /** A US SSN {@code AAA-GG-SSSS} in the issued ranges (area 001-665, 667-899; group and serial not zero). */
    public static String ssn(long seed) {
        Random r = new Random(seed);
        int area;
        do {
            area = 1 + r.nextInt(899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    /** A GitHub classic personal access token: {@code ghp_}, 30 alphanumerics and their CRC32 in six base62 digits (GitHub's checksum). */
    public static String githubPat(long seed) {
        String body = random(seed, ALNUM, 30);
        return "ghp_" + body + dev.sieve.dlp.validate.GithubChecksum.checksum(body);
    }

    /** An HS256 JSON Web Token whose header and payload decode to JSON; the signature is random bytes. */
    public static String jwt(long seed) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        Random r = new Random(seed);
        byte[] signature = new byte[32];
        r.nextBytes(signature);
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + b64.encodeToString(("{\"sub\":\"user-" + r.nextInt(100_000) + "\",\"iat\":1700000000}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + b64.encodeToString(signature);
    }

    /** A German IBAN with valid mod-97 check digits. */
    public static String iban(long seed) {
        Random r = new Random(seed);
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(r.nextInt(10));
        }
        String digits = bban + "131400"; // "DE00": D=13, E=14
        int mod = 0;
        for (int i = 0; i < digits.length(); i++) {
            mod = (mod * 10 + (digits.charAt(i) - '0')) % 97;
        }
        return String.format("DE%02d%s", 98 - mod, bban);
    }

    /** {@code n} characters from {@code [A-Za-z0-9]}. */
    public static String alnum(long seed, int n) {
        return random(seed, ALNUM, n);
    }

    /** {@code n} lower-case hex digits. */
    public static String hex(long seed, int n) {
        return random(seed, HEX, n);
    }

    private static String random(long seed, String alphabet, int n) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
