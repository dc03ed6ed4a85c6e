package dev.sieve.proxy.policy;

/**
 * What kind of network an IP address belongs to, as far as egress policy is concerned.
 *
 * <p>Only {@link #PUBLIC} is reachable by default. An allow entry with {@code privateAddresses: true}
 * additionally permits the classes whose {@link #optInAllowed()} is true. {@link #METADATA},
 * {@link #UNSPECIFIED}, {@link #MULTICAST} and {@link #BROADCAST} are never reachable: metadata
 * services hand out cloud credentials, and the others are no valid TCP destination (connecting to
 * {@code 0.0.0.0} reaches the local host on Linux).
 */
public enum AddressClass {
    /** Globally routable unicast. */
    PUBLIC(false),
    /** 127.0.0.0/8, ::1. */
    LOOPBACK(true),
    /** 10/8, 172.16/12, 192.168/16, fc00::/7 (unique local), fec0::/10 (deprecated site-local), 64:ff9b:1::/48. */
    PRIVATE(true),
    /** 169.254/16, fe80::/10. */
    LINK_LOCAL(true),
    /** 100.64/10, shared address space used by carrier-grade NAT and some clusters. */
    CGNAT(true),
    /** 224/4, ff00::/8. */
    MULTICAST(false),
    /** 0/8, ::. */
    UNSPECIFIED(false),
    /** 255.255.255.255. */
    BROADCAST(false),
    /** Documentation, benchmarking, protocol-assignment and future-use ranges, and IPv6 outside 2000::/3. */
    RESERVED(true),
    /** Cloud instance metadata and host services: 169.254.169.254, 100.100.100.200, 168.63.129.16, fd00:ec2::254, ... */
    METADATA(false);

    private final boolean optIn;

    AddressClass(boolean optIn) {
        this.optIn = optIn;
    }

    /**
     * True if a connection to an address of this class is allowed.
     *
     * @param privateAddresses the {@code privateAddresses} flag of the matching allow entry
     */
    public boolean reachable(boolean privateAddresses) {
        return this == PUBLIC || (privateAddresses && optIn);
    }
}
