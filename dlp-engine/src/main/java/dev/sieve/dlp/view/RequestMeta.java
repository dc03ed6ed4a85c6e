package dev.sieve.dlp.view;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that decide how its body is decoded: method, request target
 * ({@code /path?query}) and headers in arrival order.
 *
 * @param method       request method, e.g. {@code POST}
 * @param pathAndQuery origin-form request target; its query string is scanned as view {@code query}
 * @param headers      header fields in arrival order; names compare case-insensitively
 */
public record RequestMeta(String method, String pathAndQuery, List<Map.Entry<String, String>> headers) {

    public RequestMeta {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
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
