package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;
import java.util.List;
import java.util.Map;

/**
 * What Netty's HTTP/2 decoder accepts in a request's header block but Sieve must not turn into an HTTP/1.1 request
 * (h2 -> h1 downgrade smuggling). Netty already answers a stream error (RST_STREAM) for connection-specific fields
 * ({@code connection}, {@code keep-alive}, {@code proxy-connection}, {@code transfer-encoding}, {@code upgrade}),
 * {@code te} other than {@code trailers}, upper-case or invalid names, pseudo-header fields after regular ones, a
 * missing {@code :method}, {@code :scheme} or {@code :path}, and a DATA length that differs from
 * {@code content-length}. This check adds, on the decoded block: each request pseudo-header field at most once,
 * {@code :scheme https} (the tunnel is TLS), a {@code :path} that is a valid origin-form target
 * ({@link RequestHeadCheck}), no {@code :protocol} (extended CONNECT is not offered), no {@code host} field beside
 * {@code :authority}, and no value with a control byte (CR, LF, NUL...) or leading or trailing whitespace
 * (RFC 9113 section 8.2.1). Pure: the caller passes the header block as name/value pairs.
 */
public final class H2RequestCheck {
    private H2RequestCheck() {}

    /** @return why the request is refused (the detail names fields and byte values, never a value), or {@code null} */
    public static RequestHeadCheck.Problem check(Iterable<? extends Map.Entry<? extends CharSequence,
            ? extends CharSequence>> headers) {
        int method = 0;
        int scheme = 0;
        int authority = 0;
        int host = 0;
        String path = null;
        int paths = 0;
        for (Map.Entry<? extends CharSequence, ? extends CharSequence> header : headers) {
            String name = header.getKey().toString();
            CharSequence value = header.getValue();
            switch (name) {
                case ":method" -> method++;
                case ":scheme" -> {
                    scheme++;
                    if (!"https".contentEquals(value)) {
                        return bad(":scheme must be https inside a TLS tunnel");
                    }
                }
                case ":authority" -> authority++;
                case ":path" -> {
                    paths++;
                    path = value.toString();
                }
                case ":protocol" -> {
                    return bad("extended CONNECT (:protocol) is not supported");
                }
                case "host" -> host++;
                default -> { }
            }
            String problem = valueProblem(value);
            if (problem != null) {
                return bad("header field " + safeName(name) + ": " + problem);
            }
        }
        if (method != 1 || scheme != 1 || paths != 1 || authority > 1) {
            return bad("a request needs exactly one :method, :scheme and :path, and at most one :authority");
        }
        if (authority == 1 && host > 0) {
            return bad("host beside :authority");
        }
        if (!path.startsWith("/") && !"*".equals(path)) {
            return bad(":path must be origin-form (start with /)");
        }
        return RequestHeadCheck.check(path, "HTTP", 1, 1, List.of());
    }

    private static String valueProblem(CharSequence value) {
        int n = value.length();
        if (n > 0 && (isWhitespace(value.charAt(0)) || isWhitespace(value.charAt(n - 1)))) {
            return "leading or trailing whitespace";
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return String.format("byte 0x%02X at offset %d", (int) c, i);
            }
        }
        return null;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** A field name as it may appear in an error: names are tokens (Netty validated them), truncated. */
    private static String safeName(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "..." : name;
    }

    private static RequestHeadCheck.Problem bad(String detail) {
        return new RequestHeadCheck.Problem(Refusal.BAD_REQUEST, detail);
    }
}
