package dev.sieve.proxy.route;

/**
 * A request target split into the parts Sieve treats differently: the authority it routes by, a userinfo and a
 * fragment it scans and never forwards, and the origin-form path and query it forwards. Pure; parsing never throws.
 *
 * <p>An HTTP client never sends a userinfo ({@code https://user:password@host/}, RFC 9110 section 4.2.4: "a sender
 * MUST NOT generate the userinfo subcomponent"; a recipient "SHOULD ... treat its presence as an error") nor a
 * fragment ({@code /v1/messages#part}, RFC 9110 section 7.1, RFC 9112 section 3.2), but a raw client can, and so hide
 * a value where a proxy that routes by the host and forwards the path never looks. Sieve scans both (views
 * {@code target:userinfo} and {@code target:fragment}), forwards neither, and refuses the request
 * ({@code target_userinfo}, {@code target_fragment}: 400, or the DLP block when a rule blocks what they hold).
 *
 * @param authority    {@code host[:port]} of an absolute-form target without its userinfo, or {@code null} for an
 *                     origin-form or asterisk-form target
 * @param userinfo     what precedes the last {@code @} of the authority, as sent (percent-encoded); {@code null} when
 *                     there is no {@code @} (an empty userinfo, {@code https://@host/}, is {@code ""})
 * @param pathAndQuery the origin-form target without the fragment: {@code /} when an absolute-form target has no path
 * @param fragment     what follows the first {@code #}, or {@code null} when there is no {@code #}
 */
public record RequestTarget(String authority, String userinfo, String pathAndQuery, String fragment) {

    /** Splits {@code uri} (a request target as received: origin-form, absolute-form or asterisk-form). */
    public static RequestTarget parse(String uri) {
        int scheme = uri.indexOf("://");
        if (uri.startsWith("/") || scheme < 0) {
            int hash = uri.indexOf('#');
            String pathAndQuery = hash < 0 ? uri : uri.substring(0, hash);
            return new RequestTarget(null, null, pathAndQuery.isEmpty() ? "/" : pathAndQuery,
                    hash < 0 ? null : uri.substring(hash + 1));
        }
        int start = scheme + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        String authority = uri.substring(start, end);
        // The last '@' ends the userinfo, as WHATWG URL parsers read it (RFC 3986 allows no '@' in a userinfo).
        int at = authority.lastIndexOf('@');
        String userinfo = at < 0 ? null : authority.substring(0, at);
        String rest = uri.substring(end);
        int hash = rest.indexOf('#');
        String pathAndQuery = hash < 0 ? rest : rest.substring(0, hash);
        if (pathAndQuery.isEmpty() || pathAndQuery.startsWith("?")) {
            pathAndQuery = "/" + pathAndQuery;
        }
        return new RequestTarget(authority.substring(at + 1), userinfo, pathAndQuery,
                hash < 0 ? null : rest.substring(hash + 1));
    }

    /**
     * The origin-form target as scanned and audited: the path and query, then {@code #} and the fragment when there
     * is one (the engine scans the fragment as its own view; the audit masks it as {@code #***}).
     */
    public String originFormWithFragment() {
        return fragment == null ? pathAndQuery : pathAndQuery + "#" + fragment;
    }

    /** Whether the target has a part HTTP never sends: a userinfo or a fragment. */
    public boolean hasHiddenPart() {
        return userinfo != null || fragment != null;
    }
}
