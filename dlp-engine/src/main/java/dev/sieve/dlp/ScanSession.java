package dev.sieve.dlp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Predicate;

/**
 * One scan over one stream of bytes (a view), fed in chunks of any size. Not thread-safe: one thread at a time.
 *
 * <p><b>Match semantics.</b> Bytes are matched as ISO-8859-1 text (one char per byte; UTF-8 multi-byte
 * sequences are just high bytes; the patterns' non-ASCII literals are compiled as their UTF-8 bytes). For each
 * pattern, the candidate spans are exactly those of repeated {@code java.util.regex.Matcher.find()} over the
 * whole view, with {@code \b} meaning an ASCII word boundary and only {@code \n} ending a line. A candidate
 * survives when it contains no {@code exclude} literal, passes all validators, and, if the context is
 * {@code required}, has a keyword within the context window. Per rule, surviving spans are reduced to
 * non-overlapping leftmost-longest ones; {@code keypair} then keeps a span only if a span of the partner rule is
 * within its window; finally a rule with fewer than {@code min_count} distinct values reports nothing. How the
 * input is split into chunks never changes the result.
 */
public interface ScanSession extends AutoCloseable {

    /**
     * Scans the remaining bytes of {@code chunk} (direct or heap) and advances its position to its limit. No
     * reference to {@code chunk} is kept after return.
     *
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}
     * @throws ScanException if the engine fails (callers must fail closed)
     */
    void feed(ByteBuffer chunk);

    /**
     * Ends the stream and returns the findings, sorted by start offset, then end, then rule id. Idempotent.
     *
     * @throws ScanException if the engine fails (callers must fail closed)
     */
    List<Finding> finish();

    /**
     * After {@link #finish()}: where the view may first hold text written as char codes or spaced out (the start of
     * the first match of an internal pattern, see {@code CodeHints}), or -1. Such text is decoded from there on by
     * the inspection ({@code Views.decodeCodes}); the scan itself reports no finding for it.
     *
     * @throws IllegalStateException before {@link #finish()}
     */
    long codeHint();

    /**
     * Where the earliest finding of a rule that {@code counts} accepts may still start, as far as the bytes fed so
     * far tell: no candidate of such a rule that passed its checks starts before it, and no match not yet decided can
     * (a match still waiting for bytes after it, or one that later bytes may end). {@code min_count} and key pairs are
     * not applied: every candidate that passed counts. Never more than {@link #bytesScanned()}; never decreases as
     * more bytes are fed. A caller streaming the view may pass on the bytes before it.
     *
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}
     */
    long firstOpenStart(Predicate<Rule> counts);

    /**
     * How far around a match the bytes that decide it reach, the widest over the session's patterns (the match, the
     * context window after it and before it, a column header above it): a change to the byte at offset {@code x}
     * cannot change whether a match starting before {@code x - reach()} is a finding.
     */
    int reach();

    /** Bytes fed so far. */
    long bytesScanned();

    /**
     * True if more than the per-session candidate limit were found and some were dropped; callers must then
     * treat the view as blocked, because redaction could not cover every occurrence.
     */
    boolean truncated();

    /** Releases the session's native resources; never throws. */
    @Override
    void close();
}
