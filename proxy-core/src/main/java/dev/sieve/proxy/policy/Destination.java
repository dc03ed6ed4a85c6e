package dev.sieve.proxy.policy;

/**
 * The facts of one request the destination policy decides on, as the client sent them.
 *
 * <p>No validation happens here: {@link DestinationPolicy#decide} turns any malformed value into a
 * {@link Decision.Deny}, so the caller never has to catch an exception.
 *
 * @param host the host from the CONNECT target or the absolute-form URL, unnormalized (may be null or bracketed IPv6)
 * @param port the requested port
 * @param tls true for a CONNECT tunnel, false for an absolute-form {@code http://} request
 */
public record Destination(String host, int port, boolean tls) {}
