package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostEndTest {

    @ParameterizedTest(name = "after ''{0}'': {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""              | true
            ":8080/x"       | true
            ". Next"        | true
            "."             | true
            ".\\n"          | true
            "/path"         | true
            ".example.com"  | false
            ".Example.com"  | false
            ".9x.net"       | false
            "=Internal use" | false
            " = true"       | false
            " == host"      | true
            " => x"         | true
            """)
    void theNameMustEndWhereTheMatchEnds(String after, boolean expected) {
        String rest = after.replace("\\n", "\n");
        assertThat(new HostEnd().test("sso.corp", around(rest))).isEqualTo(expected);
        assertThat(Validators.create("host-end", java.util.Map.of()).test("sso.corp", around(rest))).isEqualTo(expected);
    }

    private static ValidationContext around(String after) {
        return TestContexts.after("source-code.x", after);
    }
}
