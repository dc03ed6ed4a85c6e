package dev.sieve.proxy.policy;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of {@link DestinationPolicy#checkAddresses}: exactly one of {@code connectTo} and {@code deny} is present.
 *
 * @param connectTo the address to connect to; the proxy must connect to exactly this address, with no second lookup
 * @param deny why the resolved addresses are refused
 */
public record AddressDecision(Optional<InetAddress> connectTo, Optional<Decision.Deny> deny) {

    public AddressDecision {
        Objects.requireNonNull(connectTo, "connectTo");
        Objects.requireNonNull(deny, "deny");
        if (connectTo.isPresent() == deny.isPresent()) {
            throw new IllegalArgumentException("connectTo/deny: " + connectTo + "/" + deny + " (expected: exactly one)");
        }
    }

    static AddressDecision connect(InetAddress address) {
        return new AddressDecision(Optional.of(address), Optional.empty());
    }

    static AddressDecision refuse(DenyReason reason, String detail) {
        return new AddressDecision(Optional.empty(), Optional.of(new Decision.Deny(reason, detail)));
    }

    /** True if the proxy may connect to {@link #connectTo()}. */
    public boolean allowed() {
        return connectTo.isPresent();
    }
}
