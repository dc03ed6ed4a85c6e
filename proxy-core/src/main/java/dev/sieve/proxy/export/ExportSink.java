package dev.sieve.proxy.export;

import dev.sieve.proxy.audit.AuditSink;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous export of the audit trail: an {@link AuditSink} (so it receives every chained line, seals
 * included, from the audit writer thread) whose {@link #write} only enqueues; the sink's own thread formats
 * ({@link ExportFormat}) and sends ({@link Transport}).
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Order: lines are sent in chain order.</li>
 *   <li>Never dropped silently: a full queue either makes the audit writer wait ({@link ExportSettings.Overflow#BLOCK};
 *       the audit queue then fills, so requests slow down and are refused past it) or fails the audit log
 *       ({@link ExportSettings.Overflow#FAIL_CLOSED}: {@link #write} throws, the log stops accepting records,
 *       readiness reports it and requests get 503 until restart). Both are counted.</li>
 *   <li>Delivery: a send that fails is retried with backoff (100 ms doubling to 5 s) over a new connection, the
 *       failed batch first, so lines queued while the target is down arrive after it is back (bounded by the
 *       queue). A retried batch can arrive twice.</li>
 *   <li>Close: sends what is queued, waiting up to {@link #CLOSE_TIMEOUT_MILLIS} for an unreachable target; lines
 *       still unsent then are counted ({@link ExportMetrics#unsent}) and logged. After {@link #stopWaiting()} (Sieve
 *       is stopping) a full queue no longer holds the audit writer: such lines are counted and logged too, so a
 *       SIEM that is down cannot keep Sieve from stopping or from sealing its files.</li>
 * </ul>
 */
public final class ExportSink implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger(ExportSink.class);
    static final long CLOSE_TIMEOUT_MILLIS = 5000;
    private static final long RECHECK_MILLIS = 100;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5000;
    private static final int MAX_BATCH = 256;

    private final ExportSettings settings;
    private final Transport transport;
    private final OcsfMapper ocsf;
    private final ExportMetrics metrics;
    private final ArrayBlockingQueue<byte[]> queue;
    private final Thread thread;
    private volatile boolean closing;
    private volatile long closeDeadline;
    private volatile boolean refused;
    private volatile boolean stopWaiting;
    /** Whether the current outage was logged (once per outage; only the sink thread uses it). */
    private boolean loggedDown;

    ExportSink(ExportSettings settings, Transport transport, OcsfMapper ocsf, ExportMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.ocsf = Objects.requireNonNull(ocsf, "ocsf");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = new Thread(this::run, "sieve-audit-export-" + settings.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** The sink's name ({@code sink} label). */
    public String name() {
        return settings.name();
    }

    /** Lines waiting to be sent (a gauge). */
    public int queueDepth() {
        return queue.size();
    }

    /** Whether the target's connection is believed up (a gauge). */
    public boolean connected() {
        return transport.connected();
    }

    /** False once the queue overflowed under {@code fail-closed} (the audit log has failed with it). */
    public boolean healthy() {
        return !refused;
    }

    @Override
    public void write(byte[] line) throws IOException {
        if (closing) {
            throw new IOException("audit export " + name() + ": closed (expected: an open sink)");
        }
        if (queue.offer(line)) {
            return;
        }
        if (settings.overflow() == ExportSettings.Overflow.FAIL_CLOSED) {
            refused = true;
            metrics.refused();
            throw new IOException("audit export " + name() + ": queue full (" + settings.queueCapacity()
                    + " lines) (expected: a reachable target; overflow is fail-closed, so the audit log refuses"
                    + " records until Sieve restarts)");
        }
        metrics.blocked();
        try {
            // Once stopping, do not wait at all: a full audit queue behind a target that is down must not hold
            // close() for RECHECK_MILLIS per line.
            while (!(stopWaiting ? queue.offer(line) : queue.offer(line, RECHECK_MILLIS, TimeUnit.MILLISECONDS))) {
                if (closing) {
                    throw new IOException("audit export " + name() + ": closed while waiting for room");
                }
                if (stopWaiting) {
                    metrics.unsent(1);
                    LOG.error("audit export {}: a line not sent, the queue stayed full while Sieve was stopping",
                            name());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("audit export " + name() + ": interrupted while waiting for room");
        }
    }

    /**
     * Sieve is stopping: from now on a full queue under {@link ExportSettings.Overflow#BLOCK} no longer holds the
     * audit writer (which must still write its final records and seal to the files); lines that find it full are
     * counted as unsent ({@link ExportMetrics#unsent}) and logged instead. {@link dev.sieve.proxy.audit.AuditLog#close()}
     * calls it.
     */
    @Override
    public void stopWaiting() {
        stopWaiting = true;
    }

    /** Nothing to hand over: the sink thread sends as soon as lines arrive. */
    @Override
    public void flush() {}

    /** Sends what is queued (waiting up to {@link #CLOSE_TIMEOUT_MILLIS}), then stops. Idempotent. */
    @Override
    public void close() {
        if (!closing) {
            closeDeadline = System.currentTimeMillis() + CLOSE_TIMEOUT_MILLIS;
            closing = true;
        }
        try {
            thread.join(CLOSE_TIMEOUT_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<byte[]> batch = new ArrayList<>(MAX_BATCH);
        long backoff = MIN_BACKOFF_MILLIS;
        try {
            while (true) {
                if (batch.isEmpty()) {
                    byte[] first = queue.poll(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            break;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                if (send(batch)) {
                    metrics.sent(batch.size());
                    batch.clear();
                    backoff = MIN_BACKOFF_MILLIS;
                } else {
                    if (closing && System.currentTimeMillis() >= closeDeadline) {
                        break;
                    }
                    // Once closing, never sleep past the close deadline: close() waits only a second beyond it.
                    Thread.sleep(closing ? Math.max(1, Math.min(backoff, closeDeadline - System.currentTimeMillis()))
                            : backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            int unsent = batch.size() + queue.size();
            queue.clear();
            transport.close();
            if (unsent > 0) {
                metrics.unsent(unsent);
                LOG.error("audit export {}: {} line(s) not sent, the target stayed unreachable while closing",
                        name(), unsent);
            }
        }
    }

    /** Formats and sends one batch; false (counted, logged once per outage) when sending failed. */
    private boolean send(List<byte[]> batch) {
        List<ExportMessage> messages = new ArrayList<>(batch.size());
        for (byte[] line : batch) {
            try {
                messages.addAll(settings.format().messages(line, settings.records(), ocsf));
            } catch (IOException | RuntimeException e) {
                // Our own writer produced the line, so this is a bug; name the line by position only.
                LOG.error("audit export {}: a line could not be formatted ({}); sending it as is", name(),
                        e.getClass().getSimpleName());
                messages.add(new ExportMessage("unparsed", Instant.now(), ExportMessage.WARNING,
                        stripNewline(line)));
            }
        }
        if (messages.isEmpty()) {
            return true;
        }
        boolean wasUp = transport.connected();
        try {
            transport.send(messages);
            loggedDown = false;
            return true;
        } catch (IOException | RuntimeException e) {
            // A RuntimeException (a bad TLS parameter, say) must not end the sink's thread: the writer would then
            // wait on a queue nobody drains. Retried like an I/O failure, and counted.
            metrics.sendFailed();
            if (wasUp || !loggedDown) {
                // Messages name the target and the cause, never line content.
                LOG.warn("{}; retrying with backoff", e instanceof IOException ? e.getMessage()
                        : "audit export " + name() + ": " + e.getClass().getSimpleName());
                loggedDown = true;
            }
            return false;
        }
    }

    private static byte[] stripNewline(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(line, end);
    }
}
