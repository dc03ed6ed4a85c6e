package dev.sieve.dlp.view;

import java.util.Objects;
import java.util.Optional;

/** Result of {@link Views#decode}: every view was delivered, or the request must be blocked. */
public sealed interface DecodeOutcome {

    /**
     * All views were delivered to the visitor.
     *
     * @param views        number of views delivered
     * @param decodedBytes bytes produced by decoding (decompression, base64, views) for this request
     */
    record Ok(int views, long decodedBytes) implements DecodeOutcome {
    }

    /**
     * Decoding stopped; views delivered before the failure must not be taken as a pass.
     *
     * @param reason what went wrong
     * @param detail a human-readable explanation naming the view and the limit; never contains
     *               body bytes
     * @param limit  the configured limit that was exceeded, when one caused the failure
     */
    record Failed(FailReason reason, String detail, Optional<ViewLimits.Limit> limit) implements DecodeOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(limit, "limit");
        }

        /** A failure no configured limit caused. */
        public Failed(FailReason reason, String detail) {
            this(reason, detail, Optional.empty());
        }
    }
}
