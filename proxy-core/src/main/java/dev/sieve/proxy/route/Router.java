package dev.sieve.proxy.route;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Decision;
import dev.sieve.proxy.policy.DenyReason;
import dev.sieve.proxy.policy.DestinationPolicy;
import dev.sieve.proxy.policy.Destination;
import dev.sieve.proxy.policy.UpstreamResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a requested {@code host:port} into a checked {@link Target} or a refusal: the policy
 * decision, then DNS (off the event loop, with config overrides), then the address check.
 * The result completes on the caller's event loop.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Supplier<DestinationPolicy> policy;
    private final UpstreamResolver resolver;
    private final Executor blocking;

    public Router(Supplier<DestinationPolicy> policy, UpstreamResolver resolver, Executor blocking) {
        this.policy = policy;
        this.resolver = resolver;
        this.blocking = blocking;
    }

    /** The outcome of routing: where to connect, or why not. */
    public sealed interface Routed {
        record Route(Target target, AllowRule rule) implements Routed {}

        /**
         * @param retryAfterSeconds the refusal's {@code Retry-After} (none when 0): the refusal's own
         *                          ({@link Refusal#retryAfterSeconds()}) unless given, as a budget refusal does
         */
        record Refused(Refusal refusal, String detail, long retryAfterSeconds) implements Routed {
            public Refused(Refusal refusal, String detail) {
                this(refusal, detail, refusal.retryAfterSeconds());
            }
        }
    }

    /** The policy's decision on the request facts alone: no DNS, no connection. */
    public Decision decide(String host, int port, boolean tls) {
        return policy.get().decide(new Destination(host, port, tls));
    }

    public Future<Routed> route(EventExecutor loop, String host, int port, boolean tls) {
        Promise<Routed> promise = loop.newPromise();
        DestinationPolicy current = policy.get();
        Decision decision = current.decide(new Destination(host, port, tls));
        if (decision instanceof Decision.Deny deny) {
            return promise.setSuccess(new Routed.Refused(refusalOf(deny.reason()), deny.detail()));
        }
        Decision.Allow allow = (Decision.Allow) decision;
        try {
            blocking.execute(() -> {
                Routed routed = resolve(current, allow, tls);
                loop.execute(() -> promise.trySuccess(routed));
            });
        } catch (RejectedExecutionException e) {
            promise.trySuccess(new Routed.Refused(Refusal.INTERNAL_ERROR, "resolver is shutting down"));
        }
        return promise;
    }

    private Routed resolve(DestinationPolicy current, Decision.Allow allow, boolean tls) {
        dev.sieve.proxy.policy.Resolution resolution;
        try {
            resolution = resolver.resolve(allow.host());
        } catch (UnknownHostException e) {
            return new Routed.Refused(Refusal.DNS_FAILED, allow.host());
        } catch (RuntimeException e) {
            log.warn("DNS lookup of {} failed: {}", allow.host(), e.toString());
            return new Routed.Refused(Refusal.DNS_FAILED, allow.host());
        }
        if (resolution.overridden()) {
            log.debug("{} resolved by upstream.resolve override to {}", allow.host(), resolution.addresses());
        }
        var check = current.checkAddresses(allow.rule(), allow.host(), resolution.addresses());
        if (check.deny().isPresent()) {
            Decision.Deny deny = check.deny().get();
            return new Routed.Refused(refusalOf(deny.reason()), deny.detail());
        }
        InetAddress address = check.connectTo().orElseThrow();
        return new Routed.Route(new Target(allow.host(), allow.port(), address, tls), allow.rule());
    }

    /** The refusal for a policy's reason to deny. */
    static Refusal refusalOf(DenyReason reason) {
        return switch (reason) {
            case INVALID_HOST -> Refusal.INVALID_HOST;
            case NOT_ALLOWLISTED -> Refusal.NOT_ALLOWLISTED;
            case PORT_NOT_ALLOWED -> Refusal.PORT_NOT_ALLOWED;
            case PLAIN_HTTP_NOT_ALLOWED -> Refusal.PLAIN_HTTP_NOT_ALLOWED;
            case IP_LITERAL -> Refusal.IP_LITERAL;
            case PROHIBITED_ADDRESS -> Refusal.PROHIBITED_ADDRESS;
            case DNS_FAILED -> Refusal.DNS_FAILED;
            case SUBDOMAIN_EXFILTRATION -> Refusal.SUBDOMAIN_EXFILTRATION;
        };
    }
}
