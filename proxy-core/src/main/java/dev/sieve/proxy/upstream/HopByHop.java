package dev.sieve.proxy.upstream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes hop-by-hop header fields (RFC 9110 section 7.6.1): {@code Connection} and every field it
 * names, plus {@code Keep-Alive}, {@code Proxy-Connection}, {@code Proxy-Authorization},
 * {@code Proxy-Authenticate}, {@code TE}, {@code Trailer} and {@code Upgrade}. Message framing
 * ({@code Content-Length}, {@code Transfer-Encoding}) is the caller's business.
 */
public final class HopByHop {
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString[] ALWAYS = {
        HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, PROXY_CONNECTION,
        HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.TE,
        HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE,
    };

    private HopByHop() {}

    /** {@code values()} copies its array on every call: read once. */
    private static final AsciiString[] H2_EXTENSIONS = java.util.Arrays.stream(
            HttpConversionUtil.ExtensionHeaderNames.values())
            .map(HttpConversionUtil.ExtensionHeaderNames::text).toArray(AsciiString[]::new);

    /**
     * Removes the {@code x-http2-*} fields (stream id, scheme...) that Netty's h2 to HTTP/1 conversion adds: they are
     * not the peer's and must not be passed on.
     */
    public static void stripH2Extensions(HttpHeaders headers) {
        for (AsciiString name : H2_EXTENSIONS) {
            headers.remove(name);
        }
    }

    public static void strip(HttpHeaders headers) {
        List<String> named = new ArrayList<>(2);
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        for (String name : named) {
            // Framing headers stay: a Connection header naming them must not change how the body is read.
            if (!HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
                    && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)
                    && !HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)) {
                headers.remove(name);
            }
        }
        for (AsciiString name : ALWAYS) {
            headers.remove(name);
        }
    }
}
