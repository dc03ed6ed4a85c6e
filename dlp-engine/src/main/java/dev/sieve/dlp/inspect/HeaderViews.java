package dev.sieve.dlp.inspect;

import dev.sieve.dlp.view.RequestMeta;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which request headers are scanned, and their view paths ({@code header:x-api-key}, {@code header:cookie~2}). */
final class HeaderViews {

    static final String PREFIX = "header:";

    /** Headers that frame, route or negotiate the message, or authenticate to Sieve itself: not scanned. */
    static final Set<String> SKIPPED = Set.of("host", "content-length", "content-type", "content-encoding",
            "transfer-encoding", "connection", "keep-alive", "proxy-connection", "proxy-authorization", "te",
            "trailer", "upgrade", "expect", "accept", "accept-encoding", "accept-language");

    /** One header as a view: content is {@code name: value} in UTF-8, the name in lower case. */
    record HeaderView(String path, byte[] content) {
    }

    private HeaderViews() {
    }

    static List<HeaderView> of(RequestMeta meta) {
        List<HeaderView> views = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Map.Entry<String, String> header : meta.headers()) {
            String name = header.getKey().strip().toLowerCase(Locale.ROOT);
            if (SKIPPED.contains(name)) {
                continue;
            }
            int n = seen.merge(name, 1, Integer::sum);
            String path = PREFIX + name + (n == 1 ? "" : "~" + n);
            String value = header.getValue() == null ? "" : header.getValue();
            views.add(new HeaderView(path, (name + ": " + value).getBytes(StandardCharsets.UTF_8)));
        }
        return views;
    }

    static boolean isHeader(String viewPath) {
        return viewPath.startsWith(PREFIX);
    }

    /**
     * True for the view of a header in {@link InspectionPolicy#AUTH_HEADERS}, repeats and decoded layers
     * ({@code header:authorization|base64}: Basic credentials) included.
     */
    static boolean isAuthHeader(String viewPath) {
        if (!isHeader(viewPath)) {
            return false;
        }
        String name = viewPath.substring(PREFIX.length());
        int bar = name.indexOf('|');
        name = bar < 0 ? name : name.substring(0, bar);
        int tilde = name.indexOf('~');
        return InspectionPolicy.AUTH_HEADERS.contains(tilde < 0 ? name : name.substring(0, tilde));
    }
}
