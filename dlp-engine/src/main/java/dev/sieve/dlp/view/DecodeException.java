package dev.sieve.dlp.view;

/**
 * Internal signal that decoding must stop with {@link DecodeOutcome.Failed}. The detail names the
 * view and the limit; callers must never put body bytes into it.
 */
final class DecodeException extends Exception {

    private final FailReason reason;

    DecodeException(FailReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    FailReason reason() {
        return reason;
    }

    String detail() {
        return getMessage();
    }
}
