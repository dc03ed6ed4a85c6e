package dev.sieve.proxy.budget;

/**
 * The upload-bytes math: a fixed window of {@code lengthMillis} (a UTC clock hour or a UTC day), whose count starts
 * again at zero when the next window begins. Pure: time is a parameter. {@link RedisBudgetStore}'s scripts do the
 * same arithmetic in Lua.
 *
 * @param index which window (milliseconds since the epoch / length)
 * @param used  bytes charged in it
 */
record UploadWindow(long index, long used) {

    static final long HOUR_MILLIS = 3_600_000L;
    static final long DAY_MILLIS = 86_400_000L;

    /** The window that holds {@code now}: this one, or an empty next one. */
    UploadWindow at(long now, long lengthMillis) {
        long current = Math.floorDiv(now, lengthMillis);
        return current == index ? this : new UploadWindow(current, 0);
    }

    /** Bytes left of {@code limit} (never negative: a body that overshot leaves 0). */
    long left(long limit) {
        return Math.max(0, limit - used);
    }

    /** True if a request declaring {@code declared} bytes (0 or -1 when none) is refused: spent, or not enough left. */
    boolean refuses(long limit, long declared) {
        long left = left(limit);
        return left == 0 || declared > left;
    }

    UploadWindow charge(long bytes) {
        return new UploadWindow(index, used + bytes);
    }

    /** Milliseconds from {@code now} until the next window begins. */
    long millisToNext(long now, long lengthMillis) {
        return (index + 1) * lengthMillis - now;
    }
}
