package dev.sieve.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.EnforcementMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenScopeTest {

    @Test
    void entriesNarrowByHostPortAndWildcard() {
        TokenScope scope = TokenScope.parse(List.of("API.Anthropic.com", "*.openai.com:443", "10.0.0.5:8080"));

        assertThat(scope.permits("api.anthropic.com", 443)).isTrue();
        assertThat(scope.permits("api.anthropic.com", 8443)).as("no port: any port").isTrue();
        assertThat(scope.permits("api.openai.com", 443)).isTrue();
        assertThat(scope.permits("openai.com", 443)).as("*. needs a subdomain").isFalse();
        assertThat(scope.permits("api.openai.com", 80)).isFalse();
        assertThat(scope.permits("10.0.0.5", 8080)).isTrue();
        assertThat(scope.permits("evil.com", 443)).isFalse();
        assertThat(scope.permits("api.anthropic.com.evil.com", 443)).isFalse();
        assertThat(scope.permits("not a host", 443)).isFalse();
        assertThat(TokenScope.UNRESTRICTED.permits("anything.example", 1)).isTrue();
    }

    /** Host patterns follow the allowlist's rules (AllowRuleTest has them all); one of them stands here for all. */
    @Test
    void badEntriesAreRefusedWithTheSyntax() {
        for (String bad : List.of("", "*.com", "a.com:0", "a.com:70000", "a.com:x", "[::1")) {
            assertThatThrownBy(() -> TokenScope.parse(List.of(bad)), bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(expected: HOST[:PORT]");
        }
    }

    @Test
    void aMonitorTokenNeverWeakensEnforce() {
        Grant monitor = new Grant("a", java.util.Optional.of("t"), TokenScope.UNRESTRICTED, BudgetLimits.NONE,
                java.util.Optional.of(EnforcementMode.MONITOR), java.util.Optional.empty());
        Grant enforce = new Grant("a", java.util.Optional.of("t"), TokenScope.UNRESTRICTED, BudgetLimits.NONE,
                java.util.Optional.of(EnforcementMode.ENFORCE), java.util.Optional.empty());

        assertThat(monitor.effectiveMode(EnforcementMode.ENFORCE)).isEqualTo(EnforcementMode.ENFORCE);
        assertThat(enforce.effectiveMode(EnforcementMode.MONITOR)).isEqualTo(EnforcementMode.ENFORCE);
        assertThat(monitor.effectiveMode(EnforcementMode.MONITOR)).isEqualTo(EnforcementMode.MONITOR);
        assertThat(Grant.of("a").effectiveMode(EnforcementMode.MONITOR)).isEqualTo(EnforcementMode.MONITOR);
    }
}
