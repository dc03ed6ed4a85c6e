package dev.sieve.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorityTest {

    @ParameterizedTest
    @CsvSource({
        "api.example.com:443, -1, api.example.com, 443",
        "API.Example.COM.:8443, -1, api.example.com, 8443",
        "api.example.com, 443, api.example.com, 443",
        "[::1]:443, -1, ::1, 443",
        "[2001:db8::1], 443, 2001:db8::1, 443",
        "127.0.0.1:3128, -1, 127.0.0.1, 3128",
    })
    void parses(String input, int defaultPort, String host, int port) {
        assertThat(Authority.parse(input, defaultPort)).isEqualTo(new Authority(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api.example.com", "api.example.com:", "api.example.com:0", "api.example.com:65536",
        "api.example.com:44x", "::1:443", "[::1", "[::1]x", "exa mple.com:443", "user@host:443"})
    void rejectsWithoutThrowing(String input) {
        assertThat(Authority.parse(input, -1)).isNull();
    }
}
