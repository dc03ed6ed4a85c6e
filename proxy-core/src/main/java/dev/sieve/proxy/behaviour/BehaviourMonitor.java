package dev.sieve.proxy.behaviour;

import dev.sieve.proxy.audit.AuditRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link BehaviourDetector} on its own thread, fed with every audited decision. {@link #accept} is called
 * on event loops: it only offers the record to a bounded queue (O(1), never blocks). When the queue is full the
 * record is not seen by the detections, and that is counted ({@code sieve_alert_events_dropped_total}) and logged
 * once per burst; its audit record is written as always. Each alert goes to {@link Alerts#raise} on the detector
 * thread, which may block (the audit log's {@code append} does when its queue is full). The detector takes the
 * queued decisions in batches, in order, and after a partial batch pauses {@value #LINGER_NANOS} ns: under load an
 * alert comes at most that much later, and producers rarely have to wake a parked thread.
 */
public final class BehaviourMonitor implements Consumer<AuditRecord>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BehaviourMonitor.class);

    /** Decisions waiting for the detector: about 10 s of a busy proxy. */
    static final int QUEUE_CAPACITY = 16_384;
    private static final int MAX_BATCH = 256;
    /**
     * After a partial batch the detector pauses this long before looking again, as the audit writer does: under
     * load it then takes decisions in batches instead of being woken for each one (a futex wake and two context
     * switches per request, about 3 % of Sieve's CPU on small POSTs, profile of 2026-12-05 in bench/README.md).
     * Bounds how much later an alert is raised than it would be otherwise.
     */
    private static final long LINGER_NANOS = 5_000_000;

    /** Where alerts go: the audit chain, metrics and the application log ({@link BehaviourAlerts}). */
    public interface Alerts {
        void raise(AlertEntry alert) throws InterruptedException;

        /** A decision the detector did not see because its queue was full. */
        void dropped();
    }

    private final BehaviourDetector detector;
    private final Alerts alerts;
    private final BlockingQueue<AuditRecord> queue;
    private final Thread thread;
    private volatile boolean dropping;
    private volatile boolean closing;

    public BehaviourMonitor(AlertSettings settings, Clock clock, Alerts alerts) {
        this(settings, clock, alerts, QUEUE_CAPACITY);
    }

    BehaviourMonitor(AlertSettings settings, Clock clock, Alerts alerts, int capacity) {
        this.detector = new BehaviourDetector(settings, clock);
        this.alerts = alerts;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "sieve-behaviour");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a decision to the detector; never blocks. */
    @Override
    public void accept(AuditRecord record) {
        if (queue.offer(record)) {
            if (dropping) {
                dropping = false;
            }
            return;
        }
        alerts.dropped();
        if (!dropping) {
            dropping = true;
            log.warn("behaviour detection is behind: decisions are skipped by the detections until it catches up"
                    + " (sieve_alert_events_dropped_total)");
        }
    }

    private void run() {
        List<AuditRecord> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!closing || !queue.isEmpty()) {
                AuditRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                for (AuditRecord r : batch) {
                    for (AlertEntry alert : observe(r)) {
                        raise(alert);
                    }
                }
                boolean partial = batch.size() < MAX_BATCH;
                batch.clear();
                if (partial && !closing) {
                    LockSupport.parkNanos(LINGER_NANOS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void raise(AlertEntry alert) throws InterruptedException {
        try {
            alerts.raise(alert);
        } catch (RuntimeException e) {
            // The audit log has failed (it then refuses every request too): the detector carries on.
            log.error("behaviour alert {} for agent {} could not be raised ({})", alert.alert(), alert.agentId(),
                    e.getClass().getSimpleName());
        }
    }

    private List<AlertEntry> observe(AuditRecord r) {
        try {
            return detector.observe(r);
        } catch (RuntimeException e) {
            // No request data in the message: the exception's class names what went wrong.
            log.error("behaviour detection failed on one decision ({})", e.getClass().getSimpleName());
            return List.of();
        }
    }

    /** Lets the detector finish the decisions it holds (and raise their alerts), then stops it. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
