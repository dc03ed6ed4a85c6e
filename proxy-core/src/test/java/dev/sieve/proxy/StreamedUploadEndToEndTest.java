package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.proxy.testing.HoldBackInspector;
import dev.sieve.proxy.testing.MetricsScrape;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import dev.sieve.proxy.testing.RecordingUpstream;
import dev.sieve.proxy.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streamed uploads (issue #13): a running Sieve whose inspector is a {@link HoldBackInspector} (it proves clean all
 * but the last bytes shown, and never a marker or what follows it), a real agent over TLS through CONNECT
 * ({@link RawClient}) and local upstreams that record what they receive as it arrives ({@link RecordingUpstream}),
 * one HTTP/1.1-only and one h2-only. A body of {@code STREAM_FROM} clean bytes or more goes upstream before its
 * verdict; a block aborts it before its end; a smaller body is held whole as before.
 */
class StreamedUploadEndToEndTest {
    static final String HOST = "h2.sieve.test";

    @TempDir
    static Path dir;

    static RecordingUpstream h1;
    static RecordingUpstream h2;
    static HoldBackInspector inspector = new HoldBackInspector();
    static ProxyTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        CertificateAuthority ca = TestTls.newCa(dir.resolve("upstream-ca"));
        h1 = new RecordingUpstream(ca, HOST, false);
        h2 = new RecordingUpstream(ca, HOST, true);
        env = new ProxyTestEnv(dir, "", null, "- { host: " + HOST + ", ports: [" + h1.port() + ", " + h2.port()
                + "], privateAddresses: true }", inspector);
    }

    @AfterAll
    static void stop() {
        env.close();
        h1.close();
        h2.close();
        assertThat(inspector.overlaps()).as("sessions used by two threads at once").isZero();
    }

    /** A counter's value; 0 before its first increment registers it. */
    static double metric(String series) {
        double value = MetricsScrape.parse(env.sieve.enforcement().operations().metrics().scrape()).value(series);
        return Double.isNaN(value) ? 0 : value;
    }

    static RecordingUpstream upstream(boolean overH2) {
        return overH2 ? h2 : h1;
    }

    /** A text body of {@code n} bytes, the same every time, {@code marker} (when not null) at {@code at}. */
    static byte[] body(int n, String marker, int at) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i * 7 + i / 26) % 26);
        }
        if (marker != null) {
            byte[] m = marker.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(m, 0, b, at, m.length);
        }
        return b;
    }

    /** An agent connection inside an intercepted tunnel to {@code server}. */
    static RawClient agent(RecordingUpstream server) throws Exception {
        return server.agentThrough(env, HOST);
    }

    static String head(RecordingUpstream server, String path, int length) {
        return server.textPost(HOST, path, length);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        RecordingUpstream.await(condition, what);
    }

    static RecordingUpstream.Request awaitRequest(RecordingUpstream server, int before) throws InterruptedException {
        return server.awaitRequest(before);
    }

    /**
     * Sends the request head and the body's first {@code firstPart} bytes, waits until the upstream has received more
     * than 64 KiB of it (the body streams before the verdict), then sends the rest; returns the upstream's request.
     */
    static RecordingUpstream.Request streamThenSendRest(RawClient c, RecordingUpstream server, String path, byte[] body,
            int firstPart, int before) throws Exception {
        return sendInTwo(c, server, path, body, firstPart, before, got -> got.body().length > 64 * 1024,
                "the body streams upstream");
    }

    /**
     * Sends the request head and the body's first {@code firstPart} bytes, waits until the upstream's request meets
     * {@code until}, then sends the rest; returns the upstream's request.
     */
    static RecordingUpstream.Request sendInTwo(RawClient c, RecordingUpstream server, String path, byte[] body,
            int firstPart, int before, java.util.function.Predicate<RecordingUpstream.Request> until, String what)
            throws Exception {
        c.send(head(server, path, body.length));
        c.send(Arrays.copyOfRange(body, 0, firstPart));
        RecordingUpstream.Request got = awaitRequest(server, before);
        await(() -> until.test(got), what);
        c.send(Arrays.copyOfRange(body, firstPart, body.length));
        return got;
    }

    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void allowedBodyGoesUpstreamBeforeItsLastByteAndArrivesWhole(boolean overH2) throws Exception {
        RecordingUpstream server = upstream(overH2);
        byte[] body = body(1024 * 1024, null, 0);
        int before = server.requests().size();
        double forwarded = metric("sieve_streamed_uploads_total{outcome=\"forwarded\"}");
        try (RawClient c = agent(server)) {
            c.send(head(server, "/upload", body.length));
            c.send(Arrays.copyOfRange(body, 0, body.length / 2));
            RecordingUpstream.Request got = awaitRequest(server, before);
            // The upstream reads the body while the agent still holds its second half: streamed, not held.
            await(() -> got.body().length >= 256 * 1024, "the first half streams upstream");
            assertThat(got.complete()).isFalse();
            c.send(Arrays.copyOfRange(body, body.length / 2, body.length));

            RawClient.Response r = c.readResponse(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"bytes\":" + body.length + "}");
            assertThat(got.complete()).isTrue();
            assertThat(got.body()).isEqualTo(body);
            assertThat(got.headers).doesNotContainKey("content-length");
            if (!overH2) {
                assertThat(got.headers).containsEntry("transfer-encoding", "chunked");
            }
            assertThat(metric("sieve_streamed_uploads_total{outcome=\"forwarded\"}")).isEqualTo(forwarded + 1);
        }
    }

    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void blockedBodyNeverCompletesUpstreamAndNoByteFromTheMarkerOnLeaves(boolean overH2) throws Exception {
        RecordingUpstream server = upstream(overH2);
        int at = 300 * 1024 + 5;
        byte[] body = body(600 * 1024, HoldBackInspector.BLOCK, at);
        int before = server.requests().size();
        double aborted = metric("sieve_streamed_uploads_total{outcome=\"aborted\"}");
        try (RawClient c = agent(server)) {
            RecordingUpstream.Request got = streamThenSendRest(c, server, "/upload", body, 200 * 1024, before);
            RawClient.Response r = c.readResponse(false);

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("test.block");
            await(got::aborted, "the upstream request is aborted");
            assertThat(got.complete()).isFalse();
            byte[] received = got.body();
            assertThat(received.length).isGreaterThan(64 * 1024).isLessThanOrEqualTo(at);
            assertThat(metric("sieve_streamed_uploads_total{outcome=\"aborted\"}")).isEqualTo(aborted + 1);
            assertThat(received).isEqualTo(Arrays.copyOf(body, received.length));
        }
    }

    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void redactedBodyGoesUpstreamAsTheStreamedPrefixAndTheRedactedRest(boolean overH2) throws Exception {
        RecordingUpstream server = upstream(overH2);
        int at = 200 * 1024;
        byte[] body = body(400 * 1024, HoldBackInspector.REDACT, at);
        int before = server.requests().size();
        try (RawClient c = agent(server)) {
            RecordingUpstream.Request streaming = streamThenSendRest(c, server, "/upload", body, 150 * 1024, before);
            RawClient.Response r = c.readResponse(false);

            byte[] expected = new String(body, StandardCharsets.ISO_8859_1)
                    .replace(HoldBackInspector.REDACT, HoldBackInspector.REDACTED).getBytes(StandardCharsets.ISO_8859_1);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"bytes\":" + expected.length + "}");
            RecordingUpstream.Request got = server.requests().get(before);
            assertThat(got.complete()).isTrue();
            assertThat(got.body()).isEqualTo(expected);
        }
    }

    @Test
    void aRedactionThatChangesBytesAlreadyStreamedIsBlockedAndTheUpstreamRequestAborted() throws Exception {
        int at = 300 * 1024;
        byte[] body = body(400 * 1024, HoldBackInspector.REWRITE, at);
        int before = h1.requests().size();
        try (RawClient c = agent(h1)) {
            RecordingUpstream.Request got = streamThenSendRest(c, h1, "/upload", body, 200 * 1024, before);
            RawClient.Response r = c.readResponse(false);

            assertThat(r.status()).as("fail closed").isEqualTo(403);
            assertThat(r.header("proxy-status")).contains("inspection_failed");
            await(got::aborted, "the upstream request is aborted");
            assertThat(got.complete()).isFalse();
            assertThat(got.body()).isEqualTo(Arrays.copyOf(body, got.body().length));
        }
    }

    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void anH2AgentsLargeUploadArrivesWhole(boolean overH2) throws Exception {
        RecordingUpstream server = upstream(overH2);
        byte[] body = body(2 * 1024 * 1024, null, 0);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).proxy(java.net.ProxySelector.of(env.proxy()))
                .sslContext(env.agentTls()).build();
        java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder()
                .uri(java.net.URI.create("https://" + HOST + ":" + server.port() + "/upload"))
                .header("content-type", "text/plain").timeout(java.time.Duration.ofSeconds(20))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"bytes\":" + body.length + "}");
        assertThat(server.last().body()).isEqualTo(body);
    }

    @ParameterizedTest(name = "blocked: {0}")
    @ValueSource(booleans = {false, true})
    void anUpstreamThatHangsUpWhileTheBodyStreamsIsReportedAtTheVerdictAndABlockWins(boolean blocked)
            throws Exception {
        byte[] body = body(600 * 1024, blocked ? HoldBackInspector.BLOCK : null, 500 * 1024);
        int port = env.hangup.port();
        try (RawClient c = new RawClient(env.proxy())) {
            assertThat(c.connect("hangup.sieve.test:" + port).status()).isEqualTo(200);
            c.startTls(env.agentTls(), "hangup.sieve.test", "hangup.sieve.test", port);
            c.readTimeout(20_000);
            c.send("POST /upload HTTP/1.1\r\nHost: hangup.sieve.test:" + port
                    + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n");
            for (int from = 0; from < body.length; from += 32 * 1024) {
                c.send(Arrays.copyOfRange(body, from, Math.min(body.length, from + 32 * 1024)));
                Thread.sleep(2); // the upstream hangs up while the body streams
            }
            RawClient.Response r = c.readResponse(false);

            if (blocked) {
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.header("proxy-status")).contains("inspection_blocked");
            } else {
                assertThat(r.status()).isEqualTo(502);
            }
        }
    }

    @Test
    void bodyUnderTheThresholdIsHeldAndSentWithItsLength() throws Exception {
        byte[] body = body(32 * 1024, null, 0);
        int before = h1.requests().size();
        try (RawClient c = agent(h1)) {
            c.send(head(h1, "/upload", body.length));
            c.send(body);
            RawClient.Response r = c.readResponse(false);

            assertThat(r.status()).isEqualTo(200);
            RecordingUpstream.Request got = h1.requests().get(before);
            assertThat(got.body()).isEqualTo(body);
            assertThat(got.headers).containsEntry("content-length", String.valueOf(body.length))
                    .doesNotContainKey("transfer-encoding");
        }
    }

    @Test
    void blockedBodyUnderTheThresholdNeverReachesTheUpstream() throws Exception {
        byte[] body = body(32 * 1024, HoldBackInspector.BLOCK, 40);
        int before = h1.requests().size();
        try (RawClient c = agent(h1)) {
            c.send(head(h1, "/upload", body.length));
            c.send(body);
            assertThat(c.readResponse(false).status()).isEqualTo(403);
        }
        assertThat(h1.requests()).hasSize(before);
    }

    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void earlyUpstreamAnswerWaitsForTheVerdictAndABlockWins(boolean overH2) throws Exception {
        RecordingUpstream server = upstream(overH2);
        int at = 300 * 1024;
        byte[] body = body(600 * 1024, HoldBackInspector.BLOCK, at);
        int before = server.requests().size();
        try (RawClient c = agent(server)) {
            RecordingUpstream.Request got = streamThenSendRest(c, server, "/early401", body, 200 * 1024, before);
            RawClient.Response r = c.readResponse(false);

            assertThat(r.status()).isEqualTo(403);
            assertThat(got.complete()).isFalse();
            assertThat(got.body().length).isLessThanOrEqualTo(at);
        }
    }

    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void earlyUpstreamAnswerReachesTheAgentOnceTheVerdictAllows(boolean overH2) throws Exception {
        RecordingUpstream server = upstream(overH2);
        byte[] body = body(300 * 1024, null, 0);
        int before = server.requests().size();
        try (RawClient c = agent(server)) {
            RecordingUpstream.Request got = streamThenSendRest(c, server, "/early401", body, 150 * 1024, before);
            RawClient.Response r = c.readResponse(false);

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"error\":\"early\"}");
        }
    }

    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void earlyAnswerThenCloseStillReachesTheAgentOnceTheVerdictAllows(boolean overH2) throws Exception {
        RecordingUpstream server = upstream(overH2);
        byte[] body = body(300 * 1024, null, 0);
        int before = server.requests().size();
        try (RawClient c = agent(server)) {
            sendInTwo(c, server, "/early401close", body, 150 * 1024, before, RecordingUpstream.Request::closed,
                    "the upstream answers and closes its side first");
            RawClient.Response r = c.readResponse(false);

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"error\":\"early\"}");
        }
    }

    /**
     * An HTTP/1.1 upstream that stops reading, answers and resets the connection while the agent still sends: the
     * proxy's pending write fails on the reset, and the answer, already received, must still be read and reach the
     * agent once the verdict allows (Netty reports the socket's error before its data in one wake-up).
     */
    @Test
    void earlyAnswerThenResetStillReachesTheAgentOnceTheVerdictAllows() throws Exception {
        for (int round = 0; round < 3; round++) {
            byte[] body = body(4 * 1024 * 1024, null, 0);
            int before = h1.requests().size();
            try (RawClient c = agent(h1)) {
                c.send(head(h1, "/early401reset", body.length));
                Thread sender = new Thread(() -> {
                    try {
                        for (int from = 0; from < body.length; from += 64 * 1024) {
                            c.send(Arrays.copyOfRange(body, from, Math.min(body.length, from + 64 * 1024)));
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                sender.start();
                RecordingUpstream.Request got = awaitRequest(h1, before);
                await(got::closed, "the upstream answers and resets the connection");
                sender.join(30_000);
                RawClient.Response r = c.readResponse(false);

                assertThat(r.status()).as("round %d", round).isEqualTo(401);
                assertThat(r.body()).isEqualTo("{\"error\":\"early\"}");
                assertThat(got.complete()).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "h2 upstream: {0}")
    @ValueSource(booleans = {false, true})
    void earlyAnswerThenCloseLosesToABlock(boolean overH2) throws Exception {
        RecordingUpstream server = upstream(overH2);
        int at = 300 * 1024;
        byte[] body = body(600 * 1024, HoldBackInspector.BLOCK, at);
        int before = server.requests().size();
        try (RawClient c = agent(server)) {
            RecordingUpstream.Request got = sendInTwo(c, server, "/early401close", body, 200 * 1024, before,
                    RecordingUpstream.Request::closed, "the upstream answers and closes its side first");
            RawClient.Response r = c.readResponse(false);

            assertThat(r.status()).isEqualTo(403);
            assertThat(got.complete()).isFalse();
            assertThat(got.body().length).isLessThanOrEqualTo(at);
        }
    }

    @Test
    void agentThatLeavesMidStreamAbortsTheUpstreamRequest() throws Exception {
        byte[] body = body(600 * 1024, null, 0);
        int before = h1.requests().size();
        RawClient c = agent(h1);
        c.send(head(h1, "/upload", body.length));
        c.send(Arrays.copyOfRange(body, 0, 300 * 1024));
        RecordingUpstream.Request got = awaitRequest(h1, before);
        await(() -> got.body().length > 64 * 1024, "the body streams upstream");
        c.close();

        await(got::aborted, "the upstream request is aborted");
        assertThat(got.complete()).isFalse();
    }

    @Test
    void largeBodiesAreShownToInspectionAsTheyArrive() throws Exception {
        int calls = inspector.contentCalls();
        byte[] body = body(1024 * 1024, null, 0);
        try (RawClient c = agent(h1)) {
            c.send(head(h1, "/upload", body.length));
            for (int i = 0; i < 8; i++) {
                c.send(Arrays.copyOfRange(body, i * body.length / 8, (i + 1) * body.length / 8));
                Thread.sleep(20);
            }
            assertThat(c.readResponse(false).status()).isEqualTo(200);
        }
        assertThat(inspector.contentCalls() - calls).isGreaterThan(1);
        assertThat(List.of(inspector.overlaps())).containsExactly(0);
    }

    /** {@code body} in HTTP/1.1 chunks of {@code size} bytes, with the terminating chunk. */
    static byte[] chunked(byte[] body, int size) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int from = 0; from < body.length; from += size) {
            int n = Math.min(size, body.length - from);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, from, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @ParameterizedTest(name = "blocked: {0}")
    @ValueSource(booleans = {false, true})
    void aChunkedBodyOfUnknownLengthStreamsWhileItsBufferGrows(boolean blocked) throws Exception {
        int at = 700 * 1024;
        byte[] body = body(1024 * 1024, blocked ? HoldBackInspector.BLOCK : null, at);
        byte[] wire = chunked(body, 8 * 1024 + 3);
        int before = h1.requests().size();
        try (RawClient c = agent(h1)) {
            c.send("POST /upload HTTP/1.1\r\nHost: " + HOST + ":" + h1.port()
                    + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int from = 0; from < wire.length; from += 64 * 1024) {
                c.send(Arrays.copyOfRange(wire, from, Math.min(wire.length, from + 64 * 1024)));
                Thread.sleep(2);
            }
            RawClient.Response r = c.readResponse(false);

            RecordingUpstream.Request got = awaitRequest(h1, before);
            if (blocked) {
                assertThat(r.status()).isEqualTo(403);
                await(got::aborted, "the upstream request is aborted");
                assertThat(got.complete()).isFalse();
                assertThat(got.body().length).isLessThanOrEqualTo(at);
                assertThat(got.body()).isEqualTo(Arrays.copyOf(body, got.body().length));
            } else {
                assertThat(r.status()).isEqualTo(200);
                assertThat(got.complete()).isTrue();
                assertThat(got.body()).isEqualTo(body);
            }
        }
    }

    @Test
    void expectContinueIsAnsweredBySieveAndTheBodyStillStreams() throws Exception {
        byte[] body = body(512 * 1024, null, 0);
        int before = h1.requests().size();
        try (RawClient c = agent(h1)) {
            c.send("POST /upload HTTP/1.1\r\nHost: " + HOST + ":" + h1.port()
                    + "\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\nContent-Length: " + body.length
                    + "\r\n\r\n");
            assertThat(c.readResponse(false).status()).isEqualTo(100);
            c.send(Arrays.copyOfRange(body, 0, 256 * 1024));
            RecordingUpstream.Request got = awaitRequest(h1, before);
            await(() -> got.body().length >= 128 * 1024, "the body streams upstream");
            c.send(Arrays.copyOfRange(body, 256 * 1024, body.length));

            assertThat(c.readResponse(false).status()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(body);
            assertThat(got.headers).doesNotContainKey("expect");
        }
    }
}
