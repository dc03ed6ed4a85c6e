package dev.sieve.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sieve.certs.HostNames;
import dev.sieve.proxy.route.Authority;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Host normalisation and allowlist matching on arbitrary text. The input is
 * {@code pattern \n authority \n port}: an allowlist entry, what an agent names (CONNECT target,
 * Host header, URI authority) and a port. The contract: {@link HostNames#normalize} and
 * {@link AllowRule#normalizePattern} only throw {@link IllegalArgumentException} and are
 * idempotent; {@link Authority#parse} never throws and round-trips; matching and
 * {@link DestinationPolicy#decide} never throw, and a match is the exact host or lies under the
 * wildcard's domain.
 *
 * <p>Seeds: {@code src/test/resources/dev/sieve/proxy/policy/DestinationFuzzTestInputs/hosts}.
 */
class DestinationFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void hosts(byte[] input) {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", 3);
        String pattern = parts[0];
        String named = parts.length > 1 ? parts[1] : "";
        int port = parts.length > 2 ? parsePort(parts[2]) : 443;

        String host = normalized(named);
        Authority authority = Authority.parse(named, port);
        if (authority != null) {
            assertThat(Authority.parse(authority.toString(), -1)).isEqualTo(authority);
            assertThat(HostNames.normalize(authority.host())).isEqualTo(authority.host());
        }

        AllowRule rule;
        try {
            rule = new AllowRule(pattern, Set.of(443, 8443), Mode.INSPECT, false, false);
        } catch (IllegalArgumentException bad) {
            return;
        }
        assertThat(AllowRule.normalizePattern(rule.host())).isEqualTo(rule.host());
        Allowlist allowlist = Allowlist.of(List.of(rule));
        if (host != null) {
            Optional<AllowRule> match = allowlist.match(host);
            if (match.isPresent()) {
                assertThat(rule.wildcard() ? host.endsWith("." + rule.suffix()) : host.equals(rule.host()))
                        .as("%s matched %s", host, rule.host()).isTrue();
            }
        }
        Decision decision = new DestinationPolicy(allowlist).decide(new Destination(named, port, port != 80));
        if (decision instanceof Decision.Allow allow) {
            assertThat(allow.host()).isEqualTo(host);
            assertThat(allow.rule()).isEqualTo(rule);
        }
    }

    /** {@link HostNames#normalize}, which only ever throws IllegalArgumentException, or null. */
    private static String normalized(String name) {
        try {
            String host = HostNames.normalize(name);
            assertThat(HostNames.normalize(host)).as("normalize is idempotent").isEqualTo(host);
            HostNames.isIpLiteral(host);
            return host;
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return text.length();
        }
    }
}
