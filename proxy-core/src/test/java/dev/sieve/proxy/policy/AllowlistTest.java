package dev.sieve.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AllowlistTest {

    private static final Allowlist ALLOWLIST = Allowlist.of(List.of(
            AllowRule.https("api.anthropic.com", Mode.INSPECT),
            AllowRule.https("*.openai.azure.com", Mode.INSPECT),
            AllowRule.https("*.example.com", Mode.PASSTHROUGH),
            AllowRule.https("*.eu.example.com", Mode.INSPECT),
            AllowRule.https("exact.example.com", Mode.INSPECT),
            AllowRule.https("10.1.2.3", Mode.INSPECT),
            AllowRule.https("fd00::5", Mode.INSPECT)));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "api.anthropic.com, api.anthropic.com",
        "x.api.anthropic.com, none",
        "anthropic.com, none",
        "myres.openai.azure.com, *.openai.azure.com",
        "a.b.openai.azure.com, *.openai.azure.com",
        "openai.azure.com, none",
        "evilopenai.azure.com, none",
        "openai.azure.com.evil.net, none",
        "a.example.com, *.example.com",
        "example.com, none",
        "exact.example.com, exact.example.com",
        "x.exact.example.com, *.example.com",
        "eu.example.com, *.example.com",
        "a.eu.example.com, *.eu.example.com",
        "a.b.eu.example.com, *.eu.example.com",
        "10.1.2.3, 10.1.2.3",
        "10.1.2.4, none",
        "fd00::5, fd00::5",
        "com, none",
    })
    void matchesMostSpecificEntry(String host, String expectedPattern) {
        Optional<AllowRule> match = ALLOWLIST.match(host);

        assertThat(match.map(AllowRule::host).orElse(null)).isEqualTo(expectedPattern);
    }

    @Test
    void rejectsDuplicateHostAfterNormalization() {
        List<AllowRule> rules = List.of(
                AllowRule.https("api.anthropic.com", Mode.INSPECT),
                new AllowRule("API.Anthropic.COM.", Set.of(8443), Mode.INSPECT, false, false));

        assertThatIllegalArgumentException().isThrownBy(() -> Allowlist.of(rules))
                .withMessage("host: \"api.anthropic.com\" (expected: each host once; list all its ports in one entry)");
    }

    @Test
    void wildcardAndExactForSameDomainCoexist() {
        Allowlist list = Allowlist.of(List.of(
                AllowRule.https("example.com", Mode.INSPECT), AllowRule.https("*.example.com", Mode.PASSTHROUGH)));

        assertThat(list.match("example.com")).get().extracting(AllowRule::mode).isEqualTo(Mode.INSPECT);
        assertThat(list.match("www.example.com")).get().extracting(AllowRule::mode).isEqualTo(Mode.PASSTHROUGH);
        assertThat(list.size()).isEqualTo(2);
    }

    @Test
    void scalesToHundredThousandEntries() {
        List<AllowRule> rules = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rules.add(AllowRule.https("host" + i + ".example.org", Mode.INSPECT));
            rules.add(AllowRule.https("*.tenant" + i + ".example.net", Mode.INSPECT));
        }
        Allowlist big = Allowlist.of(rules);

        assertThat(big.size()).isEqualTo(100_000);
        assertThat(big.match("host49999.example.org")).get().extracting(AllowRule::host).isEqualTo("host49999.example.org");
        assertThat(big.match("a.b.tenant123.example.net")).get().extracting(AllowRule::host)
                .isEqualTo("*.tenant123.example.net");
        assertThat(big.match("tenant123.example.net")).isEmpty();
        assertThat(big.match("host50000.example.org")).isEmpty();
        assertThat(big.toString()).isEqualTo("Allowlist[size=100000]");
    }

    @Test
    void emptyMatchesNothing() {
        assertThat(Allowlist.empty().match("api.anthropic.com")).isEmpty();
        assertThat(Allowlist.empty().size()).isZero();
    }

    @Test
    void equalityFollowsRules() {
        Allowlist a = Allowlist.of(List.of(AllowRule.https("API.anthropic.com", Mode.INSPECT)));
        Allowlist b = Allowlist.of(List.of(AllowRule.https("api.anthropic.com", Mode.INSPECT)));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.rules()).containsExactly(AllowRule.https("api.anthropic.com", Mode.INSPECT));
    }
}
