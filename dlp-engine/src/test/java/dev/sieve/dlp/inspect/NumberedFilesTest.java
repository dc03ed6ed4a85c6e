package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A file as agents' tools show it, a line number before every line (Claude Code's {@code Read}, {@code cat -n}):
 * rules anchored at a line's start find what they find in the file itself, the finding's place counts the marks, and
 * a redaction keeps every line's number.
 */
class NumberedFilesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String RULES = """
            rules:
              - id: source-code.marker
                category: source-code
                severity: medium
                action: log
                patterns:
                  - '(?:^|\\n)# CONFIDENTIAL\\r?\\n'
              - id: credential.pgpass
                category: credential
                severity: high
                action: redact
                patterns:
                  - '(?:^|\\n)[a-z.]{2,40}:[0-9]{2,5}:[a-z_]{1,20}:[a-z_]{1,20}:[A-Za-z0-9]{12,40}'
            """;

    enum Tool {
        READ(n -> String.format("%6d\u2192", n)), CAT_N(n -> String.format("%6d\t", n)), NONE(n -> "");

        final java.util.function.IntFunction<String> mark;

        Tool(java.util.function.IntFunction<String> mark) {
            this.mark = mark;
        }

        String show(String file) {
            String[] lines = file.split("\n", -1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                out.append(i == 0 ? "" : "\n").append(mark.apply(i + 1)).append(lines[i]);
            }
            return out.toString();
        }
    }

    private static final String FILE = "# CONFIDENTIAL\nimport os\n\n# ~/.pgpass\ndb.internal:5432:billing:svc_billing:"
            + "Xk9mQ2vL7pR4tZ\nprint('done')";

    private static InspectionResult inspect(boolean hyperscan, byte[] body) throws RuleLoadException {
        return inspect(hyperscan, json(), body);
    }

    private static InspectionResult inspect(boolean hyperscan, RequestMeta meta, byte[] body) throws RuleLoadException {
        CompiledRules engine = Engines.compile(RuleSet.parse(Map.of("r.yaml", RULES)),
                hyperscan ? EngineKind.HYPERSCAN : EngineKind.JAVA);
        try (Inspection inspection = new Inspector(engine, ViewLimits.defaults()).open(meta,
                InspectionPolicy.defaults())) {
            return inspection.finish(ByteBuffer.wrap(body));
        }
    }

    private static String toolResult(String content) throws Exception {
        return MAPPER.writeValueAsString(Map.of("model", "m", "messages", java.util.List.of(Map.of("role", "user",
                "content", java.util.List.of(Map.of("type", "tool_result", "tool_use_id", "toolu_1",
                        "content", content))))));
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void lineAnchoredRulesFindTheirLinesAndTheRedactionKeepsTheNumbers(Tool tool) throws Exception {
        for (boolean hyperscan : new boolean[] {true, false}) {
            String shown = tool.show(FILE);
            InspectionResult r = inspect(hyperscan, utf8(toolResult(shown)));

            assertThat(r.findings()).extracting(Finding::ruleId)
                    .containsExactlyInAnyOrder("source-code.marker", "credential.pgpass");
            Finding pgpass = r.findings().stream().filter(f -> f.ruleId().equals("credential.pgpass")).findFirst()
                    .orElseThrow();
            // the place counts the value's code points, the marks included (the match starts at the line break)
            String mark = tool.mark.apply(5);
            assertThat(pgpass.location()).hasValueSatisfying(l -> assertThat(l.offset()).isEqualTo(
                    shown.codePointCount(0, shown.indexOf("db.internal")) - mark.codePointCount(0, mark.length()) - 1));
            assertThat(r.decision()).isEqualTo(Decision.REDACT);
            String redacted = MAPPER.readTree(r.redacted().orElseThrow().body())
                    .at("/messages/0/content/0/content").asText();
            // only the match (from the line break before its line) is replaced; every other line keeps its number
            String value = "\n" + mark + "db.internal:5432:billing:svc_billing:Xk9mQ2vL7pR4tZ";
            assertThat(redacted).doesNotContain("Xk9mQ2vL7pR4tZ").startsWith(shown.substring(0, shown.indexOf(value)))
                    .endsWith(shown.substring(shown.indexOf(value) + value.length()));
            assertThat(redacted.substring(shown.indexOf(value), redacted.length() - (shown.length()
                    - shown.indexOf(value) - value.length()))).matches("\\[[^\\]\\n]+\\]");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Tool.class, names = {"READ", "CAT_N"})
    void aTextBodyIsReadWithoutItsNumbersAndRewrittenWithThem(Tool tool) throws Exception {
        String shown = tool.show(FILE);
        InspectionResult r = inspect(true, TestRequests.meta("/upload", "Content-Type", "text/plain"), utf8(shown));

        assertThat(r.findings()).extracting(Finding::ruleId)
                .containsExactlyInAnyOrder("source-code.marker", "credential.pgpass");
        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        String redacted = new String(r.redacted().orElseThrow().body(), java.nio.charset.StandardCharsets.UTF_8);
        String value = "\n" + tool.mark.apply(5) + "db.internal:5432:billing:svc_billing:Xk9mQ2vL7pR4tZ";
        assertThat(redacted).doesNotContain("Xk9mQ2vL7pR4tZ").startsWith(shown.substring(0, shown.indexOf(value)))
                .endsWith(shown.substring(shown.indexOf(value) + value.length()));
    }
}
