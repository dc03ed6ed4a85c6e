package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A BIP-39 seed phrase that is a whole text by itself (a message, a JSON value, a file, a text body) is found with no
 * wallet word near it: the decoding graph reads it as the layer {@code |seed-words}, which the pack's
 * {@code credential.bip39-mnemonic-bare} rule (here in the same form) matches whole, checksum checked. Inside a longer
 * text, or with a checksum that fails, it is not.
 */
class SeedPhraseAloneTest {

    private static final String RULE = "credential.bip39-mnemonic-bare";
    private static final String TWELVE = "oval elder tenant long expand connect cruel noble order order april like";
    private static final String TWENTY_FOUR = "trap run describe title wrestle burger eternal vocal dizzy never option"
            + " oppose ugly vital sort chat giraffe seven kiss pen fall bachelor word damp";
    /** The last word's low bits are the checksum: {@code like} to {@code limb} breaks it. */
    private static final String BROKEN = TWELVE.replace(" like", " limb");

    private static final Map<EngineKind, Inspector> INSPECTORS = new EnumMap<>(EngineKind.class);
    private static final Map<EngineKind, CompiledRules> ENGINES = new EnumMap<>(EngineKind.class);

    private static RuleSet rules(String action) {
        try {
            return RuleSet.parse(Map.of("seed.yaml", """
                    rules:
                      - id: credential.bip39-mnemonic-bare
                        category: credential
                        severity: critical
                        action: %s
                        patterns: ['^[a-z]{3,8}(?: [a-z]{3,8}){11,23}$']
                        validators: [bip39]
                    """.formatted(action)));
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Inspector inspector(EngineKind kind) {
        if (kind == EngineKind.HYPERSCAN) {
            assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        }
        return INSPECTORS.computeIfAbsent(kind, k -> new Inspector(ENGINES.computeIfAbsent(k,
                x -> Engines.compile(rules("block"), x)), ViewLimits.defaults()));
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(CompiledRules::close);
    }

    private static InspectionResult inspect(Inspector inspector, RequestMeta meta, String body) {
        try (Inspection inspection = inspector.open(meta, InspectionPolicy.defaults())) {
            return inspection.finish(ByteBuffer.wrap(utf8(body)));
        }
    }

    private static String jsonString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String numbered(String phrase) {
        String[] words = phrase.split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            out.append(i + 1).append(". ").append(words[i]).append('\n');
        }
        return out.toString();
    }

    private static String document(String text) {
        return "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"text/plain\",\"data\":\""
                + Base64.getEncoder().encodeToString(utf8(text)) + "\"}},{\"type\":\"text\",\"text\":\"keep this\"}]}]}";
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"HYPERSCAN", "JAVA"})
    void aPhraseThatIsAWholeMessageValueOrFileBlocksWithNoWalletWord(EngineKind kind) {
        Inspector inspector = inspector(kind);
        InspectionResult message = inspect(inspector, json(), message(jsonString(TWELVE + "\n")));
        assertThat(message.decision()).isEqualTo(Decision.BLOCK);
        Finding f = message.findings().get(0);
        assertThat(f.ruleId()).isEqualTo(RULE);
        assertThat(f.viewPath()).isEqualTo("json:$.messages[0].content|seed-words");
        assertThat(f.location()).hasValueSatisfying(l -> assertThat(l.toString()).contains("$.messages[0].content"));

        InspectionResult file = inspect(inspector, json(), document(numbered(TWENTY_FOUR)));
        assertThat(file.findings()).extracting(Finding::ruleId).containsExactly(RULE);
        assertThat(file.findings().get(0).viewPath()).endsWith("|seed-words");

        InspectionResult text = inspect(inspector, meta("/upload", "Content-Type", "text/plain"),
                "  \"" + TWELVE.replace(' ', '\n') + "\"\n");
        assertThat(text.decision()).isEqualTo(Decision.BLOCK);
        assertThat(text.findings()).extracting(Finding::viewPath).containsExactly("body|seed-words");

        InspectionResult form = inspect(inspector, meta("/submit", "Content-Type",
                "application/x-www-form-urlencoded"), "note=" + TWELVE.replace(' ', '+') + "&ok=1");
        assertThat(form.findings()).extracting(Finding::ruleId).containsExactly(RULE);
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"HYPERSCAN", "JAVA"})
    void notAloneOrNotCheckedIsNothing(EngineKind kind) {
        Inspector inspector = inspector(kind);
        for (String text : List.of("we wrote " + TWELVE + " on the board", TWELVE + ", thanks", BROKEN,
                numbered(BROKEN), TWELVE.substring(0, TWELVE.lastIndexOf(' ')),
                "fix the login page then run every test again before you ship this build to staging")) {
            InspectionResult r = inspect(inspector, json(), message(jsonString(text)));
            assertThat(r.decision()).as(text).isEqualTo(Decision.ALLOW);
            assertThat(r.findings()).as(text).isEmpty();
        }
        InspectionResult twoValues = inspect(inspector, json(), "{\"a\":\"" + TWELVE.substring(0, 40) + "\",\"b\":\""
                + TWELVE.substring(40) + "\"}");
        assertThat(twoValues.findings()).as("a phrase split over two values").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"HYPERSCAN", "JAVA"})
    void aRedactionInTheWordListCannotBeWrittenBackSoItBlocks(EngineKind kind) {
        if (kind == EngineKind.HYPERSCAN) {
            assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        }
        try (CompiledRules engine = Engines.compile(rules("redact"), kind)) {
            InspectionResult r = inspect(new Inspector(engine, ViewLimits.defaults()), json(),
                    message(jsonString(numbered(TWELVE))));
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThat(r.failureDetail()).contains("seed phrase").contains("not rewritten").doesNotContain("oval");
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"HYPERSCAN", "JAVA"})
    void aStreamedBodyThatIsAPhraseIsNeverCleanBeforeItsEnd(EngineKind kind) {
        byte[] body = utf8(numbered(TWENTY_FOUR));
        try (Inspection inspection = inspector(kind).open(meta("/upload", "Content-Type", "text/plain"),
                InspectionPolicy.defaults())) {
            inspection.trackClean();
            for (int at = 0; at < body.length; at++) {
                inspection.feed(ByteBuffer.wrap(body, at, 1));
                assertThat(inspection.cleanThrough()).isZero();
            }
            assertThat(inspection.finish(ByteBuffer.wrap(body)).decision()).isEqualTo(Decision.BLOCK);
        }
    }
}
