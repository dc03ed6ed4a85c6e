package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * What Netty's HTTP/1 decoder accepts in a request head but Sieve must not forward: a request
 * target with bytes that are not part of a URI, an HTTP version other than 1.0 or 1.1, and a
 * transfer coding other than {@code chunked}. Pure: the decoder has already split the line (it
 * rejects whitespace inside the target and bad methods itself, and validates header names and
 * values), and hands the target over byte for byte (ISO-8859-1), so checking the string is
 * checking the bytes.
 *
 * <p>The target may hold the RFC 3986 characters (unreserved, reserved and {@code %}), plus
 * {@code { } | ^ ` \}: RFC 3986 wants those percent-encoded, but clients that build URLs the WHATWG
 * way (Node's fetch, browsers) send them raw in a query string, and Go sends a query as it was
 * given. Refused: control bytes, space, {@code " < >} (every client encodes them), a second {@code #}
 * and non-ASCII bytes (clients send UTF-8 percent-encoded). One {@code #} passes here although a
 * fragment is never part of a request target (RFC 9112 section 3.2): a raw client can hide a value
 * after it, so the exchange routes and inspects such a request (view {@code target:fragment}) and
 * then refuses it ({@code target_fragment}), so that what it held is found and audited; it is never
 * forwarded. A lone {@code %} is let through for the same reason as the braces:
 * WHATWG clients send {@code ?q=100%} as typed.
 *
 * <p>Netty removes the chunked framing but no other transfer coding ({@code gzip, chunked}): Sieve
 * would scan a still-compressed body and forward it without the coding that says so. Compression
 * belongs in {@code Content-Encoding}, which Sieve decodes.
 */
public final class RequestHeadCheck {
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

    private RequestHeadCheck() {}

    /**
     * @param target       the request target as decoded (one char per byte)
     * @param protocolName the version's protocol name ({@code HTTP})
     * @param transferEncodings the values of every {@code Transfer-Encoding} field, in order
     * @return why the request head is refused, or {@code null} when it is fine
     */
    public static Problem check(String target, String protocolName, int major, int minor,
            List<String> transferEncodings) {
        if (!"HTTP".equals(protocolName) || major != 1 || minor > 1) {
            return new Problem(Refusal.HTTP_VERSION_NOT_SUPPORTED, null);
        }
        if (target.isEmpty()) {
            return new Problem(Refusal.BAD_REQUEST, "empty request target");
        }
        int fragment = target.indexOf('#');
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (i != fragment && (c >= TARGET_CHARS.length || !TARGET_CHARS[c])) {
                return new Problem(Refusal.BAD_REQUEST, String.format(
                        "the request target has byte 0x%02X at offset %d; percent-encode it", (int) c, i));
            }
        }
        return transferCodings(transferEncodings);
    }

    private static Problem transferCodings(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<String> codings = new ArrayList<>();
        for (String value : values) {
            for (String coding : value.split(",", -1)) {
                if (!coding.isBlank()) {
                    codings.add(coding.trim());
                }
            }
        }
        if (codings.size() == 1 && codings.get(0).equalsIgnoreCase("chunked")) {
            return null;
        }
        return new Problem(Refusal.BAD_REQUEST,
                "Transfer-Encoding: only chunked is supported (compress with Content-Encoding)");
    }
}
