package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionPool;
import dev.sieve.proxy.inspect.WholeBodyInspection;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.redaction.PlaceholderLookup;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request body, held whole while its inspection session reads it, then forwarded or dropped.
 * It never holds more than {@code maxBytes}; the inspection session is finished or aborted exactly
 * once; the held buffer is released exactly once, by {@link #release()}, which can be called any
 * number of times. Not thread-safe: used on the exchange's event loop only, except for the inspection itself,
 * which {@link #inspect} hands to an {@link InspectionPool} worker.
 *
 * <p>The event loop only copies bytes: the inspection runs on {@link InspectionPool} workers. A body of
 * {@link #FEED_FROM} bytes or more is shown to the session as it arrives ({@link #feed}), one job at a time, each
 * job taking every byte received since the last one, so that the session can prove a prefix clean
 * ({@link #cleanThrough()}) and the exchange can stream it upstream before the verdict; the last job
 * ({@link #inspect}) shows the rest and finishes the session. A smaller body is inspected whole once its last byte
 * is in, as one job. While a job runs, it owns the session and a reference to the bytes it reads:
 * {@link #release()} then neither aborts the session (a feed job's end does, on the loop, or the final job finishes
 * it) nor frees the bytes under the worker.
 *
 * <p>The bytes are copied into one heap buffer, allocated at the declared {@code Content-Length} when
 * there is one: the decoders need the body contiguous anyway, and a buffer of exactly the body's size
 * reaches them without another copy. (Holding the received chunks instead pins every network buffer
 * they slice, and a composite of thousands of chunks costs a walk over its components for every
 * TLS record written upstream.)
 */
final class HeldBody {
    private static final Logger log = LoggerFactory.getLogger(HeldBody.class);
    /** The first allocation for a body of unknown length; it grows as needed up to the limit. */
    private static final int UNKNOWN_LENGTH_START = 8 * 1024;
    /** A Java array's practical maximum length. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /**
     * Bodies are shown to the session as they arrive once this many bytes are in, and this many at least per feed
     * job: below it, a hand-off per job costs more than it saves (a 32 MiB body then takes at most 512 jobs, not one
     * per network read), and a prefix this short is not worth streaming upstream early.
     */
    static final int FEED_FROM = 64 * 1024;

    private final RequestInspector.Session inspection;
    private final String requestId;
    private final long maxBytes;
    private ByteBuf buffer;
    private boolean inspecting = true;
    /** Bytes handed to feed jobs so far (shown to the session, or being shown). */
    private int fed;
    /** A feed job is queued or running: it owns the session until its end comes back on the loop. */
    private InspectionPool.Pending feeding;
    /** What the session last said it proved clean. */
    private long cleanThrough;
    /** A feed job failed or was abandoned: the verdict is this block, whatever comes after. */
    private Verdict.Block feedFailure;
    /** The trailer fields after the body's last chunk ({@link #trailers}); none by default. */
    private List<Map.Entry<String, String>> trailers = List.of();

    /**
     * @param inspection     the request's open inspection session; this body finishes or aborts it
     * @param requestId      names the request in logs
     * @param maxBytes       the most body bytes this body takes (see {@link #add})
     * @param declaredLength the request's Content-Length, or -1 when it has none
     */
    HeldBody(RequestInspector.Session inspection, String requestId, long maxBytes, long declaredLength) {
        this.inspection = inspection;
        this.requestId = requestId;
        this.maxBytes = maxBytes;
        int max = (int) Math.min(maxBytes, MAX_ARRAY);
        int initial = declaredLength >= 0 && declaredLength <= max ? (int) declaredLength
                : Math.min(max, UNKNOWN_LENGTH_START);
        this.buffer = Unpooled.buffer(initial, max);
    }

    /** The most body bytes this body takes. */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * Copies {@code chunk} into the held body (the caller keeps and releases its own reference), unless the body
     * would then exceed {@code maxBytes}; nothing is held then.
     *
     * @return {@code false} when the chunk would exceed the limit
     */
    boolean add(ByteBuf chunk) {
        // The buffer's maximum capacity is maxBytes (or the largest array, should maxBytes exceed it).
        if (buffer.readableBytes() + (long) chunk.readableBytes() > buffer.maxCapacity()) {
            return false;
        }
        if (chunk.isReadable()) {
            buffer.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
        }
        return true;
    }

    /**
     * Takes the trailer fields that came with the body's last chunk: the final inspection job ({@link #inspect})
     * shows them to the session, which scans them like headers. They are never forwarded: the body goes upstream with
     * a {@code Content-Length}, or streamed and then ended without trailer fields.
     */
    void trailers(List<Map.Entry<String, String>> fields) {
        trailers = List.copyOf(fields);
    }

    /** Bytes received and not yet handed to a feed job. */
    int unfed() {
        return readableBytes() - fed;
    }

    /** Whether a feed job is queued or running ({@link #inspect} waits for its end). */
    boolean feeding() {
        return feeding != null;
    }

    /** Whether the received bytes are to be shown to the session now ({@link #feed}). */
    boolean wantsFeed() {
        return inspecting && feeding == null && feedFailure == null && unfed() >= FEED_FROM;
    }

    /**
     * The verdict when a feed job failed (inspection failed) or never ran (Sieve is stopping): the body is then
     * not inspected further, and {@link #release()} aborts the session.
     */
    Optional<Verdict.Block> feedFailure() {
        return Optional.ofNullable(feedFailure);
    }

    /**
     * How many leading bytes of the body the session proved clean so far (never more than it was shown, never
     * decreasing; 0 once a feed failed).
     */
    long cleanThrough() {
        return feedFailure == null ? cleanThrough : 0;
    }

    /**
     * Shows the session the bytes received since the last feed, on a worker of {@code pool}; {@code onFed} then runs
     * on {@code loop} (also when the job failed or was abandoned: the verdict is then a block). At most one feed job
     * runs at a time: call only when {@link #wantsFeed()}.
     *
     * <p>The worker reads the bytes straight from the buffer's array, which is safe although the loop keeps writing
     * to the buffer: the range was written before the job was submitted (the pool's hand-off orders the two), the
     * loop only ever writes after it, and when the buffer grows it moves to a new array and leaves the old one
     * (which the job holds) as it was. The buffer is an unpooled heap buffer ({@link Unpooled#buffer}), so its
     * array stays valid for as long as the job holds it, whatever happens to the buffer.
     */
    void feed(InspectionPool pool, EventExecutor loop, Runnable onFed) {
        if (!wantsFeed()) {
            throw new IllegalStateException("feed: " + unfed() + " bytes, feeding " + (feeding != null)
                    + " (expected: bytes to feed, no feed running)");
        }
        ByteBuf piece = Unpooled.wrappedBuffer(buffer.array(), buffer.arrayOffset() + buffer.readerIndex() + fed,
                unfed());
        boolean first = fed == 0;
        fed = readableBytes();
        RequestInspector.Session session = inspection;
        feeding = pool.submit(new InspectionPool.Job() {
            @Override
            public void run() {
                long clean;
                try {
                    if (first) {
                        session.trackClean(); // a body fed as it arrives is one that may stream
                    }
                    session.onContent(piece);
                    clean = session.cleanThrough();
                } catch (RuntimeException | Error e) {
                    log.error("inspection failed for {}: {}", requestId, e.getClass().getName());
                    clean = -1;
                } finally {
                    piece.release();
                }
                long result = clean;
                onLoop(loop, () -> fedOnLoop(result, onFed));
            }

            @Override
            public void abandon() {
                piece.release();
                onLoop(loop, () -> fedOnLoop(-2, onFed));
            }
        });
    }

    private static void onLoop(EventExecutor loop, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down: its channels close and release what they hold.
        }
    }

    /** A feed job ended: {@code clean} is the session's cleanThrough, -1 when it failed, -2 when it never ran. */
    private void fedOnLoop(long clean, Runnable onFed) {
        feeding = null;
        if (clean == -1 && feedFailure == null) {
            feedFailure = WholeBodyInspection.failed();
        } else if (clean == -2 && feedFailure == null) {
            feedFailure = WholeBodyInspection.stopping();
        } else if (clean > cleanThrough) {
            cleanThrough = Math.min(clean, fed); // the contract says at most the bytes shown: hold it to that
        }
        if (buffer == null) {
            if (inspecting) { // released while the job ran: the session is the job's to abort, now that it is done
                inspecting = false;
                inspection.abort();
            }
            return;
        }
        onFed.run();
    }

    /**
     * Hands the rest of the inspection to {@code pool}: on a worker, the session is shown the bytes no feed job
     * showed it and is finished with the whole body; the verdict comes back on {@code loop} to {@code onVerdict}. A
     * job the pool abandons aborts the session; a withdrawn or cancelled one never calls {@code onVerdict}, while on a
     * closed pool {@code onVerdict} gets an inspection-failed block at once ({@link WholeBodyInspection#submit}).
     * Not while a feed job runs ({@link #feeding()}), nor after a failed one ({@link #feedFailure()}).
     */
    InspectionPool.Pending inspect(InspectionPool pool, EventExecutor loop, Consumer<Verdict> onVerdict) {
        if (!inspecting || feeding != null || feedFailure != null) {
            throw new IllegalStateException("inspection: " + (buffer == null ? "released"
                    : feeding != null ? "feeding" : feedFailure != null ? "failed" : "handed over")
                    + " (expected: open)");
        }
        inspecting = false; // the job owns the session now
        return WholeBodyInspection.submit(pool, loop, inspection, buffer.retainedDuplicate(), fed, trailers,
                requestId, onVerdict);
    }

    /**
     * Applies a redaction: the held body becomes {@code replace.body()} (the old one is released),
     * and {@code request} gets the replacement's headers and, when present, its request target.
     */
    void replace(Verdict.Replace replace, HttpRequest request) {
        buffer.release();
        buffer = Unpooled.wrappedBuffer(replace.body());
        for (Map.Entry<String, String> h : replace.headers()) {
            request.headers().set(h.getKey(), h.getValue());
        }
        replace.pathAndQuery().ifPresent(request::setUri);
    }

    /** After the verdict: the originals to restore in the response, when the inspection says so. */
    Optional<PlaceholderLookup> restore() {
        return inspection.restore();
    }

    /** The bytes held; 0 after {@link #release()}. */
    int readableBytes() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /** The held bytes (not retained: valid until {@link #release()}). */
    ByteBuf bytes() {
        if (buffer == null) {
            throw new IllegalStateException("body: released (expected: held)");
        }
        return buffer;
    }

    /**
     * Aborts an inspection not handed over to {@link #inspect} and releases the held buffer (a running job keeps its
     * own reference until it is done; the end of a running feed job aborts the session); later calls do nothing.
     */
    void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null; // first: the end of a feed job that comes back from here on finds the body released
        }
        if (inspecting && feeding != null && !feeding.cancel()) {
            return; // a worker shows the session a piece right now: the end of its job aborts the session (fedOnLoop)
        }
        if (inspecting) {
            inspecting = false;
            inspection.abort();
        }
    }
}
