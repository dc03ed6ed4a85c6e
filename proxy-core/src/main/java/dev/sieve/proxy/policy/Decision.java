package dev.sieve.proxy.policy;

import java.util.Objects;

/** Outcome of {@link DestinationPolicy#decide}: either an {@link Allow} naming the matching rule, or a {@link Deny}. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    /**
     * The destination may be reached under {@code rule}.
     *
     * @param rule the allow entry that matched (its {@link AllowRule#mode()} says inspect or passthrough)
     * @param host the normalized host (lower-case ASCII, no trailing dot, IPv6 without brackets)
     * @param port the requested port, one of {@code rule.ports()}
     */
    record Allow(AllowRule rule, String host, int port) implements Decision {
        public Allow {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * The destination is refused.
     *
     * @param reason the machine-readable reason
     * @param detail a human-readable sentence naming host, port or address class; never request data or secrets
     */
    record Deny(DenyReason reason, String detail) implements Decision {
        public Deny {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
