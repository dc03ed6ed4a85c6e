package dev.sieve.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The one reader of admin request bodies: each refusal is the exact 400 message. */
class JsonBodyTest {
    private static final List<String> FIELDS = List.of("agent", "ttl", "note");
    private static final String SHAPE = "{\"agent\":...,\"ttl\":...}";

    private static JsonBody read(String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/admin/x",
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        try {
            return JsonBody.read(request, FIELDS, SHAPE);
        } finally {
            request.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json|body: not valid JSON (expected: {\"agent\":...,\"ttl\":...})",
        "|body: not a JSON object (expected: {\"agent\":...,\"ttl\":...})",
        "[1]|body: not a JSON object (expected: {\"agent\":...,\"ttl\":...})",
        "{\"agent\":\"a\",\"sec ret\":1}|sec?ret: unknown field (expected: agent, ttl, note)",
        "{\"ttl\":\"1h\"}|agent: missing or not a string (expected: {\"agent\":...,\"ttl\":...})",
        "{\"agent\":7}|agent: missing or not a string (expected: {\"agent\":...,\"ttl\":...})",
    })
    void badBodiesAreRefusedWithTheReason(String body, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> read(body == null ? "" : body).text("agent"))
                .withMessage(message);
    }

    @Test
    void absentFieldsTakeTheirFallbackButNullIsNotAbsent() {
        JsonBody body = read("{\"agent\":\"bot-1\",\"note\":null}");

        assertThat(body.text("agent")).isEqualTo("bot-1");
        assertThat(body.text("ttl", "1h")).isEqualTo("1h");
        assertThat(body.text("ttl", null)).isNull();
        assertThat(body.hasNonNull("note")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> body.text("note", "x"))
                .withMessageStartingWith("note: missing or not a string");
        assertThat(body.path("ttl").isMissingNode()).isTrue();
    }
}
