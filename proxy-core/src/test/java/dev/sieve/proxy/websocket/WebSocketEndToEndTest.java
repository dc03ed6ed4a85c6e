package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.testing.MetricsScrape;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawWebSocket;
import dev.sieve.proxy.testing.Synthetic;
import dev.sieve.proxy.testing.TestTls;
import dev.sieve.proxy.testing.WebSocketEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket through a running Sieve with the default rule pack: the JDK WebSocket client (and, for permessage-deflate
 * and chosen fragmentation, frames written by hand) over real TLS to a local Netty WebSocket endpoint. Secrets are
 * synthetic, made in code.
 */
class WebSocketEndToEndTest {
    static final String SSN = "536-22-8174";
    static final int MAX_MESSAGE = 64 * 1024;
    static final int MAX_FRAGMENTS = 16;

    @TempDir
    static Path dir;

    static WebSocketEndpoint plain;
    static WebSocketEndpoint deflating;
    static WebSocketEndpoint cleartext;
    static ProxyTestEnv env;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        plain = new WebSocketEndpoint(false);
        deflating = new WebSocketEndpoint(true);
        cleartext = new WebSocketEndpoint(false, true);
        env = new ProxyTestEnv(dir, "", """
                inspection:
                  websocket:
                    maxMessageBytes: %d
                    maxFragments: %d
                """.formatted(MAX_MESSAGE, MAX_FRAGMENTS), """
                - { host: ws.sieve.test, ports: [%d], privateAddresses: true, websocket: true }
                - { host: wsz.sieve.test, ports: [%d], privateAddresses: true, websocket: true }
                - { host: nows.sieve.test, ports: [%d], privateAddresses: true }
                - { host: wsplain.sieve.test, ports: [%d], plainHttp: true, privateAddresses: true, websocket: true }
                """.formatted(plain.port(), deflating.port(), plain.port(), cleartext.port()), null);
        plain.tls(TestTls.serverContext(env.upstreamCa, "ws.sieve.test"));
        deflating.tls(TestTls.serverContext(env.upstreamCa, "wsz.sieve.test"));
        http = env.agentClient();
    }

    @AfterAll
    static void stop() {
        env.close();
        plain.close();
        deflating.close();
        cleartext.close();
    }

    /** What a JDK client saw: whole messages (text, or "binary:" and hex), then its close. */
    static final class Seen implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            messages.add("binary:" + io.netty.buffer.ByteBufUtil.hexDump(b));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }

        String next() throws InterruptedException {
            return messages.poll(10, TimeUnit.SECONDS);
        }

        String close() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }
    }

    static WebSocket open(String host, int port, Seen seen) throws Exception {
        return http.newWebSocketBuilder().buildAsync(URI.create("wss://" + host + ":" + port + "/ws"), seen)
                .get(10, TimeUnit.SECONDS);
    }

    static void drain(WebSocketEndpoint endpoint) throws InterruptedException {
        while (endpoint.next(200) != null) {
            // messages of earlier tests
        }
    }

    static double metric(String series) {
        return MetricsScrape.parse(env.sieve.enforcement().operations().metrics().scrape()).value(series);
    }

    @Test
    void cleanMessagesArriveAndServerMessagesStreamBack() throws Exception {
        drain(plain);
        Seen seen = new Seen();
        WebSocket ws = open("ws.sieve.test", plain.port(), seen);

        ws.sendText("hello, model", true).get(5, TimeUnit.SECONDS);
        assertThat(plain.next(5000)).isEqualTo("hello, model");
        assertThat(seen.next()).isEqualTo("echo:hello, model");

        ws.sendText("stream 40", true).get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 40; i++) {
            assertThat(seen.next()).isEqualTo("part " + i);
        }
        assertThat(seen.next()).isEqualTo("done");

        ws.sendText("fragments", true).get(5, TimeUnit.SECONDS);
        assertThat(seen.next()).isEqualTo("one-two-three");

        ws.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}), true).get(5, TimeUnit.SECONDS);
        assertThat(seen.next()).isEqualTo("binary:000102ff");

        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(seen.close()).startsWith("1000");
        assertThat(plain.extensionOffers()).allMatch(String::isEmpty);
    }

    @Test
    void fragmentedMessageIsInspectedWholeAndArrivesAsOne() throws Exception {
        drain(plain);
        Seen seen = new Seen();
        WebSocket ws = open("ws.sieve.test", plain.port(), seen);

        ws.sendText("Hello, ", false).get(5, TimeUnit.SECONDS);
        ws.sendText("wor", false).get(5, TimeUnit.SECONDS);
        ws.sendText("ld", true).get(5, TimeUnit.SECONDS);

        assertThat(plain.next(5000)).isEqualTo("Hello, world");
        assertThat(seen.next()).isEqualTo("echo:Hello, world");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void secretIsBlockedWith1008AndNeverReachesTheEndpoint() throws Exception {
        drain(plain);
        double before = metric("sieve_websocket_messages_total{decision=\"blocked\"}");
        Seen seen = new Seen();
        WebSocket ws = open("ws.sieve.test", plain.port(), seen);
        ws.sendText("first a clean one", true).get(5, TimeUnit.SECONDS);
        assertThat(plain.next(5000)).isEqualTo("first a clean one");

        // The SSN is split over two fragments: only the reassembled message shows it.
        ws.sendText("{\"type\":\"conversation.item.create\",\"text\":\"file it for SSN 536-2", false)
                .get(5, TimeUnit.SECONDS);
        ws.sendText("2-8174 please\"}", true).get(5, TimeUnit.SECONDS);

        String close = seen.close();
        assertThat(close).startsWith("1008 blocked by Sieve (req_").contains("pii.us-ssn").doesNotContain(SSN)
                .doesNotContain("8174");
        String messageId = close.substring(close.indexOf("(") + 1, close.indexOf(")"));
        assertThat(messageId).matches("req_[0-9a-f]{24}/2");
        assertThat(plain.next(500)).isNull();
        assertThat(plain.pending()).noneMatch(m -> m.contains("8174"));

        String record = env.awaitAuditLine("\"" + messageId + "\"");
        assertThat(record).contains("\"decision\":\"blocked\"").contains("WEBSOCKET").contains("pii.us-ssn")
                .doesNotContain(SSN);
        assertThat(metric("sieve_websocket_messages_total{decision=\"blocked\"}")).isEqualTo(before + 1);
    }

    @Test
    void redactedTextMessageIsRewrittenAndReframed() throws Exception {
        drain(plain);
        String card = Synthetic.visa(11);
        Seen seen = new Seen();
        WebSocket ws = open("ws.sieve.test", plain.port(), seen);

        ws.sendText("{\"type\":\"input_text\",\"text\":\"charge card " + card + " today\"}", true)
                .get(5, TimeUnit.SECONDS);

        String got = plain.next(5000);
        assertThat(got).startsWith("{\"type\":\"input_text\",\"text\":\"charge card ").endsWith(" today\"}")
                .doesNotContain(card).contains(card.substring(12));
        assertThat(seen.next()).isEqualTo("echo:" + got);
        assertThat(env.awaitAuditLine("\"decision\":\"redacted\"")).contains("WEBSOCKET");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void binaryMessageWhoseRuleRedactsIsBlocked() throws Exception {
        drain(plain);
        String card = Synthetic.visa(12);
        Seen seen = new Seen();
        WebSocket ws = open("ws.sieve.test", plain.port(), seen);

        ws.sendBinary(ByteBuffer.wrap(("card " + card + " on file").getBytes(StandardCharsets.UTF_8)), true)
                .get(5, TimeUnit.SECONDS);

        assertThat(seen.close()).startsWith("1008 blocked by Sieve");
        assertThat(plain.next(500)).isNull();
    }

    @Test
    void oversizedMessageClosesWith1009() throws Exception {
        drain(plain);
        Seen seen = new Seen();
        WebSocket ws = open("ws.sieve.test", plain.port(), seen);

        ws.sendText("x".repeat(MAX_MESSAGE + 1), true).get(5, TimeUnit.SECONDS);

        assertThat(seen.close()).startsWith("1009 over inspection.websocket.maxMessageBytes (req_");
        assertThat(plain.next(500)).isNull();
    }

    @Test
    void messageInTooManyFragmentsClosesWith1009() throws Exception {
        drain(plain);
        Seen seen = new Seen();
        WebSocket ws = open("ws.sieve.test", plain.port(), seen);

        for (int i = 0; i <= MAX_FRAGMENTS; i++) {
            ws.sendText("f" + i, false).get(5, TimeUnit.SECONDS);
        }

        assertThat(seen.close()).startsWith("1009 over inspection.websocket.maxFragments (req_");
        assertThat(plain.next(500)).isNull();
    }

    @Test
    void destinationWithoutWebsocketTrueIsRefusedAsBefore() throws Exception {
        int before = plain.handshakes();

        assertThatThrownBy(() -> open("nows.sieve.test", plain.port(), new Seen()))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> {
                    var response = ((WebSocketHandshakeException) e).getResponse();
                    assertThat(response.statusCode()).isEqualTo(400);
                    assertThat(String.valueOf(response.body())).contains("unsupported_upgrade")
                            .contains("websocket: true");
                });
        assertThat(plain.handshakes()).isEqualTo(before);
    }

    @Test
    void upstreamWithAWrongAcceptIsABadGateway() throws Exception {
        plain.badAccept(true);
        try {
            assertThatThrownBy(() -> open("ws.sieve.test", plain.port(), new Seen()))
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(502));
        } finally {
            plain.badAccept(false);
        }
    }

    @Test
    void compressedAndFragmentedMessagesAreInflatedAndInspected() throws Exception {
        drain(deflating);
        try (RawWebSocket ws = RawWebSocket.open(env.proxy(), env.agentTls(), "wsz.sieve.test", deflating.port(),
                "/ws", "permessage-deflate; client_max_window_bits")) {
            assertThat(ws.status).isEqualTo(101);
            assertThat(ws.headers.get("sec-websocket-extensions")).startsWith("permessage-deflate");

            byte[] compressed = RawWebSocket.deflate("compressed hello, in two frames".getBytes(StandardCharsets.UTF_8));
            int half = compressed.length / 2;
            ws.send(RawWebSocket.TEXT, false, true, java.util.Arrays.copyOf(compressed, half));
            ws.send(RawWebSocket.CONTINUATION, true, false,
                    java.util.Arrays.copyOfRange(compressed, half, compressed.length));

            assertThat(deflating.next(5000)).isEqualTo("compressed hello, in two frames");
            RawWebSocket.Frame echo = ws.readMessage();
            assertThat(echo.rsv1()).as("Sieve compresses toward the agent").isTrue();
            assertThat(new String(echo.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("echo:compressed hello, in two frames");
            assertThat(deflating.extensionOffers()).as("the offer is not passed upstream").allMatch(String::isEmpty);

            ws.send(RawWebSocket.TEXT, true, true, RawWebSocket.deflate(("my SSN is " + SSN)
                    .getBytes(StandardCharsets.UTF_8)));
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).contains("pii.us-ssn").doesNotContain(SSN);
        }
        assertThat(deflating.next(500)).isNull();
    }

    @Test
    void deflateBombClosesWith1009() throws Exception {
        drain(deflating);
        try (RawWebSocket ws = RawWebSocket.open(env.proxy(), env.agentTls(), "wsz.sieve.test", deflating.port(),
                "/ws", "permessage-deflate")) {
            assertThat(ws.status).isEqualTo(101);
            byte[] bomb = RawWebSocket.deflate(new byte[4 * 1024 * 1024]);
            assertThat(bomb.length).isLessThan(MAX_MESSAGE);

            ws.send(RawWebSocket.TEXT, true, true, bomb);

            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        assertThat(deflating.next(500)).isNull();
    }

    @Test
    void pingIsAnsweredThroughTheProxy() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(env.proxy(), env.agentTls(), "ws.sieve.test", plain.port(), "/ws",
                null)) {
            assertThat(ws.status).isEqualTo(101);
            assertThat(ws.headers).doesNotContainKey("sec-websocket-extensions");
            ws.send(RawWebSocket.PING, true, false, "are you there".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = ws.read();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(new String(pong.payload(), StandardCharsets.UTF_8)).isEqualTo("are you there");
        }
    }

    @Test
    void controlFramePayloadsOfTheAgentNeverReachTheUpstream() throws Exception {
        // Control frames carry up to 125 bytes the agent chooses, and are not inspected: a ping is answered by Sieve,
        // a pong goes on empty, a close keeps its code and loses its reason.
        while (plain.nextControl(200) != null) {
            // control frames of earlier tests
        }
        try (RawWebSocket ws = RawWebSocket.open(env.proxy(), env.agentTls(), "ws.sieve.test", plain.port(), "/ws",
                null)) {
            assertThat(ws.status).isEqualTo(101);
            ws.send(RawWebSocket.PING, true, false, ("SSN " + SSN).getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = ws.read();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(new String(pong.payload(), StandardCharsets.UTF_8)).isEqualTo("SSN " + SSN);
            ws.send(RawWebSocket.PONG, true, false, ("SSN " + SSN).getBytes(StandardCharsets.UTF_8));
            assertThat(plain.nextControl(5000)).isEqualTo("pong:");
            byte[] reason = ("SSN " + SSN).getBytes(StandardCharsets.UTF_8);
            byte[] close = new byte[2 + reason.length];
            close[0] = (byte) (1000 >> 8);
            close[1] = (byte) (1000 & 0xff);
            System.arraycopy(reason, 0, close, 2, reason.length);
            ws.send(RawWebSocket.CLOSE, true, false, close);
            assertThat(plain.nextControl(5000)).isEqualTo("close:1000:");
        }
        for (String seen = plain.nextControl(300); seen != null; seen = plain.nextControl(300)) {
            assertThat(seen).doesNotContain(SSN);
        }
    }

    @Test
    void plainWsThroughAnAbsoluteFormRequestIsInspectedToo() throws Exception {
        try (RawWebSocket ws = RawWebSocket.openPlain(env.proxy(), "wsplain.sieve.test", cleartext.port(), "/ws")) {
            assertThat(ws.status).isEqualTo(101);
            ws.sendText("over plain http");
            assertThat(cleartext.next(5000)).isEqualTo("over plain http");
            assertThat(new String(ws.readMessage().payload(), StandardCharsets.UTF_8)).isEqualTo("echo:over plain http");

            ws.sendText("SSN " + SSN);
            assertThat(ws.readClose().closeCode()).isEqualTo(1008);
        }
        assertThat(cleartext.next(500)).isNull();
    }
}
