package dev.sieve.proxy.config;

/**
 * The {@code refusals:} section: how refusals reach an agent.
 *
 * @param explainInTunnel a CONNECT refused for its host name (not allowlisted, or the kill switch) is accepted and
 *     answered inside the tunnel, with a leaf from Sieve's CA and the usual 403 JSON error on every request, instead
 *     of a CONNECT 403 that clients discard (see {@code handler.TunnelExplanation} for which refusals qualify)
 */
public record RefusalSettings(boolean explainInTunnel) {
    public static final RefusalSettings DEFAULTS = new RefusalSettings(true);
}
