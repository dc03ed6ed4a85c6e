package dev.sieve.rules.eval;

import java.util.List;
import java.util.Random;

/** The corpus generator's seeded randomness: same seed, same corpus. */
final class Rng {

    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String BASE62 = DIGITS + UPPER + LOWER;
    static final String HEX = "0123456789abcdef";
    static final String BASE64 = ALNUM + "+/";
    static final String URLSAFE = ALNUM + "_-";
    static final String BASE32 = UPPER + "234567";

    private final Random random;

    Rng(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in [lo, hi]. */
    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    String from(String alphabet, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    String digits(int n) {
        return from(DIGITS, n);
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    String pick(String... items) {
        return items[random.nextInt(items.length)];
    }

    /** A mixed-case alphanumeric password with a few symbols that URLs and quotes tolerate. */
    String password(int n) {
        return from(ALNUM + "!*~.%^", n);
    }
}
