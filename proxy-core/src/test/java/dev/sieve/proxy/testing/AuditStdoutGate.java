package dev.sieve.proxy.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Standard output as the audit log's {@code audit.stdout} sink sees it, under a test's control: it can stall
 * the audit writer (its queue then fills up) or make its writes fail. Only the audit writer thread is held or
 * failed; anything else written through it is passed on to the real standard output. Install it around a Sieve
 * start ({@link #whileStarting}): the audit log takes {@code System.out} when it opens.
 */
public final class AuditStdoutGate extends OutputStream {
    private static final String WRITER_THREAD = "sieve-audit-writer";

    private final PrintStream original;
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch stall;
    private volatile boolean failing;

    private AuditStdoutGate(PrintStream original) {
        this.original = original;
    }

    /** Runs {@code start} with this gate as {@code System.out}, then puts the real one back. */
    public static <T> T whileStarting(AuditStdoutGate[] gate, Callable<T> start) throws Exception {
        PrintStream original = System.out;
        gate[0] = new AuditStdoutGate(original);
        System.setOut(new PrintStream(gate[0], true));
        try {
            return start.call();
        } finally {
            System.setOut(original);
        }
    }

    /** From now on the audit writer waits in its next write until {@link #release}. */
    public void stall() {
        stall = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch s = stall;
        stall = null;
        if (s != null) {
            s.countDown();
        }
    }

    /** From now on every write of the audit writer fails, as on a full disk or a closed pipe. */
    public void fail() {
        failing = true;
        release();
    }

    /** Audit writes waiting in a stall. */
    public int held() {
        return held.get();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!Thread.currentThread().getName().equals(WRITER_THREAD)) {
            original.write(b, off, len);
            return;
        }
        CountDownLatch s = stall;
        if (s != null) {
            held.incrementAndGet();
            try {
                if (!s.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("audit gate: never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("audit gate: interrupted", e);
            } finally {
                held.decrementAndGet();
            }
        }
        if (failing) {
            throw new IOException("audit gate: write failed (test)");
        }
        // the audit lines themselves are not needed: they are dropped
    }
}
