package dev.sieve.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.route.Target;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamRequestsTest {
    private static final Target TLS_443 = new Target("api.example.com", 443, InetAddress.getLoopbackAddress(), true);
    private static final Target PLAIN_8080 = new Target("api.example.com", 8080, InetAddress.getLoopbackAddress(), false);

    private static HttpRequest agentRequest(HttpMethod method, String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_0, method, uri);
    }

    @Test
    void sendsHttp11OriginFormWithoutHopByHopTransferEncodingOrExpect() {
        HttpRequest in = agentRequest(HttpMethod.POST, "https://api.example.com/v1/chat?x=1");
        in.headers().add("Connection", "keep-alive, X-Hop").add("X-Hop", "1").add("Proxy-Authorization", "Basic eDp5")
                .add("Transfer-Encoding", "chunked").add("Expect", "100-continue").add("X-Kept", "yes");

        HttpRequest out = UpstreamRequests.forUpstream(in, TLS_443, 5);

        assertThat(out.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(out.method()).isEqualTo(HttpMethod.POST);
        assertThat(out.uri()).isEqualTo("/v1/chat?x=1");
        assertThat(out.headers().names()).containsExactlyInAnyOrder("X-Kept", "content-length", "host");
        assertThat(out.headers().get("Content-Length")).isEqualTo("5");
        assertThat(out.headers().get("Host")).isEqualTo("api.example.com");
    }

    @Test
    void leavesTheAgentsHeadUntouched() {
        HttpRequest in = agentRequest(HttpMethod.POST, "https://api.example.com/v1");
        in.headers().add("Transfer-Encoding", "chunked").add("Connection", "close");

        UpstreamRequests.forUpstream(in, TLS_443, 3);

        assertThat(in.uri()).isEqualTo("https://api.example.com/v1");
        assertThat(in.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(in.headers().get("Connection")).isEqualTo("close");
        assertThat(in.headers().contains("Content-Length")).isFalse();
    }

    @Test
    void contentLengthIsTheHeldBodyLengthWhenTheAgentDeclaredOne() {
        HttpRequest in = agentRequest(HttpMethod.POST, "/v1");
        in.headers().set("Content-Length", "0");

        assertThat(UpstreamRequests.forUpstream(in, TLS_443, 0).headers().get("Content-Length")).isEqualTo("0");

        in.headers().set("Content-Length", "10"); // a redacted body may be shorter than declared
        assertThat(UpstreamRequests.forUpstream(in, TLS_443, 7).headers().get("Content-Length")).isEqualTo("7");
    }

    @Test
    void noContentLengthForABodylessRequestThatDeclaredNone() {
        HttpRequest out = UpstreamRequests.forUpstream(agentRequest(HttpMethod.GET, "/"), TLS_443, 0);

        assertThat(out.headers().contains("Content-Length")).isFalse();
    }

    @Test
    void keepsTheAgentsHostInsideATlsTunnelButSetsItForPlainHttp() {
        HttpRequest in = agentRequest(HttpMethod.GET, "/");
        in.headers().set("Host", "api.example.com:443");

        assertThat(UpstreamRequests.forUpstream(in, TLS_443, 0).headers().get("Host"))
                .isEqualTo("api.example.com:443");
        assertThat(UpstreamRequests.forUpstream(in, PLAIN_8080, 0).headers().get("Host"))
                .isEqualTo("api.example.com:8080");
    }

    @ParameterizedTest
    @CsvSource({
        "api.example.com, 443, true, api.example.com",
        "api.example.com, 80, false, api.example.com",
        "api.example.com, 443, false, api.example.com:443",
        "api.example.com, 8443, true, api.example.com:8443",
        "2001:db8::1, 443, true, '[2001:db8::1]'",
        "2001:db8::1, 8080, false, '[2001:db8::1]:8080'",
    })
    void hostHeaderOmitsTheSchemesDefaultPortAndBracketsIpv6(String host, int port, boolean tls, String expected) {
        assertThat(UpstreamRequests.hostHeader(new Target(host, port, InetAddress.getLoopbackAddress(), tls)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.example.com/v1/chat?x=1, /v1/chat?x=1",
        "https://api.example.com, /",
        "https://api.example.com?q=1, /?q=1",
        "http://h/a?b=/c, /a?b=/c",
        "/already/origin, /already/origin",
        "*, *",
        "'', /",
        "https://user:pass@api.example.com/v1?x=1, /v1?x=1",
        "https://api.example.com#frag, /#frag",
        "https://api.example.com/v1#a/b?c, /v1#a/b?c",
        "/v1/messages#k=v, /v1/messages#k=v",
    })
    void originForm(String uri, String expected) {
        assertThat(UpstreamRequests.originForm(uri)).isEqualTo(expected);
    }
}
