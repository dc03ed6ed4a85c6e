package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Allowlist;
import dev.sieve.proxy.policy.Decision;
import dev.sieve.proxy.policy.Destination;
import dev.sieve.proxy.policy.DestinationPolicy;
import dev.sieve.proxy.policy.Mode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which CONNECT refusals are explained inside the tunnel, decided on the request facts alone. */
class TunnelExplanationTest {
    private static final DestinationPolicy POLICY = new DestinationPolicy(Allowlist.of(List.of(
            new AllowRule("api.example.com", Set.of(443, 8443), Mode.INSPECT, false, false),
            new AllowRule("pinned.example.com", Set.of(443), Mode.PASSTHROUGH, false, false),
            new AllowRule("10.0.0.5", Set.of(443), Mode.INSPECT, true, false))));

    private static boolean explains(Refusal refusal, String host, int port) {
        return TunnelExplanation.explains(refusal, host, port, POLICY.decide(new Destination(host, port, true)));
    }

    @Test
    void aNameOffTheAllowlistIsExplainedOnPort443Only() {
        assertThat(explains(Refusal.NOT_ALLOWLISTED, "evil.example.com", 443)).isTrue();
        assertThat(explains(Refusal.NOT_ALLOWLISTED, "evil.example.com", 22)).as("maybe not TLS").isFalse();
        assertThat(explains(Refusal.NOT_ALLOWLISTED, "evil.example.com", 8443)).isFalse();
    }

    @Test
    void theKillSwitchIsExplainedWhereTheAgentTrustsSievesLeaf() {
        assertThat(explains(Refusal.KILL_SWITCH, "api.example.com", 443)).isTrue();
        assertThat(explains(Refusal.KILL_SWITCH, "api.example.com", 8443)).as("an allowed port").isTrue();
        assertThat(explains(Refusal.KILL_SWITCH, "evil.example.com", 443)).isTrue();
        assertThat(explains(Refusal.KILL_SWITCH, "evil.example.com", 8443)).isFalse();
        assertThat(explains(Refusal.KILL_SWITCH, "api.example.com", 9999)).as("a port not allowed").isFalse();
        assertThat(explains(Refusal.KILL_SWITCH, "pinned.example.com", 443)).as("passthrough: pinned").isFalse();
    }

    @Test
    void ipLiteralsAndOtherRefusalsKeepThePlain403() {
        assertThat(explains(Refusal.IP_LITERAL, "93.184.216.34", 443)).isFalse();
        assertThat(explains(Refusal.NOT_ALLOWLISTED, "93.184.216.34", 443)).isFalse();
        assertThat(explains(Refusal.KILL_SWITCH, "10.0.0.5", 443)).as("even an allowlisted literal").isFalse();
        assertThat(explains(Refusal.KILL_SWITCH, "::1", 443)).isFalse();
        assertThat(explains(Refusal.KILL_SWITCH, null, 443)).isFalse();
        for (Refusal other : List.of(Refusal.PORT_NOT_ALLOWED, Refusal.PROHIBITED_ADDRESS, Refusal.DNS_FAILED,
                Refusal.SUBDOMAIN_EXFILTRATION, Refusal.PROXY_AUTH_REQUIRED, Refusal.INVALID_HOST)) {
            assertThat(explains(other, "evil.example.com", 443)).as(other.code()).isFalse();
        }
    }
}
