package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.cli.AgentEnvironment.ProxyUrl;
import dev.sieve.proxy.cli.AgentEnvironment.Shell;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AgentEnvironmentTest {

    @ParameterizedTest
    @CsvSource({
        "http://sieve.egress:3128, sieve.egress, 3128, http://sieve.egress:3128",
        "http://sieve.egress:3128/, sieve.egress, 3128, http://sieve.egress:3128",
        "HTTP://10.0.0.7:8080, 10.0.0.7, 8080, http://10.0.0.7:8080",
        "'http://[::1]:3128', ::1, 3128, 'http://[::1]:3128'"})
    void parsesProxyUrls(String text, String host, int port, String url) {
        ProxyUrl proxy = ProxyUrl.parse("--proxy", text);

        assertThat(proxy).isEqualTo(new ProxyUrl(host, port));
        assertThat(proxy.url()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sieve.egress:3128", "https://sieve:3128", "http://sieve", "http://sieve:3128/path",
        "http://agent:token@sieve:3128", "http://sieve:3128?x=1", "not a url"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> ProxyUrl.parse("--proxy", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--proxy: " + text + " (expected: http://HOST:PORT)");
    }

    @Test
    void valuesAreQuotedLiterallyForEachShell() {
        Map<String, String> vars = Map.of("X", "it's $HOME");

        assertThat(AgentEnvironment.render(Shell.BASH, vars)).containsExactly("export X='it'\\''s $HOME'");
        assertThat(AgentEnvironment.render(Shell.FISH, vars)).containsExactly("set -gx X 'it'\\''s $HOME'");
        assertThat(AgentEnvironment.render(Shell.POWERSHELL, vars)).containsExactly("$env:X = 'it''s $HOME'");
    }

    @Test
    void everyVariableIsSetOnce() {
        Map<String, String> vars = AgentEnvironment.variables(new ProxyUrl("::1", 3128), Path.of("/d/bundle.pem"),
                Path.of("/d/ca.crt"), Path.of("/d/truststore.p12"));

        assertThat(vars).containsEntry("HTTPS_PROXY", "http://[::1]:3128").containsEntry("NODE_USE_ENV_PROXY", "1")
                .containsEntry("AWS_CA_BUNDLE", "/d/bundle.pem").containsEntry("NODE_EXTRA_CA_CERTS", "/d/ca.crt");
        assertThat(vars.get("JAVA_TOOL_OPTIONS")).contains("-Djavax.net.ssl.trustStore=/d/truststore.p12")
                .contains("-Dhttps.proxyHost=::1 -Dhttps.proxyPort=3128");
    }
}
