package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebSocketBridgeTest {
    @Test
    void agentGetsTheUpstreamFieldsWithSievesOwnHandshakeAndRequestId() {
        HttpResponse upstream = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        upstream.headers().set("Upgrade", "WebSocket").set("Connection", "Upgrade, X-Hop").set("X-Hop", "1")
                .set("Sec-WebSocket-Accept", HandshakeTest.ACCEPT).set("Sec-WebSocket-Protocol", "realtime")
                .set("X-Sieve-Request-Id", "req_spoofed").set("Content-Length", "0");

        FullHttpResponse plain = WebSocketBridge.agentResponse(upstream, Optional.empty(), "req_1");
        try {
            assertThat(plain.status()).isEqualTo(HttpResponseStatus.SWITCHING_PROTOCOLS);
            assertThat(plain.headers().get("Upgrade")).isEqualTo("websocket");
            assertThat(plain.headers().get("Connection")).isEqualTo("upgrade");
            assertThat(plain.headers().get("Sec-WebSocket-Accept")).isEqualTo(HandshakeTest.ACCEPT);
            assertThat(plain.headers().get("Sec-WebSocket-Protocol")).isEqualTo("realtime");
            assertThat(plain.headers().get("X-Sieve-Request-Id")).isEqualTo("req_1");
            assertThat(plain.headers().contains("X-Hop")).isFalse();
            assertThat(plain.headers().contains("Content-Length")).isFalse();
            assertThat(plain.headers().contains("Sec-WebSocket-Extensions")).isFalse();
        } finally {
            plain.release();
        }

        FullHttpResponse deflated = WebSocketBridge.agentResponse(upstream,
                Extensions.negotiate("permessage-deflate", 1024), "req_2");
        try {
            assertThat(deflated.headers().get("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
        } finally {
            deflated.release();
        }
    }
}
