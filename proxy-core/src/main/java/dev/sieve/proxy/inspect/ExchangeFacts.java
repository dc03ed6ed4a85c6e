package dev.sieve.proxy.inspect;

/**
 * What the proxy knows about one request before inspection: who sent it and where it goes.
 *
 * @param requestId unique id shown to the agent and written to the audit log
 * @param agentId   agent identity from Proxy-Authorization, or {@code "anonymous"}
 * @param host      normalized destination host
 * @param port      destination port
 * @param tls       true for intercepted HTTPS, false for plain http://
 * @param enforced  true when the agent's signed token has {@code mode: enforce}: its requests are enforced even when
 *                  Sieve runs in monitor mode (a token can make enforcement stricter, never laxer)
 */
public record ExchangeFacts(String requestId, String agentId, String clientAddress, String host, int port, boolean tls,
        boolean enforced) {

    /** Facts of a request whose mode is Sieve's configured one. */
    public ExchangeFacts(String requestId, String agentId, String clientAddress, String host, int port, boolean tls) {
        this(requestId, agentId, clientAddress, host, port, tls, false);
    }
}
