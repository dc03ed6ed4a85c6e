package dev.sieve.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "example.com              | example.com",
        "API.Anthropic.COM        | api.anthropic.com",
        "example.com.             | example.com",
        "bücher.example           | xn--bcher-kva.example",
        "BÜCHER.example.          | xn--bcher-kva.example",
        "xn--bcher-kva.example    | xn--bcher-kva.example",
        "my_host.internal         | my_host.internal",
        "localhost                | localhost",
        "127.0.0.1                | 127.0.0.1",
        "255.255.255.255          | 255.255.255.255",
        "::1                      | ::1",
        "[::1]                    | ::1",
        "[0:0:0:0:0:0:0:1]        | ::1",
        "2001:DB8:0:0:1:0:0:1     | 2001:db8::1:0:0:1",
        "2001:db8:0:0:0:0:2:1     | 2001:db8::2:1",
        "2001:0db8:0000:0001:0001:0001:0001:0001 | 2001:db8:0:1:1:1:1:1",
        "fe80::                   | fe80::",
        "::                       | ::",
        "::ffff:192.0.2.1         | ::ffff:c000:201",
    })
    void normalizes(String input, String expected) {
        assertThat(HostNames.normalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "", ".", "..", "example..com", ".example.com", "example.com..",
        "exa mple.com", "example.com:443", "user@example.com", "example.com/path", "*.example.com",
        "-example.com", "example-.com", "exa\u0000mple.com", "exa\nmple.com",
        "[::1", "::1]", "[example.com]", "[]", "[127.0.0.1]",
        "1::2::3", "fe80::1%eth0", "::g", "12345::",
        "127.1", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "0x7f.0.0.1", "1.2.3", "example.123",
    })
    void rejectsInvalidHosts(String input) {
        assertThatThrownBy(() -> HostNames.normalize(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("host: ")
                .hasMessageContaining("(expected: ");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> HostNames.normalize(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host: null (expected: a non-empty host name or IP literal)");
    }

    @Test
    void enforcesLengthLimits() {
        String label63 = "a".repeat(63);
        assertThat(HostNames.normalize(label63 + ".example")).isEqualTo(label63 + ".example");
        assertThatThrownBy(() -> HostNames.normalize("a".repeat(64) + ".example"))
                .hasMessageContaining("labels of at most 63 characters");

        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertThat(name253).hasSize(253);
        assertThat(HostNames.normalize(name253)).isEqualTo(name253);
        assertThat(HostNames.normalize(name253 + ".")).isEqualTo(name253);
        assertThatThrownBy(() -> HostNames.normalize(name253 + "a"))
                .hasMessageContaining("at most 253 characters");
    }

    @Test
    void errorMessagesEscapeControlCharactersAndTruncate() {
        assertThatThrownBy(() -> HostNames.normalize("evil\r\nInjected: header"))
                .hasMessageStartingWith("host: \"evil\\u000d\\u000aInjected: header\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
        assertThatThrownBy(() -> HostNames.normalize("a b".repeat(1000)))
                .hasMessageContaining("...(3000 chars)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "::1", "[::1]", "2001:db8::1", "::ffff:192.0.2.1"})
    void recognizesIpLiterals(String host) {
        assertThat(HostNames.isIpLiteral(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "localhost", "127.1", "1.2.3.4.5", "01.2.3.4", "[]", "fe80::1%eth0"})
    void rejectsNonIpLiterals(String host) {
        assertThat(HostNames.isIpLiteral(host)).isFalse();
    }

    @Test
    void ipAddressBytesParsesWithoutLookup() {
        assertThat(HostNames.ipAddressBytes("192.0.2.1")).containsExactly(192, 0, 2, 1);
        assertThat(HostNames.ipAddressBytes("::1")).hasSize(16).endsWith((byte) 1);
        assertThat(HostNames.ipAddressBytes("::ffff:c000:201")).hasSize(16);
    }
}
