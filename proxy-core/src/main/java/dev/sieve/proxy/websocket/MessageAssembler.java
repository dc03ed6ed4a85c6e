package dev.sieve.proxy.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Reassembles one agent message from its data frames (a text or binary frame, then continuation frames up to the
 * final one), within a size and a fragment limit, so that inspection sees the whole message. Frames arrive already
 * inflated. Not thread-safe: one per connection, on its event loop.
 *
 * <p>It owns what it holds: {@link #add} takes the frame (and releases it), a {@link Step.Complete} hands its buffer
 * to the caller, and {@link #release()} frees a message left unfinished.
 */
final class MessageAssembler {

    /** What one frame did to the message. */
    sealed interface Step {
        /** More frames to come. */
        record Incomplete() implements Step {}

        /** The whole message: the caller owns (and releases) {@code message}. */
        record Complete(boolean text, ByteBuf message, int fragments) implements Step {}

        /** Over a limit: nothing of the message is kept. {@code what} names the limit, never data. */
        record TooBig(String what) implements Step {}

        /** Frames out of order (the frame decoder normally catches these first). */
        record OutOfOrder(String what) implements Step {}
    }

    private static final Step INCOMPLETE = new Step.Incomplete();

    private final long maxBytes;
    private final int maxFragments;
    private ByteBuf held;
    private boolean text;
    private int fragments;

    MessageAssembler(long maxBytes, int maxFragments) {
        this.maxBytes = maxBytes;
        this.maxFragments = maxFragments;
    }

    /** Whether a message has started and not yet ended. */
    boolean inProgress() {
        return held != null;
    }

    /** Adds a data frame (text, binary or continuation) and releases it. */
    Step add(WebSocketFrame frame) {
        try {
            boolean first = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
            if (first == inProgress() || !(first || frame instanceof ContinuationWebSocketFrame)) {
                release();
                return new Step.OutOfOrder(first ? "a new message inside a fragmented one"
                        : "a continuation frame outside a fragmented message");
            }
            ByteBuf content = frame.content();
            long size = (held == null ? 0 : held.readableBytes()) + (long) content.readableBytes();
            if (size > maxBytes) {
                release();
                return new Step.TooBig("inspection.websocket.maxMessageBytes");
            }
            if (first) {
                text = frame instanceof TextWebSocketFrame;
                fragments = 0;
                if (frame.isFinalFragment()) {
                    return new Step.Complete(text, content.retain(), 1);
                }
                held = Unpooled.buffer(Math.min(content.readableBytes() * 2, (int) Math.min(maxBytes, 64 * 1024)),
                        (int) maxBytes);
            }
            if (++fragments > maxFragments) {
                release();
                return new Step.TooBig("inspection.websocket.maxFragments");
            }
            held.writeBytes(content, content.readerIndex(), content.readableBytes());
            if (!frame.isFinalFragment()) {
                return INCOMPLETE;
            }
            ByteBuf message = held;
            held = null;
            return new Step.Complete(text, message, fragments);
        } finally {
            frame.release();
        }
    }

    /** Frees a message left unfinished; later calls do nothing. */
    void release() {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
