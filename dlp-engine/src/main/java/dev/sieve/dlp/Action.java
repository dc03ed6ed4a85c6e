package dev.sieve.dlp;

/**
 * What enforcement does with a finding, ordered weakest to strongest, so that
 * {@code a.compareTo(b) > 0} means {@code a} is stricter. YAML spelling is the lower-case name.
 */
public enum Action {
    LOG,
    REDACT,
    BLOCK;

    /** The stricter of the two actions. */
    public Action max(Action other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
