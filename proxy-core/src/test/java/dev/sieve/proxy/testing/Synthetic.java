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

    private static String random(long seed, String alphabet, int n) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
