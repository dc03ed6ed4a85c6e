package dev.sieve.proxy.handler;

import dev.sieve.proxy.auth.AuthResult;
import dev.sieve.proxy.budget.BudgetDecision;
import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.route.Router;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.function.Function;

/**
 * The budget check of a request, between routing and its body: a routed request over its agent's budget becomes a
 * {@link Refusal#BUDGET_EXCEEDED} refusal (429), before any of its body is read. An agent no budget can limit is not
 * checked at all: its routing future is passed on as it is, with nothing allocated.
 */
final class BudgetGate {

    private BudgetGate() {}

    /**
     * {@code routed}, or a budget refusal in its place.
     *
     * @param routed  completes on {@code loop} (as the router's and the selectors' futures do)
     * @param agentId the request's agent (a request refused for its credentials is refused by routing: not checked)
     * @param token   the limits of the agent's token, {@link BudgetLimits#NONE} for static credentials
     */
    static Future<Router.Routed> afterRoute(ProxyServices services, EventExecutor loop, Future<Router.Routed> routed,
            String agentId, BudgetLimits token, HttpRequest request) {
        if (!services.budgets().mayLimitRequests(agentId, token)) {
            return routed;
        }
        return check(loop, routed, route -> services.budgets().admitRequest(loop, agentId, route.target().host(),
                token, HttpUtil.getContentLength(request, -1L)));
    }

    /**
     * The connection budget of a CONNECT tunnel to {@code routed}'s destination: {@code routed}, or a budget refusal
     * in its place. The admitted tunnel's lease lasts until {@code closed}.
     *
     * @param routed completes on {@code loop} (as the router's futures do)
     */
    static Future<Router.Routed> connection(ProxyServices services, EventExecutor loop, Future<Router.Routed> routed,
            Future<?> closed, String agentId, BudgetLimits token) {
        if (!services.budgets().mayLimitConnections(agentId, token)) {
            return routed;
        }
        return check(loop, routed, route -> services.budgets().admitConnection(loop, closed, agentId,
                route.target().host(), token));
    }

    /**
     * The connection budget of a plain-HTTP connection (its requests may go to several destinations: the agent's
     * budget only). Connections whose credentials will be refused are not counted: they get their 407 first.
     */
    static Future<BudgetDecision> plainConnection(ProxyServices services, EventExecutor loop, Future<?> closed,
            AuthResult auth, BudgetLimits token) {
        if (!auth.permitted()) {
            return loop.newSucceededFuture(BudgetDecision.ALLOWED);
        }
        return services.budgets().admitConnection(loop, closed, AuthRefusals.grantOf(auth).agentId(), null, token);
    }

    /** Once {@code routed} is a route, asks {@code admit} and answers the route or its budget refusal. */
    private static Future<Router.Routed> check(EventExecutor loop, Future<Router.Routed> routed,
            Function<Router.Routed.Route, Future<BudgetDecision>> admit) {
        Promise<Router.Routed> checked = loop.newPromise();
        routed.addListener((Future<Router.Routed> f) -> {
            if (!f.isSuccess()) {
                checked.tryFailure(f.cause());
                return;
            }
            if (!(f.getNow() instanceof Router.Routed.Route route)) {
                checked.trySuccess(f.getNow());
                return;
            }
            admit.apply(route).addListener((Future<BudgetDecision> d) -> {
                BudgetDecision decision = d.getNow();
                checked.trySuccess(decision.allowed() ? route : new Router.Routed.Refused(Refusal.BUDGET_EXCEEDED,
                        decision.detail(), decision.retryAfterSeconds()));
            });
        });
        return checked;
    }
}
