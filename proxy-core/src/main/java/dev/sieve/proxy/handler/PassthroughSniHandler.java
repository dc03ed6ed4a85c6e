package dev.sieve.proxy.handler;

import dev.sieve.certs.HostNames;
import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.route.Target;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a passthrough tunnel Sieve does not terminate TLS, but it still reads the ClientHello: the
 * SNI name must be the CONNECT host, or the tunnel closes. On a match it replaces itself with a
 * raw {@link Relay} pair; the buffered ClientHello is handed on to the upstream unchanged.
 */
final class PassthroughSniHandler extends AbstractSniHandler<Boolean> {
    private static final Logger log = LoggerFactory.getLogger(PassthroughSniHandler.class);

    private final Target target;
    private final Channel upstream;

    /** @param clientHelloTimeoutMillis the longest the ClientHello may take to arrive */
    PassthroughSniHandler(Target target, Channel upstream, long clientHelloTimeoutMillis) {
        super(clientHelloTimeoutMillis);
        this.target = target;
        this.upstream = upstream;
    }

    @Override
    protected Future<Boolean> lookup(ChannelHandlerContext ctx, String hostname) {
        boolean matches;
        try {
            matches = hostname != null && HostNames.normalize(hostname).equals(target.host());
        } catch (IllegalArgumentException e) {
            matches = false;
        }
        if (!matches) {
            log.info("passthrough tunnel to {} closed: SNI {} does not match", target.authority(), hostname);
        }
        return ctx.executor().newSucceededFuture(matches);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<Boolean> future) {
        if (!future.isSuccess() || !future.getNow()) {
            upstream.close();
            ctx.close();
            return;
        }
        upstream.pipeline().addLast(PipelineNames.RELAY, new Relay(ctx.channel()));
        ctx.pipeline().addAfter(ctx.name(), PipelineNames.RELAY, new Relay(upstream));
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        upstream.close();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        upstream.close();
        ctx.close();
    }
}
