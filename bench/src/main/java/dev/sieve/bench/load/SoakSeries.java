package dev.sieve.bench.load;

import java.util.function.ToDoubleFunction;

/**
 * The resource series the soak samples and judges, with the allowance {@link GrowthCheck} gives each: growth over
 * the judged span up to {@code relative} of the series' level, or {@code absolute} if larger. Per interval the soak
 * keeps the lowest {@code low} and the highest {@code high} reading of its polls (NaN readings are skipped); the
 * lowest is judged.
 */
enum SoakSeries {
    /** Resident set of the Sieve process ({@code VmRSS}): everything, native memory (BoringSSL, Hyperscan) included. */
    RSS("rss_mib", "RSS", "MiB", 0.05, 64, SoakPoll::rssMiB, SoakPoll::rssMiB),
    /** Java heap in use after each collection (band: up to the heap before each collection), from the GC log. */
    HEAP("heap_mib", "heap after GC", "MiB", 0.10, 16, SoakPoll::heapAfterMiB, SoakPoll::heapBeforeMiB),
    /** NIO direct buffers ({@code jvm_buffer_memory_used_bytes{id="direct"}}): Netty's direct buffers are among them. */
    DIRECT("direct_mib", "direct buffers", "MiB", 0.10, 16, SoakPoll::directMiB, SoakPoll::directMiB),
    /** Open file descriptors ({@code /proc/PID/fd}): sockets, audit files, jars. */
    FDS("fds", "open file descriptors", "", 0.10, 16, SoakPoll::fds, SoakPoll::fds),
    /** Threads ({@code Threads:} in {@code /proc/PID/status}). */
    THREADS("threads", "threads", "", 0.10, 4, SoakPoll::threads, SoakPoll::threads);

    final String column;
    final String label;
    final String unit;
    final double relative;
    final double absolute;
    final ToDoubleFunction<SoakPoll> low;
    final ToDoubleFunction<SoakPoll> high;

    SoakSeries(String column, String label, String unit, double relative, double absolute,
            ToDoubleFunction<SoakPoll> low, ToDoubleFunction<SoakPoll> high) {
        this.column = column;
        this.label = label;
        this.unit = unit;
        this.relative = relative;
        this.absolute = absolute;
        this.low = low;
        this.high = high;
    }
}
