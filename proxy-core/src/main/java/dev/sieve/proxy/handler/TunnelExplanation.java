package dev.sieve.proxy.handler;

import dev.sieve.certs.HostNames;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.policy.Decision;
import dev.sieve.proxy.policy.DenyReason;
import dev.sieve.proxy.policy.Mode;

/**
 * Which CONNECT refusals are explained inside the tunnel ({@code refusals.explainInTunnel}): Sieve then accepts
 * the CONNECT, completes TLS with a leaf from its CA and answers every request inside with the refusal, because
 * clients discard the body of a refused CONNECT. A pure decision, taken before any DNS lookup.
 *
 * <p>Only a refusal for a host <em>name</em>, decided before DNS, where the agent will speak TLS to Sieve's leaf:
 * <ul>
 *   <li>{@code not_allowlisted} on port 443 (HTTPS; on another port the client may speak something else, and a
 *       200 followed by a close would explain less than the plain 403);</li>
 *   <li>{@code kill_switch} to a host the policy would intercept (the agent trusts Sieve's leaf there), or to a
 *       name that is not allowlisted, on port 443.</li>
 * </ul>
 * IP literals, prohibited addresses, passthrough hosts (pinned clients would reject the leaf), subdomain
 * exfiltration (minting a certificate for the suspected data is no explanation) and every refusal decided after
 * DNS keep the plain CONNECT 403.
 */
final class TunnelExplanation {
    static final int HTTPS_PORT = 443;

    private TunnelExplanation() {}

    /**
     * @param host     the normalized CONNECT host
     * @param decision the destination policy's decision for {@code host:port} over TLS (no DNS involved)
     */
    static boolean explains(Refusal refusal, String host, int port, Decision decision) {
        if (host == null || HostNames.isIpLiteral(host)) {
            return false;
        }
        boolean notAllowlistedOn443 = port == HTTPS_PORT && decision instanceof Decision.Deny deny
                && deny.reason() == DenyReason.NOT_ALLOWLISTED;
        return switch (refusal) {
            case NOT_ALLOWLISTED -> notAllowlistedOn443;
            case KILL_SWITCH -> notAllowlistedOn443
                    || decision instanceof Decision.Allow allow && allow.rule().mode() == Mode.INSPECT;
            default -> false;
        };
    }
}
