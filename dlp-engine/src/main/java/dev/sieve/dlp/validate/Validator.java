package dev.sieve.dlp.validate;

/**
 * A pure check run on one candidate match after its pattern matched. All validators of a rule must pass for the
 * candidate to count. Implementations are immutable, thread-safe, never throw for any input, and never put the
 * match (or any part of it) into an exception, a log line or a field.
 */
@FunctionalInterface
public interface Validator {

    /** True if {@code match} is a plausible instance of what the rule detects. */
    boolean test(CharSequence match, ValidationContext ctx);

    /**
     * How many characters right before and right after the match {@link #test} reads from its context (beyond a
     * rule's {@code context.window}): the scan keeps at least that much around a match for it, in every engine.
     */
    default int reach() {
        return 0;
    }
}
