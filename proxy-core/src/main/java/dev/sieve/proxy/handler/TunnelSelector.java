package dev.sieve.proxy.handler;

import dev.sieve.proxy.auth.Grant;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.auth.AgentAuthenticator;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.route.Authority;
import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.route.Target;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.Future;

/**
 * Routing inside an intercepted tunnel: the destination was checked at CONNECT, so every request
 * goes there, provided its Host (and any absolute-form authority) and the TLS SNI name the CONNECT
 * host. Anything else is domain fronting and is refused.
 */
final class TunnelSelector implements ExchangeHandler.TargetSelector {
    private final Target target;
    /** The allow entry the CONNECT was checked against (its WebSocket permission holds for the tunnel). */
    private final AllowRule rule;
    private final Grant grant;
    private final AgentAuthenticator authenticator;
    private final String sniMismatch;

    /**
     * @param grant what the CONNECT's credentials granted; checked again at every request (expiry, revocation,
     *     per-token kill switch), since a tunnel outlives the moment its token was verified
     * @param sniMismatch the SNI name when it differed from the CONNECT host, else {@code null}
     */
    TunnelSelector(Target target, AllowRule rule, Grant grant, AgentAuthenticator authenticator, String sniMismatch) {
        this.target = target;
        this.rule = rule;
        this.grant = grant;
        this.authenticator = authenticator;
        this.sniMismatch = sniMismatch;
    }

    @Override
    public Future<Router.Routed> select(ChannelHandlerContext ctx, HttpRequest request, RequestTarget requested,
            String requestId) {
        return ctx.executor().newSucceededFuture(check(request, requested));
    }

    private Router.Routed check(HttpRequest request, RequestTarget requested) {
        Refusal credentials = AuthRefusals.of(authenticator.recheck(grant));
        if (credentials != null) {
            return new Router.Routed.Refused(credentials, null);
        }
        if (sniMismatch != null) {
            return new Router.Routed.Refused(Refusal.SNI_MISMATCH,
                    "SNI " + sniMismatch + " vs CONNECT " + target.authority());
        }
        String hostHeader = request.headers().get(HttpHeaderNames.HOST);
        if (hostHeader == null || request.headers().getAll(HttpHeaderNames.HOST).size() != 1) {
            return new Router.Routed.Refused(Refusal.BAD_REQUEST, "exactly one Host header is required");
        }
        Authority host = Authority.parse(hostHeader.trim(), 443);
        if (host == null || !host.host().equals(target.host()) || host.port() != target.port()) {
            return new Router.Routed.Refused(Refusal.HOST_MISMATCH, "CONNECT " + target.authority());
        }
        // An absolute-form authority must name the CONNECT destination too; a userinfo before it is not part of it
        // (the exchange scans it and refuses the request: RequestTarget).
        String authority = requested.authority();
        if (authority != null) {
            Authority inUri = Authority.parse(authority, 443);
            if (inUri == null || !inUri.host().equals(target.host()) || inUri.port() != target.port()) {
                return new Router.Routed.Refused(Refusal.HOST_MISMATCH, "CONNECT " + target.authority());
            }
        }
        return new Router.Routed.Route(target, rule);
    }

    @Override
    public Grant grant(HttpRequest request) {
        return grant;
    }
}
