package dev.sieve.proxy.policy;

import dev.sieve.certs.HostNames;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One allowlist entry: which host (or subdomains), which ports, and how the proxy treats the traffic.
 *
 * <p>The constructor normalizes and validates: {@code host} becomes the canonical form of
 * {@link HostNames#normalize} (for a wildcard, {@code "*."} followed by the normalized suffix);
 * {@code ports} becomes an immutable, sorted, non-empty set of values in 1-65535. A wildcard
 * {@code "*.example.com"} matches every name below {@code example.com} (any depth) but not
 * {@code example.com} itself; {@code "*"} and wildcards over a single label ({@code "*.com"}) are
 * rejected as too broad; a wildcard can never cover an IP literal.
 *
 * @param host exact host, exact IP literal, or {@code "*.domain"}
 * @param ports the ports this entry allows
 * @param mode inspect or pass through CONNECT tunnels to this host
 * @param privateAddresses true if the host may resolve to (or, for an IP literal, be) a loopback,
 *     private, link-local, CGNAT or reserved address; cloud metadata addresses stay refused regardless
 * @param plainHttp true if absolute-form {@code http://} requests to this host are allowed
 * @param destinationClass what kind of destination this is ({@code model-provider}, {@code other} or a name of the
 *     DLP team's): rules may set their action per class
 * @param subdomains how a wildcard entry checks the labels under its domain ({@link SubdomainCheck}); ignored for an
 *     exact entry
 * @param websocket true if agents may open WebSocket connections (HTTP/1.1 Upgrade) to this host; their client
 *     messages are inspected one by one
 * @throws IllegalArgumentException with a {@code "name: value (expected: ...)"} message
 */
public record AllowRule(String host, Set<Integer> ports, Mode mode, boolean privateAddresses, boolean plainHttp,
        String destinationClass, SubdomainLimits subdomains, boolean websocket) {

    static final String WILDCARD_PREFIX = "*.";
    /** The class of the built-in model endpoints. */
    public static final String MODEL_PROVIDER = "model-provider";
    /** The class of an entry that names none and is not a built-in model endpoint. */
    public static final String OTHER = "other";
    /** What a class name looks like (as a rule category): a lower-case letter, then up to 31 of [a-z0-9-]. */
    public static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public AllowRule {
        host = normalizePattern(host);
        ports = checkPorts(ports);
        Objects.requireNonNull(mode, "mode");
        if (destinationClass == null || !CLASS_NAME.matcher(destinationClass).matches()) {
            throw new IllegalArgumentException("class: " + destinationClass + " (expected: a lower-case letter, then"
                    + " up to 31 lower-case letters, digits or '-', e.g. model-provider or other)");
        }
        Objects.requireNonNull(subdomains, "subdomains");
    }

    /** An entry without WebSocket. */
    public AllowRule(String host, Set<Integer> ports, Mode mode, boolean privateAddresses, boolean plainHttp,
            String destinationClass, SubdomainLimits subdomains) {
        this(host, ports, mode, privateAddresses, plainHttp, destinationClass, subdomains, false);
    }

    /** An entry of class {@link #OTHER} with the default subdomain limits. */
    public AllowRule(String host, Set<Integer> ports, Mode mode, boolean privateAddresses, boolean plainHttp) {
        this(host, ports, mode, privateAddresses, plainHttp, OTHER, SubdomainLimits.DEFAULTS);
    }

    /** Convenience for the common case: port 443, TLS only, public addresses only. */
    public static AllowRule https(String host, Mode mode) {
        return new AllowRule(host, Set.of(443), mode, false, false);
    }

    /** True for a {@code "*.domain"} entry. */
    public boolean wildcard() {
        return host.startsWith(WILDCARD_PREFIX);
    }

    /** For a wildcard the domain below which it matches ({@code "example.com"} for {@code "*.example.com"}), else the host. */
    public String suffix() {
        return wildcard() ? host.substring(WILDCARD_PREFIX.length()) : host;
    }

    /** For a wildcard, the labels of {@code normalizedHost} under its domain ({@code "a.b"} for a.b.example.com). */
    public String subdomainOf(String normalizedHost) {
        return normalizedHost.substring(0, Math.max(0, normalizedHost.length() - suffix().length() - 1));
    }

    /** True if the host is an IP literal (only ever an exact entry). */
    public boolean ipLiteral() {
        return !wildcard() && HostNames.isIpLiteral(host);
    }

    /** True if this entry lists {@code port}. */
    public boolean allowsPort(int port) {
        return ports.contains(port);
    }

    /**
     * Returns the canonical form of an allowlist host pattern.
     *
     * @throws IllegalArgumentException {@code "host: <value> (expected: ...)"} for a malformed or too broad pattern
     */
    public static String normalizePattern(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("host: null (expected: a host name, IP literal or *.domain)");
        }
        if (pattern.equals("*")) {
            throw invalid(pattern, "a host name or *.domain; '*' alone would allow every destination");
        }
        if (pattern.startsWith(WILDCARD_PREFIX)) {
            String suffix = pattern.substring(WILDCARD_PREFIX.length());
            if (suffix.indexOf('*') >= 0) {
                throw invalid(pattern, "'*' only as the whole first label, as in *.example.com");
            }
            if (HostNames.isIpLiteral(suffix) || suffix.startsWith("[")) {
                throw invalid(pattern, "a domain after '*.', not an IP address");
            }
            String normalized = HostNames.normalize(suffix);
            if (HostNames.isIpLiteral(normalized)) { // "*.10.0.0.1." only shows its address once normalized
                throw invalid(pattern, "a domain after '*.', not an IP address");
            }
            if (normalized.indexOf('.') < 0) {
                throw invalid(pattern, "a wildcard over at least two labels, as in *.example.com;"
                        + " '*." + normalized + "' would allow a whole top-level domain");
            }
            return WILDCARD_PREFIX + normalized;
        }
        if (pattern.indexOf('*') >= 0) {
            throw invalid(pattern, "'*' only as the whole first label, as in *.example.com");
        }
        return HostNames.normalize(pattern);
    }

    private static Set<Integer> checkPorts(Set<Integer> ports) {
        if (ports == null || ports.isEmpty()) {
            throw new IllegalArgumentException("ports: " + ports + " (expected: at least one port in 1-65535)");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer port : ports) {
            if (port == null || port < 1 || port > 65535) {
                throw new IllegalArgumentException("ports: " + port + " (expected: 1-65535)");
            }
            sorted.add(port);
        }
        return Collections.unmodifiableSet(sorted);
    }

    private static IllegalArgumentException invalid(String pattern, String expected) {
        return new IllegalArgumentException("host: \"" + pattern + "\" (expected: " + expected + ")");
    }
}
