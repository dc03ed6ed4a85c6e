package dev.sieve.proxy.auth;

import dev.sieve.certs.HostNames;
import dev.sieve.proxy.policy.AllowRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The destinations a token allows: {@code HOST[:PORT]} entries ({@code *.example.com} for subdomains, as in the
 * allowlist). An empty scope narrows nothing: the global allowlist alone decides. A non-empty scope only narrows
 * it: a request must be allowed by the allowlist <em>and</em> by the scope.
 *
 * @param entries normalized entries, in the order given
 */
public record TokenScope(List<Entry> entries) {

    /** No narrowing (static credentials, tokens without {@code --allow}). */
    public static final TokenScope UNRESTRICTED = new TokenScope(List.of());

    /** The most entries a token may carry (bounds the token's size). */
    public static final int MAX_ENTRIES = 64;

    static final String SYNTAX = "HOST[:PORT] with HOST a host name, IP literal or *.domain and PORT 1-65535";

    /** One entry; {@code port} 0 means any port the allowlist allows. */
    public record Entry(String host, int port) {
        public Entry {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
            }
        }

        boolean permits(String normalizedHost, int requestPort) {
            if (port != 0 && port != requestPort) {
                return false;
            }
            if (host.startsWith("*.")) {
                String suffix = host.substring(1); // ".example.com"
                return normalizedHost.endsWith(suffix) && normalizedHost.length() > suffix.length();
            }
            return host.equals(normalizedHost);
        }

        @Override
        public String toString() {
            return port == 0 ? host : host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    public TokenScope {
        entries = List.copyOf(entries);
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("allow: " + entries.size() + " entries (expected: at most "
                    + MAX_ENTRIES + ")");
        }
    }

    /**
     * Parses {@code HOST[:PORT]} texts.
     *
     * @throws IllegalArgumentException {@code "allow: <entry> (expected: ...)"}
     */
    public static TokenScope parse(List<String> texts) {
        List<Entry> entries = new ArrayList<>(texts.size());
        for (String text : texts) {
            entries.add(parseEntry(text));
        }
        return new TokenScope(entries);
    }

    private static Entry parseEntry(String text) {
        if (text == null || text.isEmpty() || text.length() > 260) {
            throw invalid(text);
        }
        String host = text;
        int port = 0;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (bracketed ? text.indexOf("]:") > 0 : colon > 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            String digits = text.substring(colon + 1);
            if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
                throw invalid(text);
            }
            port = Integer.parseInt(digits);
        }
        try {
            // The allowlist's own rules: the same patterns are valid (and as broad) in both.
            return new Entry(AllowRule.normalizePattern(host), port);
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    /** True if this scope lets a request reach {@code host:port} (the allowlist is checked separately). */
    public boolean permits(String host, int port) {
        if (entries.isEmpty()) {
            return true;
        }
        String normalized;
        try {
            normalized = HostNames.normalize(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Entry entry : entries) {
            if (entry.permits(normalized, port)) {
                return true;
            }
        }
        return false;
    }

    /** True if no destination is excluded by the token. */
    public boolean unrestricted() {
        return entries.isEmpty();
    }

    /** The entries as {@code HOST[:PORT]} texts ({@link #parse} reads them back). */
    public List<String> texts() {
        return entries.stream().map(Entry::toString).toList();
    }

    private static IllegalArgumentException invalid(String text) {
        String shown = text == null ? "null" : text.length() <= 100 && text.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                ? text : "(not shown)";
        return new IllegalArgumentException("allow: " + shown + " (expected: " + SYNTAX + ")");
    }
}
