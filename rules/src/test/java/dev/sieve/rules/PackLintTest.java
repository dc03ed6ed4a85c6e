package dev.sieve.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Category;
import dev.sieve.dlp.LintProblem;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleLint;
import dev.sieve.dlp.RuleSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped pack loads, lints clean, has no disabled rules, and covers every category. */
class PackLintTest {

    static final int MIN_RULES = 45;

    @Test
    void packLintsCleanIncludingHyperscanCompilation() {
        List<LintProblem> problems = RuleLint.lint(PackFiles.read());
        assertThat(problems).as("lint problems").isEmpty();
    }

    @Test
    void theShippedFilesAreTheSourceFilesByteForByte() throws java.io.IOException {
        assertThat(DefaultRulePack.fileNames()).containsExactlyElementsOf(PackFiles.indexed()).contains("settings.yaml");
        for (String name : DefaultRulePack.fileNames()) {
            assertThat(DefaultRulePack.bytes(name)).as(name)
                    .isEqualTo(java.nio.file.Files.readAllBytes(PackFiles.folder().resolve(name)));
        }
        assertThat(DefaultRulePack.files().files()).isEqualTo(PackFiles.read());
        assertThat(DefaultRulePack.files().prefix()).isEqualTo("built-in/");
    }

    @Test
    void everyFileInTheFolderIsListedInTheIndexAndViceVersa() {
        assertThat(PackFiles.indexed()).containsExactlyInAnyOrderElementsOf(PackFiles.onDisk());
    }

    @Test
    void classPathLoadGivesTheSameRulesAsTheSourceFolder() throws Exception {
        RuleSet fromFolder = RuleSet.load(PackFiles.folder());
        assertThat(DefaultRulePack.load().version()).isEqualTo(fromFolder.version());
    }

    @Test
    void noRuleIsDisabledByAnEmptyVariable() {
        RuleSet pack = DefaultRulePack.load();
        assertThat(pack.notes()).isEmpty();
    }

    @Test
    void atLeastFortyFiveRulesAndEveryCategoryPresent() {
        RuleSet pack = DefaultRulePack.load();
        Map<Category, Long> perCategory = pack.rules().stream()
                .collect(Collectors.groupingBy(Rule::category, Collectors.counting()));
        assertThat(pack.rules()).hasSizeGreaterThanOrEqualTo(MIN_RULES);
        assertThat(perCategory.keySet()).as("the pack uses the well-known categories, all of them")
                .containsExactlyInAnyOrderElementsOf(Category.wellKnown());
        assertThat(perCategory.get(Category.CREDENTIAL)).isGreaterThanOrEqualTo(30);
    }

    @Test
    void ruleIdsStartWithTheirCategory() {
        for (Rule r : DefaultRulePack.load().rules()) {
            assertThat(r.id()).as(r.id()).startsWith(r.category().yamlName() + ".");
        }
    }

    @Test
    void everyRuleHasANameADescriptionOrAClearIdAndNearMissExamples() {
        for (Rule r : DefaultRulePack.load().rules()) {
            assertThat(r.name()).as(r.id()).isNotEqualTo(r.id());
            assertThat(r.examples().match()).as(r.id()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(r.examples().noMatch()).as(r.id()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void requiredDetectorsArePresent() {
        RuleSet pack = DefaultRulePack.load();
        List<String> required = Arrays.asList("pii.us-ssn", "pii.uk-nino", "pii.ca-sin", "pii.email-bulk",
                "pii.phone-bulk", "financial.card-visa", "financial.card-mastercard", "financial.card-amex",
                "financial.card-discover", "financial.card-jcb", "financial.card-diners", "financial.iban",
                "financial.aba-routing", "credential.aws-access-key-id", "credential.aws-secret-access-key",
                "credential.gcp-api-key", "credential.gcp-service-account", "credential.azure-storage-account-key",
                "credential.azure-storage-connection-string", "credential.github-pat", "credential.github-fine-grained-pat",
                "credential.github-oauth-token", "credential.github-app-token", "credential.github-refresh-token",
                "credential.gitlab-pat", "credential.slack-bot-token", "credential.slack-user-token",
                "credential.slack-webhook", "credential.stripe-secret-key", "credential.stripe-restricted-key",
                "credential.twilio-api-key", "credential.twilio-account-sid", "credential.sendgrid-api-key",
                "credential.anthropic-api-key", "credential.openai-api-key", "credential.huggingface-token",
                "credential.npm-token", "credential.pypi-token", "credential.jwt", "credential.private-key-rsa",
                "credential.private-key-ec", "credential.private-key-openssh", "credential.private-key-pgp",
                "credential.private-key-pkcs8", "credential.private-key-pkcs8-encrypted", "credential.database-url",
                "credential.url-basic-auth", "credential.generic-secret-assignment",
                "source-code.confidentiality-marker", "source-code.company-copyright", "source-code.internal-hostname",
                "source-code.internal-package");
        assertThat(pack.rules()).extracting(Rule::id).containsAll(required);
    }
}
