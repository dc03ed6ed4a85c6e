package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.RecordingUpstream;
import dev.sieve.proxy.testing.Synthetic;
import dev.sieve.proxy.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streamed uploads with the real engine and the built-in pack (the proxy side is tested against a test double in
 * {@link StreamedUploadEndToEndTest}): a large text upload goes upstream while the agent still sends it; a secret
 * near its end, plain or base64-wrapped, ends it with a 403 and an upstream request that never completes and never
 * receives a byte of the secret.
 */
class StreamedUploadWithTheEngineTest {
    static final String HOST = "h2.sieve.test";

    @TempDir
    static Path dir;

    static RecordingUpstream h1;
    static RecordingUpstream h2;
    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        CertificateAuthority ca = TestTls.newCa(dir.resolve("upstream-ca"));
        h1 = new RecordingUpstream(ca, HOST, false);
        h2 = new RecordingUpstream(ca, HOST, true);
        env = new ProxyTestEnv(dir, "", null, "- { host: " + HOST + ", ports: [" + h1.port() + ", " + h2.port()
                + "], privateAddresses: true }", null);
    }

    @AfterAll
    static void stop() {
        env.close();
        h1.close();
        h2.close();
    }

    /** Prose of about {@code n} bytes, the same every time. */
    static byte[] prose(int n) {
        String[] words = {"the", "agent", "reads", "a", "file", "and", "writes", "its", "quarterly", "report,", "with",
            "numbers", "for", "2026.", "\n"};
        Random random = new Random(11);
        StringBuilder s = new StringBuilder(n + 16);
        while (s.length() < n) {
            s.append(words[random.nextInt(words.length)]).append(' ');
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }


    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void cleanTextGoesUpstreamWhileTheAgentStillSendsIt(boolean overH2) throws Exception {
        RecordingUpstream server = overH2 ? h2 : h1;
        byte[] body = prose(2 * 1024 * 1024);
        int before = server.requests().size();
        try (RawClient c = server.agentThrough(env, HOST)) {
            c.send(server.textPost(HOST, "/upload", body.length));
            c.send(Arrays.copyOfRange(body, 0, body.length / 2));
            RecordingUpstream.Request got = server.awaitRequest(before);
            RecordingUpstream.await(() -> got.body().length >= 512 * 1024, "half of the first half streams upstream");
            assertThat(got.complete()).isFalse();
            c.send(Arrays.copyOfRange(body, body.length / 2, body.length));

            RawClient.Response r = c.readResponse(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(body);
            assertThat(got.complete()).isTrue();
        }
    }

    @ParameterizedTest(name = "base64-wrapped: {0}")
    @ValueSource(booleans = {false, true})
    void aSecretNearTheEndAbortsTheStreamedRequestBeforeAnyByteOfIt(boolean wrapped) throws Exception {
        RecordingUpstream server = h1;
        String token = Synthetic.githubPat(19);
        String secret = wrapped ? Base64.getEncoder().encodeToString(("GH_TOKEN=" + token + "\n")
                .getBytes(StandardCharsets.US_ASCII)) : token;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prose(1536 * 1024));
        out.writeBytes((" token " + secret + " ").getBytes(StandardCharsets.US_ASCII));
        int at = out.size() - secret.length() - 1;
        out.writeBytes(prose(64 * 1024));
        byte[] body = out.toByteArray();
        int before = server.requests().size();
        try (RawClient c = server.agentThrough(env, HOST)) {
            c.send(server.textPost(HOST, "/upload", body.length));
            c.send(Arrays.copyOfRange(body, 0, 1024 * 1024));
            RecordingUpstream.Request got = server.awaitRequest(before);
            RecordingUpstream.await(() -> got.body().length >= 256 * 1024, "the clean start streams upstream");
            c.send(Arrays.copyOfRange(body, 1024 * 1024, body.length));

            RawClient.Response r = c.readResponse(false);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("credential.github");
            RecordingUpstream.await(got::aborted, "the upstream request is aborted");
            assertThat(got.complete()).isFalse();
            byte[] received = got.body();
            assertThat(received.length).isLessThanOrEqualTo(at);
            assertThat(received).isEqualTo(Arrays.copyOf(body, received.length));
        }
    }
}
