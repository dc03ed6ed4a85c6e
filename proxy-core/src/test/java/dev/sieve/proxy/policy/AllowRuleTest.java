package dev.sieve.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowRuleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "api.anthropic.com, api.anthropic.com, false",
        "API.Anthropic.COM., api.anthropic.com, false",
        "*.OpenAI.Azure.com, *.openai.azure.com, true",
        "*.example.com., *.example.com, true",
        "bücher.example, xn--bcher-kva.example, false",
        "*.bücher.example, *.xn--bcher-kva.example, true",
        "10.0.0.1, 10.0.0.1, false",
        "[FD00:0:0::1], fd00::1, false",
    })
    void normalizesHost(String given, String expected, boolean wildcard) {
        AllowRule rule = AllowRule.https(given, Mode.INSPECT);

        assertThat(rule.host()).isEqualTo(expected);
        assertThat(rule.wildcard()).isEqualTo(wildcard);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "*|host: \"*\" (expected: a host name or *.domain; '*' alone would allow every destination)",
        "*.com|host: \"*.com\" (expected: a wildcard over at least two labels, as in *.example.com; '*.com' would allow a whole top-level domain)",
        "*.COM.|host: \"*.COM.\" (expected: a wildcard over at least two labels, as in *.example.com; '*.com' would allow a whole top-level domain)",
        "api.*.example.com|host: \"api.*.example.com\" (expected: '*' only as the whole first label, as in *.example.com)",
        "*api.example.com|host: \"*api.example.com\" (expected: '*' only as the whole first label, as in *.example.com)",
        "*.*.example.com|host: \"*.*.example.com\" (expected: '*' only as the whole first label, as in *.example.com)",
        "*.10.0.0.1|host: \"*.10.0.0.1\" (expected: a domain after '*.', not an IP address)",
        "*.[::1]|host: \"*.[::1]\" (expected: a domain after '*.', not an IP address)",
        // Found by DestinationFuzzTest: the trailing dot hid the address from the check, and the
        // normalized pattern (*.56.0.0.1) was then refused when normalized again.
        "*.56.0.0.1.|host: \"*.56.0.0.1.\" (expected: a domain after '*.', not an IP address)",
        "bad..host|host: \"bad..host\" (expected: no empty labels)",
        "exa mple.com|host: \"exa mple.com\" (expected: only letters, digits, '-' and '_' in labels)",
    })
    void rejectsPattern(String pattern, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> AllowRule.https(pattern, Mode.INSPECT)).withMessage(message);
    }

    @Test
    void rejectsNullHost() {
        assertThatIllegalArgumentException().isThrownBy(() -> AllowRule.https(null, Mode.INSPECT))
                .withMessage("host: null (expected: a host name, IP literal or *.domain)");
    }

    @Test
    void portsAreSortedImmutableAndValidated() {
        AllowRule rule = new AllowRule("a.example.com", Set.of(8443, 443), Mode.INSPECT, false, false);

        assertThat(rule.ports()).containsExactly(443, 8443);
        assertThat(rule.allowsPort(8443)).isTrue();
        assertThat(rule.allowsPort(80)).isFalse();
        assertThat(rule.ports().getClass().getName()).contains("Unmodifiable");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AllowRule("a.example.com", Set.of(443, 70000), Mode.INSPECT, false, false))
                .withMessage("ports: 70000 (expected: 1-65535)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AllowRule("a.example.com", Set.of(0), Mode.INSPECT, false, false))
                .withMessage("ports: 0 (expected: 1-65535)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AllowRule("a.example.com", Set.of(), Mode.INSPECT, false, false))
                .withMessage("ports: [] (expected: at least one port in 1-65535)");
        Set<Integer> withNull = new HashSet<>();
        withNull.add(null);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AllowRule("a.example.com", withNull, Mode.INSPECT, false, false))
                .withMessage("ports: null (expected: 1-65535)");
        assertThatNullPointerException()
                .isThrownBy(() -> new AllowRule("a.example.com", Set.of(443), null, false, false))
                .withMessage("mode");
    }

    @Test
    void suffixAndIpLiteral() {
        assertThat(AllowRule.https("*.example.com", Mode.INSPECT).suffix()).isEqualTo("example.com");
        assertThat(AllowRule.https("api.example.com", Mode.INSPECT).suffix()).isEqualTo("api.example.com");
        assertThat(AllowRule.https("10.0.0.1", Mode.INSPECT).ipLiteral()).isTrue();
        assertThat(AllowRule.https("::1", Mode.INSPECT).ipLiteral()).isTrue();
        assertThat(AllowRule.https("api.example.com", Mode.INSPECT).ipLiteral()).isFalse();
    }
}
