package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
     * True for the view of a JSON content array's joined text block boundaries ({@code json:$.messages[0].content|joined},
     * {@link JoinedText}); not the URL path's {@code path|joined}.
     */
    public static boolean isJoinedText(String viewPath) {
        return viewPath.endsWith("|joined") && !viewPath.equals(PathView.JOINED_VIEW);
    }

    /**
     * Decodes {@code meta}'s query and {@code body} (left untouched) and delivers every view to
     * {@code visitor}, query first. An exception thrown by the visitor ends decoding with
     * {@link FailReason#INTERNAL_ERROR}.
     */
    public static DecodeOutcome decode(RequestMeta meta, ByteBuffer body, ViewLimits limits, ViewVisitor visitor) {
        return decode(meta, body, limits, visitor, Clock.systemUTC());
    }

    static DecodeOutcome decode(RequestMeta meta, ByteBuffer body, ViewLimits limits, ViewVisitor visitor, Clock clock) {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(visitor, "visitor");
        DecodeContext ctx = new DecodeContext(limits, clock, false);
        RequestDecoder.DecodedRequest request;
        try {
            request = RequestDecoder.decode(meta, bytes(body), ctx);
        } catch (DecodeException e) {
            return new DecodeOutcome.Failed(e.reason(), e.detail(), java.util.Optional.ofNullable(e.limit()));
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
        DecodeContext ctx = new DecodeContext(limits, Clock.systemUTC(), false);
        List<Layer> layers = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> text : texts) {
                byte[] content = text.getValue();
                layers.addAll(DecodeGraph.expand(content, 0, content.length, text::getKey, ctx));
            }
        } catch (DecodeException e) {
            return new DecodeOutcome.Failed(e.reason(), e.detail(), java.util.Optional.ofNullable(e.limit()));
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
