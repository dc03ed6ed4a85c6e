package dev.sieve.dlp.inspect;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.ScanSession;
import dev.sieve.dlp.view.RawBodyFrontier;
import dev.sieve.dlp.view.RequestMeta;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * Scans body chunks as they arrive when the body will most likely be the raw view {@code body}, so the verdict
 * is ready at the last byte. Speculative and checked: the session's findings are used only if the raw view
 * {@link dev.sieve.dlp.view.Views#decode} delivers has exactly the fed length and CRC-32C; otherwise the view is
 * scanned again. Keeps no body bytes, except while it works out a clean prefix: the first
 * {@link RawBodyFrontier#DECIDING_BYTES}, and the frontier's window (at most about a chunk or 1 MiB).
 *
 * <p>It also works out how much of the body's start is clean while the body streams ({@link #cleanThrough}): once
 * the first bytes show that the decoders will read the body as the raw view, bytes are clean up to the first place
 * where a finding may still start in any of the body's views:
 * <ul>
 *   <li>the raw view: {@link ScanSession#firstOpenStart};</li>
 *   <li>the decoding graph's layers: {@link RawBodyFrontier#firstCandidateStart()};</li>
 *   <li>the normalised text ({@link TextNormalizer}), which exists only for UTF-8 text that normalising changes:
 *       before the first character it may change ({@link TextNormalizer#mayChange}) the text normalises to itself,
 *       byte for byte, so a finding that only the normalised view gives must reach that character with its match or
 *       the context it is judged by, and starts at most {@link ScanSession#reach()} before it. After it nothing more
 *       is clean, unless the body turns out not to be UTF-8 (then it has no normalised view).</li>
 * </ul>
 */
final class StreamedBody implements AutoCloseable {

    static final String BODY_VIEW = "body";

    private static final Set<String> STRUCTURED = Set.of("application/json", "text/json",
            "application/x-www-form-urlencoded", "application/pdf");

    private final CompiledRules engine;
    private final RequestMeta meta;
    private final boolean mayBeSniffedJson;
    private final CRC32C crc = new CRC32C();
    private final RawBodyFrontier frontier = new RawBodyFrontier();
    /** The body's first bytes until they decide {@link #rawView}; then null. */
    private byte[] head = new byte[0];
    /** Null until decided: the decoders will read the body as the raw view. */
    private Boolean rawView;
    /** The offset of the first character that normalising may change ({@link TextNormalizer#mayChange}), or -1. */
    private long firstChange = -1;
    /** UTF-8 continuation bytes still expected, the code point so far, and the offset of its first byte. */
    private int continuations;
    private int codePoint;
    private long codePointStart;
    /** The body is certainly not UTF-8 (so it has no normalised view). */
    private boolean notUtf8;
    /** {@link #cleanThrough} was asked for before the first byte. */
    private boolean tracking;
    private ScanSession session;
    private boolean started;
    private RuntimeException error;

    private StreamedBody(CompiledRules engine, RequestMeta meta, boolean mayBeSniffedJson) {
        this.engine = engine;
        this.meta = meta;
        this.mayBeSniffedJson = mayBeSniffedJson;
    }

    /**
     * A streamed scan when {@code meta} says the body is neither content-encoded nor of a structured type;
     * otherwise null.
     */
    static StreamedBody forRequest(CompiledRules engine, RequestMeta meta) {
        for (String coding : meta.headers("Content-Encoding")) {
            for (String token : coding.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("identity")) {
                    return null;
                }
            }
        }
        String type = essence(meta.header("Content-Type"));
        if (STRUCTURED.contains(type) || type.endsWith("+json") || type.startsWith("multipart/")) {
            return null;
        }
        return new StreamedBody(engine, meta, type.isEmpty() || type.equals("text/plain"));
    }

    private static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Scans {@code chunk}'s remaining bytes without moving its position; records engine errors. The session is
     * opened at the first byte (a request without a body costs nothing) unless that byte shows a structured body.
     */
    void feed(ByteBuffer chunk) {
        if (!chunk.hasRemaining() || error != null || (started && session == null)) {
            return;
        }
        try {
            if (!started) {
                started = true;
                if (likelyStructured(chunk)) {
                    return;
                }
                session = engine.open(BODY_VIEW);
            }
            long offset = session.bytesScanned();
            crc.update(chunk.duplicate());
            session.feed(chunk.duplicate());
            if (tracking && rawView != Boolean.FALSE) {
                track(chunk, offset);
            }
        } catch (RuntimeException e) {
            error = e;
            close();
        }
    }

    /** PDF magic, or a JSON opener where an undeclared type may be sniffed as JSON: the raw scan would be wasted. */
    private boolean likelyStructured(ByteBuffer chunk) {
        int p = chunk.position();
        if (chunk.get(p) == '%') {
            return true;
        }
        if (!mayBeSniffedJson) {
            return false;
        }
        for (int i = p; i < chunk.limit(); i++) {
            byte b = chunk.get(i);
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' || b == '[' || b == (byte) 0xef;
            }
        }
        return false;
    }

    /** Works out {@link #cleanThrough} from the first byte on; ignored once bytes were fed. */
    void trackClean() {
        tracking |= !started;
    }

    /** Feeds the frontier, decides the raw view from the first bytes, and follows the body's UTF-8. */
    private void track(ByteBuffer chunk, long offset) {
        frontier.feed(chunk);
        if (head != null) {
            int take = Math.min(chunk.remaining(), RawBodyFrontier.DECIDING_BYTES - head.length);
            int at = head.length;
            head = Arrays.copyOf(head, at + take);
            chunk.duplicate().get(head, at, take);
            if (head.length == RawBodyFrontier.DECIDING_BYTES) {
                rawView = RawBodyFrontier.decodesAsRawView(meta, head);
                head = null;
            }
        }
        if (notUtf8) {
            return;
        }
        for (int i = chunk.position(), end = chunk.limit(); i < end; i++) {
            int b = chunk.get(i) & 0xff;
            if (b < 0x80 && continuations == 0) {
                continue;
            }
            // Only what any UTF-8 decoder rejects: a stray or missing continuation byte, a byte that never occurs.
            boolean continuation = b >= 0x80 && b < 0xc0;
            if (continuations > 0 != continuation || b == 0xc0 || b == 0xc1 || b >= 0xf5) {
                notUtf8 = true;
                return;
            }
            if (continuation) {
                codePoint = codePoint << 6 | (b & 0x3f);
                if (--continuations == 0 && firstChange < 0 && TextNormalizer.mayChange(codePoint)) {
                    firstChange = codePointStart;
                }
            } else {
                continuations = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
                codePoint = b & (0x3f >> continuations);
                codePointStart = offset + i - chunk.position();
            }
        }
    }

    /**
     * How many of the body's first bytes fed so far are clean (see the class comment) for rules that {@code counts}
     * accepts; 0 while the body may not be the raw view or the scan failed. Call it on the feeding thread.
     */
    long cleanThrough(Predicate<Rule> counts) {
        if (!tracking || session == null || error != null || rawView != Boolean.TRUE) {
            return 0;
        }
        long clean = Math.min(session.firstOpenStart(counts), frontier.firstCandidateStart());
        if (firstChange >= 0 && !notUtf8) {
            clean = Math.min(clean, Math.max(0, firstChange - 1 - session.reach()));
        } else if (continuations > 0 && !notUtf8) {
            clean = Math.min(clean, Math.max(0, codePointStart - 1 - session.reach())); // a character cut by the chunk
        }
        return clean;
    }

    /** The engine error that ended streaming, if any. */
    RuntimeException error() {
        return error;
    }

    /** The streamed session when it scanned exactly {@code content}, else null (the caller scans the view). */
    ScanSession sessionCovering(ByteBuffer content) {
        if (session == null || session.bytesScanned() != content.remaining()) {
            return null;
        }
        CRC32C check = new CRC32C();
        check.update(content.duplicate());
        return check.getValue() == crc.getValue() ? session : null;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
