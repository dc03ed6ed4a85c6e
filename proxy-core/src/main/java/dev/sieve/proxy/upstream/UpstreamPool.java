package dev.sieve.proxy.upstream;

import dev.sieve.proxy.route.Target;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * Where an {@link UpstreamCall} gets its upstream connections: {@link UpstreamConnector} in Sieve; a test gives
 * embedded channels, so that the exchange's state machine runs without sockets. A connection it hands out has the
 * upstream pipeline's {@code http-codec} and {@code upstream-tail} (see {@code PipelineNames}); it is an HTTP/1.1
 * connection or an h2 stream, which speaks the same HttpObjects.
 */
public interface UpstreamPool extends AutoCloseable {
    /**
     * A ready connection to {@code target} on {@code loop}: pooled if one is idle, new otherwise, or a stream of a
     * shared h2 connection.
     *
     * @param http1Only the request needs an HTTP/1.1 connection (a WebSocket handshake), never an h2 stream
     */
    Future<Channel> acquire(EventLoop loop, Target target, boolean http1Only);

    /** Whether {@code ch} came out of the pool (it, or the h2 connection of a stream, served an earlier request). */
    boolean wasReused(Channel ch);

    /** Returns a connection whose last response was read completely and that may be reused; closes a stream. */
    void release(Channel ch);

    /** Closes a connection that must not be reused, and frees its pool slot. */
    void discard(Channel ch);

    /** Takes a connection out of the pool's care for good; its new owner closes it. */
    void takeOver(Channel ch);

    @Override
    void close();
}
