package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    /** The key and accept value of RFC 6455 section 1.3. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    static HttpRequest request(Consumer<HttpHeaders> change) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?token=x");
        r.headers().set("Host", "api.example.com").set("Upgrade", "websocket").set("Connection", "keep-alive, Upgrade")
                .set("Sec-WebSocket-Version", "13").set("Sec-WebSocket-Key", KEY);
        change.accept(r.headers());
        return r;
    }

    static HttpResponse response(Consumer<HttpHeaders> change) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        r.headers().set("Upgrade", "WebSocket").set("Connection", "Upgrade").set("Sec-WebSocket-Accept", ACCEPT);
        change.accept(r.headers());
        return r;
    }

    @Test
    void acceptIsTheRfcExample() {
        assertThat(Handshake.accept(KEY)).isEqualTo(ACCEPT);
    }

    @Test
    void upgradeIsRecognisedByItsToken() {
        assertThat(Handshake.isUpgrade(request(h -> { }))).isTrue();
        assertThat(Handshake.isUpgrade(request(h -> h.set("Upgrade", "h2c, WebSocket")))).isTrue();
        assertThat(Handshake.isUpgrade(request(h -> h.set("Upgrade", "websocketx")))).isFalse();
        assertThat(Handshake.isUpgrade(request(h -> h.set("Upgrade", "h2c")))).isFalse();
    }

    @Test
    void validRequestPassesAndEachFlawIsNamed() {
        assertThat(Handshake.invalidRequest(request(h -> { }))).isEmpty();
        assertThat(Handshake.invalidRequest(request(h -> h.set("Connection", "keep-alive"))))
                .contains("a WebSocket handshake needs Connection: Upgrade");
        assertThat(Handshake.invalidRequest(request(h -> h.set("Sec-WebSocket-Version", "8"))))
                .contains("Sec-WebSocket-Version must be 13");
        assertThat(Handshake.invalidRequest(request(h -> h.set("Sec-WebSocket-Key", "c2hvcnQ="))))
                .contains("Sec-WebSocket-Key must be 16 bytes in base64");
        assertThat(Handshake.invalidRequest(request(h -> h.remove("Sec-WebSocket-Key"))))
                .contains("Sec-WebSocket-Key must be 16 bytes in base64");
        HttpRequest post = request(h -> { });
        post.setMethod(HttpMethod.POST);
        assertThat(Handshake.invalidRequest(post)).contains("a WebSocket handshake must be GET");
    }

    @Test
    void onlyAProperAcceptIsTaken() {
        HttpRequest sent = request(h -> { });
        assertThat(Handshake.invalidResponse(response(h -> { }), sent)).isEmpty();
        assertThat(Handshake.invalidResponse(response(h -> h.set("Sec-WebSocket-Accept", Handshake.accept("x"))), sent))
                .contains("101 with a wrong Sec-WebSocket-Accept");
        assertThat(Handshake.invalidResponse(response(h -> h.remove("Sec-WebSocket-Accept")), sent))
                .contains("101 with a wrong Sec-WebSocket-Accept");
        assertThat(Handshake.invalidResponse(response(h -> h.set("Upgrade", "h2c")), sent))
                .contains("101 without Upgrade: websocket");
        assertThat(Handshake.invalidResponse(response(h -> h.remove("Connection")), sent))
                .contains("101 without Connection: Upgrade");
        assertThat(Handshake.invalidResponse(response(h -> h.set("Sec-WebSocket-Extensions", "permessage-deflate")),
                sent)).contains("101 with an extension Sieve did not offer");
    }

    @Test
    void upstreamRequestCarriesTheUpgradeButNoExtensionOffer() {
        HttpHeaders h = request(x -> x.set("Sec-WebSocket-Extensions", "permessage-deflate")).headers();
        h.remove("Upgrade");
        h.remove("Connection");

        Handshake.forUpstream(h);

        assertThat(h.get("Upgrade")).isEqualTo("websocket");
        assertThat(h.get("Connection")).isEqualTo("upgrade");
        assertThat(h.contains("Sec-WebSocket-Extensions")).isFalse();
        assertThat(h.get("Sec-WebSocket-Key")).isEqualTo(KEY);
    }
}
