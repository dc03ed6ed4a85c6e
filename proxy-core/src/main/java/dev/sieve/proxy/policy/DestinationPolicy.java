package dev.sieve.proxy.policy;

import dev.sieve.certs.HostNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a destination may be reached: a pure function of the allowlist and the request facts.
 *
 * <p>A request passes two checks. {@link #decide} runs before any network activity and checks, in
 * this order: host syntax ({@link DenyReason#INVALID_HOST}), IP literals (allowed only with an
 * exact entry for that literal, whose address class is checked at once: {@link DenyReason#IP_LITERAL},
 * {@link DenyReason#PROHIBITED_ADDRESS}), the allowlist ({@link DenyReason#NOT_ALLOWLISTED}), the port
 * ({@link DenyReason#PORT_NOT_ALLOWED}), plain HTTP ({@link DenyReason#PLAIN_HTTP_NOT_ALLOWED}) and, for a wildcard
 * entry, the labels under its domain ({@link DenyReason#SUBDOMAIN_EXFILTRATION}, {@link SubdomainCheck}), so that
 * data encoded into a subdomain never reaches DNS.
 * After resolving an allowed host, the caller passes every resolved address to {@link #checkAddresses}
 * and connects to the one address it returns, so that what was checked is what is reached.
 *
 * <p>An allowed IP literal has already had its own address checked; resolving it (the JDK parses a
 * literal without DNS) and calling {@link #checkAddresses} again is harmless and gives the same answer.
 *
 * <p>Both methods never throw for bad input; they return a deny. Deny details name the host, port
 * and address class, never request data.
 */
public final class DestinationPolicy {

    private final Allowlist allowlist;

    public DestinationPolicy(Allowlist allowlist) {
        this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
    }

    /** The allowlist this policy decides with. */
    public Allowlist allowlist() {
        return allowlist;
    }

    /** Decides on the request facts alone; an {@link Decision.Allow} still needs {@link #checkAddresses}. */
    public Decision decide(Destination destination) {
        Objects.requireNonNull(destination, "destination");
        String host;
        try {
            host = HostNames.normalize(destination.host());
        } catch (IllegalArgumentException e) {
            return new Decision.Deny(DenyReason.INVALID_HOST, e.getMessage());
        }
        int port = destination.port();
        if (port < 1 || port > 65535) {
            return new Decision.Deny(DenyReason.INVALID_HOST, "port " + port + " of " + host + " is outside 1-65535");
        }
        boolean ipLiteral = HostNames.isIpLiteral(host);
        Optional<AllowRule> match = allowlist.match(host);
        if (match.isEmpty()) {
            return ipLiteral
                    ? new Decision.Deny(DenyReason.IP_LITERAL,
                            "IP address " + host + " is not allowlisted; only an exact allow entry for it permits it")
                    : new Decision.Deny(DenyReason.NOT_ALLOWLISTED, host + " is not allowlisted");
        }
        AllowRule rule = match.get();
        if (!rule.allowsPort(port)) {
            return new Decision.Deny(DenyReason.PORT_NOT_ALLOWED,
                    "port " + port + " is not allowed for " + host + " (allowed: " + joinPorts(rule) + ")");
        }
        if (!destination.tls() && !rule.plainHttp()) {
            return new Decision.Deny(DenyReason.PLAIN_HTTP_NOT_ALLOWED,
                    "plain http:// to " + host + " is not allowed; use https or set plainHttp on its allow entry");
        }
        if (rule.wildcard()) {
            Optional<SubdomainCheck.Violation> violation = SubdomainCheck.check(rule.subdomainOf(host), rule.subdomains());
            if (violation.isPresent()) {
                // The labels are the suspected data: the detail names the entry and the test, never the host.
                return new Decision.Deny(DenyReason.SUBDOMAIN_EXFILTRATION, "a subdomain under " + rule.host()
                        + " looks like encoded data (test " + violation.get().test() + ": " + violation.get().detail()
                        + "; see allow[].subdomains)");
            }
        }
        if (ipLiteral) {
            AddressDecision addressDecision = checkAddresses(rule, host, List.of(literalAddress(host)));
            if (addressDecision.deny().isPresent()) {
                return addressDecision.deny().get();
            }
        }
        return new Decision.Allow(rule, host, port);
    }

    /**
     * Checks the addresses {@code host} resolved to under {@code rule} and picks the one to connect to.
     *
     * <p>Refused with {@link DenyReason#DNS_FAILED} if {@code resolved} is empty; with
     * {@link DenyReason#PROHIBITED_ADDRESS} if <em>any</em> address is not {@link AddressClass#reachable}
     * under the rule (a name that mixes public and private answers is treated as a rebinding attempt),
     * which includes every {@link AddressClass#METADATA} address even with {@code privateAddresses: true}.
     * Otherwise the first address is returned, unchanged.
     */
    public AddressDecision checkAddresses(AllowRule rule, String host, List<InetAddress> resolved) {
        Objects.requireNonNull(rule, "rule");
        if (resolved == null || resolved.isEmpty()) {
            return AddressDecision.refuse(DenyReason.DNS_FAILED, host + " did not resolve to any address");
        }
        for (InetAddress address : resolved) {
            AddressClass addressClass = address == null ? AddressClass.RESERVED : AddressClassifier.classify(address);
            if (!addressClass.reachable(rule.privateAddresses())) {
                return AddressDecision.refuse(DenyReason.PROHIBITED_ADDRESS, prohibitedDetail(rule, host, addressClass));
            }
        }
        return AddressDecision.connect(resolved.get(0));
    }

    private static String prohibitedDetail(AllowRule rule, String host, AddressClass addressClass) {
        String className = addressClass.name().toLowerCase(Locale.ROOT).replace('_', '-');
        String base = host + " resolves to a prohibited address (class: " + className + ")";
        if (addressClass.reachable(true)) {
            return base + "; set privateAddresses: true on the allow entry " + rule.host() + " to permit it";
        }
        return base + ", which no allow entry can permit";
    }

    /** {@code host} passed {@link HostNames#isIpLiteral}, so the JDK parses it and performs no lookup. */
    private static InetAddress literalAddress(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("normalized IP literal did not parse: " + host, e);
        }
    }

    private static String joinPorts(AllowRule rule) {
        StringBuilder out = new StringBuilder();
        for (int p : rule.ports()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(p);
        }
        return out.toString();
    }
}
