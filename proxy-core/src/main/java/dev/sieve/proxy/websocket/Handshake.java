package dev.sieve.proxy.websocket;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The RFC 6455 opening handshake as a proxy sees it: which requests are WebSocket upgrades, whether one is well
 * formed, and whether the upstream's {@code 101} really accepted it. Pure: no Netty pipeline, nothing kept.
 *
 * <p>A broken or hostile upstream must not make Sieve relay bytes it cannot read: a {@code 101} is taken only with
 * {@code Upgrade: websocket}, a {@code Connection} naming {@code upgrade}, the {@code Sec-WebSocket-Accept} of the
 * agent's key, and no extension (Sieve offered none upstream, see {@link Extensions}).
 */
public final class Handshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Handshake() {}

    /** Whether {@code request} asks to upgrade to WebSocket ({@code Upgrade} names {@code websocket}). */
    public static boolean isUpgrade(HttpRequest request) {
        return hasToken(request.headers(), HttpHeaderNames.UPGRADE, "websocket");
    }

    /**
     * Why {@code request} is not a valid WebSocket opening handshake (RFC 6455 section 4.1), or empty when it is:
     * {@code GET}, {@code Connection: upgrade}, {@code Sec-WebSocket-Version: 13} and a key of 16 base64 bytes.
     */
    public static Optional<String> invalidRequest(HttpRequest request) {
        HttpHeaders h = request.headers();
        if (!HttpMethod.GET.equals(request.method())) {
            return Optional.of("a WebSocket handshake must be GET");
        }
        if (!hasToken(h, HttpHeaderNames.CONNECTION, "upgrade")) {
            return Optional.of("a WebSocket handshake needs Connection: Upgrade");
        }
        if (!"13".equals(h.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return Optional.of("Sec-WebSocket-Version must be 13");
        }
        String key = h.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null || decodedLength(key.trim()) != 16) {
            return Optional.of("Sec-WebSocket-Key must be 16 bytes in base64");
        }
        return Optional.empty();
    }

    /** The {@code Sec-WebSocket-Accept} value for {@code key}: base64 of SHA-1 of the key and the RFC's GUID. */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e); // every Java platform has it
        }
    }

    /**
     * Why {@code response} does not accept the handshake {@code request} sent upstream, or empty when it does.
     * The reason names header fields, never their values.
     */
    public static Optional<String> invalidResponse(HttpResponse response, HttpRequest request) {
        HttpHeaders h = response.headers();
        if (!HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
            return Optional.of("not 101");
        }
        if (!hasToken(h, HttpHeaderNames.UPGRADE, "websocket")) {
            return Optional.of("101 without Upgrade: websocket");
        }
        if (!hasToken(h, HttpHeaderNames.CONNECTION, "upgrade")) {
            return Optional.of("101 without Connection: Upgrade");
        }
        String expected = accept(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY, ""));
        if (!expected.equals(h.get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, "").trim())) {
            return Optional.of("101 with a wrong Sec-WebSocket-Accept");
        }
        if (h.contains(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
            return Optional.of("101 with an extension Sieve did not offer");
        }
        return Optional.empty();
    }

    /**
     * The handshake's hop-by-hop fields for the upstream request, whose own were removed with every other
     * hop-by-hop field: {@code Upgrade: websocket} and {@code Connection: Upgrade}. The agent's extension offer is
     * removed: Sieve negotiates extensions with each side itself ({@link Extensions}).
     */
    public static void forUpstream(HttpHeaders upstreamHeaders) {
        upstreamHeaders.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        upstreamHeaders.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        upstreamHeaders.remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
    }

    private static boolean hasToken(HttpHeaders headers, CharSequence name, String token) {
        for (String value : headers.getAll(name)) {
            for (String t : value.split(",")) {
                if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
