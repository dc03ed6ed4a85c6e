package dev.sieve.dlp.view;

/**
 * Internal signal that decoding must stop with {@link DecodeOutcome.Failed}. The detail names the
 * view and the limit; callers must never put body bytes into it.
 */
final class DecodeException extends Exception {

    private final FailReason reason;
    private final ViewLimits.Limit limit;

    DecodeException(FailReason reason, String detail) {
        this(reason, null, detail);
    }

    /** A failure caused by {@code limit} (null when no configured limit caused it). */
    DecodeException(FailReason reason, ViewLimits.Limit limit, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.limit = limit;
    }

    FailReason reason() {
        return reason;
    }

    /** The limit that was exceeded, or null. */
    ViewLimits.Limit limit() {
        return limit;
    }

    String detail() {
        return getMessage();
    }
}
