package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/** Maps request decoding failures to {@link Refusal}s. */
public final class Refusals {
    private Refusals() {}

    /**
     * A request head or body part whose decoding failed (in Netty's decoder or {@link RequestValidator}).
     * A line too long in the head is the request line (414); in the body it is a chunk-size line
     * with its extensions, which is bad framing (400), not a long URI.
     */
    public static Refusal ofDecoderFailure(HttpObject failed) {
        Throwable cause = failed.decoderResult().cause();
        if (cause instanceof InvalidRequestException invalid) {
            return invalid.problem().refusal();
        }
        boolean head = failed instanceof HttpRequest;
        if (cause instanceof TooLongHttpLineException) {
            return head ? Refusal.URI_TOO_LONG : Refusal.REQUEST_SMUGGLING;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Refusal.HEADERS_TOO_LARGE;
        }
        if (cause instanceof TooLongFrameException) {
            return Refusal.BAD_REQUEST;
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("content-length") || message.contains("transfer-encoding")
                || message.contains("transfer coding") || message.contains("chunk")) {
            return Refusal.REQUEST_SMUGGLING;
        }
        return Refusal.BAD_REQUEST;
    }

    /** Sieve's own explanation of a decoding failure, or {@code null}; never request data. */
    public static String decoderFailureDetail(HttpObject failed) {
        Throwable cause = failed.decoderResult().cause();
        if (cause instanceof InvalidRequestException invalid) {
            return invalid.problem().detail();
        }
        if (cause instanceof TooLongHttpLineException && !(failed instanceof HttpRequest)) {
            return "a chunk-size line (with its extensions) is over the line limit";
        }
        return null;
    }
}
