package dev.sieve.proxy.handler;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Sits right after the agent-side {@code HttpServerCodec}: a request head the decoder accepted but
 * {@link RequestHeadCheck} refuses gets a failed decoder result, so the handlers behind treat it
 * like any malformed request (refused, never forwarded). Everything passes on unchanged otherwise.
 */
@ChannelHandler.Sharable
final class RequestValidator extends ChannelInboundHandlerAdapter {
    static final RequestValidator INSTANCE = new RequestValidator();

    private RequestValidator() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            HttpVersion version = request.protocolVersion();
            RequestHeadCheck.Problem problem = RequestHeadCheck.check(request.uri(), version.protocolName(),
                    version.majorVersion(), version.minorVersion(),
                    request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
            if (problem != null) {
                request.setDecoderResult(DecoderResult.failure(new InvalidRequestException(problem)));
            }
        }
        ctx.fireChannelRead(msg);
    }
}
