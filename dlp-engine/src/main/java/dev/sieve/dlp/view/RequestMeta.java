package dev.sieve.dlp.view;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that decide how it is scanned and its body decoded: method, request target
 * ({@code /path?query}, with any {@code #fragment} the client sent), the userinfo of an absolute-form target, headers
 * in arrival order and the trailer fields of a chunked (or h2) body.
 *
 * <p>A userinfo ({@code https://user:password@host/}) and a fragment are never part of a request HTTP sends (RFC 9110
 * sections 4.2.4 and 7.1), but a raw client can put them there, and so hide a value in them: both are scanned, as
 * views {@code target:userinfo} and {@code target:fragment}, and so are trailer fields ({@code trailer:<name>}), see
 * {@code dev.sieve.dlp.inspect.TargetViews}.
 *
 * @param method       request method, e.g. {@code POST}
 * @param pathAndQuery origin-form request target; its query string is scanned as view {@code query}; a {@code #}
 *                     and what follows it is the fragment (view {@code target:fragment}), never part of the query
 * @param headers      header fields in arrival order; names compare case-insensitively
 * @param userinfo     the userinfo of an absolute-form target as sent (percent-encoded, without its {@code @}), or
 *                     empty when there is none
 * @param trailers     trailer fields in arrival order (after the last chunk), empty when there are none
 */
public record RequestMeta(String method, String pathAndQuery, List<Map.Entry<String, String>> headers,
        String userinfo, List<Map.Entry<String, String>> trailers) {

    public RequestMeta {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(userinfo, "userinfo");
        trailers = List.copyOf(Objects.requireNonNull(trailers, "trailers"));
    }

    /** A request without userinfo and trailers. */
    public RequestMeta(String method, String pathAndQuery, List<Map.Entry<String, String>> headers) {
        this(method, pathAndQuery, headers, "", List.of());
    }

    /** This request with {@code trailers} as its trailer fields (they arrive after the body). */
    public RequestMeta withTrailers(List<Map.Entry<String, String>> trailers) {
        return new RequestMeta(method, pathAndQuery, headers, userinfo, trailers);
    }

    /** Returns the value of the first header named {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** Returns the values of every header named {@code name} (case-insensitive), in order. */
    public List<String> headers(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.stream()
                .filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .toList();
    }
}
