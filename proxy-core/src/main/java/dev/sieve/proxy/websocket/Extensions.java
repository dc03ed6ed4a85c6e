package dev.sieve.proxy.websocket;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.Map;
import java.util.Optional;

/**
 * Which WebSocket extension Sieve accepts from the agent: {@code permessage-deflate} only, and Sieve is the end that
 * inflates it (Netty's handshaker and codecs), so every message is inspected in the clear.
 *
 * <p>Why Sieve terminates the extension on each side instead of letting agent and upstream negotiate it end to
 * end: with context takeover (the default) each compressed message depends on every earlier one, so a message
 * Sieve rewrites (redaction) would leave the upstream's inflater out of step, and an extension Sieve does not know
 * could hide bytes from inspection. So the agent's offer is answered here, and the upstream is offered nothing: the
 * upstream leg is uncompressed, which costs bandwidth but no inspection.
 */
public final class Extensions {
    private Extensions() {}

    /**
     * The extension Sieve takes up from the agent's {@code Sec-WebSocket-Extensions} offer, or empty (then the
     * connection is uncompressed on the agent side too).
     *
     * @param maxInflatedBytes the most one inflated frame may grow to (a deflate bomb fails there)
     */
    public static Optional<WebSocketServerExtension> negotiate(String offer, long maxInflatedBytes) {
        if (offer == null || offer.isBlank()) {
            return Optional.empty();
        }
        int maxAllocation = (int) Math.min(Integer.MAX_VALUE, maxInflatedBytes);
        PerMessageDeflateServerExtensionHandshaker deflate = new PerMessageDeflateServerExtensionHandshaker(
                6, false, PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, false, false, maxAllocation);
        try {
            for (WebSocketExtensionData data : WebSocketExtensionUtil.extractExtensions(offer)) {
                WebSocketServerExtension extension = deflate.handshakeExtension(data);
                if (extension != null) {
                    return Optional.of(extension); // the first acceptable offer wins (RFC 7692 section 5)
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // a malformed offer is declined, not an error: the agent can go uncompressed
        }
        return Optional.empty();
    }

    /** {@code data} as a {@code Sec-WebSocket-Extensions} value: {@code name; key=value; flag}. */
    public static String header(WebSocketExtensionData data) {
        StringBuilder out = new StringBuilder(data.name());
        for (Map.Entry<String, String> p : data.parameters().entrySet()) {
            out.append("; ").append(p.getKey());
            if (p.getValue() != null) {
                out.append('=').append(p.getValue());
            }
        }
        return out.toString();
    }
}
