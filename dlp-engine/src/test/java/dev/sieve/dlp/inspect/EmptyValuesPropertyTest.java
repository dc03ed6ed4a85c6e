package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.inspect;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.view.FailReason;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Agent-shaped requests whose values are often empty or a character long (a silent command's tool output, an empty
 * text block, an empty header, form field or multipart part) are inspected without an internal error: an empty OpenAI
 * Chat tool output once failed the whole request ({@code StringIndexOutOfBoundsException} in the joined view).
 */
class EmptyValuesPropertyTest {

    /** Values that stress the edges: empty, one character, a word, a sentence's end, text then a secret's start. */
    private static Arbitrary<String> value() {
        return Arbitraries.of("", "", " ", "a", ".", "\\n", "ok", "done.", "ghp_", "sk-ant-api03-", "SSN 536-22-",
                "8174 on file", "\\u00e9", "\\\"", "{}", "[]", "Part 2: x", "é");
    }

    private static String quoted(String v) {
        return "\"" + v + "\"";
    }

    /** One message of a chat request: a role and content as a string, null, or text blocks. */
    private static Arbitrary<String> message() {
        Arbitrary<String> role = Arbitraries.of("user", "assistant", "tool", "system", "developer", "model", "");
        Arbitrary<String> content = Arbitraries.oneOf(
                value().map(EmptyValuesPropertyTest::quoted),
                Arbitraries.just("null"),
                value().list().ofMaxSize(3).map(vs -> "[" + String.join(",", vs.stream()
                        .map(v -> "{\"type\":\"text\",\"text\":" + quoted(v) + "}").toList()) + "]"),
                value().list().ofMaxSize(2).map(vs -> "[" + String.join(",", vs.stream()
                        .map(v -> "{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":" + quoted(v) + "}")
                        .toList()) + "]"));
        return Combinators.combine(role, content, value()).as((r, c, id) -> "{\"role\":" + quoted(r)
                + ",\"tool_call_id\":" + quoted(id) + ",\"content\":" + c + "}");
    }

    @Provide
    Arbitrary<String> chat() {
        return message().list().ofMaxSize(8).map(ms -> "{\"model\":\"m\",\"messages\":[" + String.join(",", ms) + "]}");
    }

    @Provide
    Arbitrary<String> gemini() {
        Arbitrary<String> content = Combinators.combine(Arbitraries.of("user", "model", ""),
                value().list().ofMaxSize(3)).as((r, ps) -> "{\"role\":" + quoted(r) + ",\"parts\":[" + String.join(",",
                ps.stream().map(p -> "{\"text\":" + quoted(p) + "}").toList()) + "]}");
        return content.list().ofMaxSize(6).map(cs -> "{\"contents\":[" + String.join(",", cs) + "]}");
    }

    @Provide
    Arbitrary<List<String>> fields() {
        return value().list().ofMaxSize(8);
    }

    private static void noInternalError(InspectionResult r) {
        assertThat(r.failure()).as(r.failureDetail()).isNotEqualTo(java.util.Optional.of(FailReason.INTERNAL_ERROR));
    }

    @Property(tries = 300)
    void chatRequestsWithEmptyValuesAreInspected(@ForAll("chat") String body) {
        noInternalError(inspect(meta("/v1/chat/completions", "Content-Type", "application/json"), utf8(body)));
    }

    @Property(tries = 150)
    void geminiRequestsWithEmptyPartsAreInspected(@ForAll("gemini") String body) {
        noInternalError(inspect(meta("/v1beta/models/g:generateContent", "Content-Type", "application/json"),
                utf8(body)));
    }

    @Property(tries = 150)
    void formsHeadersAndPartsWithEmptyValuesAreInspected(@ForAll("fields") List<String> values) {
        StringBuilder form = new StringBuilder();
        StringBuilder multipart = new StringBuilder();
        String[] headers = new String[values.size() * 2 + 2];
        headers[0] = "Content-Type";
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i).replace("\\n", " ").replace("\\", "");
            form.append(i == 0 ? "" : "&").append("f").append(i).append('=').append(v.replace(" ", "+"));
            multipart.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\n")
                    .append(v).append("\r\n");
            headers[2 * i + 2] = "X-F" + i;
            headers[2 * i + 3] = v.strip();
        }
        multipart.append("--b--\r\n");
        headers[1] = "application/x-www-form-urlencoded";
        noInternalError(inspect(meta("/upload?" + form, headers), utf8(form.toString())));
        headers[1] = "multipart/form-data; boundary=b";
        noInternalError(inspect(meta("/upload", headers), utf8(multipart.toString())));
    }
}
