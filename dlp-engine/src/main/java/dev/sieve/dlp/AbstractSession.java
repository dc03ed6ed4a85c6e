package dev.sieve.dlp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** Session life cycle shared by both engines: slicing, state checks, cached result. */
abstract class AbstractSession implements ScanSession {

    final ScanCore core;
    private List<Finding> result;
    private long codeHint = -1;
    private boolean closed;

    AbstractSession(PatternTable table, String viewPath) {
        this.core = new ScanCore(table, Objects.requireNonNull(viewPath, "viewPath"));
    }

    @Override
    public final void feed(ByteBuffer chunk) {
        Objects.requireNonNull(chunk, "chunk");
        ensureOpen();
        if (!chunk.hasRemaining()) {
            return;
        }
        boolean ok = false;
        core.beginChunk(chunk);
        try {
            int base = chunk.position();
            int limit = chunk.limit();
            for (int from = base; from < limit; from += ScanCore.SLICE) {
                int to = Math.min(limit, from + ScanCore.SLICE);
                long absFrom = core.end();
                scanSlice(chunk, from, to, absFrom);
                core.advance(absFrom + (to - from));
                core.process(false);
            }
            ok = true;
        } finally {
            core.endChunk();
            chunk.position(chunk.limit());
            if (!ok) {
                closed = true;
                release();
            }
        }
    }

    @Override
    public final List<Finding> finish() {
        if (result != null) {
            return result;
        }
        ensureOpen();
        boolean ok = false;
        try {
            endStream();
            core.process(true);
            result = withoutHints(core.findings(true));
            ok = true;
            return result;
        } finally {
            closed = !ok;
            release();
        }
    }

    /** Findings ignoring min_count, for rule examples. */
    final List<Finding> finishIgnoringMinCount() {
        ensureOpen();
        try {
            endStream();
            core.process(true);
            List<Finding> all = withoutHints(core.findings(false));
            result = withoutHints(core.findings(true));
            return all;
        } finally {
            release();
        }
    }

    /** The findings but those of the internal hint rule, whose first start is kept as {@link #codeHint()}. */
    private List<Finding> withoutHints(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.ruleId().equals(CodeHints.ID)) {
                codeHint = codeHint < 0 ? f.start() : Math.min(codeHint, f.start());
            } else {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public final long codeHint() {
        if (result == null) {
            throw new IllegalStateException("session: not finished (expected: finish() first)");
        }
        return codeHint;
    }

    /** The internal hint rule counts whatever {@code counts} says (see {@link ScanCore#firstOpenStart}). */
    @Override
    public final long firstOpenStart(Predicate<Rule> counts) {
        Objects.requireNonNull(counts, "counts");
        ensureOpen();
        return core.firstOpenStart(counts);
    }

    @Override
    public final int reach() {
        return core.reach();
    }

    @Override
    public final long bytesScanned() {
        return core.end();
    }

    @Override
    public final boolean truncated() {
        return core.truncated();
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    private void ensureOpen() {
        if (closed || result != null) {
            throw new IllegalStateException("session: " + (result != null ? "finished" : "closed") + " (expected: open)");
        }
    }

    /** Hands bytes {@code [from, to)} of {@code chunk} (absolute offset {@code absFrom}) to the hit source. */
    abstract void scanSlice(ByteBuffer chunk, int from, int to, long absFrom);

    /** Signals end of stream to the hit source (may report final hits). */
    abstract void endStream();

    /** Frees engine resources; idempotent. */
    abstract void release();
}
