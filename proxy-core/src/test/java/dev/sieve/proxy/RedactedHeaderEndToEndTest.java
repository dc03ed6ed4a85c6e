package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.Synthetic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code X-Sieve-Redacted} through a real Sieve (issue 12): the response to a request Sieve redacted names the
 * redacting rules, once each, so the agent knows its request was changed; a request forwarded unchanged gets none.
 */
class RedactedHeaderEndToEndTest {

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, null, null);
        http = env.agentClient();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo"))).timeout(Duration.ofSeconds(30))
                .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRedactedRequestsResponseNamesTheRulesOnceEach() throws Exception {
        String first = Synthetic.awsAccessKeyId(11);
        String second = Synthetic.awsAccessKeyId(12);

        HttpResponse<String> r = post("keys " + first + " and " + second + " and " + first);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(first).doesNotContain(second);
        assertThat(r.headers().allValues("x-sieve-redacted")).containsExactly("credential.aws-access-key-id");
    }

    @Test
    void severalRulesAreCommaSeparated() throws Exception {
        HttpResponse<String> r = post("key " + Synthetic.awsAccessKeyId(13) + " card " + Synthetic.visa(13));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-sieve-redacted").orElseThrow().split(","))
                .contains("credential.aws-access-key-id").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnchangedRequestsResponseHasNoHeader() throws Exception {
        HttpResponse<String> r = post("nothing to see here");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("nothing to see here");
        assertThat(r.headers().firstValue("x-sieve-redacted")).isEmpty();
    }
}
