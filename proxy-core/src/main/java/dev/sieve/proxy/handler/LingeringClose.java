package dev.sieve.proxy.handler;

import dev.sieve.proxy.pipeline.PipelineNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Ends an agent connection after a refusal so that the refusal reaches the agent. Closing a socket
 * that still has unread input makes the kernel answer with a reset, and an agent that is still
 * sending (a body, an over-long chunk line, a pipelined request) may then lose the response it has
 * not read yet. So once the refusal is written, Sieve ends its side (TLS {@code close_notify}, then
 * FIN) and reads and discards whatever still arrives (at the head of the pipeline: nothing is
 * decoded or kept) until the agent closes, nothing came for {@link #QUIET_MILLIS}, {@link #MAX_MILLIS}
 * passed or {@link #MAX_BYTES} were discarded: nginx's lingering close.
 *
 * <p>The bounds must let a whole over-limit upload drain: some clients (the JDK's HttpClient) read no response
 * before their request body is sent, so a close while they still send loses them the 413 to a reset. Two seconds
 * were too short for a 48 MiB upload over TLS on a loaded machine; nginx lingers up to 30 s (5 s quiet).
 *
 * <p>An h2 stream lingers the same way, within its connection: the response has ended the stream on Sieve's side
 * (END_STREAM), and the stream's DATA is read and discarded, which opens its flow-control window again (nothing is
 * held), until the agent ends the stream, or one of the same bounds is reached: then RST_STREAM NO_ERROR (RFC 9113
 * section 8.1: the response is complete, stop sending) ends it. The reset is not sent at once, although RFC 9113
 * allows it, because the JDK HttpClient sends the whole body before it reads any response and ignores a reset that
 * follows a complete response until then: a stream Sieve resets at once gets no more flow-control credit, and the
 * client waits for it until its own timeout, never reading the 413.
 */
final class LingeringClose {
    static final long QUIET_MILLIS = 2_000;
    static final long MAX_MILLIS = 15_000;
    static final long MAX_BYTES = 128L * 1024 * 1024;

    private LingeringClose() {}

    /** Closes the channel of {@code written} once that write is done, lingering as described above. */
    static void after(ChannelFuture written) {
        written.addListener(f -> {
            Channel ch = written.channel();
            if (ch instanceof Http2StreamChannel) {
                lingerOnStream(ch, f.isSuccess());
                return;
            }
            if (!f.isSuccess() || !ch.isActive() || !(ch instanceof DuplexChannel duplex)
                    || ch.pipeline().get(PipelineNames.LINGERING_CLOSE) != null) {
                ch.close();
                return;
            }
            ch.pipeline().addFirst(PipelineNames.LINGERING_CLOSE, new Drain(ChannelHandlerContext::close));
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            Future<?> ended = tls == null ? ch.newSucceededFuture() : tls.closeOutbound();
            ended.addListener(e -> {
                if (ch.isActive()) {
                    duplex.shutdownOutput();
                }
            });
            ch.config().setAutoRead(true);
            ch.read();
        });
    }

    /**
     * An h2 stream whose response was written: drained until the agent ends it (its channel then closes by itself)
     * or a bound is reached (then reset with NO_ERROR). A stream already closed, or a write that failed, ends here.
     */
    private static void lingerOnStream(Channel stream, boolean written) {
        if (!written || !stream.isActive() || stream.pipeline().get(PipelineNames.LINGERING_CLOSE) != null) {
            stream.close();
            return;
        }
        stream.pipeline().addFirst(PipelineNames.LINGERING_CLOSE, new Drain(LingeringClose::resetNoError));
        stream.config().setAutoRead(true);
        stream.read();
    }

    private static void resetNoError(ChannelHandlerContext ctx) {
        Channel stream = ctx.channel();
        if (stream.isActive()) {
            stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR)).addListener(f -> stream.close());
        }
    }

    /** Discards input; ends the channel when the agent went quiet, the time is up or enough was discarded. */
    private static final class Drain extends ChannelInboundHandlerAdapter {
        private final Consumer<ChannelHandlerContext> end;
        private boolean ended;
        private long start;
        private long lastRead;
        private long discarded;

        Drain(Consumer<ChannelHandlerContext> end) {
            this.end = end;
        }

        private void end(ChannelHandlerContext ctx) {
            if (!ended) {
                ended = true;
                end.accept(ctx);
            }
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            start = ctx.executor().ticker().nanoTime();
            lastRead = start;
            check(ctx);
        }

        private void check(ChannelHandlerContext ctx) {
            long now = ctx.executor().ticker().nanoTime();
            if (now - lastRead >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)
                    || now - start >= TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS)) {
                end(ctx);
            } else if (ctx.channel().isActive()) {
                ctx.executor().schedule(() -> check(ctx), QUIET_MILLIS / 5, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes) {
                discarded += bytes.readableBytes();
            } else if (msg instanceof ByteBufHolder frame) { // an h2 stream's DATA
                discarded += frame.content().readableBytes();
            }
            ReferenceCountUtil.release(msg);
            lastRead = ctx.executor().ticker().nanoTime();
            if (discarded >= MAX_BYTES) {
                end(ctx);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // swallowed: the handlers behind are done with this connection
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
