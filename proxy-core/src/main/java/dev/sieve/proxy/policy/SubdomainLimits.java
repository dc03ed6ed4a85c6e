package dev.sieve.proxy.policy;

/**
 * How a wildcard allow entry ({@code *.example.com}) checks the labels under its domain for encoded data before
 * any DNS lookup ({@link SubdomainCheck}). Config: {@code subdomains:} (defaults) and {@code allow[].subdomains}.
 *
 * @param check            false turns the check off for the entry
 * @param maxLabelLength   longest label allowed under the domain (DNS allows 63)
 * @param minEncodedLength words (runs of letters and digits between {@code - _ .}) at least this long are tested
 *                         for the shape of encoded data (hex, scattered digits, no vowels) and for entropy
 * @param maxEntropy       Shannon entropy in bits per character at or above which such a word is refused
 * @throws IllegalArgumentException with a {@code "name: value (expected: ...)"} message
 */
public record SubdomainLimits(boolean check, int maxLabelLength, int minEncodedLength, double maxEntropy) {

    /** What {@code sieve-default.yaml} sets; also the limits of an {@link AllowRule} built without any. */
    public static final SubdomainLimits DEFAULTS = new SubdomainLimits(true, 40, 16, 4.0);

    public static final int MAX_LABEL = 63;

    public SubdomainLimits {
        if (maxLabelLength < 1 || maxLabelLength > MAX_LABEL) {
            throw new IllegalArgumentException("maxLabelLength: " + maxLabelLength + " (expected: 1-" + MAX_LABEL + ")");
        }
        if (minEncodedLength < 8 || minEncodedLength > MAX_LABEL + 1) {
            throw new IllegalArgumentException("minEncodedLength: " + minEncodedLength + " (expected: 8-"
                    + (MAX_LABEL + 1) + "; " + (MAX_LABEL + 1) + " turns the shape and entropy tests off)");
        }
        if (!(maxEntropy >= 1.0 && maxEntropy <= 6.0)) {
            throw new IllegalArgumentException("maxEntropy: " + maxEntropy + " (expected: 1.0-6.0 bits per character)");
        }
    }
}
