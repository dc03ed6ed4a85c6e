package dev.sieve.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SubdomainCheckTest {

    private static Optional<String> test(String subdomain) {
        return SubdomainCheck.check(subdomain, SubdomainLimits.DEFAULTS).map(SubdomainCheck.Violation::test);
    }

    @ParameterizedTest
    @ValueSource(strings = {"contoso-openai-eastus2", "my-company-openai-resource", "westeurope-gpt4o-deployment",
        "bedrock-runtime.us-east-1", "northamerica-northeast1-aiplatform", "generativelanguage",
        "aoai-prod-swedencentral-01", "openai-x7k2m9p4q1", "storageaccount2024prod", "xyz-llm-gw-prd-wcus",
        "fabrikam-llm-gateway-northcentralus", "internationalization", "s3-us-west-2", "a.b.c.d", "www"})
    void namesPeopleChoosePass(String subdomain) {
        assertThat(test(subdomain)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "0123456789abcdef0123456789abcdef0123456789ab, label_length",
        "deadbeef0123456789abcdef, hex",
        "deadbeef01234567.89abcdef0123, hex",
        "mfrgg3dfmzvxg5dvmfzgk4tbnu, scattered_digits",
        "kjhgfdsqwrtzpxcvbnmlkjhg, no_vowels",
        "qazwsxedcrfvtgbyhnujmikolp, entropy",
    })
    void encodedDataIsRefusedByTheTestThatSeesIt(String subdomain, String test) {
        assertThat(test(subdomain)).contains(test);
    }

    @Test
    void randomHexAndBase32ChunksOfTypicalSizesAreRefused() {
        Random random = new Random(7);
        String hex = "0123456789abcdef";
        String base32 = "abcdefghijklmnopqrstuvwxyz234567";
        int refusedHex = 0;
        int refusedBase32 = 0;
        for (int i = 0; i < 200; i++) {
            refusedHex += test(random(random, hex, 24)).isPresent() ? 1 : 0;
            refusedBase32 += test(random(random, base32, 32)).isPresent() ? 1 : 0;
        }
        assertThat(refusedHex).isEqualTo(200);
        assertThat(refusedBase32).isGreaterThanOrEqualTo(190);
    }

    @Test
    void detailsNameLengthsAndLimitsNeverTheLabels() {
        String label = "deadbeef0123456789abcdef";
        SubdomainCheck.Violation v = SubdomainCheck.check(label + ".x", SubdomainLimits.DEFAULTS).orElseThrow();
        assertThat(v.detail()).isEqualTo("a word of 24 characters in hex").doesNotContain(label);
    }

    @Test
    void limitsAreTheEntrysOwnAndTheCheckCanBeTurnedOff() {
        String name = "my-longer-resource-name-for-team-a";
        assertThat(SubdomainCheck.check(name, new SubdomainLimits(true, 20, 16, 4.0)))
                .map(SubdomainCheck.Violation::test).contains("label_length");
        assertThat(SubdomainCheck.check("deadbeef0123456789abcdef", new SubdomainLimits(false, 40, 16, 4.0))).isEmpty();
        assertThat(SubdomainCheck.check("deadbeef0123456789abcdef", new SubdomainLimits(true, 40, 64, 4.0))).isEmpty();
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new SubdomainLimits(true, 64, 16, 4.0)).hasMessageContaining("maxLabelLength: 64");
        assertThatThrownBy(() -> new SubdomainLimits(true, 40, 4, 4.0)).hasMessageContaining("minEncodedLength: 4");
        assertThatThrownBy(() -> new SubdomainLimits(true, 40, 16, Double.NaN)).hasMessageContaining("maxEntropy");
    }

    private static String random(Random random, String alphabet, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
