package dev.sieve.proxy.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2CodecUtil;

/** What the last handler of an h2 connection (agent side or upstream side) does with an exception. */
public final class H2ConnectionErrors {
    private H2ConnectionErrors() {}

    /**
     * Closes the connection unless {@code cause} is an h2 error the codec found (an empty DATA frames run, a
     * flow-control violation...): that reaches the last handler before the codec itself answers it with GOAWAY and
     * its error code and closes, and closing first would send GOAWAY NO_ERROR instead, hiding the reason from the
     * peer.
     */
    public static void closeUnlessCodecAnswers(ChannelHandlerContext ctx, Throwable cause) {
        if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) == null) {
            ctx.close();
        }
    }
}
