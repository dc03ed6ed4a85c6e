package dev.sieve.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DestinationPolicyTest {

    private static final AllowRule ANTHROPIC = AllowRule.https("api.anthropic.com", Mode.INSPECT);
    private static final AllowRule AZURE = AllowRule.https("*.openai.azure.com", Mode.INSPECT);
    private static final AllowRule EXAMPLE_WILDCARD = AllowRule.https("*.example.com", Mode.PASSTHROUGH);
    private static final AllowRule EXAMPLE_APEX =
            new AllowRule("example.com", Set.of(443, 8443), Mode.INSPECT, false, false);
    private static final AllowRule PLAIN = new AllowRule("plain.example.org", Set.of(80, 443), Mode.INSPECT, false, true);
    private static final AllowRule INTERNAL = new AllowRule("llm.internal.corp", Set.of(443), Mode.INSPECT, true, false);
    private static final AllowRule PUBLIC_V4 = AllowRule.https("203.0.114.7", Mode.INSPECT);
    private static final AllowRule PRIVATE_V4_OPT_IN = new AllowRule("10.0.0.7", Set.of(443), Mode.INSPECT, true, false);
    private static final AllowRule PRIVATE_V4 = AllowRule.https("10.0.0.8", Mode.INSPECT);
    private static final AllowRule PUBLIC_V6 = AllowRule.https("2606:4700::1111", Mode.INSPECT);
    private static final AllowRule LOOPBACK_V6_OPT_IN = new AllowRule("::1", Set.of(443), Mode.INSPECT, true, false);
    private static final AllowRule METADATA_OPT_IN =
            new AllowRule("169.254.169.254", Set.of(80), Mode.INSPECT, true, true);

    private static final DestinationPolicy POLICY = new DestinationPolicy(Allowlist.of(List.of(
            ANTHROPIC, AZURE, EXAMPLE_WILDCARD, EXAMPLE_APEX, PLAIN, INTERNAL, PUBLIC_V4, PRIVATE_V4_OPT_IN,
            PRIVATE_V4, PUBLIC_V6, LOOPBACK_V6_OPT_IN, METADATA_OPT_IN)));

    static Stream<Arguments> decisions() {
        return Stream.of(
                allow("exact", "api.anthropic.com", 443, true, ANTHROPIC, "api.anthropic.com"),
                allow("uppercase and trailing dot", "API.Anthropic.com.", 443, true, ANTHROPIC, "api.anthropic.com"),
                allow("wildcard one level", "myres.openai.azure.com", 443, true, AZURE, "myres.openai.azure.com"),
                allow("wildcard two levels", "a.b.openai.azure.com", 443, true, AZURE, "a.b.openai.azure.com"),
                deny("wildcard does not cover apex", "openai.azure.com", 443, true, DenyReason.NOT_ALLOWLISTED,
                        "openai.azure.com is not allowlisted"),
                allow("apex entry beside wildcard", "example.com", 8443, true, EXAMPLE_APEX, "example.com"),
                allow("wildcard beside apex entry", "www.example.com", 443, true, EXAMPLE_WILDCARD, "www.example.com"),
                deny("wildcard entry keeps its own ports", "www.example.com", 8443, true, DenyReason.PORT_NOT_ALLOWED,
                        "port 8443 is not allowed for www.example.com (allowed: 443)"),
                deny("not allowlisted", "evil.example.net", 443, true, DenyReason.NOT_ALLOWLISTED,
                        "evil.example.net is not allowlisted"),
                deny("suffix trick", "api.anthropic.com.evil.net", 443, true, DenyReason.NOT_ALLOWLISTED,
                        "api.anthropic.com.evil.net is not allowlisted"),
                deny("subdomain of exact entry", "x.api.anthropic.com", 443, true, DenyReason.NOT_ALLOWLISTED,
                        "x.api.anthropic.com is not allowlisted"),
                deny("default port is 443 only", "api.anthropic.com", 80, true, DenyReason.PORT_NOT_ALLOWED,
                        "port 80 is not allowed for api.anthropic.com (allowed: 443)"),
                deny("explicit ports listed", "example.com", 80, true, DenyReason.PORT_NOT_ALLOWED,
                        "port 80 is not allowed for example.com (allowed: 443, 8443)"),
                deny("port zero", "api.anthropic.com", 0, true, DenyReason.INVALID_HOST,
                        "port 0 of api.anthropic.com is outside 1-65535"),
                deny("port too large", "api.anthropic.com", 65536, true, DenyReason.INVALID_HOST,
                        "port 65536 of api.anthropic.com is outside 1-65535"),
                deny("plain http without opt-in", "api.anthropic.com", 443, false, DenyReason.PLAIN_HTTP_NOT_ALLOWED,
                        "plain http:// to api.anthropic.com is not allowed; use https or set plainHttp on its allow entry"),
                allow("plain http with opt-in", "plain.example.org", 80, false, PLAIN, "plain.example.org"),
                deny("plain http port still checked", "plain.example.org", 8080, false, DenyReason.PORT_NOT_ALLOWED,
                        "port 8080 is not allowed for plain.example.org (allowed: 80, 443)"),
                deny("null host", null, 443, true, DenyReason.INVALID_HOST,
                        "host: null (expected: a non-empty host name or IP literal)"),
                deny("empty host", "", 443, true, DenyReason.INVALID_HOST,
                        "host: \"\" (expected: a non-empty host name or IP literal)"),
                deny("bad characters", "api.anthropic.com/x", 443, true, DenyReason.INVALID_HOST,
                        "host: \"api.anthropic.com/x\" (expected: only letters, digits, '-' and '_' in labels)"),
                deny("control characters escaped", "a\nb.com", 443, true, DenyReason.INVALID_HOST,
                        "host: \"a\\u000ab.com\" (expected: only letters, digits, '-' and '_' in labels)"),
                deny("octal-looking IPv4", "0177.0.0.1", 443, true, DenyReason.INVALID_HOST,
                        "host: \"0177.0.0.1\" (expected: a dotted-quad IPv4 address or a DNS name whose last label is not numeric)"),
                deny("short IPv4", "127.1", 443, true, DenyReason.INVALID_HOST,
                        "host: \"127.1\" (expected: a dotted-quad IPv4 address or a DNS name whose last label is not numeric)"),
                deny("IPv6 zone", "fe80::1%eth0", 443, true, DenyReason.INVALID_HOST,
                        "host: \"fe80::1%eth0\" (expected: an IPv6 literal without port or zone, such as ::1)"),
                deny("IPv4 literal without entry", "8.8.8.8", 443, true, DenyReason.IP_LITERAL,
                        "IP address 8.8.8.8 is not allowlisted; only an exact allow entry for it permits it"),
                deny("IPv6 literal without entry", "[2606:4700::1112]", 443, true, DenyReason.IP_LITERAL,
                        "IP address 2606:4700::1112 is not allowlisted; only an exact allow entry for it permits it"),
                deny("metadata literal without entry", "169.254.170.2", 80, false, DenyReason.IP_LITERAL,
                        "IP address 169.254.170.2 is not allowlisted; only an exact allow entry for it permits it"),
                allow("public IPv4 literal with entry", "203.0.114.7", 443, true, PUBLIC_V4, "203.0.114.7"),
                allow("public IPv6 literal with entry, other spelling", "[2606:4700:0::1111]", 443, true, PUBLIC_V6,
                        "2606:4700::1111"),
                allow("private IPv4 literal with opt-in", "10.0.0.7", 443, true, PRIVATE_V4_OPT_IN, "10.0.0.7"),
                deny("private IPv4 literal without opt-in", "10.0.0.8", 443, true, DenyReason.PROHIBITED_ADDRESS,
                        "10.0.0.8 resolves to a prohibited address (class: private); set privateAddresses: true on the"
                                + " allow entry 10.0.0.8 to permit it"),
                allow("loopback IPv6 literal with opt-in", "[::1]", 443, true, LOOPBACK_V6_OPT_IN, "::1"),
                deny("IPv4-mapped spelling is its own literal", "[::ffff:10.0.0.7]", 443, true, DenyReason.IP_LITERAL,
                        "IP address ::ffff:a00:7 is not allowlisted; only an exact allow entry for it permits it"),
                deny("metadata literal even with opt-in", "169.254.169.254", 80, false, DenyReason.PROHIBITED_ADDRESS,
                        "169.254.169.254 resolves to a prohibited address (class: metadata), which no allow entry can"
                                + " permit"),
                deny("IP literal port checked before address", "203.0.114.7", 8443, true, DenyReason.PORT_NOT_ALLOWED,
                        "port 8443 is not allowed for 203.0.114.7 (allowed: 443)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String name, Destination destination, Decision expected) {
        assertThat(POLICY.decide(destination)).isEqualTo(expected);
    }

    static Stream<Arguments> addressChecks() {
        return Stream.of(
                connect("public v4", ANTHROPIC, "160.79.104.10"),
                connect("first of several public", ANTHROPIC, "160.79.104.10", "2607:6bc0::10"),
                connect("public v6", ANTHROPIC, "2607:6bc0::10"),
                refuse("loopback", ANTHROPIC, "private", "loopback", "127.0.0.1"),
                refuse("private", ANTHROPIC, "private", "private", "10.1.2.3"),
                refuse("link-local", ANTHROPIC, "private", "link-local", "169.254.1.1"),
                refuse("cgnat", ANTHROPIC, "private", "cgnat", "100.64.1.1"),
                refuse("reserved", ANTHROPIC, "private", "reserved", "198.18.0.1"),
                refuse("unspecified", ANTHROPIC, "never", "unspecified", "0.0.0.0"),
                refuse("multicast", ANTHROPIC, "never", "multicast", "224.0.0.1"),
                refuse("broadcast", ANTHROPIC, "never", "broadcast", "255.255.255.255"),
                refuse("metadata", ANTHROPIC, "never", "metadata", "169.254.169.254"),
                refuse("ula v6", ANTHROPIC, "private", "private", "fd12::1"),
                refuse("link-local v6", ANTHROPIC, "private", "link-local", "fe80::1"),
                refuse("loopback v6", ANTHROPIC, "private", "loopback", "::1"),
                refuse("v4-mapped loopback", ANTHROPIC, "private", "loopback", "::ffff:127.0.0.1"),
                refuse("NAT64 private", ANTHROPIC, "private", "private", "64:ff9b::a00:1"),
                refuse("6to4 loopback", ANTHROPIC, "private", "loopback", "2002:7f00:1::"),
                refuse("mixed public then private (rebinding)", ANTHROPIC, "private", "private",
                        "160.79.104.10", "10.0.0.1"),
                refuse("mixed private then public", ANTHROPIC, "private", "loopback", "127.0.0.1", "160.79.104.10"),
                connect("private with opt-in", INTERNAL, "10.0.0.1"),
                connect("loopback with opt-in", INTERNAL, "127.0.0.1"),
                connect("cgnat with opt-in", INTERNAL, "100.64.0.9"),
                connect("mixed with opt-in", INTERNAL, "10.0.0.1", "160.79.104.10"),
                refuse("metadata with opt-in", INTERNAL, "never", "metadata", "169.254.169.254"),
                refuse("v6 metadata with opt-in", INTERNAL, "never", "metadata", "fd00:ec2::254"),
                refuse("NAT64 metadata with opt-in", INTERNAL, "never", "metadata", "64:ff9b::a9fe:a9fe"),
                refuse("Azure wire server with opt-in", INTERNAL, "never", "metadata", "168.63.129.16"),
                refuse("Alibaba metadata with opt-in", INTERNAL, "never", "metadata", "100.100.100.200"),
                refuse("metadata among private with opt-in", INTERNAL, "never", "metadata", "10.0.0.1", "169.254.169.254"),
                refuse("unspecified with opt-in", INTERNAL, "never", "unspecified", "0.0.0.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addressChecks")
    void checksAddresses(String name, AllowRule rule, List<InetAddress> resolved, AddressDecision expected) {
        assertThat(POLICY.checkAddresses(rule, "h.example", resolved)).isEqualTo(expected);
    }

    @Test
    void connectsToTheVeryAddressChecked() throws Exception {
        InetAddress first = InetAddress.getByAddress("api.anthropic.com", new byte[] {(byte) 160, 79, 104, 10});

        AddressDecision decision = POLICY.checkAddresses(ANTHROPIC, "api.anthropic.com", List.of(first));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.connectTo()).get().isSameAs(first);
    }

    @Test
    void emptyResolutionIsDnsFailure() {
        AddressDecision decision = POLICY.checkAddresses(ANTHROPIC, "api.anthropic.com", List.of());

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.deny()).contains(
                new Decision.Deny(DenyReason.DNS_FAILED, "api.anthropic.com did not resolve to any address"));
    }

    @Test
    void nullResolutionIsDnsFailure() {
        assertThat(POLICY.checkAddresses(ANTHROPIC, "api.anthropic.com", null).deny())
                .get().extracting(Decision.Deny::reason).isEqualTo(DenyReason.DNS_FAILED);
    }

    @Test
    void emptyAllowlistDeniesEverything() {
        DestinationPolicy denyAll = new DestinationPolicy(Allowlist.empty());

        assertThat(denyAll.decide(new Destination("api.anthropic.com", 443, true)))
                .isEqualTo(new Decision.Deny(DenyReason.NOT_ALLOWLISTED, "api.anthropic.com is not allowlisted"));
    }

    private static Arguments allow(String name, String host, int port, boolean tls, AllowRule rule, String normalized) {
        return Arguments.of(name, new Destination(host, port, tls), new Decision.Allow(rule, normalized, port));
    }

    private static Arguments deny(String name, String host, int port, boolean tls, DenyReason reason, String detail) {
        return Arguments.of(name, new Destination(host, port, tls), new Decision.Deny(reason, detail));
    }

    private static Arguments connect(String name, AllowRule rule, String... addresses) {
        List<InetAddress> resolved = addresses(addresses);
        return Arguments.of(name, rule, resolved, new AddressDecision(java.util.Optional.of(resolved.get(0)),
                java.util.Optional.empty()));
    }

    private static Arguments refuse(String name, AllowRule rule, String kind, String className, String... addresses) {
        String detail = "h.example resolves to a prohibited address (class: " + className + ")"
                + ("never".equals(kind)
                        ? ", which no allow entry can permit"
                        : "; set privateAddresses: true on the allow entry " + rule.host() + " to permit it");
        return Arguments.of(name, rule, addresses(addresses), new AddressDecision(java.util.Optional.empty(),
                java.util.Optional.of(new Decision.Deny(DenyReason.PROHIBITED_ADDRESS, detail))));
    }

    private static List<InetAddress> addresses(String... literals) {
        List<InetAddress> out = new ArrayList<>();
        for (String literal : literals) {
            try {
                out.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new AssertionError(literal, e);
            }
        }
        return out;
    }
}
