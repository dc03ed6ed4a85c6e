package dev.sieve.proxy.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper-evident audit log: producers enqueue {@link AuditRecord}s, one writer thread drains the bounded
 * queue in batches, chains every line with HMAC-SHA256 (see {@link AuditFormat}) and writes it to every sink.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Order: records are written in the order they were enqueued; {@code seq} numbers them without gaps
 *       across files and restarts (the chain continues from the newest file's last record).</li>
 *   <li>Seals: before a file rotates (size or age) and on {@link #close()}, a seal line records how many
 *       records the segment holds, so truncation and deleted files are detectable ({@link AuditVerifier}).</li>
 *   <li>Signatures: with a {@link SealSigner}, seals and chain heads (written {@link Signing#headInterval()} after
 *       the last signed line when records arrived since, never while idle) carry an Ed25519 signature over the lines
 *       they cover, and each is appended to the anchor sinks before the writer goes on.</li>
 *   <li>Durability: each batch is flushed to the OS (survives a process crash); files are fsynced when sealed.
 *       A machine crash can lose the last unsealed batch, which the verifier reports as an unsealed file.</li>
 *   <li>Overflow: when the queue is full, {@link #append} blocks ({@link OverflowPolicy#BLOCK}, the default:
 *       no record is lost, requests slow down) or drops and counts the record ({@link OverflowPolicy#DROP});
 *       {@link #tryAppend} never blocks (for event loops).</li>
 *   <li>One writer: a log over a directory ({@link #open}) holds an exclusive lock on {@code <directory>/.lock}
 *       until {@link #close()} or until writing fails; a second log on the same directory, in this process or
 *       another, fails to open.</li>
 *   <li>Fail closed: once writing fails (disk full, closed stdout), the log stops accepting records:
 *       {@link #append} throws, {@link #tryAppend} returns false, {@link #healthy()} turns false; the writer then
 *       closes every sink (their threads end, their connections and files close, the directory lock is freed).</li>
 * </ul>
 * The HMAC key is copied into the MAC engine and never logged.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_BATCH = 512;
    private static final long IDLE_CHECK_MILLIS = 1000;
    private static final long RECHECK_MILLIS = 100;
    /**
     * After a partial batch the writer pauses this long before looking again, so that under load records are
     * written (and flushed) in batches and request threads rarely have to wake a parked writer. Bounds how much
     * later than its request a record reaches the OS.
     */
    private static final long LINGER_NANOS = 1_000_000;
    /** Marks the end of the queue; identity-compared. */
    private static final Object SHUTDOWN = new Object();

    private final ArrayBlockingQueue<Object> queue;
    private final OverflowPolicy overflow;
    private final AuditMetrics metrics;
    private final ChainWriter writer;
    private final Thread thread;
    /** Appends hold the read lock; close takes the write lock, so no record can follow the shutdown marker. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private volatile Throwable failure;

    private AuditLog(List<AuditSink> sinks, byte[] hmacKey, Clock clock, AuditMetrics metrics, int queueCapacity,
            OverflowPolicy overflow, Signing signing) throws IOException {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.overflow = overflow;
        this.metrics = metrics;
        this.writer = signing == null ? new ChainWriter(sinks, new ChainMac(hmacKey), clock, metrics)
                : new ChainWriter(sinks, new ChainMac(hmacKey), clock, metrics, signing.signer(),
                        signing.headInterval(), signing.anchors());
        this.thread = new Thread(this::drain, "sieve-audit-writer");
        thread.setDaemon(true);
    }

    /**
     * Opens the log the settings describe: rotating files in {@code settings.directory()} and/or standard output.
     * The key comes from {@link AuditKeys#loadOrCreate} on {@code settings.keyFile(dataDir)}.
     */
    public static AuditLog open(AuditSettings settings, byte[] hmacKey, Clock clock, AuditMetrics metrics)
            throws IOException {
        return open(settings, List.of(), hmacKey, null, clock, metrics);
    }

    /** Opens the log the settings describe, signing as {@link #open(AuditSettings, List, byte[], SealSigner, Clock,
     * AuditMetrics)} does, with no extra sinks. */
    public static AuditLog open(AuditSettings settings, byte[] hmacKey, SealSigner signer, Clock clock,
            AuditMetrics metrics) throws IOException {
        return open(settings, List.of(), hmacKey, signer, clock, metrics);
    }

    /**
     * Opens the log the settings describe: files and stdout, then {@code extraSinks} (the SIEM exports, alert
     * webhooks; a failing extra sink fails the log like any other sink; the log closes them, also when it fails
     * to open). Seals and chain heads are signed with
     * {@code signer} (null: unsigned seals, no heads) and, with a signer, appended to
     * {@code settings.signing().anchorsFile()} when set.
     */
    public static AuditLog open(AuditSettings settings, List<? extends AuditSink> extraSinks, byte[] hmacKey,
            SealSigner signer, Clock clock, AuditMetrics metrics) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(extraSinks, "extraSinks");
        List<AuditSink> sinks = new ArrayList<>(2 + extraSinks.size());
        List<AuditSink> anchors = new ArrayList<>(1);
        try {
            if (settings.directory().isPresent()) {
                sinks.add(AuditSinks.rotatingFiles(settings.directory().get(), settings.maxFileBytes(),
                        settings.maxFileAge(), clock));
            }
            if (settings.stdout()) {
                sinks.add(AuditSinks.stream(System.out));
            }
            if (signer != null && settings.signing().anchorsFile().isPresent()) {
                anchors.add(AuditSinks.anchorFile(settings.signing().anchorsFile().get()));
            }
        } catch (IOException | RuntimeException e) {
            sinks.addAll(extraSinks);
            closeAll(sinks, e);
            throw e;
        }
        sinks.addAll(extraSinks);
        if (signer == null) {
            return start(sinks, hmacKey, clock, metrics, settings.queueCapacity(), settings.overflow());
        }
        return start(sinks, hmacKey, clock, metrics, settings.queueCapacity(), settings.overflow(),
                new Signing(signer, settings.signing().anchorInterval(), anchors));
    }

    /**
     * How a log signs: seals and chain heads by {@code signer}, a head {@code headInterval} after the last signed
     * line when lines were written since; every seal and head also goes to {@code anchors} (and only those).
     */
    public record Signing(SealSigner signer, java.time.Duration headInterval, List<AuditSink> anchors) {
        public Signing {
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(headInterval, "headInterval");
            anchors = List.copyOf(anchors);
        }
    }

    /** Starts a log over the given sinks (each receives every line). */
    public static AuditLog start(List<AuditSink> sinks, byte[] hmacKey, Clock clock, AuditMetrics metrics,
            int queueCapacity, OverflowPolicy overflow) throws IOException {
        return start(sinks, hmacKey, clock, metrics, queueCapacity, overflow, null);
    }

    /**
     * Starts a log over the given sinks, signing as {@code signing} says (null: unsigned seals, no heads). The log
     * owns the sinks and anchors from here on: it closes them on {@link #close()}, as soon as writing fails, and when
     * it cannot start.
     */
    public static AuditLog start(List<AuditSink> sinks, byte[] hmacKey, Clock clock, AuditMetrics metrics,
            int queueCapacity, OverflowPolicy overflow, Signing signing) throws IOException {
        Objects.requireNonNull(sinks, "sinks");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(overflow, "overflow");
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("sinks: none (expected: at least one)");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: >= 1)");
        }
        AuditLog log;
        try {
            log = new AuditLog(sinks, hmacKey, clock, metrics, queueCapacity, overflow, signing);
        } catch (IOException | RuntimeException e) {
            List<AuditSink> all = new ArrayList<>(sinks);
            all.addAll(signing == null ? List.of() : signing.anchors());
            closeAll(all, e);
            throw e;
        }
        log.thread.start();
        return log;
    }

    /** Closes sinks a log could not start with, so their threads, files and locks do not outlive the failure. */
    private static void closeAll(List<AuditSink> sinks, Exception cause) {
        try {
            ChainWriter.closeEach(sinks);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Enqueues a record for writing. When the queue is full: under {@link OverflowPolicy#BLOCK} waits until the
     * writer makes room (counted once in {@link AuditMetrics#blocked()}); under {@link OverflowPolicy#DROP}
     * discards the record (counted in {@link AuditMetrics#dropped()}). Not for event-loop threads: use
     * {@link #tryAppend}.
     *
     * @throws IllegalStateException when the log is closed or writing has failed (fail closed: refuse the request)
     */
    public void append(AuditRecord record) throws InterruptedException {
        Objects.requireNonNull(record, "record");
        lifecycle.readLock().lockInterruptibly();
        try {
            ensureOpen();
            if (queue.offer(record)) {
                return;
            }
            if (overflow == OverflowPolicy.DROP) {
                metrics.dropped();
                return;
            }
            metrics.blocked();
            // Wait in slices so a writer that dies while we wait turns into an exception, not a hang.
            while (!queue.offer(record, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                ensureOpen();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Enqueues a record without ever blocking, for event-loop threads. Returns whether the request may proceed:
     * <ul>
     *   <li>true: the record is queued, or, under {@link OverflowPolicy#DROP} with a full queue, dropped and
     *       counted (the operator chose availability over completeness);</li>
     *   <li>false: under {@link OverflowPolicy#BLOCK} the queue is full (counted in
     *       {@link AuditMetrics#refused()}), or the log is closing, closed or failed. The caller must refuse the
     *       request (503) instead of blocking the event loop: no request passes without its audit record.</li>
     * </ul>
     */
    public boolean tryAppend(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        if (!lifecycle.readLock().tryLock()) {
            return false; // closing
        }
        try {
            if (closed || failure != null) {
                return false;
            }
            if (queue.offer(record)) {
                return true;
            }
            if (overflow == OverflowPolicy.DROP) {
                metrics.dropped();
                return true;
            }
            metrics.refused();
            return false;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Enqueues an entry that is never dropped: an admin action, or any other {@link AuditEntry} that is not a request
     * decision (from admin threads, the CLI or background detectors, never an event loop). Blocks while the queue is
     * full, even under {@link OverflowPolicy#DROP}.
     *
     * @throws IllegalStateException when the log is closed or writing has failed
     */
    public void append(AuditEntry record) throws InterruptedException {
        Objects.requireNonNull(record, "record");
        lifecycle.readLock().lockInterruptibly();
        try {
            ensureOpen();
            while (!queue.offer(record, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                ensureOpen();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Records waiting for the writer (a gauge for metrics). */
    public int queueDepth() {
        return queue.size();
    }

    /** False once writing has failed or the log is closed (for readiness checks). */
    public boolean healthy() {
        return !closed && failure == null;
    }

    /** Why writing failed, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Stops accepting records, writes everything queued, seals the open segment, closes the sinks and waits for
     * the writer. Idempotent. Sinks are told to stop waiting first ({@link AuditSink#stopWaiting()}), so a SIEM or
     * webhook receiver that is down cannot keep the log from sealing or Sieve from stopping: lines they could not
     * take are counted as unsent.
     *
     * @throws UncheckedIOException when the writer failed (the log may lack records or its final seal)
     */
    @Override
    public void close() {
        // First, so that a sink whose receiver is down lets the writer go on: producers waiting for queue room hold
        // the lifecycle lock, and they wait for the writer.
        writer.stopWaiting();
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        boolean interrupted = false;
        try {
            while (failure == null && thread.isAlive() && !queue.offer(SHUTDOWN, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                // the writer is draining; keep trying
            }
            thread.join();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure;
        if (f != null) {
            throw new UncheckedIOException("audit log failed: " + f.getMessage(),
                    f instanceof IOException io ? io : new IOException(f));
        }
    }

    private void ensureOpen() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("audit log failed: " + f.getMessage()
                    + " (expected: a writable audit sink; requests are refused until Sieve restarts)");
        }
        if (closed) {
            throw new IllegalStateException("audit log: closed (expected: an open log)");
        }
    }

    private void drain() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                Object first = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    int sealed = writer.idle();
                    if (sealed > 0) {
                        writer.flush();
                        metrics.written(sealed);
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = false;
                int written = 0;
                for (Object item : batch) {
                    if (item == SHUTDOWN) {
                        stop = true;
                    } else {
                        written += writer.write((AuditEntry) item);
                    }
                }
                batch.clear();
                writer.flush();
                metrics.written(written);
                if (stop) {
                    metrics.written(writer.shutdown());
                    return;
                }
                if (written < MAX_BATCH) {
                    LockSupport.parkNanos(LINGER_NANOS);
                }
            }
        } catch (InterruptedException e) {
            fail(new IOException("audit writer interrupted"));
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
        // Writing failed: nothing will be written again, so the sinks are released now (their threads end, their
        // sockets and files close, the directory lock is freed) rather than whenever someone calls close().
        writer.stopWaiting();
        try {
            writer.closeSinks();
        } catch (IOException e) {
            LOG.warn("audit: closing the sinks after the failure failed too: {}", e.toString());
        }
    }

    private void fail(Throwable e) {
        failure = e;
        metrics.failed();
        // The message names files and causes, never record content.
        LOG.error("audit: writing failed, refusing new records: {}", e.toString());
        // Blocked producers see the failure on their next re-check; records still queued are lost (they were
        // accepted before the failure), which is why healthy() turns false and the proxy stops serving.
    }
}
