package dev.sieve.dlp.validate;

/** {@code entropy {min: bits}}: Shannon entropy of the match in bits per character is at least {@code min}. */
final class Entropy implements Validator {

    private final double min;

    Entropy(double min) {
        if (!(min > 0 && min <= 8)) {
            throw new IllegalArgumentException("min: " + min + " (expected: a number of bits per character in (0, 8])");
        }
        this.min = min;
    }

    double min() {
        return min;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        return shannon(match) >= min;
    }

    static double shannon(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        int[] counts = new int[256];
        int other = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 256) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            bits += term(count, n);
        }
        return bits + term(other, n);
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return -p * (Math.log(p) / Math.log(2));
    }
}
