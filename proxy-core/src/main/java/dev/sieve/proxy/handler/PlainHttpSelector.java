package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.policy.AgentAuthenticator;
import dev.sieve.proxy.policy.AuthResult;
import dev.sieve.proxy.route.Authority;
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

    PlainHttpSelector(Router router, AgentAuthenticator authenticator) {
        this.router = router;
        this.authenticator = authenticator;
    }

    @Override
    public Future<Router.Routed> select(ChannelHandlerContext ctx, HttpRequest request, String requestId) {
        Refusal auth = ProxyRequestHandler.authRefusal(authenticator.authenticate(
                request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION)));
        if (auth != null) {
            return ctx.executor().newSucceededFuture(new Router.Routed.Refused(auth, null));
        }
        String uri = request.uri();
        if (!uri.regionMatches(true, 0, "http://", 0, 7)) {
            return ctx.executor().newSucceededFuture(new Router.Routed.Refused(Refusal.BAD_REQUEST,
                    "a proxy request needs an absolute http:// URI; use CONNECT for https"));
        }
        int end = uri.length();
        for (int i = 7; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = uri.substring(7, end);
        if (authority.indexOf('@') >= 0) {
            return ctx.executor().newSucceededFuture(new Router.Routed.Refused(Refusal.BAD_REQUEST,
                    "credentials in the URI are not allowed"));
        }
        Authority parsed = Authority.parse(authority, 80);
        if (parsed == null) {
            return ctx.executor().newSucceededFuture(new Router.Routed.Refused(Refusal.INVALID_HOST, null));
        }
        return router.route(ctx.executor(), parsed.host(), parsed.port(), false);
    }

    @Override
    public String agentId(HttpRequest request) {
        return ProxyRequestHandler.agentIdOf(authenticator.authenticate(
                request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION)));
    }
}
