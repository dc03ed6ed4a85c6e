package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.inspect;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every finding in a structured view is placed: JSON path (or parameter name) and code-point offset. */
class FindingLocationTest {

    private static Finding ssn(InspectionResult r) {
        List<Finding> ssns = r.findings().stream().filter(f -> f.ruleId().equals("pii.us-ssn")).toList();
        assertThat(ssns).hasSize(1);
        return ssns.get(0);
    }

    private static Finding.Location location(InspectionResult r) {
        return ssn(r).location().orElseThrow();
    }

    @Test
    void anthropicToolResultIsPlacedAtItsContentString() {
        String body = "{\"model\":\"claude\",\"system\":\"be brief\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"show me .env\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"},"
                + "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"bash\",\"input\":{\"cmd\":\"cat .env\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                + "\"content\":\"SSN=" + SSN + "\"}]}]}";

        InspectionResult r = inspect(json(), utf8(body));

        assertThat(location(r)).isEqualTo(new Finding.Location("json", "$.messages[2].content[0].content", 4));
        assertThat(ssn(r).where()).isEqualTo("$.messages[2].content[0].content");
        assertThat(ssn(r).viewPath()).isEqualTo("json");
    }

    @Test
    void openAiToolCallArgumentsArePlaced() {
        String body = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"lookup\",\"arguments\":\"{\\\"ssn\\\": \\\"" + SSN + "\\\"}\"}}]}]}";

        InspectionResult r = inspect(meta("/v1/chat/completions", "Content-Type", "application/json"), utf8(body));

        // The arguments string is a JSON document of its own, read as one (view ...arguments|json): like a payload
        // decoded out of a string, its findings are placed at the string that holds it, from its start.
        assertThat(ssn(r).viewPath()).isEqualTo("json:$.messages[1].tool_calls[0].function.arguments|json");
        assertThat(location(r)).isEqualTo(
                new Finding.Location("json", "$.messages[1].tool_calls[0].function.arguments", 0));
    }

    @Test
    void geminiPartIsPlaced() {
        String body = "{\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]},\"contents\":["
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"},{\"text\":\"my ssn: " + SSN + "\"}]}]}";

        InspectionResult r = inspect(meta("/v1beta/models/gemini:generateContent", "Content-Type",
                "application/json"), utf8(body));

        assertThat(location(r)).isEqualTo(new Finding.Location("json", "$.contents[0].parts[1].text", 8));
    }

    @Test
    void escapesCountAsTheCharactersTheyDecodeTo() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"a\\n\\\"b\\\"\\u0041 ssn " + SSN + "\"}]}";

        InspectionResult r = inspect(json(), utf8(body));

        // a, newline, quote, b, quote, A, space, s, s, n, space: the value starts at code point 11.
        assertThat(location(r)).isEqualTo(new Finding.Location("json", "$.messages[0].content", 11));
    }

    @Test
    void multiByteCharactersCountOnceEach() {
        String text = "h\u00e9llo \u65e5\u672c \uD83D\uDE00 ssn " + SSN; // é (2 bytes), 日本 (3 each), 😀 (4, 1 code point)
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";

        InspectionResult r = inspect(json(), utf8(body));

        int expected = text.codePointCount(0, text.indexOf(SSN));
        assertThat(expected).isEqualTo(15);
        assertThat(location(r)).isEqualTo(new Finding.Location("json", "$.messages[0].content", expected));
    }

    @Test
    void base64InsideAMessageKeepsThePathOfTheStringThatHeldIt() {
        String encoded = Base64.getEncoder().encodeToString(("the ssn is " + SSN).getBytes(StandardCharsets.UTF_8));
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},"
                + "{\"type\":\"text\",\"text\":\"decode this: " + encoded + "\"}]}]}";

        InspectionResult r = inspect(json(), utf8(body));

        assertThat(ssn(r).viewPath()).isEqualTo("json:$.messages[0].content[1].text|base64");
        assertThat(location(r)).isEqualTo(new Finding.Location("json", "$.messages[0].content[1].text", 13));
    }

    @Test
    void aDocumentPayloadIsPlacedAtItsDataString() {
        String data = Base64.getEncoder().encodeToString(("notes\nssn " + SSN + "\n").getBytes(StandardCharsets.UTF_8));
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":"
                + "{\"type\":\"base64\",\"media_type\":\"text/plain\",\"data\":\"" + data + "\"}}]}]}";

        InspectionResult r = inspect(json(), utf8(body));

        assertThat(ssn(r).viewPath()).startsWith("json:$.messages[0].content[0].source.data|base64");
        assertThat(location(r)).isEqualTo(new Finding.Location("json", "$.messages[0].content[0].source.data", 0));
    }

    @Test
    void oddKeysAndJsonInsideAPayloadUseTheOuterPath() {
        String inner = "{\"deep\":{\"ssn\":\"" + SSN + "\"}}";
        String data = Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8));
        String body = "{\"odd key\":[{\"type\":\"base64\",\"media_type\":\"application/json\",\"data\":\"" + data
                + "\"}]}";

        InspectionResult r = inspect(json(), utf8(body));

        assertThat(location(r)).isEqualTo(new Finding.Location("json", "$['odd key'][0].data", 0));
    }

    @Test
    void queryAndFormFindingsNameTheirParameter() {
        InspectionResult query = inspect(meta("/v1/x?a=1&ssn=" + SSN), new byte[0]);
        assertThat(location(query)).isEqualTo(new Finding.Location("query", "ssn", 0));
        assertThat(ssn(query).where()).isEqualTo("query:ssn");

        InspectionResult form = inspect(meta("/v1/x", "Content-Type", "application/x-www-form-urlencoded"),
                utf8("name=a+b&id%20no=x+" + SSN));
        assertThat(location(form)).isEqualTo(new Finding.Location("form", "id no", 2));
    }

    @Test
    void aTextBodyHasNoLocationAndShowsItsViewPath() {
        InspectionResult r = inspect(meta("/v1/x", "Content-Type", "text/plain"), utf8("ssn " + SSN));

        assertThat(ssn(r).location()).isEmpty();
        assertThat(ssn(r).where()).isEqualTo(ssn(r).viewPath());
    }

    @Test
    void theFingerprintIsTheSameForTheSameValueWhereverItIs() {
        Finding a = ssn(inspect(json(), utf8("{\"messages\":[{\"content\":\"ssn " + SSN + "\"}]}")));
        String encoded = Base64.getEncoder().encodeToString(("ssn " + SSN).getBytes(StandardCharsets.UTF_8));
        Finding b = ssn(inspect(json(), utf8("{\"x\":\"look " + encoded + "\"}")));
        Finding other = ssn(inspect(json(), utf8("{\"x\":\"ssn 536-22-8175\"}")));

        assertThat(a.fingerprint()).hasSize(32).isEqualTo(b.fingerprint()).isNotEqualTo(other.fingerprint());
        assertThat(a.fingerprint()).doesNotContain(SSN.replace("-", ""));
    }
}
