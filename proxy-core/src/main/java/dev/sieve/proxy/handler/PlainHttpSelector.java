package dev.sieve.proxy.handler;

import dev.sieve.proxy.auth.Grant;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.auth.AgentAuthenticator;
import dev.sieve.proxy.auth.AuthResult;
import dev.sieve.proxy.route.Authority;
import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.route.Router;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.Future;

/**
 * Routing for absolute-form {@code http://} requests: each request names its own destination,
 * so each one is authenticated, checked by the policy (which must allow plain HTTP there) and
 * resolved.
 */
final class PlainHttpSelector implements ExchangeHandler.TargetSelector {
    private final Router router;
    private final AgentAuthenticator authenticator;
    private String lastHeader;
    private AuthResult lastResult;
    /** The request head {@link #requestResult} is for: {@link #grant} and {@link #select} share one check. */
    private HttpRequest request;
    private AuthResult requestResult;

    /**
     * @param firstHeader the first request's {@code Proxy-Authorization} (or {@code null}), already authenticated
     *     as {@code firstResult} when the connection was admitted: its signature is not checked again
     */
    PlainHttpSelector(Router router, AgentAuthenticator authenticator, String firstHeader, AuthResult firstResult) {
        this.router = router;
        this.authenticator = authenticator;
        this.lastHeader = firstHeader;
        this.lastResult = firstResult;
    }

    @Override
    public Future<Router.Routed> select(ChannelHandlerContext ctx, HttpRequest request, RequestTarget target,
            String requestId) {
        AuthResult result = authenticate(request);
        Refusal auth = AuthRefusals.of(result);
        if (auth != null) {
            return ctx.executor().newSucceededFuture(new Router.Routed.Refused(auth, null));
        }
        String uri = request.uri();
        if (!uri.regionMatches(true, 0, "http://", 0, 7)) {
            return ctx.executor().newSucceededFuture(new Router.Routed.Refused(Refusal.BAD_REQUEST,
                    "a proxy request needs an absolute http:// URI; use CONNECT for https"));
        }
        // A userinfo (http://user:password@host/) is not part of the destination: the exchange scans it and refuses
        // the request (RequestTarget), so that what it hides is reported, not just turned away.
        Authority parsed = Authority.parse(target.authority(), 80);
        if (parsed == null) {
            return ctx.executor().newSucceededFuture(new Router.Routed.Refused(Refusal.INVALID_HOST, null));
        }
        Grant grant = AuthRefusals.grantOf(result);
        if (!grant.scope().permits(parsed.host(), parsed.port())) {
            return ctx.executor().newSucceededFuture(new Router.Routed.Refused(Refusal.TOKEN_SCOPE,
                    AuthRefusals.scopeDetail(grant)));
        }
        return router.route(ctx.executor(), parsed.host(), parsed.port(), false);
    }

    @Override
    public Grant grant(HttpRequest request) {
        return AuthRefusals.grantOf(authenticate(request));
    }

    /** The credentials check of {@code request}, done once per request head. */
    private AuthResult authenticate(HttpRequest request) {
        if (request != this.request) {
            this.request = request;
            requestResult = check(request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
        }
        return requestResult;
    }

    /** Each request carries its own credentials; the last header's result is reused (one signature check each). */
    private AuthResult check(String header) {
        if (lastResult == null || !java.util.Objects.equals(header, lastHeader)) {
            lastResult = authenticator.authenticate(header);
            lastHeader = header;
            return lastResult;
        }
        // Same credentials as the previous request: time, revocation and kill switch may have changed since.
        return lastResult instanceof AuthResult.Authenticated a ? authenticator.recheck(a.grant()) : lastResult;
    }
}
