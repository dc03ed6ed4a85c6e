package dev.sieve.dlp.validate;

import java.util.Objects;

/**
 * {@code keypair {with: <rule id>, window: N}}: the candidate counts only if a candidate of rule {@code with} (one
 * that passed that rule's own validators, context and excludes) lies within {@code window} bytes of it, in
 * either direction, in the same view. The scanning engine evaluates this after the whole view is scanned;
 * {@link #test} alone always passes.
 */
public final class KeyPair implements Validator {

    /** Largest accepted window. */
    public static final int MAX_WINDOW = 64 * 1024;
    /** Window used when the rule does not give one. */
    public static final int DEFAULT_WINDOW = 256;

    private final String with;
    private final int window;

    public KeyPair(String with, int window) {
        this.with = Objects.requireNonNull(with, "with");
        if (window < 0 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window: " + window + " (expected: 0.." + MAX_WINDOW + ")");
        }
        this.window = window;
    }

    /** Id of the partner rule. */
    public String with() {
        return with;
    }

    /** Largest gap in bytes between this candidate and a partner candidate. */
    public int window() {
        return window;
    }

    /** True if spans {@code [aStart, aEnd)} and {@code [bStart, bEnd)} are at most {@link #window()} bytes apart. */
    public boolean near(long aStart, long aEnd, long bStart, long bEnd) {
        return bStart <= aEnd + window && bEnd + window >= aStart;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        return true;
    }
}
