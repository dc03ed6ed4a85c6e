package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.error.Refusal;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent-side decode step as the listener builds it (codec + {@link RequestValidator}), byte
 * for byte: what reaches the handlers behind is either a request Sieve may forward or a failed
 * decoder result that maps to the right refusal.
 */
class RequestValidatorTest {
    static final ProxyServices.Limits LIMITS = new ProxyServices.Limits(8192, 32768, Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30), 1024, Duration.ofSeconds(30),
            Duration.ofSeconds(15));

    private static List<HttpObject> decode(String raw) {
        EmbeddedChannel ch = new EmbeddedChannel(FrontendInitializer.newServerCodec(LIMITS), RequestValidator.INSTANCE);
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        List<HttpObject> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            out.add((HttpObject) m);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    private static Refusal refusalOf(String raw) {
        List<HttpObject> out = decode(raw);
        try {
            for (HttpObject o : out) {
                if (o.decoderResult().isFailure()) {
                    return Refusals.ofDecoderFailure(o);
                }
            }
            return null;
        } finally {
            out.forEach(ReferenceCountUtil::release);
        }
    }

    @Test
    void everyTargetByteEitherPassesUnchangedOrIsRefused() {
        for (int b = 0; b < 256; b++) {
            String target = "/a" + (char) b + "b";
            List<HttpObject> out = decode("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            try {
                HttpRequest head = (HttpRequest) out.get(0);
                if (head.decoderResult().isSuccess()) {
                    assertThat(head.uri()).as("byte %02x", b).isEqualTo(target);
                    assertThat(RequestHeadCheck.check(target, "HTTP", 1, 1, java.util.List.of())).as("byte %02x", b).isNull();
                } else {
                    assertThat(Refusals.ofDecoderFailure(head)).as("byte %02x", b).isEqualTo(Refusal.BAD_REQUEST);
                }
            } finally {
                out.forEach(ReferenceCountUtil::release);
            }
        }
    }

    @Test
    void everyHeaderValueByteEitherPassesUnchangedOrIsRefused() {
        for (int b = 0; b < 256; b++) {
            String value = "a" + (char) b + "b";
            List<HttpObject> out = decode("POST /p HTTP/1.1\r\nHost: x\r\nX-V: " + value + "\r\nContent-Length: 0\r\n\r\n");
            try {
                HttpRequest head = (HttpRequest) out.get(0);
                boolean control = (b < 0x20 && b != '\t') || b == 0x7f;
                if (control) {
                    assertThat(head.decoderResult().isFailure()).as("byte %02x", b).isTrue();
                    assertThat(Refusals.ofDecoderFailure(head)).isEqualTo(Refusal.BAD_REQUEST);
                } else {
                    assertThat(head.decoderResult().isSuccess()).as("byte %02x", b).isTrue();
                    assertThat(head.headers().get("X-V")).as("byte %02x", b).isEqualTo(value);
                }
            } finally {
                out.forEach(ReferenceCountUtil::release);
            }
        }
    }

    @Test
    void anObsoleteLineFoldArrivesAsASpaceAndAFoldBeforeAnyFieldIsRefused() {
        // RFC 9112 section 5.2 lets a proxy replace obs-fold by SP before it interprets or forwards the field.
        List<HttpObject> out = decode("POST /p HTTP/1.1\r\nHost: x\r\nX-V: a\r\n b\r\nContent-Length: 0\r\n\r\n");
        try {
            assertThat(((HttpRequest) out.get(0)).headers().get("X-V")).isEqualTo("a b");
        } finally {
            out.forEach(ReferenceCountUtil::release);
        }
        assertThat(refusalOf("POST /p HTTP/1.1\r\n X-V: a\r\nHost: x\r\n\r\n")).isEqualTo(Refusal.BAD_REQUEST);
    }

    @Test
    void headerNamesAreTokens() {
        String tchar = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int b = 0; b < 256; b++) {
            if (b == ':' || b == '\r' || b == '\n') {
                continue; // they end the name or the line
            }
            Refusal r = refusalOf("POST /p HTTP/1.1\r\nHost: x\r\nX" + (char) b + "Y: 1\r\nContent-Length: 0\r\n\r\n");
            if (tchar.indexOf(b) >= 0) {
                assertThat(r).as("byte %02x", b).isNull();
            } else {
                assertThat(r).as("byte %02x", b).isEqualTo(Refusal.BAD_REQUEST);
            }
        }
    }

    @Test
    void versionsOtherThan10And11AreRefusedWith505() {
        assertThat(refusalOf("GET / HTTP/2.0\r\nHost: x\r\n\r\n")).isEqualTo(Refusal.HTTP_VERSION_NOT_SUPPORTED);
        assertThat(refusalOf("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")).isEqualTo(Refusal.HTTP_VERSION_NOT_SUPPORTED);
        assertThat(refusalOf("GET / HTTP/1.0\r\nHost: x\r\n\r\n")).isNull();
        assertThat(refusalOf("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isNull();
    }

    @Test
    void anOverLongLineIs414InTheHeadAndBadFramingInTheBody() {
        assertThat(refusalOf("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isEqualTo(Refusal.URI_TOO_LONG);
        String chunked = "POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(refusalOf(chunked + "2;x=" + "a".repeat(100 * 1024) + "\r\nok\r\n0\r\n\r\n"))
                .isEqualTo(Refusal.REQUEST_SMUGGLING);
        assertThat(refusalOf(chunked + "0".repeat(9000) + "2\r\nok\r\n0\r\n\r\n")).isEqualTo(Refusal.REQUEST_SMUGGLING);
    }

    @Test
    void theBodyOfARefusedHeadIsNeverDecodedAsARequest() {
        List<HttpObject> out = decode("POST /a\u0000 HTTP/1.1\r\nHost: x\r\nContent-Length: 25\r\n\r\n"
                + "GET /smuggled HTTP/1.1\r\n\r\n");
        try {
            assertThat(out.get(0).decoderResult().isFailure()).isTrue();
            assertThat(out.stream().filter(o -> o instanceof HttpRequest)).hasSize(1);
        } finally {
            out.forEach(ReferenceCountUtil::release);
        }
    }
}
