package dev.sieve.proxy.policy;

/** The closed set of reasons a destination is refused. Anything unforeseen maps to one of these as a deny. */
public enum DenyReason {
    /** The host is not a syntactically valid DNS name or IP literal, or the port is outside 1-65535. */
    INVALID_HOST,
    /** No allow entry matches the host. */
    NOT_ALLOWLISTED,
    /** An allow entry matches the host but does not list the port. */
    PORT_NOT_ALLOWED,
    /** An absolute-form {@code http://} request for an entry without {@code plainHttp: true}. */
    PLAIN_HTTP_NOT_ALLOWED,
    /** The host is an IP literal without an exact allow entry for that literal. */
    IP_LITERAL,
    /** The host is, or resolved to, an address the entry does not permit (private, loopback, metadata, ...). */
    PROHIBITED_ADDRESS,
    /** The host did not resolve to any address. */
    DNS_FAILED,
    /** The labels under a wildcard entry's domain look like encoded data ({@link SubdomainCheck}). */
    SUBDOMAIN_EXFILTRATION
}
