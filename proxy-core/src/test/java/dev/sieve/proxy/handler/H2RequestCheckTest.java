package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.error.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The h2 request header checks Sieve adds to Netty's, as a table: header block -> refusal detail or fine. */
class H2RequestCheckTest {
    static List<Map.Entry<String, String>> block(String... nv) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < nv.length; i += 2) {
            out.add(Map.entry(nv[i], nv[i + 1]));
        }
        return out;
    }

    static final String[] GOOD = {":method", "POST", ":scheme", "https", ":authority", "api.example:443", ":path",
        "/v1/messages?beta=true", "content-type", "application/json"};

    static String[] with(String... more) {
        String[] all = new String[GOOD.length + more.length];
        System.arraycopy(GOOD, 0, all, 0, GOOD.length);
        System.arraycopy(more, 0, all, GOOD.length, more.length);
        return all;
    }

    static List<Arguments> cases() {
        return List.of(
                Arguments.of(GOOD, null),
                Arguments.of(with("x-tab", "a\tb"), null),
                Arguments.of(with(":path", "/again"), "exactly one :method, :scheme and :path"),
                Arguments.of(with(":method", "GET"), "exactly one :method, :scheme and :path"),
                Arguments.of(with(":authority", "other:443"), "at most one :authority"),
                Arguments.of(block(":method", "GET", ":scheme", "https", ":authority", "a"),
                        "exactly one :method, :scheme and :path"),
                Arguments.of(block(":method", "GET", ":scheme", "http", ":authority", "a", ":path", "/"),
                        ":scheme must be https"),
                Arguments.of(block(":method", "GET", ":scheme", "https", ":authority", "a", ":path", "x"),
                        "origin-form"),
                Arguments.of(block(":method", "GET", ":scheme", "https", ":authority", "a", ":path", "/a b"),
                        "byte 0x20 at offset 2"),
                Arguments.of(block(":method", "GET", ":protocol", "websocket", ":scheme", "https", ":path", "/"),
                        "extended CONNECT"),
                Arguments.of(with("host", "api.example"), "host beside :authority"),
                Arguments.of(with("x-a", "v\r\nx-b: 1"), "header field x-a: byte 0x0D at offset 1"),
                Arguments.of(with("x-a", "v\u0000"), "header field x-a: byte 0x00 at offset 1"),
                Arguments.of(with("x-a", "v\u007f"), "byte 0x7F"),
                Arguments.of(with("x-a", " v"), "leading or trailing whitespace"),
                Arguments.of(with("x-a", "v "), "leading or trailing whitespace"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void check(Object headers, String problem) {
        @SuppressWarnings("unchecked")
        List<Map.Entry<String, String>> list = headers instanceof String[] nv ? block(nv)
                : (List<Map.Entry<String, String>>) headers;
        RequestHeadCheck.Problem p = H2RequestCheck.check(list);
        if (problem == null) {
            assertThat(p).isNull();
        } else {
            assertThat(p).isNotNull();
            assertThat(p.refusal()).isEqualTo(Refusal.BAD_REQUEST);
            assertThat(p.detail()).contains(problem);
            assertThat(p.detail()).doesNotContain("x-b: 1"); // never a value
        }
    }
}
