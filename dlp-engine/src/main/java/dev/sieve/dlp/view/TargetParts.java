package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a request target that HTTP never sends but a raw client can, and so can hide a value in: the userinfo
 * of an absolute-form target ({@code POST https://AKIA...:secret@api.example.com/v1 HTTP/1.1}; RFC 9110 section
 * 4.2.4 forbids generating it) and a fragment ({@code /v1/messages#k=sk_live_...}; RFC 9110 section 7.1, RFC 9112
 * section 3.2: a client must not send it). Each is scanned as its own view, and so are trailer fields (after the
 * last chunk of a chunked body, or an h2 HEADERS frame after DATA): {@code trailer:<name>}, content {@code name: value}
 * like a header's.
 *
 * <ul>
 *   <li>{@value #USERINFO_VIEW}: {@code user: <user>} and, when the userinfo has a {@code :}, a second line
 *       {@code password: <password>}, each percent-decoded once ({@code +} stays {@code +}). The userinfo is a
 *       credential by its definition (RFC 3986 section 3.2.1 calls {@code user:password} deprecated), so the
 *       password is shown to the rules the way a config file would show it: credential-assignment rules read it
 *       (checked like any assigned value: long enough, mixed, not a placeholder), and vendor tokens match as they
 *       are.</li>
 *   <li>{@value #FRAGMENT_VIEW}: what follows the first {@code #} of the target, percent-decoded once.</li>
 * </ul>
 *
 * <p>None of them can be redacted (a rewritten userinfo or fragment would still never be sent; a trailer is dropped):
 * a redact finding there escalates to block, as in a header. Pure.
 */
public final class TargetParts {

    /** The view of the userinfo of an absolute-form target. */
    public static final String USERINFO_VIEW = "target:userinfo";
    /** The view of the fragment of a target. */
    public static final String FRAGMENT_VIEW = "target:fragment";
    /** The prefix of the view of a trailer field, before its lower-case name. */
    public static final String TRAILER_PREFIX = "trailer:";
    /** The prefix of the target's views. */
    public static final String TARGET_PREFIX = "target:";

    private TargetParts() {
    }

    /** The fragment of {@code pathAndQuery}: what follows its first {@code #}, or null when there is no {@code #}. */
    public static String fragment(String pathAndQuery) {
        int hash = pathAndQuery.indexOf('#');
        return hash < 0 ? null : pathAndQuery.substring(hash + 1);
    }

    /** The content of view {@value #FRAGMENT_VIEW}, or null when the target has no fragment or an empty one. */
    public static byte[] fragmentText(String pathAndQuery) {
        String fragment = fragment(pathAndQuery);
        return fragment == null || fragment.isEmpty() ? null : decode(fragment);
    }

    /** The content of view {@value #USERINFO_VIEW} for a userinfo as sent, or null when it is empty. */
    public static byte[] userinfoText(String userinfo) {
        if (userinfo.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(userinfo.length() + 16);
        int colon = userinfo.indexOf(':');
        out.writeBytes("user: ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(decode(colon < 0 ? userinfo : userinfo.substring(0, colon)));
        if (colon >= 0) {
            out.writeBytes("\npassword: ".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(decode(userinfo.substring(colon + 1)));
        }
        return out.toByteArray();
    }

    /** True for a view (or a layer decoded from one) of the target's userinfo or fragment, or of a trailer field. */
    public static boolean isTargetOrTrailer(String viewPath) {
        return viewPath.startsWith(TARGET_PREFIX) || viewPath.startsWith(TRAILER_PREFIX);
    }

    private static byte[] decode(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        return UrlEncoded.percentDecode(raw, 0, raw.length, false);
    }
}
