package dev.sieve.proxy.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DNS with configured overrides ({@code upstream.resolve}, like {@code curl --resolve}).
 *
 * <p>Blocking: call it off the event loop. An override answers with exactly its one address and no
 * lookup. Results are returned unfiltered; {@link DestinationPolicy#checkAddresses} decides which
 * of them, if any, may be reached, and the caller connects to that {@link InetAddress} directly.
 */
public final class UpstreamResolver {

    private final Map<String, InetAddress> overrides;
    private final HostLookup lookup;

    /**
     * @param overrides normalized host to address; consulted before {@code lookup}
     * @param lookup the resolver, {@link HostLookup#system()} in production
     */
    public UpstreamResolver(Map<String, InetAddress> overrides, HostLookup lookup) {
        this.overrides = Map.copyOf(overrides);
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /**
     * Resolves a host in {@code HostNames.normalize} form.
     *
     * @throws UnknownHostException if the lookup fails; the caller maps it to {@link DenyReason#DNS_FAILED}
     */
    public Resolution resolve(String normalizedHost) throws UnknownHostException {
        Objects.requireNonNull(normalizedHost, "normalizedHost");
        InetAddress override = overrides.get(normalizedHost);
        if (override != null) {
            return new Resolution(List.of(override), true);
        }
        InetAddress[] answers = lookup.lookup(normalizedHost);
        List<InetAddress> addresses = new ArrayList<>(answers == null ? 0 : answers.length);
        if (answers != null) {
            for (InetAddress answer : answers) {
                if (answer != null) {
                    addresses.add(answer);
                }
            }
        }
        return new Resolution(addresses, false);
    }
}
