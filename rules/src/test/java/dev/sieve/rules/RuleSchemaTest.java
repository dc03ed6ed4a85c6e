package dev.sieve.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Severity;
import dev.sieve.dlp.validate.Validators;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** rule-schema.json is valid draft 2020-12, agrees with the engine's enums, and every pack file conforms to it. */
class RuleSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode schemaNode() throws IOException {
        try (InputStream in = DefaultRulePack.class.getClassLoader().getResourceAsStream(DefaultRulePack.SCHEMA_RESOURCE)) {
            assertThat(in).as(DefaultRulePack.SCHEMA_RESOURCE).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode());
    }

    @Test
    void schemaIsItselfValidAgainstTheDraft202012MetaSchema() throws IOException {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(com.networknt.schema.SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        assertThat(meta.validate(schemaNode())).isEmpty();
    }

    @Test
    void everyPackFileConformsToTheSchema() throws IOException {
        Schema schema = schema();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : PackFiles.read().entrySet()) {
            for (Error e : schema.validate(YAML.readTree(file.getValue()))) {
                problems.add(file.getKey() + ": " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void schemaRejectsUnknownKeysAndBadEnums() throws IOException {
        Schema schema = schema();
        String good = "rules:\n  - {id: a.b, category: pii, severity: low, patterns: ['x']}\n";
        assertThat(schema.validate(YAML.readTree(good))).isEmpty();
        assertThat(schema.validate(YAML.readTree(good.replace("severity: low", "severity: severe")))).isNotEmpty();
        assertThat(schema.validate(YAML.readTree(good.replace("patterns:", "pattern:")))).isNotEmpty();
        assertThat(schema.validate(YAML.readTree(good.replace("id: a.b", "id: A_B")))).isNotEmpty();
        assertThat(schema.validate(YAML.readTree(good.replace("category: pii", "category: customer-data")))).isEmpty();
        assertThat(schema.validate(YAML.readTree(good.replace("category: pii", "category: Customer_Data")))).isNotEmpty();
        assertThat(schema.validate(YAML.readTree(good.replace("patterns: ['x']", "patterns: ['x'], validators: [crc32]"))))
                .isNotEmpty();
    }

    @Test
    void enumsMatchTheEngine() throws IOException {
        JsonNode rule = schemaNode().path("$defs").path("rule").path("properties");
        assertThat(rule.path("category").path("pattern").asText()).isEqualTo("^" + Category.NAME.pattern() + "$");
        assertThat(strings(rule.path("category").path("examples")))
                .isEqualTo(names(Category.wellKnown().stream().map(Category::yamlName).toList()));
        assertThat(strings(rule.path("severity").path("enum")))
                .isEqualTo(names(Arrays.stream(Severity.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
        assertThat(strings(rule.path("action").path("enum")))
                .isEqualTo(names(Arrays.stream(Action.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList()));
        JsonNode alternatives = schemaNode().path("$defs").path("validator").path("oneOf");
        Set<String> validatorNames = strings(alternatives.get(0).path("enum"));
        for (int k = 2; k < alternatives.size(); k++) {
            validatorNames.add(alternatives.get(k).path("properties").path("name").path("const").asText());
        }
        assertThat(validatorNames).isEqualTo(Validators.names());
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> names(List<String> values) {
        return new TreeSet<>(values);
    }
}
