package dev.sieve.proxy.error;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The closed set of reasons Sieve refuses a request, each with the status, the RFC 9209
 * {@code Proxy-Status} error type and the model-API error type an agent sees. This is the one
 * place where reasons become HTTP: handlers name a {@code Refusal}, {@link ErrorResponses} renders it.
 */
public enum Refusal {
    BAD_REQUEST(400, "http_request_error", "invalid_request_error", "the request is not valid HTTP"),
    REQUEST_SMUGGLING(400, "http_request_error", "invalid_request_error",
            "the request framing is ambiguous (Content-Length with Transfer-Encoding, conflicting lengths or bad chunks)"),
    // A request target with a part HTTP never sends (RFC 9110 sections 4.2.4 and 7.1): scanned, then refused, never
    // forwarded (dev.sieve.proxy.route.RequestTarget). A DLP block on what the part holds answers instead.
    TARGET_USERINFO(400, "http_request_error", "invalid_request_error",
            "the request target has a userinfo (user:password@ before the host), which HTTP never sends; Sieve"
                    + " does not forward it: send credentials in a header"),
    TARGET_FRAGMENT(400, "http_request_error", "invalid_request_error",
            "the request target has a fragment (#...), which HTTP never sends; Sieve does not forward it: drop it, or"
                    + " percent-encode a literal # as %23"),
    URI_TOO_LONG(414, "http_request_error", "invalid_request_error", "the request line is too long"),
    HTTP_VERSION_NOT_SUPPORTED(505, "http_request_error", "invalid_request_error",
            "only HTTP/1.0 and HTTP/1.1 requests are supported"),
    HEADERS_TOO_LARGE(431, "http_request_error", "invalid_request_error", "the request headers are too large"),
    BODY_TOO_LARGE(413, "http_request_error", "request_too_large", "the request body exceeds the inspection limit"),
    REQUEST_HEADER_TIMEOUT(408, "http_request_error", "timeout_error",
            "the request head did not arrive in time (slow or stalled client)"),
    REQUEST_BODY_TIMEOUT(408, "http_request_error", "timeout_error",
            "the request body arrived too slowly or stalled"),
    METHOD_NOT_ALLOWED(405, "http_request_error", "invalid_request_error", "this method is not supported here"),
    UNSUPPORTED_UPGRADE(400, "http_request_error", "invalid_request_error",
            "this protocol upgrade is not allowed through Sieve (WebSocket needs websocket: true on the"
                    + " destination's allow entry)"),
    PROXY_AUTH_REQUIRED(407, "http_request_denied", "authentication_error",
            "Sieve requires Proxy-Authorization: Basic <agent-id:token>"),
    PROXY_AUTH_INVALID(407, "http_request_denied", "authentication_error", "the proxy credentials are not valid"),
    INVALID_HOST(400, "destination_not_found", "invalid_request_error", "the destination host name is not valid"),
    NOT_ALLOWLISTED(403, "destination_not_found", "permission_error", "the destination is not on Sieve's allowlist"),
    PORT_NOT_ALLOWED(403, "destination_not_found", "permission_error", "the destination port is not allowed"),
    PLAIN_HTTP_NOT_ALLOWED(403, "http_request_denied", "permission_error",
            "plain http:// is not allowed to this destination; use https://"),
    IP_LITERAL(403, "destination_ip_prohibited", "permission_error", "IP-address destinations are not allowed"),
    PROHIBITED_ADDRESS(403, "destination_ip_prohibited", "permission_error",
            "the destination resolves to a prohibited address (loopback, private, link-local, metadata...)"),
    SUBDOMAIN_EXFILTRATION(403, "http_request_denied", "permission_error",
            "the destination's subdomain looks like encoded data (subdomain exfiltration check of its allow entry)"),
    HOST_MISMATCH(403, "http_request_denied", "permission_error",
            "the Host of the request does not match the CONNECT destination (domain fronting is refused)"),
    SNI_MISMATCH(403, "http_request_denied", "permission_error",
            "the TLS server name does not match the CONNECT destination"),
    DNS_FAILED(502, "dns_error", "api_error", "the destination name could not be resolved"),
    /** The resolver gave no answer within {@code proxy.idleTimeout} (RFC 9209 {@code dns_timeout}). */
    DNS_TIMEOUT(504, "dns_timeout", "api_error", "resolving the destination name timed out"),
    CONNECTION_REFUSED(502, "connection_refused", "api_error", "the destination refused the connection"),
    CONNECTION_TIMEOUT(504, "connection_timeout", "api_error", "connecting to the destination timed out"),
    UPSTREAM_TLS_CERTIFICATE(502, "tls_certificate_error", "api_error",
            "the destination's TLS certificate could not be verified"),
    UPSTREAM_TLS_PROTOCOL(502, "tls_protocol_error", "api_error", "the TLS handshake with the destination failed"),
    UPSTREAM_RESPONSE_TIMEOUT(504, "http_response_timeout", "api_error",
            "the destination did not answer in time"),
    UPSTREAM_CLOSED(502, "http_response_incomplete", "api_error", "the destination closed the connection early"),
    UPSTREAM_BAD_RESPONSE(502, "http_protocol_error", "api_error", "the destination sent an invalid response"),
    INSPECTION_BLOCKED(403, "http_request_denied", "permission_error", "Sieve's data loss prevention blocked this request"),
    INSPECTION_FAILED(403, "http_request_denied", "permission_error",
            "Sieve could not inspect this request and fails closed"),
    MCP_TOOL_DENIED(403, "http_request_denied", "permission_error",
            "the MCP server's tool policy in Sieve does not allow this tool"),
    MCP_INVALID_MESSAGE(400, "http_request_error", "invalid_request_error",
            "the request to this MCP server is not a JSON-RPC 2.0 message Sieve can read"),
    KILL_SWITCH(403, "http_request_denied", "permission_error",
            "Sieve's kill switch is engaged: uploads are stopped until an administrator releases it"),
    AUDIT_UNAVAILABLE(503, "proxy_internal_error", "overloaded_error",
            "Sieve cannot record decisions right now (audit backlog); retry shortly"),
    BODY_BUDGET_EXHAUSTED(503, "proxy_internal_error", "overloaded_error",
            "Sieve's memory for request bodies in flight is in use (by this agent or in all); retry shortly"),
    CONNECTION_LIMIT(503, "proxy_internal_error", "overloaded_error",
            "Sieve has too many open connections (from this client or in all); retry shortly"),
    INTERNAL_ERROR(500, "proxy_internal_error", "api_error", "Sieve hit an internal error"),
    // RFC 9209 proxy_internal_error: the proxy cannot serve the request for a reason of its own, unrelated to the
    // origin and to the request (http_request_error would tell the agent its request is malformed).
    INSPECTION_BUSY(503, "proxy_internal_error", "overloaded_error",
            "Sieve's inspection workers are all busy; retry shortly"),
    /** Sieve is shutting down: the request was not inspected and nothing was sent (a balancer has other replicas). */
    STOPPING(503, "proxy_internal_error", "overloaded_error",
            "Sieve is stopping and did not inspect or send this request; retry shortly"),
    TOKEN_SCOPE(403, "http_request_denied", "permission_error",
            "the destination is outside the agent token's scope (its allow list)"),
    TOKEN_EXPIRED(407, "http_request_denied", "authentication_error",
            "the agent token has expired; get a new one (sieve token issue)"),
    TOKEN_REVOKED(407, "http_request_denied", "authentication_error",
            "the agent token (or the agent) has been revoked by an administrator"),
    // The destination's credential is injected by Sieve (credentials[].requireInjected): the agent must not hold one.
    CREDENTIAL_NOT_INJECTED(403, "http_request_denied", "permission_error",
            "Sieve injects this destination's credential, and the request carries a credential of its own"),
    // Its Retry-After is the budget's own (Router.Routed.Refused#retryAfterSeconds), not retryAfterSeconds().
    BUDGET_EXCEEDED(429, "http_request_denied", "rate_limit_error",
            "the agent's budget in Sieve is used up (requests per minute, upload bytes or open connections)");

    private final HttpResponseStatus status;
    private final String proxyStatusError;
    private final String apiErrorType;
    private final String message;

    Refusal(int status, String proxyStatusError, String apiErrorType, String message) {
        this.status = HttpResponseStatus.valueOf(status);
        this.proxyStatusError = proxyStatusError;
        this.apiErrorType = apiErrorType;
        this.message = message;
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** RFC 9209 error type for the {@code Proxy-Status} header. */
    public String proxyStatusError() {
        return proxyStatusError;
    }

    /** Error type in the model-API error shape ({@code {"type":"error","error":{"type":...}}}). */
    public String apiErrorType() {
        return apiErrorType;
    }

    /** Fixed human-readable explanation; never contains request data. */
    public String message() {
        return message;
    }

    /** Seconds an agent should wait before retrying ({@code Retry-After}), or 0 when no retry hint is given. */
    public int retryAfterSeconds() {
        return switch (this) {
            // Room comes back as other uploads finish: a few seconds, not minutes.
            case BODY_BUDGET_EXHAUSTED, CONNECTION_LIMIT, INSPECTION_BUSY -> 5;
            // The audit writer drains its backlog in milliseconds once the disk or sink answers again; a stopping
            // replica is out of the load balancer's rotation within a second or two.
            case AUDIT_UNAVAILABLE, STOPPING -> 1;
            // Only when a budget refusal does not carry its own wait (Router.Routed.Refused#retryAfterSeconds).
            case BUDGET_EXCEEDED -> 60;
            default -> 0;
        };
    }

    /**
     * What a refusal's {@code Proxy-Status} {@code details} start with, before its detail: the reason code, or for
     * {@link #BUDGET_EXCEEDED} {@code budget} ({@code details="budget: rpm=60 of agent a1 is spent"}).
     */
    public String detailsLabel() {
        return this == BUDGET_EXCEEDED ? "budget" : code();
    }

    /**
     * What the agent can do about this refusal, ending where the renderer appends the request id; {@code null} when
     * the message says enough. A block on content is refused again for the same content, so the advice says so.
     */
    public String advice() {
        return switch (this) {
            case INSPECTION_BLOCKED -> "Sending the same content again will be blocked again: remove the value from"
                    + " the request, or ask a Sieve administrator for an exception, quoting request id";
            case CREDENTIAL_NOT_INJECTED -> "Configure the agent with the placeholder instead of a real key (Sieve"
                    + " puts the real one in on the way out), and rotate the key the agent held: it should not have"
                    + " it. Request id";
            default -> null;
        };
    }

    /** Stable lower-case code, used in audit records, metrics and the JSON body. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
