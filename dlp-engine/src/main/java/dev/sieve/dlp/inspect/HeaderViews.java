package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.view.Boundaries;
import dev.sieve.dlp.view.Cookies;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.TargetParts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which request headers are scanned, and their view paths ({@code header:x-api-key}, {@code header:accept~2},
 * {@code cookie:session}).
 *
 * <p>Every header is scanned (Content-Type with its parameters, Accept, Accept-Language, Accept-Encoding, Expect,
 * custom headers...) except the ones Sieve consumes and never forwards or forwards only as it checked them:
 * the hop-by-hop fields the proxy strips ({@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection},
 * {@code Proxy-Authorization} (the agent's credentials to Sieve), {@code Proxy-Authenticate}, {@code TE},
 * {@code Trailer}, {@code Upgrade}) and the framing and routing it validates ({@code Host}, which must name the
 * allowed destination; {@code Content-Length} and {@code Transfer-Encoding}, which Sieve checks and rewrites).
 *
 * <p>A {@code Cookie} header is not one view: each cookie is its own view {@code cookie:<name>} ({@code ~2},
 * {@code ~3} for repeats across all Cookie headers; {@code cookie:[k]} for the k-th cookie when its name is empty,
 * over 64 characters or not a token), whose content is {@code name=value} with the value percent-decoded, so a
 * percent-encoded secret is seen and the name is context for the value.
 */
final class HeaderViews {

    static final String PREFIX = "header:";
    static final String COOKIE_PREFIX = "cookie:";
    /** The view of the boundaries between consecutive scanned header values ({@link #joined}). */
    static final String JOINED_VIEW = "headers|joined";

    /** Headers Sieve consumes (hop-by-hop, stripped before forwarding) or validates as framing/routing: not scanned. */
    static final Set<String> SKIPPED = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization",
            "proxy-authenticate", "te", "trailer", "upgrade", "host", "content-length", "transfer-encoding");

    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`~-]{1,64}");

    /** One header or cookie as a view: content is {@code name: value} (or {@code name=value}) in UTF-8. */
    record HeaderView(String path, byte[] content) {
    }

    private HeaderViews() {
    }

    static List<HeaderView> of(RequestMeta meta) {
        List<HeaderView> views = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int cookieIndex = 0;
        for (Map.Entry<String, String> header : meta.headers()) {
            String name = header.getKey().strip().toLowerCase(Locale.ROOT);
            if (SKIPPED.contains(name)) {
                continue;
            }
            String value = header.getValue() == null ? "" : header.getValue();
            if (name.equals("cookie")) {
                for (Cookies.Cookie cookie : Cookies.parse(value)) {
                    cookieIndex++;
                    String key = COOKIE_NAME.matcher(cookie.name()).matches() ? cookie.name() : "[" + cookieIndex + "]";
                    views.add(new HeaderView(numbered(COOKIE_PREFIX + key, seen), cookieContent(cookie)));
                }
                continue;
            }
            views.add(new HeaderView(numbered(PREFIX + name, seen), (name + ": " + value).getBytes(StandardCharsets.UTF_8)));
        }
        for (Map.Entry<String, String> trailer : meta.trailers()) {
            String name = trailer.getKey().strip().toLowerCase(Locale.ROOT);
            String value = trailer.getValue() == null ? "" : trailer.getValue();
            views.add(new HeaderView(numbered(TargetParts.TRAILER_PREFIX + name, seen),
                    (name + ": " + value).getBytes(StandardCharsets.UTF_8)));
        }
        byte[] userinfo = TargetParts.userinfoText(meta.userinfo());
        if (userinfo != null) {
            views.add(new HeaderView(TargetParts.USERINFO_VIEW, userinfo));
        }
        byte[] fragment = TargetParts.fragmentText(meta.pathAndQuery());
        if (fragment != null) {
            views.add(new HeaderView(TargetParts.FRAGMENT_VIEW, fragment));
        }
        return views;
    }

    /**
     * The boundaries between the values of consecutive scanned headers, in order ({@link Boundaries}, view
     * {@link #JOINED_VIEW}), for a value split over headers ({@code X-Part-1}, {@code X-Part-2}); null when there is
     * no boundary. Only headers proper ({@code header:} views): not cookies, trailers, userinfo or fragment, and not
     * the auth headers ({@link #isAuthHeader}), which carry the agent's own key to its model provider and whose
     * findings the policy may ignore there. Values shorter than {@link Boundaries#MIN_VALUE} are left out. A
     * boundary's place is the index of the later header in {@code headers}.
     */
    static Boundaries joined(List<HeaderView> headers) {
        Boundaries joined = null;
        byte[] first = null;
        int firstIndex = -1;
        for (int i = 0; i < headers.size(); i++) {
            HeaderView h = headers.get(i);
            if (!h.path().startsWith(PREFIX) || isAuthHeader(h.path())) {
                continue;
            }
            byte[] c = h.content();
            int from = valueStart(c);
            if (c.length - from < Boundaries.MIN_VALUE) {
                continue;
            }
            if (first == null) {
                first = c;
                firstIndex = i;
                continue;
            }
            if (joined == null) {
                joined = Boundaries.ofValues();
                joined.add(first, valueStart(first), first.length, firstIndex);
            }
            joined.add(c, from, c.length, i);
        }
        return joined != null && joined.finish() ? joined : null;
    }

    /** Where the value starts in a header view's {@code name: value}. */
    private static int valueStart(byte[] content) {
        for (int i = 0; i + 1 < content.length; i++) {
            if (content[i] == ':' && content[i + 1] == ' ') {
                return i + 2;
            }
        }
        return content.length;
    }

    private static String numbered(String path, Map<String, Integer> seen) {
        int n = seen.merge(path, 1, Integer::sum);
        return n == 1 ? path : path + "~" + n;
    }

    private static byte[] cookieContent(Cookies.Cookie cookie) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(cookie.name().getBytes(StandardCharsets.UTF_8));
        out.write('=');
        out.writeBytes(cookie.value());
        return out.toByteArray();
    }

    /**
     * True for the view of a header, a cookie, a trailer field or the target's userinfo or fragment (and the layers
     * decoded from them), or of the headers' values joined: none can be redacted.
     */
    static boolean isHeader(String viewPath) {
        return viewPath.startsWith(PREFIX) || viewPath.startsWith(COOKIE_PREFIX) || viewPath.startsWith(JOINED_VIEW)
                || TargetParts.isTargetOrTrailer(viewPath);
    }

    /**
     * True if {@code f} lies in the view of an auth header ({@link #isAuthHeader}) itself and starts within the header's
     * name, before the {@code ": "} that separates it from the value. A layer decoded out of the header
     * ({@code header:authorization|base64}) holds no name: its offsets are into the decoded value.
     */
    static boolean startsInAuthHeaderName(Finding f) {
        if (!isAuthHeader(f.viewPath()) || f.viewPath().indexOf('|') >= 0) {
            return false;
        }
        String name = f.viewPath().substring(PREFIX.length());
        int tilde = name.indexOf('~');
        return f.start() < (tilde < 0 ? name : name.substring(0, tilde)).length();
    }

    /**
     * True for the view of a header in {@link InspectionPolicy#AUTH_HEADERS}, repeats and decoded layers
     * ({@code header:authorization|base64}: Basic credentials) included.
     */
    static boolean isAuthHeader(String viewPath) {
        if (!viewPath.startsWith(PREFIX)) {
            return false;
        }
        String name = viewPath.substring(PREFIX.length());
        int end = name.length();
        for (char stop : new char[] {'~', '|'}) {
            int at = name.indexOf(stop);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return InspectionPolicy.AUTH_HEADERS.contains(name.substring(0, end));
    }
}
