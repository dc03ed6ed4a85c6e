package dev.sieve.proxy.pipeline;

/**
 * Names of the pipeline handlers, and the order they run in.
 *
 * <pre>
 * agent connection, phase 1 (plain proxy protocol):
 *   idle -> header-deadline -> connect-split -> http-codec -> request-check -> flow-control -> proxy-request
 *
 * after CONNECT, mode inspect (the connection becomes a TLS server for the CONNECT host):
 *   idle -> sni (mints/looks up the leaf, replaced by)
 *           tls -> header-deadline -> http-codec -> request-check -> flow-control -> exchange
 *
 *   when the agent negotiated h2 (ALPN), after header-deadline instead (see Http2Frontend):
 *           h2-header-deadline -> h2-codec -> h2-multiplex -> h2-connection
 *   and on each h2 stream (a child channel):
 *     idle -> header-deadline -> h2-stream-guard -> http-codec -> h2-split -> flow-control -> exchange
 *
 * after CONNECT, mode passthrough (raw tunnel, SNI must match the CONNECT host):
 *   idle -> sni-peek (replaced by) relay
 *
 * after an absolute-form http:// request:
 *   idle -> header-deadline -> connect-split -> http-codec -> request-check -> flow-control -> exchange
 *
 * a connection over a connection cap (answers 503, then lingers):
 *   response-encoder -> over-capacity
 *
 * after a refusal that closes the connection, first in the pipeline (discards what still arrives):
 *   lingering-close -> ...
 *
 * upstream connection (pooled per event loop and host:port:address):
 *   [tls] -> http-codec -> [pool-idle while pooled | response during an exchange] -> upstream-tail
 *
 *   when the upstream chose h2 (ALPN; see H2Connections), the connection is shared by streams instead:
 *   tls -> h2-codec -> h2-multiplex -> pool-idle -> h2-upstream
 *   and each request is a stream (a child channel):
 *     http-codec -> h2-split -> [response during the exchange] -> upstream-tail
 *
 * after a WebSocket handshake the upstream accepted (the HTTP handlers leave; the upstream connection leaves the pool):
 *   agent:    idle -> tls -> ws-encoder -> ws-decoder -> ws-flow-control -> [ws-inflate -> ws-deflate] -> ws-utf8
 *             -> ws-agent
 *   upstream: [tls] -> ws-encoder -> ws-decoder -> ws-upstream
 * </pre>
 */
public final class PipelineNames {
    public static final String IDLE = "idle";
    public static final String HEADER_DEADLINE = "header-deadline";
    public static final String RESPONSE_ENCODER = "response-encoder";
    public static final String OVER_CAPACITY = "over-capacity";
    /** Holds the bytes after a CONNECT head for the tunnel phase ({@code ConnectHeadSplitter}). */
    public static final String CONNECT_SPLIT = "connect-split";
    public static final String HTTP_CODEC = "http-codec";
    /** Refuses request lines the decoder let through ({@code RequestValidator}). */
    public static final String REQUEST_CHECK = "request-check";
    public static final String FLOW_CONTROL = "flow-control";
    public static final String PROXY_REQUEST = "proxy-request";
    public static final String SNI = "sni";
    public static final String TLS = "tls";
    public static final String EXCHANGE = "exchange";
    public static final String SNI_PEEK = "sni-peek";
    public static final String RELAY = "relay";
    public static final String POOL_IDLE = "pool-idle";
    public static final String RESPONSE = "response";
    public static final String UPSTREAM_TAIL = "upstream-tail";
    public static final String LINGERING_CLOSE = "lingering-close";
    /** Picks the HTTP/1.1 or the h2 handlers once the agent's TLS handshake chose (ALPN). */
    public static final String ALPN = "alpn";
    /** Every h2 header block within proxy.headerTimeout ({@code H2HeaderDeadline}). */
    public static final String H2_HEADER_DEADLINE = "h2-header-deadline";
    public static final String H2_CODEC = "h2-codec";
    public static final String H2_MULTIPLEX = "h2-multiplex";
    public static final String H2_CONNECTION = "h2-connection";
    /** Tracks an upstream h2 connection's settings, GOAWAY and idleness ({@code H2Connections}). */
    public static final String H2_UPSTREAM = "h2-upstream";
    public static final String H2_STREAM_GUARD = "h2-stream-guard";
    public static final String H2_SPLIT = "h2-split";
    public static final String WS_ENCODER = "ws-encoder";
    public static final String WS_DECODER = "ws-decoder";
    /** One agent frame per read, so that reading pauses while a message is inspected. */
    public static final String WS_FLOW_CONTROL = "ws-flow-control";
    /** permessage-deflate toward the agent, when it offered it. */
    public static final String WS_INFLATE = "ws-inflate";
    public static final String WS_DEFLATE = "ws-deflate";
    public static final String WS_UTF8 = "ws-utf8";
    public static final String WS_AGENT = "ws-agent";
    public static final String WS_UPSTREAM = "ws-upstream";

    private PipelineNames() {}
}
