package dev.sieve.proxy.inspect;

import dev.sieve.proxy.redaction.PlaceholderLookup;
import dev.sieve.proxy.route.RequestTarget;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inspection hook on the request path: a request head, then its body chunks, then a verdict.
 * The exchange holds the body (buffer, then forward) until {@link Session#finish} says what to do.
 * Implementations must never let a detected value escape into a verdict's detail.
 */
public interface RequestInspector {

    /**
     * Opens an inspection session for one request; called on the connection's event loop.
     *
     * @param target {@code head}'s target as received, parsed once per request by the caller
     *               ({@code RequestTarget.parse(head.uri())})
     */
    Session open(ExchangeFacts facts, HttpRequest head, RequestTarget target);

    interface Session {
        /** Called for each body chunk as it arrives; the buffer stays owned by the caller. */
        void onContent(ByteBuf chunk);

        /**
         * How many bytes at the start of the body shown so far ({@link #onContent}) are proven clean and may go
         * upstream before the verdict; see {@link dev.sieve.dlp.inspect.Inspection#cleanThrough()}. Never decreases;
         * 0 by default (hold the whole body), and always 0 unless {@link #trackClean()} came before the first
         * {@link #onContent}.
         */
        default long cleanThrough() {
            return 0;
        }

        /**
         * Asks for {@link #cleanThrough()} to be worked out as chunks are shown; call it before the first
         * {@link #onContent} (see {@link dev.sieve.dlp.inspect.Inspection#trackClean()}).
         */
        default void trackClean() {
        }

        /**
         * The trailer fields that came after the body's last chunk (HTTP/1.1 chunked trailers, an h2 HEADERS frame
         * after DATA), in arrival order; called at most once, after the last {@link #onContent} and before
         * {@link #finish}, from the thread that then finishes the session or with a hand-off between the two. An
         * inspector that scans must scan them like headers ({@code trailer:<name>}): the default ignores them, as
         * an inspector that lets everything through may.
         */
        default void onTrailers(List<Map.Entry<String, String>> trailers) {
        }

        /**
         * Called once after the last chunk with the whole held body (owned by the caller, not
         * to be retained); the verdict decides what is forwarded. Must not throw.
         */
        Verdict finish(ByteBuf body);

        /** Called when the exchange ends without {@link #finish} (client gone, error). */
        default void abort() {}

        /**
         * After {@link #finish} redacted the request: the originals of its agent's placeholders, when placeholders
         * in the response are to be restored ({@code redaction.restoreInResponses}); empty otherwise.
         */
        default Optional<PlaceholderLookup> restore() {
            return Optional.empty();
        }
    }

    /** Lets everything through unchanged. */
    RequestInspector PASS_THROUGH = (facts, head, target) -> new Session() {
        @Override
        public void onContent(ByteBuf chunk) {}

        @Override
        public Verdict finish(ByteBuf body) {
            return Verdict.ALLOW;
        }
    };
}
