package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;

/**
 * What Netty's HTTP/1 decoder accepts in a request line but Sieve must not forward: a request
 * target with bytes that are not part of a URI, and an HTTP version other than 1.0 or 1.1. Pure:
 * the decoder has already split the line (it rejects whitespace inside the target and bad methods
 * itself, and validates header names and values), and hands the target over byte for byte
 * (ISO-8859-1), so checking the string is checking the bytes.
 *
 * <p>The target may hold the RFC 3986 characters (unreserved, reserved and {@code %}), plus
 * {@code { } | ^ ` \}: RFC 3986 wants those percent-encoded, but clients that build URLs the WHATWG
 * way (Node's fetch, browsers) send them raw in a query string, and Go sends a query as it was
 * given. Refused: control bytes, space, {@code " < >} (every client encodes them), {@code #} (a
 * fragment is never part of a request target, RFC 9112 section 3.2) and non-ASCII bytes (clients
 * send UTF-8 percent-encoded). A lone {@code %} is let through for the same reason as the braces:
 * WHATWG clients send {@code ?q=100%} as typed.
 */
public final class RequestLineCheck {
    /** Why a request line is refused; the detail names the byte by value, never the target. */
    public record Problem(Refusal refusal, String detail) {}

    private static final boolean[] TARGET_CHARS = new boolean[128];

    static {
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                + "-._~" // unreserved
                + ":/?@[]" // gen-delims but #
                + "!$&'()*+,;=" // sub-delims
                + "%"
                + "{}|^`\\"; // sent raw by WHATWG-URL clients in queries
        for (int i = 0; i < allowed.length(); i++) {
            TARGET_CHARS[allowed.charAt(i)] = true;
        }
    }

    private RequestLineCheck() {}

    /**
     * @param target       the request target as decoded (one char per byte)
     * @param protocolName the version's protocol name ({@code HTTP})
     * @return why the request line is refused, or {@code null} when it is fine
     */
    public static Problem check(String target, String protocolName, int major, int minor) {
        if (!"HTTP".equals(protocolName) || major != 1 || minor > 1) {
            return new Problem(Refusal.HTTP_VERSION_NOT_SUPPORTED, null);
        }
        if (target.isEmpty()) {
            return new Problem(Refusal.BAD_REQUEST, "empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c >= TARGET_CHARS.length || !TARGET_CHARS[c]) {
                return new Problem(Refusal.BAD_REQUEST, String.format(
                        "the request target has byte 0x%02X at offset %d; percent-encode it", (int) c, i));
            }
        }
        return null;
    }
}
