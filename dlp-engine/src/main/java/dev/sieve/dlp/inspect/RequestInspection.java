package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.DecodeOutcome;
import dev.sieve.dlp.view.FailReason;
import dev.sieve.dlp.view.PathView;
import dev.sieve.dlp.view.Redactor;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.RewriteOutcome;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request's inspection; see {@link Inspector} for what is scanned and how the decision is made. */
final class RequestInspection implements Inspection {

    private final CompiledRules engine;
    private final ViewLimits limits;
    /** The request; its trailer fields are set once they arrive ({@link #trailers}). */
    private RequestMeta meta;
    private PolicyJudge judge;
    private final String version;
    private final StreamedBody streamed;
    private final Placeholders placeholders;
    private final PlaceholderSink sink;
    private InspectionResult result;
    private boolean closed;
    /** Null until {@link #cleanThrough()} first has clean body bytes: whether the URL and headers let the body stream. */
    private Boolean urlAndHeadersClean;
    private long clean;

    RequestInspection(CompiledRules engine, ViewLimits limits, RequestMeta meta, InspectionPolicy policy,
            Placeholders placeholders, PlaceholderSink sink) {
        this.placeholders = placeholders;
        this.sink = sink;
        this.engine = engine;
        this.limits = limits;
        this.meta = meta;
        this.judge = new PolicyJudge(engine.rules(), policy);
        this.version = engine.rules().version();
        this.streamed = StreamedBody.forRequest(engine, meta);
    }

    @Override
    public void trailers(List<Map.Entry<String, String>> trailers) {
        if (closed || result != null) {
            throw new IllegalStateException("inspection: " + (closed ? "closed" : "finished")
                    + " (expected: trailers before finish and close)");
        }
        meta = meta.withTrailers(trailers);
    }

    @Override
    public void trackClean() {
        if (streamed != null) {
            streamed.trackClean();
        }
    }

    @Override
    public void feed(ByteBuffer chunk) {
        if (closed || result != null) {
            throw new IllegalStateException("inspection: " + (closed ? "closed" : "finished")
                    + " (expected: feed before finish and close)");
        }
        if (streamed != null) {
            streamed.feed(chunk);
        }
    }

    /**
     * Clean bytes of a body that streams as the raw view ({@link StreamedBody#cleanThrough}), once the URL (path and
     * query) and the headers are known to have no finding other than log: the first time there are clean body bytes,
     * they are scanned ahead by a probe whose findings are dropped (finish scans them again, as for any request).
     */
    @Override
    public long cleanThrough() {
        if (closed || result != null || streamed == null) {
            return clean;
        }
        long body = streamed.cleanThrough(judge::mayActOnBody);
        if (body <= clean) {
            return clean;
        }
        if (urlAndHeadersClean == null) {
            urlAndHeadersClean = urlAndHeadersClean();
        }
        if (urlAndHeadersClean) {
            clean = body;
        }
        return clean;
    }

    private boolean urlAndHeadersClean() {
        ViewScanner probe = new ViewScanner(engine, judge, null, placeholders, PlaceholderSink.NONE, limits);
        try {
            DecodeOutcome texts = scanUrlAndHeaders(probe);
            DecodeOutcome query = Views.decode(meta, ByteBuffer.allocate(0), limits, probe);
            return texts instanceof DecodeOutcome.Ok && query instanceof DecodeOutcome.Ok && probe.error() == null
                    && probe.truncatedView() == null && probe.findings().stream().allMatch(f -> f.action() == Action.LOG);
        } catch (RuntimeException e) {
            return false; // finish meets the same error and reports it
        }
    }

    @Override
    public InspectionResult finish(ByteBuffer wholeBody, TurnHistory history) {
        if (result == null) {
            judge = judge.withHistory(history);
        }
        return finish(wholeBody);
    }

    @Override
    public InspectionResult finish(ByteBuffer wholeBody) {
        if (result != null) {
            return result;
        }
        try {
            if (closed) {
                result = internalError(List.of(), 0, "inspection closed before finish");
            } else {
                result = decide(wholeBody);
            }
        } catch (RuntimeException | StackOverflowError e) {
            result = internalError(List.of(), 0, "inspection error (" + e.getClass().getSimpleName() + ")");
        } finally {
            closeStream();
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        closeStream();
    }

    private void closeStream() {
        if (streamed != null) {
            streamed.close();
        }
    }

    /**
     * Scans the headers (with the trailer fields and the target's userinfo and fragment, {@link HeaderViews}), the
     * URL path, the values of repeated query parameters joined, and what the decoding graph
     * finds in them (the query itself is a view of {@link Views#decode}); returns the outcome of decoding their texts.
     */
    private DecodeOutcome scanUrlAndHeaders(ViewScanner scan) {
        List<HeaderViews.HeaderView> headers = HeaderViews.of(meta);
        PathView path = PathView.of(meta.pathAndQuery());
        byte[] queryJoined = Views.queryJoined(meta.pathAndQuery());
        scan.scanHeaders(headers);
        scan.scanPath(path);
        scan.scanQueryJoined(queryJoined);
        return scan.scanDecodedTexts(headers, path, queryJoined);
    }

    private InspectionResult decide(ByteBuffer wholeBody) {
        RuntimeException streamError = streamed == null ? null : streamed.error();
        if (streamError != null) {
            return internalError(List.of(), 0, "scan error (" + streamError.getClass().getSimpleName() + ")");
        }
        ViewScanner scan = new ViewScanner(engine, judge, streamed, placeholders, sink, limits);
        DecodeOutcome outcome;
        try {
            DecodeOutcome texts = scanUrlAndHeaders(scan);
            outcome = Views.decode(meta, wholeBody, limits, scan);
            if (texts instanceof DecodeOutcome.Failed) {
                outcome = texts;
            }
            if (scan.codeFailure() != null && !(outcome instanceof DecodeOutcome.Failed)) {
                outcome = scan.codeFailure();
            }
        } catch (RuntimeException e) {
            outcome = null; // the scanner recorded the engine error
        }
        if (scan.error() != null || outcome == null) {
            RuntimeException e = scan.error();
            return internalError(scan.findings(), scan.bytesScanned(),
                    "scan error (" + (e == null ? "unknown" : e.getClass().getSimpleName()) + ")");
        }
        List<Finding> findings = scan.findings();
        Optional<Action> strongest = findings.stream().map(Finding::action).reduce(Action::max);
        if (outcome instanceof DecodeOutcome.Failed failed) {
            boolean mustBlock = strongest.filter(a -> a != Action.LOG).isPresent();
            boolean mayFailOpen = judge.failOpen() && failed.reason() != FailReason.INTERNAL_ERROR;
            if (mayFailOpen && !mustBlock) {
                return failure(Decision.LOG, scan, failed, "fail-open: " + failed.detail());
            }
            String detail = mustBlock && mayFailOpen
                    ? failed.detail() + "; findings need " + strongest.get() + ", which an undecodable body cannot get"
                    : failed.detail();
            return failure(Decision.BLOCK, scan, failed, detail);
        }
        if (scan.truncatedView() != null) {
            return result(Decision.BLOCK, scan, Optional.of(FailReason.SIZE_LIMIT), "view '" + scan.truncatedView()
                    + "': more candidate matches than the scanner keeps (expected: fewer; blocked because redaction"
                    + " could not cover them all)");
        }
        if (strongest.isEmpty()) {
            return result(Decision.ALLOW, scan, Optional.empty(), "");
        }
        return switch (strongest.get()) {
            case LOG -> result(Decision.LOG, scan, Optional.empty(), "");
            case BLOCK -> result(Decision.BLOCK, scan, Optional.empty(), "");
            case REDACT -> redact(scan, wholeBody);
        };
    }

    private InspectionResult redact(ViewScanner scan, ByteBuffer wholeBody) {
        Optional<Finding> inHeader = scan.findings().stream()
                .filter(f -> f.action() == Action.REDACT && HeaderViews.isHeader(f.viewPath())).findFirst();
        if (inHeader.isPresent()) {
            return result(Decision.BLOCK, scan, Optional.empty(), "redact escalated to block: view '"
                    + inHeader.get().viewPath() + "' (rule " + inHeader.get().ruleId() + "): headers cannot be redacted (nor trailers, nor the target's userinfo or fragment)");
        }
        // A rewritten path would name another resource: the agent gets a clear refusal instead of a wrong answer.
        Optional<Finding> inPath = scan.findings().stream()
                .filter(f -> f.action() == Action.REDACT && (f.viewPath().equals(PathView.VIEW)
                        || f.viewPath().startsWith(PathView.VIEW + "|"))).findFirst();
        if (inPath.isPresent()) {
            return result(Decision.BLOCK, scan, Optional.empty(), "redact escalated to block: view '"
                    + inPath.get().viewPath() + "' (rule " + inPath.get().ruleId() + "): the URL path cannot be redacted");
        }
        Optional<Finding> normalized = scan.findings().stream()
                .filter(f -> f.action() == Action.REDACT && f.viewPath().endsWith(TextNormalizer.SUFFIX)).findFirst();
        if (normalized.isPresent()) {
            return result(Decision.BLOCK, scan, Optional.empty(), "redact escalated to block: view '"
                    + normalized.get().viewPath() + "' (rule " + normalized.get().ruleId() + "): the value was only"
                    + " seen after normalising its text (invisible or look-alike characters), which cannot be"
                    + " redacted in place");
        }
        Optional<Finding> coded = scan.findings().stream()
                .filter(f -> f.action() == Action.REDACT && Views.isCodeLayer(f.viewPath())).findFirst();
        if (coded.isPresent()) {
            return result(Decision.BLOCK, scan, Optional.empty(), "redact escalated to block: view '"
                    + coded.get().viewPath() + "' (rule " + coded.get().ruleId() + "): " + Views.CODE_LAYER_NOT_REWRITTEN);
        }
        RewriteOutcome outcome = Redactor.rewrite(meta, wholeBody, scan.redactions(), limits);
        if (outcome instanceof RewriteOutcome.CannotRewrite cannot) {
            return result(Decision.BLOCK, scan, Optional.empty(), "redact escalated to block: view '"
                    + cannot.viewPath() + "' cannot be rewritten (" + cannot.reason() + ")");
        }
        RewriteOutcome.Rewritten rewritten = (RewriteOutcome.Rewritten) outcome;
        Optional<String> leftover = verify(rewritten);
        if (leftover.isPresent()) {
            return result(Decision.BLOCK, scan, Optional.empty(), "redact escalated to block: " + leftover.get());
        }
        if (clean > 0 && !keepsStreamedPrefix(rewritten, wholeBody)) {
            // The contract of cleanThrough() says this cannot happen; if it does, fail closed.
            return result(Decision.BLOCK, scan, Optional.empty(), "redact escalated to block: the redacted request"
                    + " would change bytes that were already forwarded");
        }
        Optional<String> target = rewritten.pathAndQuery().equals(meta.pathAndQuery())
                ? Optional.empty() : Optional.of(rewritten.pathAndQuery());
        RedactedBody body = new RedactedBody(rewritten.body(), rewritten.headerChanges(), target);
        return new InspectionResult(Decision.REDACT, scan.findings(), Optional.empty(), "", Optional.of(body),
                scan.bytesScanned(), version);
    }

    /** True if {@code rewritten} keeps the target and starts with the {@link #clean} bytes of {@code wholeBody}. */
    private boolean keepsStreamedPrefix(RewriteOutcome.Rewritten rewritten, ByteBuffer wholeBody) {
        byte[] body = rewritten.body();
        if (!rewritten.pathAndQuery().equals(meta.pathAndQuery()) || body.length < clean) {
            return false;
        }
        ByteBuffer original = wholeBody.duplicate();
        original.limit(original.position() + (int) clean);
        return original.equals(ByteBuffer.wrap(body, 0, (int) clean));
    }

    /** Rescans the rewritten query and body; says what is left that would still need redact or block. */
    private Optional<String> verify(RewriteOutcome.Rewritten rewritten) {
        RequestMeta after = new RequestMeta(meta.method(), rewritten.pathAndQuery(), meta.headers());
        ViewScanner rescan = new ViewScanner(engine, judge, null, placeholders, PlaceholderSink.NONE, limits);
        DecodeOutcome outcome;
        try {
            outcome = Views.decode(after, ByteBuffer.wrap(rewritten.body()), limits, rescan);
        } catch (RuntimeException e) {
            return Optional.of("rescan of the redacted request failed (" + e.getClass().getSimpleName() + ")");
        }
        if (outcome instanceof DecodeOutcome.Failed failed) {
            return Optional.of("the redacted request does not decode (" + failed.reason() + ")");
        }
        if (rescan.truncatedView() != null) {
            return Optional.of("rescan of the redacted request dropped candidates in view '" + rescan.truncatedView() + "'");
        }
        return rescan.findings().stream().filter(f -> f.action() != Action.LOG).findFirst()
                .map(f -> "rule " + f.ruleId() + " still matches view '" + f.viewPath() + "' after redaction");
    }

    private InspectionResult failure(Decision decision, ViewScanner scan, DecodeOutcome.Failed failed, String detail) {
        return new InspectionResult(decision, scan.findings(), Optional.of(failed.reason()), detail, failed.limit(),
                Optional.empty(), scan.bytesScanned(), version);
    }

    private InspectionResult result(Decision decision, ViewScanner scan, Optional<FailReason> failure, String detail) {
        return new InspectionResult(decision, scan.findings(), failure, detail, Optional.empty(), scan.bytesScanned(),
                version);
    }

    private InspectionResult internalError(List<Finding> findings, long bytes, String detail) {
        return new InspectionResult(Decision.BLOCK, findings, Optional.of(FailReason.INTERNAL_ERROR), detail,
                Optional.empty(), bytes, version);
    }
}
