package dev.sieve.proxy.policy;

import java.net.InetAddress;
import java.util.List;

/**
 * The addresses a host resolved to, in resolver order.
 *
 * @param addresses immutable; may be empty (then {@link DestinationPolicy#checkAddresses} denies with DNS_FAILED)
 * @param overridden true if the address came from {@code upstream.resolve} rather than DNS
 */
public record Resolution(List<InetAddress> addresses, boolean overridden) {
    public Resolution {
        addresses = List.copyOf(addresses);
    }
}
