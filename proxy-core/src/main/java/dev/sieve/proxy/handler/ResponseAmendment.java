package dev.sieve.proxy.handler;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Finding;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.redaction.BodyRestorer;
import dev.sieve.proxy.redaction.PlaceholderLookup;
import dev.sieve.proxy.redaction.Restorers;
import dev.sieve.proxy.upstream.ResponseEdit;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What Sieve changes in the response to a redacted request on its way to the agent: the head gets
 * {@code X-Sieve-Redacted: <rule ids>} (so the agent knows its request was changed), and, with
 * {@code redaction.restoreInResponses}, placeholders in a JSON or event-stream body are replaced by the agent's
 * originals as the body streams ({@link Restorers}). A restored body changes length, so it is sent chunked (the
 * upstream's {@code Content-Length} is dropped); an HTTP/1.0 agent, which cannot take chunked, gets no restore.
 * One per exchange; the relay of each attempt calls it on the shared event loop. Every content it takes is
 * either returned or released.
 */
final class ResponseAmendment implements ResponseEdit {

    static final String REDACTED_HEADER = "X-Sieve-Redacted";

    /** Changes nothing. */
    static final ResponseAmendment NONE = new ResponseAmendment(null, Optional.empty(), false);

    private final String redactedRules;
    private final Optional<PlaceholderLookup> restore;
    private final boolean agentTakesChunked;
    private BodyRestorer restorer;

    private ResponseAmendment(String redactedRules, Optional<PlaceholderLookup> restore, boolean agentTakesChunked) {
        this.redactedRules = redactedRules;
        this.restore = restore;
        this.agentTakesChunked = agentTakesChunked;
    }

    /**
     * The amendment for a request with {@code verdict}: none unless it was redacted. With restore, the request to
     * upstream asks for an identity-encoded response ({@code Accept-Encoding: identity}), which restore can read.
     */
    static ResponseAmendment forVerdict(Verdict verdict, Optional<PlaceholderLookup> restore, HttpRequest request) {
        if (!(verdict instanceof Verdict.Replace replace)) {
            return NONE;
        }
        Set<String> rules = new LinkedHashSet<>();
        for (Finding f : replace.report().findings()) {
            if (f.action() == Action.REDACT) {
                rules.add(f.ruleId());
            }
        }
        boolean chunked = request.protocolVersion().equals(HttpVersion.HTTP_1_1);
        if (restore.isPresent() && chunked) {
            request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY);
        }
        return new ResponseAmendment(rules.isEmpty() ? null : String.join(",", rules), restore, chunked);
    }

    /** Amends the final response head; {@code bodyless} for HEAD, 204 and 304. */
    @Override
    public void onHead(HttpResponse response, boolean bodyless) {
        if (redactedRules != null) {
            response.headers().set(REDACTED_HEADER, redactedRules);
        }
        if (restore.isEmpty()) {
            return; // NONE is shared: it never changes
        }
        restorer = null;
        if (bodyless || !agentTakesChunked) {
            return;
        }
        restorer = Restorers.forResponse(response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                response.headers().get(HttpHeaderNames.CONTENT_ENCODING), restore.get()).orElse(null);
        if (restorer != null) {
            response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            HttpUtil.setTransferEncodingChunked(response, true);
        }
    }

    /** The content to write for {@code content} (which it then owns: returned as is, or released). */
    @Override
    public HttpContent onContent(HttpContent content) {
        if (restorer == null) {
            return content;
        }
        byte[] out;
        try {
            out = restorer.feed(ByteBufUtil.getBytes(content.content()));
            if (content instanceof LastHttpContent last) {
                byte[] rest = restorer.finish();
                byte[] all = new byte[out.length + rest.length];
                System.arraycopy(out, 0, all, 0, out.length);
                System.arraycopy(rest, 0, all, out.length, rest.length);
                LastHttpContent amended = new DefaultLastHttpContent(Unpooled.wrappedBuffer(all));
                amended.trailingHeaders().set(last.trailingHeaders());
                return amended;
            }
        } finally {
            content.release();
        }
        return new DefaultHttpContent(Unpooled.wrappedBuffer(out));
    }
}
