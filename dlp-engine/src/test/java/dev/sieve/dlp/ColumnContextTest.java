package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code context.columns}: a gated rule's values in a table column whose header names the column have context on
 * every row (within {@link Rule#COLUMN_WINDOW} bytes of the header), on both engines and at any chunking.
 */
class ColumnContextTest {

    static final String RULES = """
            rules:
              - id: pii.nine
                category: pii
                severity: high
                patterns: ['\\b[0-9]{9}\\b']
                context: {keywords: ['ssn:'], window: 16, required: true, columns: [ssn, social security]}
            """;

    static final CompiledRules JAVA = Engines.compile(parse(RULES), EngineKind.JAVA);
    static final CompiledRules HYPERSCAN = Engines.hyperscanAvailable()
            ? Engines.compile(parse(RULES), EngineKind.HYPERSCAN) : JAVA;

    static List<String> engines() {
        return List.of("java", "hyperscan");
    }

    private static List<Finding> scan(String engine, String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (ScanSession s = (engine.equals("java") ? JAVA : HYPERSCAN).open("v")) {
            for (int off = 0; off < bytes.length; off += chunk) {
                s.feed(ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off)));
            }
            return s.finish();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyRowOfTheNamedColumnIsFoundFarBelowTheHeader(String engine) {
        StringBuilder table = new StringBuilder("id,name,ssn,order\n");
        for (int i = 0; i < 12; i++) {
            table.append(1000 + i).append(",Dana Roe-Whitfield ").append(i).append(',').append(536228170 + i % 4)
                    .append(",ORD-").append(100000000 + i).append('\n');
        }
        String text = table.toString();
        for (int chunk : new int[] {text.length(), 7, 1}) {
            List<Finding> found = scan(engine, text, chunk);
            assertThat(found).as("chunk %d", chunk).hasSize(12);
            assertThat(found).extracting(f -> text.substring((int) f.start(), (int) f.end()))
                    .allMatch(v -> v.startsWith("53622817"));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void otherColumnsAndTablesWithoutTheColumnStayClean(String engine) {
        assertThat(scan(engine, "id,name,order\n1,Ana,536228174\n2,Dana,536228175\n", 64)).isEmpty();
        assertThat(scan(engine, "id,ssn,order\n1,none,536228174\n", 64)).isEmpty();
    }

    /** A first column's header cell has no delimiter before it: its gate starts with the line break. */
    static final String FIRST_COLUMN_RULES = """
            rules:
              - id: pii.nine-first
                category: pii
                severity: high
                patterns: ['\\b[0-9]{9}\\b']
                context: {keywords: ["\\nssn,"], window: 1, required: true, columns: ["\\nssn,", "\\nssn\\t"]}
            """;

    @ParameterizedTest
    @MethodSource("engines")
    void aLineStartColumnGateMatchesAfterALineBreakAndAtTheViewsStart(String engine) {
        CompiledRules rules = Engines.compile(parse(FIRST_COLUMN_RULES),
                engine.equals("java") || !Engines.hyperscanAvailable() ? EngineKind.JAVA : EngineKind.HYPERSCAN);
        for (String text : List.of("ssn,name\n536228170,Ana\n536228171,Bo\n", "intro line\nssn,name\n536228170,Ana\n",
                "SSN\tname\n536228170\tAna\n")) {
            for (int chunk : new int[] {text.length(), 7, 1}) {
                assertThat(scan(rules, text, chunk)).as("%s, chunk %d", text, chunk).isNotEmpty();
            }
        }
        for (String text : List.of("xssn,name\n536228170,Ana\n", "ssn_hint,name\n536228170,Ana\n",
                "id,name\n536228170,Ana\n", "note: ssn,name\n536228170,Ana\n")) {
            for (int chunk : new int[] {text.length(), 1}) {
                assertThat(scan(rules, text, chunk)).as("%s, chunk %d", text, chunk).isEmpty();
            }
        }
        rules.close();
    }

    private static List<Finding> scan(CompiledRules rules, String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (ScanSession s = rules.open("v")) {
            for (int off = 0; off < bytes.length; off += chunk) {
                s.feed(ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off)));
            }
            return s.finish();
        }
    }

    private static RuleSet parse(String yaml) {
        try {
            return RuleSet.parse(Map.of("r.yaml", yaml));
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
