package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.RuleSet;
import dev.sieve.rules.DefaultRulePack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CategoryReferencesTest {

    @TempDir
    Path dir;

    @Test
    void aRuleSetMustDeclareEveryCategoryTheConfigNames() throws Exception {
        Files.createDirectories(dir.resolve("team"));
        Files.writeString(dir.resolve("team").resolve("team.yaml"), """
                rules:
                  - id: acme.plan
                    category: confidential
                    severity: high
                    patterns: ['\\bPLAN-[0-9]{4}\\b']
                """);
        SieveConfig config = new ConfigLoader(Map.of(), dir, dir).parse("""
                rules: { dir: team }
                allow:
                  - host: api.anthropic.com
                    inspection: { categories: [confidential, pii] }
                  - host: api.openai.com
                    inspection: { actions: { confidential: log } }
                  - host: api.mistral.ai
                """, "sieve.yaml", dir);
        RuleSet withTeam = ActiveRules.compose(config.rules()).ruleSet();

        assertThat(CategoryReferences.missing(config, withTeam)).isEmpty();
        assertThat(CategoryReferences.missing(config, DefaultRulePack.load())).contains("allow[].inspection names"
                + " categories no active rule declares: api.anthropic.com [confidential]; api.openai.com"
                + " [confidential] (expected: keep a rule of each category active, or change the config first)");
    }
}
