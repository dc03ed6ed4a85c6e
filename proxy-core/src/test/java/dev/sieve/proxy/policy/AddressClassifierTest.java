package dev.sieve.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // IPv4
        "8.8.8.8, PUBLIC",
        "1.1.1.1, PUBLIC",
        "160.79.104.10, PUBLIC",
        "127.0.0.1, LOOPBACK",
        "127.255.255.254, LOOPBACK",
        "10.0.0.1, PRIVATE",
        "10.255.255.255, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "172.15.255.255, PUBLIC",
        "172.32.0.0, PUBLIC",
        "192.168.1.1, PRIVATE",
        "192.169.0.1, PUBLIC",
        "169.254.0.1, LINK_LOCAL",
        "169.254.169.254, METADATA",
        "169.254.170.2, METADATA",
        "169.254.170.23, METADATA",
        "100.64.0.1, CGNAT",
        "100.127.255.255, CGNAT",
        "100.128.0.0, PUBLIC",
        "100.63.255.255, PUBLIC",
        "100.100.100.200, METADATA",
        "168.63.129.16, METADATA",
        "192.0.0.192, METADATA",
        "0.0.0.0, UNSPECIFIED",
        "0.1.2.3, UNSPECIFIED",
        "224.0.0.1, MULTICAST",
        "239.255.255.255, MULTICAST",
        "240.0.0.1, RESERVED",
        "255.255.255.254, RESERVED",
        "255.255.255.255, BROADCAST",
        "198.18.0.1, RESERVED",
        "198.19.255.255, RESERVED",
        "198.20.0.0, PUBLIC",
        "192.0.0.8, RESERVED",
        "192.0.2.1, RESERVED",
        "198.51.100.7, RESERVED",
        "203.0.113.9, RESERVED",
        "192.88.99.1, RESERVED",
        // IPv6
        "2606:4700:4700::1111, PUBLIC",
        "2a00:1450:4001::200e, PUBLIC",
        "::1, LOOPBACK",
        "::, UNSPECIFIED",
        "fc00::1, PRIVATE",
        "fd12:3456::1, PRIVATE",
        "fd00:ec2::254, METADATA",
        "fd00:ec2::23, METADATA",
        "fd00:ec2::253, PRIVATE",
        "fec0::1, PRIVATE",
        "fe80::1, LINK_LOCAL",
        "febf::1, LINK_LOCAL",
        "ff02::1, MULTICAST",
        "ff05::2, MULTICAST",
        "2001:db8::1, RESERVED",
        "2001::1, RESERVED",
        "2001:1ff::1, RESERVED",
        "2001:200::1, PUBLIC",
        "3fff::1, RESERVED",
        "4000::1, RESERVED",
        "100::1, RESERVED",
        "::8.8.8.8, RESERVED",
        // embedded IPv4: NAT64 and 6to4 (IPv4-mapped is folded to IPv4 by the JDK, see below)
        "64:ff9b::808:808, PUBLIC",
        "64:ff9b::a00:1, PRIVATE",
        "64:ff9b::7f00:1, LOOPBACK",
        "64:ff9b::a9fe:a9fe, METADATA",
        "64:ff9b:1::a00:1, PRIVATE",
        "64:ff9b:2::1, RESERVED",
        "2002:808:808::1, PUBLIC",
        "2002:c0a8:101::1, PRIVATE",
        "2002:7f00:1::1, LOOPBACK",
        "2002:a9fe:a9fe::1, METADATA",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:169.254.169.254, METADATA",
        "::ffff:8.8.8.8, PUBLIC",
    })
    void classifies(String literal, AddressClass expected) throws Exception {
        assertThat(AddressClassifier.classify(InetAddress.getByName(literal))).isEqualTo(expected);
    }

    @Test
    void classifiesIpv4MappedHeldAsInet6AddressByEmbeddedAddress() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(AddressClassifier.classify(address)).isEqualTo(AddressClass.METADATA);
    }

    @Test
    void onlyPublicIsReachableWithoutOptIn() {
        for (AddressClass addressClass : AddressClass.values()) {
            assertThat(addressClass.reachable(false)).as(addressClass.name()).isEqualTo(addressClass == AddressClass.PUBLIC);
        }
    }

    @Test
    void optInReachesPrivateRangesButNeverMetadataOrNonUnicast() {
        assertThat(AddressClass.values())
                .filteredOn(c -> c.reachable(true))
                .containsExactlyInAnyOrder(AddressClass.PUBLIC, AddressClass.LOOPBACK, AddressClass.PRIVATE,
                        AddressClass.LINK_LOCAL, AddressClass.CGNAT, AddressClass.RESERVED);
    }
}
