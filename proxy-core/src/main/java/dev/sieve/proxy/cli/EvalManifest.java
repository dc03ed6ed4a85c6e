package dev.sieve.proxy.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.proxy.cli.EvalCase.Expect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code sieve eval} manifest: JSON Lines, one case per line (blank lines skipped). A case is
 * <pre>
 * {"id": "gh-1", "request": "cases/gh-1.http",                      a saved request (path relative to the manifest)
 *  "expect": {"outcome": "block", "rules": ["credential.github-pat"], "categories": ["credential"]},
 *  "tags": ["enc:base64", "container:json"], "where": "body, messages[0] text", "note": "..."}
 * {"id": "neg-1", "method": "POST", "target": "https://api.anthropic.com/v1/messages",   or inline parts
 *  "headers": {"Content-Type": "application/json", "Cookie": ["a=1", "b=2"]}, "body": "{...}",
 *  "expect": {}}                                                    no rules and no categories: a negative
 * </pre>
 * Every problem is an error naming the file, line and field, never a guess; unknown fields are errors. Messages
 * never quote a body.
 */
final class EvalManifest {

    /** The manifest file name looked for when the corpus argument is a folder. */
    static final String FILE_NAME = "manifest.jsonl";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> CASE_FIELDS =
            Set.of("id", "request", "method", "target", "headers", "body", "expect", "tags", "where", "note");
    private static final Set<String> INLINE_FIELDS = Set.of("method", "target", "headers", "body");
    private static final Set<String> EXPECT_FIELDS = Set.of("outcome", "rules", "categories");

    /** A manifest that cannot be used; the message names file, line and field. */
    static final class ManifestException extends Exception {
        ManifestException(String message) {
            super(message);
        }
    }

    private EvalManifest() {
    }

    /** The manifest file of {@code corpus}: the file itself, or {@value #FILE_NAME} inside a folder. */
    static Path manifestFile(Path corpus) {
        return Files.isDirectory(corpus) ? corpus.resolve(FILE_NAME) : corpus;
    }

    /**
     * Reads every case of {@code manifest}.
     *
     * @param ruleIds ids of the loaded rules: an expected rule outside them is an error (a typo would otherwise
     *                read as a miss forever)
     */
    static List<EvalCase> read(Path manifest, Set<String> ruleIds) throws ManifestException {
        if (!Files.isRegularFile(manifest)) {
            throw new ManifestException(manifest + ": no such file (expected: a manifest file, or a folder with "
                    + FILE_NAME + ")");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(manifest + ": cannot read (" + e.getClass().getSimpleName()
                    + "; expected: a readable UTF-8 file)");
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<EvalCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            EvalCase c = new Line(manifest, i + 1, base, ruleIds).parse(lines.get(i));
            if (!ids.add(c.id())) {
                throw new ManifestException(manifest + ":" + (i + 1) + ": id: '" + c.id()
                        + "' is used twice (expected: unique ids)");
            }
            cases.add(c);
        }
        if (cases.isEmpty()) {
            throw new ManifestException(manifest + ": no cases (expected: one JSON object per line)");
        }
        return cases;
    }

    /** Parses one line; every error names {@code file:line: field}. */
    private record Line(Path file, int number, Path base, Set<String> ruleIds) {

        EvalCase parse(String text) throws ManifestException {
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
                throw fail(null, "invalid JSON at column " + column, "one JSON object per line");
            }
            if (node == null || !node.isObject()) {
                throw fail(null, "not a JSON object", "one JSON object per line");
            }
            unknownFields(node, CASE_FIELDS, "");
            String id = requiredString(node, "id");
            EvalCase.Request request = request(node);
            JsonNode expectNode = node.get("expect");
            if (expectNode == null || !expectNode.isObject()) {
                throw fail("expect", expectNode == null ? "missing" : "not an object",
                        "an object, {} for a negative case");
            }
            return new EvalCase(id, number, request, expect(expectNode), strings(node, "tags", ""),
                    optionalString(node, "where").orElse(""));
        }

        private EvalCase.Request request(JsonNode node) throws ManifestException {
            Optional<String> saved = optionalString(node, "request");
            if (saved.isPresent()) {
                for (String field : INLINE_FIELDS) {
                    if (node.has(field)) {
                        throw fail(field, "given together with request", "either request or inline parts");
                    }
                }
                Path file = base.resolve(saved.get()).normalize();
                if (!Files.isRegularFile(file)) {
                    throw fail("request", "'" + saved.get() + "': no such file",
                            "a saved request file relative to " + base);
                }
                return new EvalCase.SavedRequest(file);
            }
            String method = optionalString(node, "method").orElse("POST");
            if (!method.matches("[A-Z][A-Z-]{0,19}")) {
                throw fail("method", "'" + method + "'", "an HTTP method such as POST");
            }
            String target = optionalString(node, "target").orElse("/");
            if (!target.startsWith("/") && !target.matches("(?i)https?://\\S+")) {
                throw fail("target", "not a request target", "/path?query or https://host/path?query");
            }
            if (target.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw fail("target", "contains a space, control or non-ASCII character",
                        "a URL with such characters percent-encoded");
            }
            List<Map.Entry<String, String>> headers = headers(node.get("headers"));
            byte[] body = optionalString(node, "body").orElse("").getBytes(StandardCharsets.UTF_8);
            return new EvalCase.InlineRequest(method, target, headers, body);
        }

        private List<Map.Entry<String, String>> headers(JsonNode headers) throws ManifestException {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            if (headers == null) {
                return out;
            }
            if (!headers.isObject()) {
                throw fail("headers", "not an object", "{\"Name\": \"value\"} or {\"Name\": [\"v1\", \"v2\"]}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                String field = "headers." + h.getKey();
                if (!h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw fail(field, "not a header name", "an HTTP token such as X-Api-Key");
                }
                List<JsonNode> values = new ArrayList<>();
                if (h.getValue().isArray()) {
                    h.getValue().forEach(values::add);
                } else {
                    values.add(h.getValue());
                }
                for (JsonNode v : values) {
                    if (!v.isTextual()) {
                        throw fail(field, "not a string", "a string or an array of strings");
                    }
                    if (v.asText().indexOf('\n') >= 0 || v.asText().indexOf('\r') >= 0) {
                        throw fail(field, "contains a line break", "a one-line header value");
                    }
                    out.add(Map.entry(h.getKey(), v.asText()));
                }
            }
            return out;
        }

        private Expect expect(JsonNode node) throws ManifestException {
            unknownFields(node, EXPECT_FIELDS, "expect.");
            Optional<Decision> outcome = Optional.empty();
            Optional<String> text = optionalString(node, "outcome", "expect.outcome");
            if (text.isPresent()) {
                try {
                    outcome = Optional.of(Decision.valueOf(text.get().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw fail("expect.outcome", "'" + text.get() + "'", "one of allow, log, redact, block");
                }
            }
            List<String> rules = strings(node, "rules", "expect.");
            for (int i = 0; i < rules.size(); i++) {
                if (!ruleIds.contains(rules.get(i))) {
                    throw fail("expect.rules[" + i + "]", "'" + rules.get(i) + "'", "a rule id of the loaded rules");
                }
            }
            List<String> categories = strings(node, "categories", "expect.");
            Set<String> known = new HashSet<>();
            Category.wellKnown().forEach(c -> known.add(c.yamlName()));
            for (int i = 0; i < categories.size(); i++) {
                if (!known.contains(categories.get(i))) {
                    throw fail("expect.categories[" + i + "]", "'" + categories.get(i) + "'",
                            "one of " + String.join(", ", known.stream().sorted().toList()));
                }
            }
            return new Expect(outcome, rules, categories);
        }

        private void unknownFields(JsonNode node, Set<String> known, String prefix) throws ManifestException {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    throw fail(prefix + name, "unknown field", "one of " + String.join(", ",
                            known.stream().sorted().toList()));
                }
            }
        }

        private String requiredString(JsonNode node, String field) throws ManifestException {
            return optionalString(node, field).filter(s -> !s.isBlank())
                    .orElseThrow(() -> fail(field, node.has(field) ? "empty" : "missing", "a non-empty string"));
        }

        private Optional<String> optionalString(JsonNode node, String field) throws ManifestException {
            return optionalString(node, field, field);
        }

        private Optional<String> optionalString(JsonNode node, String field, String name) throws ManifestException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw fail(name, "not a string", "a string");
            }
            return Optional.of(v.asText());
        }

        private List<String> strings(JsonNode node, String field, String prefix) throws ManifestException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw fail(prefix + field, "not an array", "an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                    throw fail(prefix + field + "[" + i + "]", "not a non-empty string", "a non-empty string");
                }
                out.add(v.get(i).asText());
            }
            return out;
        }

        private ManifestException fail(String field, String problem, String expected) {
            return new ManifestException(file + ":" + number + ": " + (field == null ? "" : field + ": ") + problem
                    + " (expected: " + expected + ")");
        }
    }
}
