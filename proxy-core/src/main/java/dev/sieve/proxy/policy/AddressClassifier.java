package dev.sieve.proxy.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * Classifies IP addresses into {@link AddressClass}es, after the IANA special-purpose registries.
 *
 * <p>IPv6 addresses that embed an IPv4 address are classified by the embedded address:
 * IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96} and 6to4 {@code 2002::/16}, so
 * {@code ::ffff:169.254.169.254} is {@link AddressClass#METADATA} and {@code 64:ff9b::a00:1} is
 * {@link AddressClass#PRIVATE}. Any IPv6 address outside global unicast {@code 2000::/3} that no
 * rule names is {@link AddressClass#RESERVED}: unknown means not public.
 */
public final class AddressClassifier {

    private AddressClassifier() {}

    /** Returns the class of {@code address}; never null. */
    public static AddressClass classify(InetAddress address) {
        Objects.requireNonNull(address, "address");
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(toInt(bytes, 0));
        }
        if (address instanceof Inet6Address) {
            return classifyV6(bytes);
        }
        return AddressClass.RESERVED;
    }

    static AddressClass classifyV4(int ip) {
        if (isMetadataV4(ip)) {
            return AddressClass.METADATA;
        }
        if (ip == 0xFFFFFFFF) {
            return AddressClass.BROADCAST;
        }
        if (in(ip, 0x00000000, 8)) {
            return AddressClass.UNSPECIFIED;
        }
        if (in(ip, 0x7F000000, 8)) {
            return AddressClass.LOOPBACK;
        }
        if (in(ip, 0x0A000000, 8) || in(ip, 0xAC100000, 12) || in(ip, 0xC0A80000, 16)) {
            return AddressClass.PRIVATE;
        }
        if (in(ip, 0xA9FE0000, 16)) {
            return AddressClass.LINK_LOCAL;
        }
        if (in(ip, 0x64400000, 10)) {
            return AddressClass.CGNAT;
        }
        if (in(ip, 0xE0000000, 4)) {
            return AddressClass.MULTICAST;
        }
        if (in(ip, 0xC0000000, 24) // 192.0.0.0/24 IETF protocol assignments
                || in(ip, 0xC0000200, 24) // 192.0.2.0/24 TEST-NET-1
                || in(ip, 0xC6336400, 24) // 198.51.100.0/24 TEST-NET-2
                || in(ip, 0xCB007100, 24) // 203.0.113.0/24 TEST-NET-3
                || in(ip, 0xC0586300, 24) // 192.88.99.0/24 deprecated 6to4 relay anycast
                || in(ip, 0xC6120000, 15) // 198.18.0.0/15 benchmarking
                || in(ip, 0xF0000000, 4)) { // 240.0.0.0/4 future use
            return AddressClass.RESERVED;
        }
        return AddressClass.PUBLIC;
    }

    private static boolean isMetadataV4(int ip) {
        return ip == 0xA9FEA9FE // 169.254.169.254: AWS, GCP, Azure IMDS, OCI, DigitalOcean, ...
                || ip == 0xA9FEAA02 // 169.254.170.2: ECS task metadata and credentials
                || ip == 0xA9FEAA17 // 169.254.170.23: EKS pod identity agent
                || ip == 0x646464C8 // 100.100.100.200: Alibaba Cloud metadata
                || ip == 0xA83F8110 // 168.63.129.16: Azure wire server
                || ip == 0xC00000C0; // 192.0.0.192: Oracle Cloud legacy metadata
    }

    private static AddressClass classifyV6(byte[] b) {
        if (isMetadataV6(b)) {
            return AddressClass.METADATA;
        }
        if (allZero(b, 0, 10)) {
            if ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                return classifyV4(toInt(b, 12)); // ::ffff:0:0/96 IPv4-mapped
            }
            if (allZero(b, 10, 15)) {
                int last = b[15] & 0xFF;
                if (last == 0) {
                    return AddressClass.UNSPECIFIED;
                }
                if (last == 1) {
                    return AddressClass.LOOPBACK;
                }
            }
            return AddressClass.RESERVED; // deprecated IPv4-compatible ::/96 and the rest of ::/80
        }
        int first16 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        if (first16 == 0x0064 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
            if (allZero(b, 4, 12)) {
                return classifyV4(toInt(b, 12)); // 64:ff9b::/96 NAT64 well-known prefix
            }
            if (b[4] == 0 && b[5] == 1) {
                return AddressClass.PRIVATE; // 64:ff9b:1::/48 local-use NAT64
            }
            return AddressClass.RESERVED;
        }
        if (first16 == 0x2002) {
            return classifyV4(toInt(b, 2)); // 2002::/16 6to4
        }
        if ((first16 & 0xFF00) == 0xFF00) {
            return AddressClass.MULTICAST;
        }
        if ((first16 & 0xFFC0) == 0xFE80) {
            return AddressClass.LINK_LOCAL;
        }
        if ((first16 & 0xFE00) == 0xFC00 || (first16 & 0xFFC0) == 0xFEC0) {
            return AddressClass.PRIVATE; // fc00::/7 unique local, fec0::/10 deprecated site-local
        }
        if ((first16 & 0xE000) != 0x2000) {
            return AddressClass.RESERVED; // outside 2000::/3 global unicast
        }
        if (first16 == 0x2001 && ((b[2] & 0xFF) < 0x02 || ((b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8))) {
            return AddressClass.RESERVED; // 2001::/23 protocol assignments (Teredo, ORCHID, ...), 2001:db8::/32
        }
        if ((first16 & 0xFFF0) == 0x3FF0) {
            return AddressClass.RESERVED; // 3fff::/20 documentation
        }
        return AddressClass.PUBLIC;
    }

    private static final byte[][] METADATA_V6 = {
        {(byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54}, // fd00:ec2::254 AWS IMDS
        {(byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x23}, // fd00:ec2::23 EKS pod identity
    };

    private static boolean isMetadataV6(byte[] b) {
        for (byte[] metadata : METADATA_V6) {
            if (Arrays.equals(metadata, b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean in(int ip, int network, int prefixLength) {
        int mask = -1 << (32 - prefixLength);
        return (ip & mask) == network;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
                | (b[offset + 3] & 0xFF);
    }
}
