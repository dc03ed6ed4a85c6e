package dev.sieve.proxy.handler;

import dev.sieve.proxy.auth.Grant;
import dev.sieve.proxy.config.Units;
import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.auth.AuthResult;
import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.route.Authority;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.upstream.UpstreamFailures;
import dev.sieve.proxy.policy.Mode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import dev.sieve.proxy.decision.DecisionRecord;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 1 of an agent connection: reads the first proxy request. {@code CONNECT host:port} is
 * authenticated, routed and then turns the connection into an intercepted TLS server (mode
 * inspect) or a raw tunnel (mode passthrough), or is refused: with a plain 403, or, where {@link TunnelExplanation}
 * allows ({@code refusals.explainInTunnel}), by a tunnel with Sieve's leaf whose requests are all answered with the
 * refusal ({@link TunnelRefusalHandler}). An absolute-form {@code http://} request hands the connection to an
 * {@link ExchangeHandler}. Either way this handler replaces itself.
 */
public final class ProxyRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProxyRequestHandler.class);
    public static final String ANONYMOUS = "anonymous";
    private static final HttpResponseStatus CONNECTION_ESTABLISHED = new HttpResponseStatus(200, "Connection Established");

    private final ProxyServices services;
    private final HeaderDeadline deadline;
    private boolean busy;
    private boolean routing;
    private HttpRequest first;
    private String agentId;
    /** What the CONNECT's credentials grant (an unscoped grant for static credentials and anonymous agents). */
    private Grant grant;
    private long startNanos;

    /** @param deadline the connection's header-read deadline, stopped when the first request head arrives */
    ProxyRequestHandler(ProxyServices services, HeaderDeadline deadline) {
        this.services = services;
        this.deadline = deadline;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    /** A read satisfied by the end of a read cycle rather than a message is renewed (see FlowControlHandler). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!busy) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (busy || !(msg instanceof HttpRequest request)) {
            // The LastHttpContent of a CONNECT, or anything after it while routing.
            ReferenceCountUtil.release(msg);
            if (!busy) {
                ctx.read();
            }
            return;
        }
        deadline.headReceived();
        first = request;
        startNanos = System.nanoTime();
        if (((HttpObject) msg).decoderResult().isFailure()) {
            refuse(ctx, Refusals.ofDecoderFailure(request), Refusals.decoderFailureDetail(request));
            return;
        }
        if (!services.recorder().admit()) {
            refuse(ctx, Refusal.AUDIT_UNAVAILABLE, null);
            return;
        }
        if (!HttpMethod.CONNECT.equals(request.method())) {
            if (request.uri().regionMatches(true, 0, "http://", 0, 7)) {
                // Plain-HTTP proxying: the rest of this connection is a sequence of exchanges.
                busy = true;
                AuthResult plainAuth = services.authenticator().authenticate(
                        request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
                BudgetGate.plainConnection(services, ctx.executor(), ctx.channel().closeFuture(), plainAuth,
                        AuthRefusals.grantOf(plainAuth).budget()).addListener(
                                (Future<dev.sieve.proxy.budget.BudgetDecision> b) -> {
                                    if (b.getNow().allowed()) {
                                        startPlainHttp(ctx, request, plainAuth);
                                    } else {
                                        agentId = AuthRefusals.grantOf(plainAuth).agentId();
                                        refuse(ctx, new Router.Routed.Refused(Refusal.BUDGET_EXCEEDED,
                                                b.getNow().detail(), b.getNow().retryAfterSeconds()));
                                    }
                                });
                return;
            }
            refuse(ctx, Refusal.BAD_REQUEST, "Sieve is a forward proxy: send CONNECT host:port, "
                    + "or an absolute http:// URI (set HTTPS_PROXY/HTTP_PROXY)");
            return;
        }
        AuthResult auth = services.authenticator().authenticate(request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
        Refusal authRefusal = AuthRefusals.of(auth);
        if (authRefusal != null) {
            refuse(ctx, authRefusal, null);
            return;
        }
        grant = AuthRefusals.grantOf(auth);
        agentId = grant.agentId();
        Authority authority = Authority.parse(request.uri(), -1);
        if (services.killSwitched().test(agentId)) {
            refuseConnect(ctx, new Router.Routed.Refused(Refusal.KILL_SWITCH, null), authority);
            return;
        }
        if (authority == null) {
            refuse(ctx, Refusal.INVALID_HOST, "CONNECT needs host:port");
            return;
        }
        if (!grant.scope().permits(authority.host(), authority.port())) {
            refuseConnect(ctx, new Router.Routed.Refused(Refusal.TOKEN_SCOPE, AuthRefusals.scopeDetail(grant)),
                    authority);
            return;
        }
        busy = true;
        routing = true;
        BudgetGate.connection(services, ctx.executor(),
                services.router().route(ctx.executor(), authority.host(), authority.port(), true),
                ctx.channel().closeFuture(), agentId, grant.budget())
                .addListener((Future<Router.Routed> f) -> onRouted(ctx, f.getNow(), authority));
    }

    private void startPlainHttp(ChannelHandlerContext ctx, HttpRequest request, AuthResult auth) {
        if (!ctx.channel().isActive()) {
            return;
        }
        services.connections().register(AuthRefusals.grantOf(auth).agentId(), ctx.channel());
        ctx.pipeline().replace(this, PipelineNames.EXCHANGE,
                new ExchangeHandler(services, new PlainHttpSelector(services.router(), services.authenticator(),
                        request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION), auth),
                        remote(ctx), request, deadline));
    }

    private void onRouted(ChannelHandlerContext ctx, Router.Routed routed, Authority authority) {
        if (!ctx.channel().isActive() || !routing) {
            return;
        }
        routing = false;
        if (routed instanceof Router.Routed.Refused refused) {
            refuseConnect(ctx, refused, authority);
            return;
        }
        Router.Routed.Route route = (Router.Routed.Route) routed;
        if (route.rule().mode() == Mode.PASSTHROUGH) {
            connectPassthrough(ctx, route.target());
        } else {
            establish(ctx).addListener(f -> {
                if (f.isSuccess()) {
                    switchTo(ctx, PipelineNames.SNI, InterceptSniHandler.inspecting(services, route, grant,
                            remote(ctx)));
                }
            });
        }
    }

    /**
     * Refuses the CONNECT: inside the tunnel where {@code refusals.explainInTunnel} and {@link TunnelExplanation}
     * allow it, else with a plain 403. Either way the decision is recorded once, here, under one request id.
     */
    private void refuseConnect(ChannelHandlerContext ctx, Router.Routed.Refused refused, Authority authority) {
        Refusal refusal = refused.refusal();
        String detail = refused.detail();
        if (authority == null || !services.explainInTunnel() || !TunnelExplanation.explains(refusal, authority.host(),
                authority.port(), services.router().decide(authority.host(), authority.port(), true))) {
            refuse(ctx, refused);
            return;
        }
        String requestId = RequestIds.next();
        record(ctx, requestId, "denied", List.of(refusal.code()));
        log.info("{} refused: {}{}, explained inside the tunnel", requestId, refusal.code(),
                detail == null ? "" : " (" + detail + ")");
        busy = true;
        routing = false;
        establish(ctx).addListener(f -> {
            if (f.isSuccess()) {
                switchTo(ctx, PipelineNames.SNI, new InterceptSniHandler(services, authority.host(), remote(ctx),
                        (sniMismatch, deadline) -> new TunnelRefusalHandler(refused, requestId, deadline)));
            } else {
                ctx.close();
            }
        });
    }

    private void connectPassthrough(ChannelHandlerContext ctx, Target target) {
        Channel agent = ctx.channel();
        new Bootstrap()
                .group(agent.eventLoop())
                .channel(services.channelClass())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) services.limits().connectTimeout().toMillis())
                .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                .connect(new InetSocketAddress(target.address(), target.port()))
                .addListener((ChannelFutureListener) cf -> {
                    if (!cf.isSuccess()) {
                        refuse(ctx, UpstreamFailures.refusal(cf.cause()), target.authority());
                        return;
                    }
                    Channel upstream = cf.channel();
                    if (!agent.isActive()) {
                        upstream.close();
                        return;
                    }
                    record(ctx, RequestIds.next(), "allowed", List.of("passthrough"));
                    establish(ctx).addListener(f -> {
                        if (f.isSuccess()) {
                            switchTo(ctx, PipelineNames.SNI_PEEK, new PassthroughSniHandler(target, upstream,
                                    services.limits().headerTimeout().toMillis()));
                        } else {
                            upstream.close();
                        }
                    });
                });
    }

    /** The 200 to a CONNECT (the codec sends it without a body or framing headers). */
    private static io.netty.channel.ChannelFuture establish(ChannelHandlerContext ctx) {
        return ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, CONNECTION_ESTABLISHED));
    }

    /**
     * Replaces the HTTP handlers by the next phase. The CONNECT splitter goes last: the bytes it held
     * back after the CONNECT head (an eager ClientHello) are handed on to the new handler, not lost.
     */
    private void switchTo(ChannelHandlerContext ctx, String name, io.netty.channel.ChannelHandler next) {
        // A tunnel belongs to its agent: the kill switch closes it.
        services.connections().register(agentId, ctx.channel());
        services.metrics().tunnelOpened();
        ctx.channel().closeFuture().addListener(f -> services.metrics().tunnelClosed());
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(PipelineNames.PROXY_REQUEST, name, next);
        p.remove(this);
        p.remove(PipelineNames.FLOW_CONTROL);
        p.remove(PipelineNames.REQUEST_CHECK);
        p.remove(PipelineNames.HEADER_DEADLINE); // before the codec: its bytes may set up the tunnel's own deadline
        p.remove(PipelineNames.HTTP_CODEC);
        p.remove(PipelineNames.CONNECT_SPLIT);   // last: hands the bytes after the CONNECT head to the tunnel
        ctx.channel().read();
    }

    private void refuse(ChannelHandlerContext ctx, Refusal refusal, String detail) {
        refuse(ctx, new Router.Routed.Refused(refusal, detail));
    }

    private void refuse(ChannelHandlerContext ctx, Router.Routed.Refused refused) {
        Refusal refusal = refused.refusal();
        String detail = refused.detail();
        String requestId = RequestIds.next();
        record(ctx, requestId, "denied", List.of(refusal.code()));
        log.info("{} refused: {}{}", requestId, refusal.code(), detail == null ? "" : " (" + detail + ")");
        FullHttpResponse response = ErrorResponses.render(ctx.alloc(), refusal, detail, requestId, List.of(),
                List.of(), refused.retryAfterSeconds());
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        busy = true;
        routing = false;
        LingeringClose.after(ctx.writeAndFlush(response));
    }

    /** Records a decision taken on the CONNECT (or first) request of this connection. */
    private void record(ChannelHandlerContext ctx, String requestId, String decision, List<String> reasons) {
        HttpRequest r = first;
        long latency = System.nanoTime() - startNanos;
        Authority a = r == null ? null : Authority.parse(r.uri(), -1);
        services.recorder().record(new DecisionRecord(requestId, agentId == null ? ANONYMOUS : agentId, remote(ctx),
                r == null ? "" : r.method().name(), a == null ? "" : a.host(), a == null ? 0 : a.port(), "",
                decision, reasons, List.of(), 0, 0, "", false, latency, latency)); // all of it policy and DNS
    }

    static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == HeaderDeadline.EXPIRED && !busy) {
            refuse(ctx, Refusal.REQUEST_HEADER_TIMEOUT,
                    "no complete request head within proxy.headerTimeout "
                            + Units.formatDuration(services.limits().headerTimeout()));
            return;
        }
        if (evt instanceof IdleStateEvent) {
            if (routing) {
                // The resolver has not answered for the whole idle timeout: answer rather than just close.
                refuse(ctx, Refusal.DNS_TIMEOUT, "no answer within proxy.idleTimeout "
                        + Units.formatDuration(services.limits().idleTimeout()));
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("agent connection failed before CONNECT: {}", cause.toString());
        ctx.close();
    }
}
