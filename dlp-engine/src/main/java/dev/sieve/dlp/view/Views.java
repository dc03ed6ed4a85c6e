package dev.sieve.dlp.view;

import dev.sieve.dlp.CodeHints;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a request into the views a scanner reads. Never throws for any body: a body that cannot be
 * decoded within the limits yields {@link DecodeOutcome.Failed}, which the proxy treats as block.
 * Views already delivered before a failure must be disregarded.
 *
 * @see dev.sieve.dlp.view the package documentation for view paths and decisions
 */
public final class Views {

    private Views() {
    }

    /**
     * True for a view of joined boundaries ({@link Boundaries}: {@code json:$.messages[0].content|joined},
     * {@code json:$|joined-fields}, {@code json:$.messages|joined-user}, {@code headers|joined}, {@code
     * multipart|joined}, {@code form|joined}) or of a document joined from pieces ({@code
     * json:$.messages[1].tool_calls|joined-arguments|json}): derived from values scanned before, so it reports only
     * what no earlier view gave. Not the URL path's {@code path|joined} nor the query's {@code query|joined}.
     */
    public static boolean isJoinedText(String viewPath) {
        if (viewPath.equals(PathView.JOINED_VIEW) || viewPath.startsWith(QUERY_JOINED_VIEW)) {
            return false;
        }
        return viewPath.endsWith("|joined") || viewPath.contains("|joined-");
    }

    /**
     * True for an SVG's or an RTF's text view ({@code body|svg}, {@code body|rtf}; {@link SvgText}, {@link RtfText})
     * and the layers decoded from it: derived from the raw view scanned before it, so it reports only what no earlier
     * view gave.
     */
    public static boolean isDocumentText(String viewPath) {
        return viewPath.endsWith("|svg") || viewPath.contains("|svg|") || viewPath.endsWith("|rtf")
                || viewPath.contains("|rtf|");
    }

    /** The view path of {@link #queryJoined}. */
    public static final String QUERY_JOINED_VIEW = "query|joined";

    /**
     * A value cut over a repeated query parameter, joined again: for each name given two or more values
     * ({@code ?d=SK1fc27d&d=9ead6002}), its values percent-decoded and concatenated in order, followed by {@code '\n'}.
     * Empty when no name repeats. Like the URL path's joined view, it is scanned (and its decoded layers) but never
     * rewritten: a redaction there escalates to block.
     */
    public static byte[] queryJoined(String pathAndQuery) {
        byte[] target = Objects.requireNonNull(pathAndQuery, "pathAndQuery").getBytes(StandardCharsets.UTF_8);
        int from = RequestDecoder.queryStart(target);
        return UrlEncoded.joinedRepeats(target, from, RequestDecoder.queryEnd(target, from));
    }

    /** Why a redaction in a view {@link #isCodeLayer} names escalates to block (no value in it). */
    public static final String CODE_LAYER_NOT_REWRITTEN = TextCodecs.NOT_REWRITTEN_REASON;

    /**
     * True for a view decoded from char codes, spaced-out text, a line written backwards or in ROT13, uuencode or
     * Ascii85, or joined from string literals, CDATA sections or folded lines ({@link #decodeCodes}), or from inside
     * one. Such views are found after the scan of their source view
     * and are not part of the tree {@link Redactor} rewrites: a redaction in one escalates to block.
     */
    public static boolean isCodeLayer(String viewPath) {
        for (String step : CODE_STEPS) {
            if (viewPath.contains(step)) {
                return true;
            }
        }
        return false;
    }

    /** Bytes before a code hint where the text it points at may start. */
    static final int CODES_LOOKBACK = CodeHints.LOOKBACK;
    static final String CHAR_CODES_STEP = "char-codes";
    static final String SPACED_STEP = "spaced";
    static final String REVERSED_STEP = "reversed";
    static final String ROT13_STEP = "rot13";
    /** A line in a Caesar shift other than ROT13's, or in Atbash, where a shifted keyword or prefix lies. */
    static final String CAESAR_STEP = "caesar";
    static final String ATBASH_STEP = "atbash";
    /** One separator after every character ({@code s.k._.l}), and lines of one short width joined. */
    static final String SEPARATED_STEP = "separated";
    static final String UNWRAPPED_STEP = "unwrapped";
    static final String UUENCODE_STEP = "uuencode";
    static final String ASCII85_STEP = "ascii85";
    static final String XXENCODE_STEP = "xxencode";
    static final String BITS_STEP = "bits";
    static final String OCTAL_STEP = "octal";
    static final String CODE_POINTS_STEP = "code-points";
    /** A text that is only a seed phrase, read as its words ({@link SeedWords}). */
    static final String SEED_WORDS_STEP = "seed-words";
    /** TeX's {@code ^^xx} notation; an XML document's internal DTD entities expanded ({@link XmlEntities}). */
    static final String TEX_CARET_STEP = "tex-caret";
    static final String XML_ENTITIES_STEP = "xml-entities";
    private static final List<String> CODE_STEPS = List.of("|" + CHAR_CODES_STEP, "|" + SPACED_STEP,
            "|" + REVERSED_STEP, "|" + ROT13_STEP, "|" + CAESAR_STEP, "|" + ATBASH_STEP, "|" + SEPARATED_STEP,
            "|" + UNWRAPPED_STEP, "|" + UUENCODE_STEP, "|" + ASCII85_STEP, "|" + XXENCODE_STEP, "|" + BITS_STEP,
            "|" + OCTAL_STEP, "|" + CODE_POINTS_STEP, "|" + Joins.CONCAT_STEP, "|" + Joins.CDATA_STEP,
            "|" + Joins.UNFOLDED_STEP, "|" + Joins.CONTINUED_STEP, "|" + TEX_CARET_STEP, "|" + XML_ENTITIES_STEP,
            "|markup", "|cells", "|list-join", "|escapes", "|rot47", "|spelled", "|numbered", "|deltas", "|token-wrap", "|rg-json", // Pieces.STEPS
            "|" + Dumps.STEP);

    /**
     * The budgets of {@link #decodeCodes} for one request (layers, decoded bytes, time): every call made with it
     * draws on the same allowance, so a request with many views that hold char codes gets no more than one.
     */
    public static final class CodeBudget {
        private final DecodeContext ctx;

        public CodeBudget(ViewLimits limits) {
            this.ctx = new DecodeContext(Objects.requireNonNull(limits, "limits"), Stopwatch.SYSTEM, false);
            ctx.pause(); // counts only the calls that draw on it, not the time between them
        }
    }

    /**
     * Delivers the views of text written as char codes ({@code String.fromCharCode(103, 104, ...)}, {@code chr(103) +
     * chr(104)}, {@code {0x67, 0x68, ...}}), spaced out ({@code g h p _ 1 2 3}), backwards or in ROT13 (the lines
     * that hold a listed word turned), uuencoded ({@code begin 644 NAME}) or in Ascii85 ({@code <~...~>}) in
     * {@code text} from {@link #CODES_LOOKBACK} bytes before offset {@code from} (where the scan's code hint lies,
     * {@code ScanSession.codeHint()}) to its end: views {@code <path>|char-codes}, {@code <path>|spaced},
     * {@code <path>|reversed}, {@code <path>|rot13}, {@code <path>|uuencode}, {@code <path>|ascii85}, and what the
     * decoding graph finds inside them, each placed where its encoded form starts in {@code text} ({@code locator}),
     * within {@code budget}. Never throws; a failure (a budget exceeded) means block.
     */
    public static DecodeOutcome decodeCodes(String path, ByteBuffer text, int from, ViewLocator locator,
            CodeBudget budget, ViewVisitor visitor) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(visitor, "visitor");
        byte[] bytes = bytes(text);
        DecodeContext ctx = budget.ctx;
        ctx.resume();
        try {
            return decodeCodes(path, bytes, from, locator, ctx, visitor);
        } finally {
            ctx.pause();
        }
    }

    private static DecodeOutcome decodeCodes(String path, byte[] bytes, int from, ViewLocator locator,
            DecodeContext ctx, ViewVisitor visitor) {
        List<Node> placed = new ArrayList<>();
        try {
            // A hint may lie inside what it points at (spaced-out "s e c r e t" in "a p i _ s e c r e t"): read from
            // a little before it, where such a run or list can start.
            int start = Math.max(0, from - CODES_LOOKBACK);
            for (Candidates.Candidate c : Candidates.findCodes(bytes, start, bytes.length)) {
                Layer layer = DecodeGraph.layer(bytes, c, path, ctx);
                if (layer != null) {
                    ViewLocator at = ViewLocator.fixed(locator.locate(c.start()));
                    placed.add(new Node() {
                        @Override
                        public void emit(ViewVisitor v) {
                            layer.emit((viewPath, content) -> v.view(viewPath, content, at));
                        }

                        @Override
                        public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
                            throw new CannotRewriteException(path, TextCodecs.NOT_REWRITTEN_REASON);
                        }
                    });
                }
            }
        } catch (DecodeException e) {
            return new DecodeOutcome.Failed(e.reason(), e.detail(), Optional.ofNullable(e.limit()));
        } catch (RuntimeException | StackOverflowError e) {
            return new DecodeOutcome.Failed(FailReason.INTERNAL_ERROR,
                    "decoder error (" + e.getClass().getSimpleName() + ")");
        }
        return emit(visitor, ctx, placed.toArray(new Node[0]));
    }

    /**
     * Failures of a body's syntax (not of a budget) after which what can still be read is scanned: the query, and the
     * body as text ({@link RequestDecoder#afterFailure}). The request still fails (blocked under fail-closed), but its
     * findings are made: the audit names what it held, and failing open never forwards a body whose text holds a
     * finding that needs a block (a secret in a comment of JSON that does not parse, in a truncated multipart body).
     * Budget failures (sizes, counts, time, depth of nesting in encodings) get no second pass: it would cost what the
     * budget refused.
     */
    private static final Set<FailReason> SCANNED_AFTER_FAILURE = EnumSet.of(FailReason.UNSUPPORTED_ENCODING,
            FailReason.CORRUPT_ENCODING, FailReason.JSON_INVALID, FailReason.JSON_TOO_DEEP, FailReason.INVALID_UTF8,
            FailReason.MULTIPART_INVALID, FailReason.PDF_UNREADABLE, FailReason.ARCHIVE_INVALID);

    /**
     * Decodes {@code meta}'s query and {@code body} (left untouched) and delivers every view to
     * {@code visitor}, query first. An exception thrown by the visitor ends decoding with
     * {@link FailReason#INTERNAL_ERROR}.
     */
    public static DecodeOutcome decode(RequestMeta meta, ByteBuffer body, ViewLimits limits, ViewVisitor visitor) {
        return decode(meta, body, limits, visitor, Stopwatch.SYSTEM);
    }

    /** {@link #decode(RequestMeta, ByteBuffer, ViewLimits, ViewVisitor)} with its time read from {@code clock}. */
    static DecodeOutcome decode(RequestMeta meta, ByteBuffer body, ViewLimits limits, ViewVisitor visitor, Clock clock) {
        return decode(meta, body, limits, visitor, Stopwatch.of(clock));
    }

    static DecodeOutcome decode(RequestMeta meta, ByteBuffer body, ViewLimits limits, ViewVisitor visitor,
                                Stopwatch stopwatch) {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(visitor, "visitor");
        DecodeContext ctx = new DecodeContext(limits, stopwatch, false);
        RequestDecoder.DecodedRequest request;
        byte[] bytes = bytes(body);
        try {
            request = RequestDecoder.decode(meta, bytes, ctx);
        } catch (DecodeException e) {
            DecodeOutcome.Failed failed = new DecodeOutcome.Failed(e.reason(), e.detail(), Optional.ofNullable(e.limit()));
            if (!SCANNED_AFTER_FAILURE.contains(e.reason())) {
                return failed;
            }
            DecodeContext again = new DecodeContext(limits, stopwatch, false);
            RequestDecoder.DecodedRequest partial;
            try {
                partial = RequestDecoder.afterFailure(meta, bytes, again);
            } catch (RuntimeException | StackOverflowError unexpected) {
                return failed; // a decoder's own error: the first failure stands
            }
            DecodeOutcome emitted = emit(visitor, again, partial.query(), partial.body());
            return emitted instanceof DecodeOutcome.Failed visitorFailed ? visitorFailed : failed;
        } catch (RuntimeException | StackOverflowError e) {
            return new DecodeOutcome.Failed(FailReason.INTERNAL_ERROR,
                    "decoder error (" + e.getClass().getSimpleName() + ")");
        }
        return emit(visitor, ctx, request.query(), request.body());
    }

    /**
     * Delivers the views of the values the decoding graph finds in texts the caller scans itself (header values,
     * the URL path): {@code header:x-trace|hex}, {@code path|base64}, and so on, each text's layers after the
     * previous text's. The texts share one decode budget. Never throws; like {@link #decode}, a failure (a budget
     * exceeded) means block.
     *
     * @param texts view path and content of each text, in order
     */
    public static DecodeOutcome decodeTexts(List<Map.Entry<String, byte[]>> texts, ViewLimits limits,
                                            ViewVisitor visitor) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(visitor, "visitor");
        DecodeContext ctx = new DecodeContext(limits, Stopwatch.SYSTEM, false);
        List<Layer> layers = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> text : texts) {
                byte[] content = text.getValue();
                layers.addAll(DecodeGraph.expand(content, 0, content.length, text::getKey, ctx));
            }
        } catch (DecodeException e) {
            return new DecodeOutcome.Failed(e.reason(), e.detail(), Optional.ofNullable(e.limit()));
        } catch (RuntimeException | StackOverflowError e) {
            return new DecodeOutcome.Failed(FailReason.INTERNAL_ERROR,
                    "decoder error (" + e.getClass().getSimpleName() + ")");
        }
        return emit(visitor, ctx, layers.toArray(new Node[0]));
    }

    /** Delivers the nodes' views; a visitor that throws ends it with {@link FailReason#INTERNAL_ERROR}. */
    private static DecodeOutcome emit(ViewVisitor visitor, DecodeContext ctx, Node... nodes) {
        try {
            for (Node node : nodes) {
                if (node != null) {
                    node.emit(visitor);
                }
            }
        } catch (RuntimeException e) {
            return new DecodeOutcome.Failed(FailReason.INTERNAL_ERROR,
                    "view visitor failed (" + e.getClass().getSimpleName() + ")");
        }
        return new DecodeOutcome.Ok(ctx.views(), ctx.decodedBytes());
    }

    /**
     * The body's bytes: its own array when it is a writable heap buffer that spans the whole array (the decoders
     * only read it), otherwise a copy.
     */
    static byte[] bytes(ByteBuffer body) {
        if (body.hasArray() && body.arrayOffset() == 0 && body.position() == 0
                && body.limit() == body.array().length) {
            return body.array();
        }
        ByteBuffer b = body.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
