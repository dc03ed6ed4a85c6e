package dev.sieve.proxy.inspect;

/**
 * What the proxy knows about one request before inspection: who sent it and where it goes.
 *
 * @param requestId unique id shown to the agent and written to the audit log
 * @param agentId   agent identity from Proxy-Authorization, or {@code "anonymous"}
 * @param host      normalized destination host
 * @param port      destination port
 * @param tls       true for intercepted HTTPS, false for plain http://
 */
public record ExchangeFacts(String requestId, String agentId, String clientAddress, String host, int port, boolean tls) {}
