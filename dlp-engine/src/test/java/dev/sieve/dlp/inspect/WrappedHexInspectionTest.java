package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.str;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hex wrapped at a fixed width ({@code xxd -p}), through the whole inspection by both engines: a value cut at a
 * line's end is found in the joined {@code |hex} layer; a redact rule's match is written back as hex at the same
 * width, a block rule's blocks.
 */
class WrappedHexInspectionTest {

    private static final String GITHUB_RULE = "credential.github-classic-token";
    private static final String SSN_RULE = "pii.us-ssn";
    private static final String GHP = "ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd";

    private static final BothEngines ENGINES = new BothEngines();

    @AfterAll
    static void close() {
        ENGINES.close();
    }

    private static String xxdPlain(String text, int width) {
        String flat = HexFormat.of().formatHex(utf8(text));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < flat.length(); i += width) {
            out.append(flat, i, Math.min(flat.length(), i + width)).append('\n');
        }
        return out.toString();
    }

    private static List<String> paths(InspectionResult r, String rule) {
        return r.findings().stream().filter(f -> f.ruleId().equals(rule)).map(Finding::viewPath).toList();
    }

    private static RequestMeta text() {
        return meta("/upload", "Content-Type", "text/plain");
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void aTokenCutAtALineEndIsFoundAndBlocks(boolean hyperscan) {
        String file = "# ci env\nGH_TOKEN=" + GHP + "\nREGION=eu-west-1\n";
        String dump = xxdPlain(file, 60);
        // the token crosses a line of the dump: no line alone holds it
        assertThat(dump.split("\n")).noneMatch(l -> l.contains(HexFormat.of().formatHex(utf8(GHP))));
        InspectionResult r = ENGINES.inspect(hyperscan, text(), utf8("$ xxd -p .env\n" + dump));
        assertThat(paths(r, GITHUB_RULE)).containsExactly("body|hex");
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        InspectionResult j = ENGINES.inspect(hyperscan, json(),
                utf8(message(("$ xxd -p .env\n" + dump).replace("\n", "\\n"))));
        assertThat(paths(j, GITHUB_RULE)).containsExactly("json:$.messages[0].content|hex");
        assertThat(j.decision()).isEqualTo(Decision.BLOCK);
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void anSsnIsRedactedAndWrittenBackAsHexAtTheSameWidth(boolean hyperscan) {
        String file = "name,role,ssn\nJordan Vale,ops," + SSN + "\nkeep this file private\n";
        String body = "$ xxd -p staff.csv\n" + xxdPlain(file, 32);
        InspectionResult r = ENGINES.inspect(hyperscan, text(), utf8(body));
        assertThat(paths(r, SSN_RULE)).containsExactly("body|hex");
        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        String out = str(r.redacted().orElseThrow().body());
        String[] lines = out.split("\n");
        assertThat(lines[0]).isEqualTo("$ xxd -p staff.csv");
        for (int i = 1; i < lines.length - 1; i++) {
            assertThat(lines[i]).hasSize(32);
        }
        String back = new String(HexFormat.of().parseHex(String.join("", List.of(lines).subList(1, lines.length))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(back).startsWith("name,role,ssn\nJordan Vale,ops,").doesNotContain(SSN)
                .endsWith("\nkeep this file private\n");
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void digestListsOfOneWidthGiveNothing(boolean hyperscan) throws Exception {
        StringBuilder body = new StringBuilder("$ git log --format=%H\n");
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-1");
        for (int i = 0; i < 30; i++) {
            body.append(HexFormat.of().formatHex(md.digest(utf8("commit " + i)))).append('\n');
        }
        InspectionResult r = ENGINES.inspect(hyperscan, text(), utf8(body.toString()));
        assertThat(r.findings()).isEmpty();
        assertThat(r.decision()).isEqualTo(Decision.ALLOW);
    }
}
