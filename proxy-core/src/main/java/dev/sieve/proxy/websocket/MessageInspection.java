package dev.sieve.proxy.websocket;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.upstream.UpstreamRequests;
import dev.sieve.proxy.inspect.WholeBodyInspection;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.route.RequestTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Inspects one agent WebSocket message with the same inspector as request bodies, and says what to do with it.
 * Each message is a request of its own to the inspector: method {@value #METHOD}, the handshake's path without its
 * query (the handshake's URL and headers were inspected once, with the handshake), and a body that is the message:
 * a text message as {@code text/plain; charset=utf-8} (the engine tries JSON on text that looks like it), a binary
 * one with no type, like a body of unknown type (containers, PDF and JSON are found by their bytes; anything else
 * is scanned raw).
 *
 * <p>Redaction rewrites text messages only, and only into valid UTF-8: a binary message, or a rewrite that would
 * not be text, is blocked instead (a binary protocol Sieve does not know cannot be rewritten safely).
 */
final class MessageInspection {
    /** The method of a WebSocket message in audit records and to the inspector. */
    static final String METHOD = "WEBSOCKET";
    private static final HttpMethod MESSAGE = HttpMethod.valueOf(METHOD);

    /** What to do with one message. */
    sealed interface Outcome {
        Verdict.Report report();

        /** Send the message as it came ({@code report.decision()}: allowed or logged). */
        record Forward(Verdict.Report report) implements Outcome {}

        /** Send {@code text} instead (redacted). */
        record Replace(byte[] text, Verdict.Report report) implements Outcome {}

        /** Send nothing and close: {@code ruleIds} caused it (empty when inspection failed). */
        record Block(List<String> ruleIds, Verdict.Report report) implements Outcome {}
    }

    private final RequestInspector inspector;
    private final ExchangeFacts connection;
    private final String path;
    /** The target of every message's request ({@link #path}), parsed once for all of them. */
    private final RequestTarget target;

    /**
     * @param connection the handshake's facts (its request id is the connection's)
     * @param handshake  the handshake request as the agent sent it
     */
    MessageInspection(RequestInspector inspector, ExchangeFacts connection, HttpRequest handshake) {
        this.inspector = inspector;
        this.connection = connection;
        String origin = UpstreamRequests.originForm(handshake.uri());
        int query = origin.indexOf('?');
        this.path = query < 0 ? origin : origin.substring(0, query);
        this.target = RequestTarget.parse(path);
    }

    /** The handshake's path without its query: where each message's audit record says it went. */
    String path() {
        return path;
    }

    /**
     * Opens the inspection session of message {@code messageId} (on the event loop, as the inspector asks); the
     * session is shown the message and finished on an inspection worker ({@link WholeBodyInspection}).
     */
    RequestInspector.Session open(String messageId, boolean text) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, MESSAGE, path);
        if (text) {
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        }
        ExchangeFacts facts = new ExchangeFacts(messageId, connection.agentId(), connection.clientAddress(),
                connection.host(), connection.port(), connection.tls(), connection.enforced());
        return inspector.open(facts, head, target);
    }

    /** What to do with a message whose inspection could not run or finish: block it (fail closed). */
    static Outcome failed() {
        return new Outcome.Block(List.of(), new Verdict.Report("blocked",
                List.of(Refusal.INSPECTION_FAILED.code(), "internal_error"), List.of(), "", 0, false));
    }

    /** The verdict on a message as what to do with it. Pure. */
    static Outcome outcome(Verdict verdict, boolean text) {
        // Whichever layer failed (the inspection task or the engine inside it), the message is audited the same way.
        if (verdict instanceof Verdict.Block b && b.refusal() == Refusal.INSPECTION_FAILED) {
            return failed();
        }
        if (verdict instanceof Verdict.Block block) {
            return new Outcome.Block(block.ruleIds(), block.report());
        }
        if (verdict instanceof Verdict.Replace replace) {
            if (text && isUtf8(replace.body())) {
                return new Outcome.Replace(replace.body(), replace.report());
            }
            Verdict.Report r = replace.report();
            List<String> reasons = new java.util.ArrayList<>(r.reasons());
            reasons.add(0, text ? "redaction_not_text" : "binary_not_redactable");
            List<String> ruleIds = r.findings().stream().map(dev.sieve.dlp.Finding::ruleId).distinct().toList();
            return new Outcome.Block(ruleIds, new Verdict.Report("blocked", List.copyOf(reasons), r.findings(),
                    r.ruleSetVersion(), r.bytesScanned(), r.monitored()));
        }
        return new Outcome.Forward(verdict.report());
    }

    /** Whether {@code bytes} are well-formed UTF-8, checked in place (no decoded copy of the message). */
    static boolean isUtf8(byte[] bytes) {
        ByteBuf view = Unpooled.wrappedBuffer(bytes); // wraps the array, copies nothing
        try {
            return ByteBufUtil.isText(view, StandardCharsets.UTF_8); // a validating loop, strict as the JDK decoder
        } finally {
            view.release();
        }
    }
}
