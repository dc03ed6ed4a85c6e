package dev.sieve.proxy.inspect;

import dev.sieve.proxy.error.Refusal;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inspects one whole body (a request body, a WebSocket message) with its open session on an {@link InspectionPool}
 * worker and hands the verdict back to the event loop: what {@code HeldBody} and the WebSocket message inspection
 * share. Fails closed: an inspection that throws is a {@link Verdict.Block} for {@link Refusal#INSPECTION_FAILED}.
 */
public final class WholeBodyInspection {
    private static final Logger log = LoggerFactory.getLogger(WholeBodyInspection.class);

    private WholeBodyInspection() {}

    /**
     * Submits the inspection of {@code body} to {@code pool}: on a worker the session is shown the body and finished,
     * and {@code onVerdict} gets the verdict on {@code loop}. The job owns {@code session} and {@code body} (a reference
     * of its own, released when it is done); a job the pool abandons (withdrawn, cancelled, pool closed) aborts the
     * session and releases the body. A withdrawn or cancelled job never calls {@code onVerdict}; when the pool is
     * already closed (Sieve is stopping) {@code onVerdict} gets {@link #stopping()} on {@code loop} at once, so the
     * caller does not wait for its idle timeout for a verdict that is not coming.
     *
     * @param name names the body in logs (a request id; never content)
     */
    public static InspectionPool.Pending submit(InspectionPool pool, EventExecutor loop,
            RequestInspector.Session session, ByteBuf body, String name, Consumer<Verdict> onVerdict) {
        return submit(pool, loop, session, body, 0, name, onVerdict);
    }

    /**
     * As {@link #submit(InspectionPool, EventExecutor, RequestInspector.Session, ByteBuf, String, Consumer)}, for a
     * session already shown the first {@code shown} bytes of {@code body} ({@link RequestInspector.Session#onContent}
     * as they arrived): only the rest is shown before the session is finished with the whole body.
     */
    public static InspectionPool.Pending submit(InspectionPool pool, EventExecutor loop,
            RequestInspector.Session session, ByteBuf body, int shown, String name, Consumer<Verdict> onVerdict) {
        return submit(pool, loop, session, body, shown, List.of(), name, onVerdict);
    }

    /**
     * As {@link #submit(InspectionPool, EventExecutor, RequestInspector.Session, ByteBuf, int, String, Consumer)},
     * with the trailer fields that came after the body: the worker hands them to the session
     * ({@link RequestInspector.Session#onTrailers}) before it finishes it; should that fail, the verdict is a block.
     */
    public static InspectionPool.Pending submit(InspectionPool pool, EventExecutor loop,
            RequestInspector.Session session, ByteBuf body, int shown, List<Map.Entry<String, String>> trailers,
            String name, Consumer<Verdict> onVerdict) {
        InspectionPool.Pending p = pool.submit(new InspectionPool.Job() {
            @Override
            public void run() {
                Verdict verdict;
                try {
                    verdict = finish(session, body, shown, trailers, name);
                } finally {
                    body.release();
                }
                try {
                    loop.execute(() -> onVerdict.accept(verdict));
                } catch (RejectedExecutionException e) {
                    // The loop is shutting down: its channels close and release what they hold.
                }
            }

            @Override
            public void abandon() {
                try {
                    session.abort();
                } finally {
                    body.release();
                }
            }
        });
        if (p.abandoned()) {
            // Only a closed pool abandons a job before its submitter has it.
            log.warn("{}: not inspected, the inspection pool is closed (Sieve is stopping)", name);
            try {
                loop.execute(() -> onVerdict.accept(stopping()));
            } catch (RejectedExecutionException e) {
                // The loop is shutting down: its channels close and release what they hold.
            }
        }
        return p;
    }

    /**
     * Shows {@code session} the whole {@code body} (owned by the caller) and finishes it, on the calling thread. An
     * inspection that throws yields a {@link Verdict.Block} for {@link Refusal#INSPECTION_FAILED}; its
     * exception is not propagated (a caller never waits for a verdict that is not coming). The session is not aborted:
     * it was finished, however badly.
     */
    public static Verdict finish(RequestInspector.Session session, ByteBuf body, String name) {
        return finish(session, body, 0, name);
    }

    /** As {@link #finish(RequestInspector.Session, ByteBuf, String)}, the first {@code shown} bytes already shown. */
    static Verdict finish(RequestInspector.Session session, ByteBuf body, int shown, String name) {
        return finish(session, body, shown, List.of(), name);
    }

    /** As above, then the body's trailer fields (none when empty) shown before the session is finished. */
    static Verdict finish(RequestInspector.Session session, ByteBuf body, int shown,
            List<Map.Entry<String, String>> trailers, String name) {
        try {
            if (body.readableBytes() > shown) {
                session.onContent(body.slice(body.readerIndex() + shown, body.readableBytes() - shown));
            }
            if (!trailers.isEmpty()) {
                session.onTrailers(trailers);
            }
            return session.finish(body);
        } catch (RuntimeException | Error e) {
            log.error("inspection failed for {}: {}", name, e.getClass().getName());
            return failed();
        }
    }

    /**
     * The verdict on a body that was not inspected because Sieve is stopping: refused (fail closed) as
     * {@link Refusal#STOPPING}, which tells the agent to retry rather than that its request was bad.
     */
    public static Verdict.Block stopping() {
        return new Verdict.Block(Refusal.STOPPING, "the inspection pool is closed", List.of(),
                new Verdict.Report("denied", List.of(Refusal.STOPPING.code()), List.of(), "", 0, false));
    }

    /** The verdict of an inspection that could not finish. */
    public static Verdict.Block failed() {
        return new Verdict.Block(Refusal.INSPECTION_FAILED, "internal inspection error", List.of(),
                new Verdict.Report("blocked", List.of("internal_error"), List.of(), "", 0, false));
    }
}
