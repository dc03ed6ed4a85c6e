package dev.sieve.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts content bytes processed, reported by JMH as a secondary result {@code bytes} in bytes per second next to
 * the primary ops/s; {@link dev.sieve.bench.report.JmhReport} turns it into MB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {

    /** Content bytes processed in this iteration (public: JMH reads it). */
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
