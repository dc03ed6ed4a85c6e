package dev.sieve.proxy.budget;

/**
 * The requests-per-minute math: a bucket of {@code rpm} tokens, refilled evenly ({@code rpm} per minute, so one
 * every {@code 60s / rpm}); a request takes one. Pure: time is a parameter. {@link RedisBudgetStore}'s script does
 * the same arithmetic in Lua.
 *
 * @param tokens   tokens in the bucket (fractional while refilling)
 * @param atMillis when {@code tokens} was last computed
 */
record TokenBucket(double tokens, long atMillis) {

    static final long PERIOD_MILLIS = 60_000;

    /** A full bucket of {@code rpm} tokens at {@code now}. */
    static TokenBucket full(long rpm, long now) {
        return new TokenBucket(rpm, now);
    }

    /** This bucket at {@code now}: refilled for the time passed, at most {@code rpm} tokens. A clock going back adds nothing. */
    TokenBucket at(long rpm, long now) {
        if (now <= atMillis) {
            return new TokenBucket(Math.min(rpm, tokens), atMillis);
        }
        return new TokenBucket(Math.min(rpm, tokens + (double) (now - atMillis) * rpm / PERIOD_MILLIS), now);
    }

    /** True if a request may take a token now (call on a refilled bucket, see {@link #at}). */
    boolean hasToken() {
        return tokens >= 1;
    }

    /** The bucket after a request took one token. */
    TokenBucket take() {
        return new TokenBucket(tokens - 1, atMillis);
    }

    /** Milliseconds until the next whole token (0 when there is one). */
    long waitMillis(long rpm) {
        return hasToken() ? 0 : (long) Math.ceil((1 - tokens) * PERIOD_MILLIS / rpm);
    }
}
