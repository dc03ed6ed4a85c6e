package dev.sieve.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HopByHopTest {

    @Test
    void removesConnectionTheFieldsItNamesAndTheFixedHopByHopSet() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Hop-One")
                .add("Connection", "x-hop-two")
                .add("X-Hop-One", "1").add("X-Hop-Two", "2")
                .add("Keep-Alive", "timeout=5").add("Proxy-Connection", "keep-alive")
                .add("Proxy-Authorization", "Basic Zm9vOmJhcg==").add("Proxy-Authenticate", "Basic")
                .add("TE", "trailers").add("Trailer", "X-Checksum").add("Upgrade", "h2c")
                .add("X-Kept", "yes").add("Content-Type", "application/json");
        HopByHop.strip(h);
        assertThat(h.names()).containsExactlyInAnyOrder("X-Kept", "Content-Type");
    }

    @Test
    void aConnectionHeaderCannotRemoveFramingOrHost() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "Content-Length, Transfer-Encoding, Host")
                .add("Content-Length", "5").add("Host", "api.example.com");
        HopByHop.strip(h);
        assertThat(h.get("Content-Length")).isEqualTo("5");
        assertThat(h.get("Host")).isEqualTo("api.example.com");
        assertThat(h.contains("Connection")).isFalse();
    }
}
