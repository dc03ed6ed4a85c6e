package dev.sieve.proxy.handler;

import dev.sieve.certs.HostNames;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the agent's ClientHello inside an inspected tunnel, looks up (or mints, off the event
 * loop) the leaf for the CONNECT host, and replaces itself with the TLS server handler followed
 * by the HTTP exchange handlers. The certificate is always the CONNECT host's: a different SNI
 * name is remembered and every request on the tunnel is then refused ({@code sni_mismatch}).
 */
final class InterceptSniHandler extends AbstractSniHandler<SslContext> {
    private static final Logger log = LoggerFactory.getLogger(InterceptSniHandler.class);

    private final ProxyServices services;
    private final Target target;
    private final String agentId;
    private final String clientAddress;

    InterceptSniHandler(ProxyServices services, Target target, String agentId, String clientAddress) {
        // The ClientHello, like a request head, must arrive within the header timeout.
        super(services.limits().headerTimeout().toMillis());
        this.services = services;
        this.target = target;
        this.agentId = agentId;
        this.clientAddress = clientAddress;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) {
        Promise<SslContext> promise = ctx.executor().newPromise();
        services.serverTls().context(target.host()).whenComplete((context, error) -> {
            if (error != null) {
                promise.tryFailure(error);
            } else {
                promise.trySuccess(context);
            }
        });
        return promise;
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<SslContext> future) {
        if (!future.isSuccess()) {
            log.warn("no leaf certificate for {}: {}", target.host(), String.valueOf(future.cause()));
            ctx.close();
            return;
        }
        String sniMismatch = null;
        if (hostname != null) {
            String sni;
            try {
                sni = HostNames.normalize(hostname);
            } catch (IllegalArgumentException e) {
                sni = "<invalid>";
            }
            if (!sni.equals(target.host())) {
                sniMismatch = sni;
            }
        }
        SslHandler tls = future.getNow().newHandler(ctx.alloc());
        ProxyServices.Limits limits = services.limits();
        tls.setHandshakeTimeoutMillis(limits.headerTimeout().toMillis());
        // Started now: the TLS handshake and the first request head must complete within the header timeout.
        HeaderDeadline deadline = FrontendInitializer.newHeaderDeadline(services);
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), PipelineNames.TLS, tls);
        p.addAfter(PipelineNames.TLS, PipelineNames.HEADER_DEADLINE, deadline);
        p.addAfter(PipelineNames.HEADER_DEADLINE, PipelineNames.HTTP_CODEC, FrontendInitializer.newServerCodec(limits));
        p.addAfter(PipelineNames.HTTP_CODEC, PipelineNames.REQUEST_CHECK, RequestValidator.INSTANCE);
        p.addAfter(PipelineNames.REQUEST_CHECK, PipelineNames.FLOW_CONTROL, new FlowControlHandler());
        p.addAfter(PipelineNames.FLOW_CONTROL, PipelineNames.EXCHANGE, new ExchangeHandler(services,
                new TunnelSelector(target, agentId, sniMismatch), clientAddress, null, deadline));
        p.remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("TLS from agent {} to {} failed: {}", clientAddress, target.authority(), cause.toString());
        ctx.close();
    }

}
