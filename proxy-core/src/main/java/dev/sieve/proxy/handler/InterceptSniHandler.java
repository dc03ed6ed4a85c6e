package dev.sieve.proxy.handler;

import dev.sieve.certs.HostNames;
import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.route.Target;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the agent's ClientHello inside an intercepted tunnel, looks up (or mints, off the event
 * loop) the leaf for the CONNECT host, and replaces itself with the TLS server handler followed
 * by the HTTP handlers and the handler that answers requests ({@link Inside}): the exchange handler of an
 * inspected tunnel, or the refusal of a tunnel accepted only to explain it ({@link TunnelRefusalHandler}).
 * The certificate is always the CONNECT host's: a different SNI name is passed on to {@link Inside}, and an
 * inspected tunnel then refuses every request ({@code sni_mismatch}).
 */
final class InterceptSniHandler extends AbstractSniHandler<SslContext> {
    private static final Logger log = LoggerFactory.getLogger(InterceptSniHandler.class);

    /** What answers the requests inside the tunnel once TLS is set up. */
    @FunctionalInterface
    interface Inside {
        /**
         * @param sniMismatch the SNI name when it differed from the CONNECT host, else {@code null}
         * @param deadline    the tunnel's header-read deadline, started with the TLS handshake
         */
        ChannelHandler handler(String sniMismatch, HeaderDeadline deadline);
    }

    private final ProxyServices services;
    /** The normalized CONNECT host: the leaf's name. */
    private final String host;
    private final String clientAddress;
    private final Inside inside;

    InterceptSniHandler(ProxyServices services, String host, String clientAddress, Inside inside) {
        // The ClientHello, like a request head, must arrive within the header timeout.
        super(services.limits().headerTimeout().toMillis());
        this.services = services;
        this.host = host;
        this.clientAddress = clientAddress;
        this.inside = inside;
    }

    /** An inspected tunnel to {@code target}: every request is an exchange, checked by a {@link TunnelSelector}. */
    static InterceptSniHandler inspecting(ProxyServices services, Router.Routed.Route route,
            dev.sieve.proxy.auth.Grant grant, String clientAddress) {
        Target target = route.target();
        return new InterceptSniHandler(services, target.host(), clientAddress, (sniMismatch, deadline) ->
                new ExchangeHandler(services, new TunnelSelector(target, route.rule(), grant, services.authenticator(), sniMismatch),
                        clientAddress, null,
                        deadline));
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) {
        Promise<SslContext> promise = ctx.executor().newPromise();
        services.serverTls().context(host).whenComplete((context, error) -> {
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
            log.warn("no leaf certificate for {}: {}", host, String.valueOf(future.cause()));
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
            if (!sni.equals(host)) {
                sniMismatch = sni;
            }
        }
        SslHandler tls = future.getNow().newHandler(ctx.alloc());
        tls.setHandshakeTimeoutMillis(services.limits().headerTimeout().toMillis());
        // Started now: the TLS handshake and the first request head must complete within the header timeout.
        HeaderDeadline deadline = FrontendInitializer.newHeaderDeadline(services);
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), PipelineNames.TLS, tls);
        p.addAfter(PipelineNames.TLS, PipelineNames.HEADER_DEADLINE, deadline);
        if (services.serverTls().http2()) {
            // h2 is offered: the handshake's ALPN result decides which handlers follow.
            p.addAfter(PipelineNames.HEADER_DEADLINE, PipelineNames.ALPN, new ProtocolChoice(sniMismatch, deadline));
        } else {
            addHttp1(p, PipelineNames.HEADER_DEADLINE, sniMismatch, deadline);
        }
        p.remove(this);
    }

    private void addHttp1(ChannelPipeline p, String after, String sniMismatch, HeaderDeadline deadline) {
        p.addAfter(after, PipelineNames.HTTP_CODEC, FrontendInitializer.newServerCodec(services.limits()));
        p.addAfter(PipelineNames.HTTP_CODEC, PipelineNames.REQUEST_CHECK, RequestValidator.INSTANCE);
        p.addAfter(PipelineNames.REQUEST_CHECK, PipelineNames.FLOW_CONTROL, new FlowControlHandler());
        p.addAfter(PipelineNames.FLOW_CONTROL, PipelineNames.EXCHANGE, inside.handler(sniMismatch, deadline));
    }

    /**
     * Adds the HTTP/1.1 handlers, or the h2 ones ({@link Http2Frontend}) when the agent chose h2, once the handshake
     * is done; then the handshake event goes on to them (the HTTP/1.1 exchange asks for its first request then).
     */
    private final class ProtocolChoice extends ApplicationProtocolNegotiationHandler {
        private final String sniMismatch;
        private final HeaderDeadline deadline;

        ProtocolChoice(String sniMismatch, HeaderDeadline deadline) {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.sniMismatch = sniMismatch;
            this.deadline = deadline;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                Http2Frontend.configure(ctx.pipeline(), ctx.name(), services, sniMismatch, deadline, inside);
            } else {
                addHttp1(ctx.pipeline(), ctx.name(), sniMismatch, deadline);
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("TLS from agent {} to {} failed: {}", clientAddress, host, cause.toString());
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("TLS from agent {} to {} failed: {}", clientAddress, host, cause.toString());
        ctx.close();
    }

}
