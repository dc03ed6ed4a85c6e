package dev.sieve.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Category;
import dev.sieve.dlp.CodeHints;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every credential rule's first matching example, spaced out ({@code g h p _ ...}), written as a list of char
 * codes, backwards and in ROT13, in a text body: the inspection still reports the rule. The spaced, backwards and
 * ROT13 forms are found only where the scan's code hint knows a word of them (a vendor prefix or a keyword), so this
 * is what keeps that list in step with the pack.
 */
class PackCodedExamplesTest {

    private static final RuleSet PACK = DefaultRulePack.load();
    private static final CompiledRules ENGINE = Engines.compile(PACK, EngineKind.AUTO);
    private static final Inspector INSPECTOR = new Inspector(ENGINE, ViewLimits.defaults());
    private static final RequestMeta TEXT = new RequestMeta("POST", "/v1/upload",
            List.of(Map.entry("Host", "api.example.com"), Map.entry("Content-Type", "text/plain")));

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    /**
     * Rules found only in a text that is nothing else (a seed phrase standing alone): between other lines, as here,
     * they are another rule's (credential.bip39-mnemonic, next to a wallet word). SeedWordsTest covers them.
     */
    private static final Set<String> ALONE_ONLY = Set.of("credential.bip39-mnemonic-bare");

    /** Credential rules whose first example is one line of printable ASCII and is found as it is. */
    static Stream<String> credentialRules() {
        return PACK.rules().stream().filter(r -> r.category().equals(Category.CREDENTIAL))
                .filter(r -> !ALONE_ONLY.contains(r.id()))
                .filter(r -> !r.examples().match().isEmpty() && r.examples().match().get(0).chars()
                        .allMatch(c -> c >= 0x20 && c < 0x7f))
                .map(Rule::id);
    }

    private static String example(String ruleId) {
        return PACK.rule(ruleId).orElseThrow().examples().match().get(0);
    }

    private static List<String> rulesFound(String body) {
        try (Inspection inspection = INSPECTOR.open(TEXT, InspectionPolicy.defaults())) {
            InspectionResult r = inspection.finish(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
            return r.findings().stream().map(Finding::ruleId).toList();
        }
    }

    static String spacedOut(String s) {
        return Stream.of(s.split(" ", -1)).map(w -> String.join(" ", w.split(""))).collect(Collectors.joining("   "));
    }

    static String charCodes(String s) {
        List<String> codes = new ArrayList<>();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            codes.add(String.valueOf(b & 0xff));
        }
        return String.join(", ", codes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialRules")
    void spacedOutTheExampleIsStillFound(String ruleId) {
        String example = example(ruleId);
        assertThat(rulesFound("notes\n" + example + "\nend\n")).as("plain").contains(ruleId);
        assertThat(rulesFound("notes\n" + spacedOut(example) + "\nend\n")).as("spaced out: %s", spacedOut(example))
                .contains(ruleId);
    }

    /**
     * Examples whose only word to hint on is shorter than four characters ({@code KEY=}, {@code SID=}, {@code WIF:},
     * {@code "kty"}): written backwards or in ROT13 they are everyday text ({@code yek}, {@code xrl}), so no hint;
     * so are those of a URL whose scheme is no hint word ({@code smtp+tls://}).
     */
    private static final Set<String> NO_TURNED_HINT = Set.of("credential.azure-storage-account-key",
            "credential.twilio-account-sid", "credential.bitcoin-wif", "credential.private-key-jwk",
            "credential.segment-write-key", "credential.newrelic-license-key", "credential.url-userinfo-password");

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialRules")
    void backwardsAndInRot13TheExampleIsStillFound(String ruleId) {
        String example = example(ruleId);
        String backwards = new StringBuilder(example).reverse().toString();
        String rot13 = CodeHints.rot13(example);
        boolean hinted = !NO_TURNED_HINT.contains(ruleId);
        assertThat(rulesFound("notes\n" + backwards + "\nend\n").contains(ruleId)).as("backwards: %s", backwards)
                .isEqualTo(hinted);
        assertThat(rulesFound("notes\n" + rot13 + "\nend\n").contains(ruleId)).as("rot13: %s", rot13)
                .isEqualTo(hinted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialRules")
    void asCharCodesTheExampleIsStillFound(String ruleId) {
        String example = example(ruleId);
        assertThat(rulesFound("var k = String.fromCharCode(" + charCodes(example) + ");\n")).contains(ruleId);
    }
}
