package dev.sieve.proxy.policy;

import java.util.Optional;

/**
 * Decides whether the labels a wildcard entry lets through look like data smuggled into DNS names
 * ({@code 4a6f686e...deadbeef.example.com}): a pure function of the labels and {@link SubdomainLimits}, run before any
 * DNS lookup so that the data never reaches a resolver.
 *
 * <p>Tests, in order: a label longer than {@code maxLabelLength} ({@code label_length}); then each word (a run of
 * letters and digits between {@code -}, {@code _} and {@code .}) of at least {@code minEncodedLength} characters:
 * hex with letters and digits ({@code hex}), three or more separate runs of digits ({@code scattered_digits},
 * base32/base64 of random bytes), fewer than one vowel (a, e, i, o, u, y) in five letters ({@code no_vowels},
 * random letters), entropy at or above {@code maxEntropy} ({@code entropy}). Names people choose
 * ({@code contoso-openai-eastus2}, {@code northamerica-northeast1-aiplatform}) are made of short or pronounceable
 * words and pass; measured on random data, hex chunks of 16+ characters are always refused, base32 chunks of
 * 20/32 characters 83/99 % of the time, lower-cased base64url chunks (whose {@code -} and {@code _} split words)
 * 49/80 %; the length limit refuses the long labels exfiltration tools use. Never throws.
 */
public final class SubdomainCheck {

    /** Why a subdomain was refused: the test's name and a sentence with lengths and limits, never the labels. */
    public record Violation(String test, String detail) {
    }

    private SubdomainCheck() {}

    /** @param subdomain the labels under the entry's domain ({@code a.b} for {@code a.b.example.com}) */
    public static Optional<Violation> check(String subdomain, SubdomainLimits limits) {
        if (!limits.check()) {
            return Optional.empty();
        }
        int start = 0;
        for (int i = 0; i <= subdomain.length(); i++) {
            if (i == subdomain.length() || subdomain.charAt(i) == '.') {
                if (i - start > limits.maxLabelLength()) {
                    return Optional.of(new Violation("label_length", "a label of " + (i - start)
                            + " characters (limit " + limits.maxLabelLength() + ")"));
                }
                start = i + 1;
            }
        }
        start = 0;
        for (int i = 0; i <= subdomain.length(); i++) {
            if (i == subdomain.length() || !isWordChar(subdomain.charAt(i))) {
                if (i - start >= limits.minEncodedLength()) {
                    Optional<Violation> v = word(subdomain.substring(start, i), limits);
                    if (v.isPresent()) {
                        return v;
                    }
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
    }

    private static Optional<Violation> word(String word, SubdomainLimits limits) {
        String shape = "a word of " + word.length() + " characters ";
        int letters = 0;
        int vowels = 0;
        int digitRuns = 0;
        boolean hex = true;
        int[] counts = new int[128];
        for (int i = 0; i < word.length(); i++) {
            char c = Character.toLowerCase(word.charAt(i));
            counts[c]++;
            boolean digit = c >= '0' && c <= '9';
            if (digit && (i == 0 || !Character.isDigit(word.charAt(i - 1)))) {
                digitRuns++;
            }
            if (!digit) {
                letters++;
                vowels += "aeiouy".indexOf(c) >= 0 ? 1 : 0;
                hex &= c <= 'f';
            }
        }
        if (hex && letters > 0 && digitRuns > 0) {
            return Optional.of(new Violation("hex", shape + "in hex"));
        }
        if (digitRuns >= 3 && letters > 0) {
            return Optional.of(new Violation("scattered_digits", shape + "with " + digitRuns
                    + " separate runs of digits"));
        }
        if (letters > 0 && vowels * 5 < letters) {
            return Optional.of(new Violation("no_vowels", shape + "with " + vowels + " vowels in " + letters
                    + " letters"));
        }
        double entropy = entropy(counts, word.length());
        if (entropy >= limits.maxEntropy()) {
            return Optional.of(new Violation("entropy", shape + String.format(java.util.Locale.ROOT,
                    "with an entropy of %.2f bits per character (limit %.2f)", entropy, limits.maxEntropy())));
        }
        return Optional.empty();
    }

    private static double entropy(int[] counts, int n) {
        double h = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }
}
