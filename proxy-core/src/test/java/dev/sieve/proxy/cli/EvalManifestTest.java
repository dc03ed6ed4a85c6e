package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.proxy.cli.EvalManifest.ManifestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Manifest errors name the file, the line and the field, and never quote a body. */
class EvalManifestTest {

    private static final Set<String> RULES = Set.of("pii.us-ssn", "credential.github-pat");

    @TempDir
    Path tmp;

    private Path manifest(String... lines) throws IOException {
        return Files.writeString(tmp.resolve("m.jsonl"), String.join("\n", lines) + "\n");
    }

    @Test
    void readsSavedAndInlineCases() throws Exception {
        Files.writeString(tmp.resolve("r.http"), "POST / HTTP/1.1\r\nHost: x\r\n\r\nbody");
        Path m = manifest("{\"id\":\"a\",\"request\":\"r.http\",\"expect\":{\"outcome\":\"Block\",\"rules\":[\"pii.us-ssn\"]},"
                        + "\"tags\":[\"t1\"],\"where\":\"body\"}",
                "",
                "{\"id\":\"b\",\"target\":\"https://h.invalid/x?q=1\",\"headers\":{\"Cookie\":[\"a=1\",\"b=2\"],"
                        + "\"X-K\":\"v\"},\"body\":\"hi\",\"expect\":{\"categories\":[\"pii\"]},\"note\":\"n\"}",
                "{\"id\":\"c\",\"method\":\"GET\",\"expect\":{}}");

        var cases = EvalManifest.read(m, RULES);

        assertThat(cases).extracting(EvalCase::id).containsExactly("a", "b", "c");
        assertThat(cases.get(0).request()).isEqualTo(new EvalCase.SavedRequest(tmp.resolve("r.http").toAbsolutePath()));
        assertThat(cases.get(0).expect().outcome()).contains(Decision.BLOCK);
        assertThat(cases.get(0).line()).isEqualTo(1);
        EvalCase.InlineRequest b = (EvalCase.InlineRequest) cases.get(1).request();
        assertThat(cases.get(1).line()).isEqualTo(3);
        assertThat(b.method()).isEqualTo("POST");
        assertThat(b.headers()).containsExactly(Map.entry("Cookie", "a=1"), Map.entry("Cookie", "b=2"),
                Map.entry("X-K", "v"));
        assertThat(cases.get(1).positive()).isTrue();
        assertThat(cases.get(2).positive()).isFalse();
        assertThat(((EvalCase.InlineRequest) cases.get(2).request()).target()).isEqualTo("/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"a\",\"expect\":{},\"color\":1}|color: unknown field (expected: one of body, expect, headers, id, method, note, request, tags, target, where)",
        "{\"expect\":{}}|id: missing (expected: a non-empty string)",
        "{\"id\":\"a\"}|expect: missing (expected: an object, {} for a negative case)",
        "{\"id\":\"a\",\"expect\":{\"outcome\":\"deny\"}}|expect.outcome: 'deny' (expected: one of allow, log, redact, block)",
        "{\"id\":\"a\",\"expect\":{\"rules\":[\"pii.us-ssn\",\"pii.nope\"]}}|expect.rules[1]: 'pii.nope' (expected: a rule id of the loaded rules)",
        "{\"id\":\"a\",\"expect\":{\"categories\":[\"secrets\"]}}|expect.categories[0]: 'secrets' (expected: one of credential, financial, pii, source-code)",
        "{\"id\":\"a\",\"expect\":{\"rules\":\"pii.us-ssn\"}}|expect.rules: not an array (expected: an array of strings)",
        "{\"id\":\"a\",\"expect\":{\"why\":1}}|expect.why: unknown field (expected: one of categories, outcome, rules)",
        "{\"id\":\"a\",\"request\":\"nope.http\",\"expect\":{}}|request: 'nope.http': no such file (expected: a saved request file relative to ",
        "{\"id\":\"a\",\"request\":\"x\",\"body\":\"b\",\"expect\":{}}|body: given together with request (expected: either request or inline parts)",
        "{\"id\":\"a\",\"target\":\"ftp://x\",\"expect\":{}}|target: not a request target (expected: /path?query or https://host/path?query)",
        "{\"id\":\"a\",\"headers\":{\"X\":\"a\\nb\"},\"expect\":{}}|headers.X: contains a line break (expected: a one-line header value)",
        "{\"id\":\"a\",\"headers\":{\"X\":1},\"expect\":{}}|headers.X: not a string (expected: a string or an array of strings)",
        "{\"id\":\"a\",\"method\":\"post\",\"expect\":{}}|method: 'post' (expected: an HTTP method such as POST)",
        "[1,2]|not a JSON object (expected: one JSON object per line)",
        "{\"id\":\"a\",\"id\":\"b\",\"expect\":{}}|invalid JSON at column 15 (expected: one JSON object per line)"})
    void badLinesNameFileLineAndField(String line, String message) throws IOException {
        Path m = manifest("{\"id\":\"ok\",\"expect\":{}}", line);

        assertThatThrownBy(() -> EvalManifest.read(m, RULES)).isInstanceOf(ManifestException.class)
                .hasMessageStartingWith(m + ":2: " + message);
    }

    @Test
    void invalidJsonIsReportedWithoutQuotingTheLine() throws IOException {
        Path m = manifest("{\"id\":\"a\",\"body\":\"ghp_SECRETSECRET\" oops}");

        assertThatThrownBy(() -> EvalManifest.read(m, RULES)).isInstanceOf(ManifestException.class)
                .hasMessageStartingWith(m + ":1: invalid JSON at column ").hasMessageNotContaining("SECRET");
    }

    @Test
    void duplicateIdsAndEmptyManifestsAreErrors() throws IOException {
        Path dup = manifest("{\"id\":\"a\",\"expect\":{}}", "{\"id\":\"a\",\"expect\":{}}");
        assertThatThrownBy(() -> EvalManifest.read(dup, RULES))
                .hasMessage(dup + ":2: id: 'a' is used twice (expected: unique ids)");

        Path empty = manifest("", "  ");
        assertThatThrownBy(() -> EvalManifest.read(empty, RULES))
                .hasMessage(empty + ": no cases (expected: one JSON object per line)");

        assertThatThrownBy(() -> EvalManifest.read(tmp.resolve("none.jsonl"), RULES))
                .hasMessageStartingWith(tmp.resolve("none.jsonl") + ": no such file");
    }

    @Test
    void aFolderMeansItsManifestFile() {
        assertThat(EvalManifest.manifestFile(tmp)).isEqualTo(tmp.resolve("manifest.jsonl"));
        assertThat(EvalManifest.manifestFile(tmp.resolve("x.jsonl"))).isEqualTo(tmp.resolve("x.jsonl"));
    }
}
