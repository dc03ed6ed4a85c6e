package dev.sieve.bench;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.view.DecodeOutcome;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The decoding graph's cost as a CPU-time A/B in one JVM: the same body decoded (and scanned with the default pack
 * on Hyperscan) alternately with the graph off ({@code maxDecodeDepth} 0) and on (defaults), round after round; the
 * first third of the rounds is discarded, and each side's MB per CPU-second of this thread
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}) is reported with the ratio on / off. On a shared machine CPU
 * time of one thread is far steadier than JMH's wall clock; compare ratios, not absolute figures.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.GraphCost [seconds per case [input size]]}
 * (default 20 seconds). Cases: {@code json} 64 KiB and 1 MiB, {@code adversarial} 64 KiB, or the one given
 * ({@code json 65536}); each decode + scan and decode only.
 */
public final class GraphCost {

    private GraphCost() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        ViewLimits on = ViewLimits.defaults();
        ViewLimits off = ViewLimits.defaults().withDecodeGraph(0, ViewLimits.DEFAULT_DECODE_LAYERS,
                ViewLimits.DEFAULT_DECODE_TIME);
        try (CompiledRules rules = Engines.compile(BenchRules.load(), EngineKind.HYPERSCAN)) {
            Object[][] cases = args.length > 2 ? new Object[][] {{args[1], Integer.parseInt(args[2])}}
                    : new Object[][] {{"json", 65536}, {"json", 1048576}, {"adversarial", 65536}};
            for (Object[] c : cases) {
                Body body = Bodies.generate(InputKind.fromParam((String) c[0]), (Integer) c[1], false);
                for (boolean scan : new boolean[] {true, false}) {
                    String name = String.format(Locale.ROOT, "%-11s %8d %-13s", c[0], c[1],
                            scan ? "decode+scan" : "decode only");
                    compare(name, body, round(body, off, scan ? rules : null), round(body, on, scan ? rules : null),
                            seconds);
                }
            }
        }
    }

    private static Runnable round(Body body, ViewLimits limits, CompiledRules rules) {
        return () -> {
            ByteBuffer wire = body.buffer();
            DecodeOutcome outcome = Views.decode(body.meta(), wire, limits, (path, content) -> {
                if (rules != null) {
                    rules.scan(path, content);
                }
            });
            if (outcome instanceof DecodeOutcome.Failed failed) {
                throw new IllegalStateException("fixture did not decode: " + failed.reason() + " " + failed.detail());
            }
        };
    }

    private static void compare(String name, Body body, Runnable off, Runnable on, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<long[]> samples = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            long t0 = mx.getCurrentThreadCpuTime();
            off.run();
            long t1 = mx.getCurrentThreadCpuTime();
            on.run();
            long t2 = mx.getCurrentThreadCpuTime();
            samples.add(new long[] {t1 - t0, t2 - t1});
        }
        List<long[]> kept = samples.subList(samples.size() / 3, samples.size());
        long offNanos = kept.stream().mapToLong(s -> s[0]).sum();
        long onNanos = kept.stream().mapToLong(s -> s[1]).sum();
        double mb = body.contentBytes() * (double) kept.size() / 1e6;
        long[] ratios = kept.stream().mapToLong(s -> s[0] * 1000 / Math.max(1, s[1])).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s rounds %6d  off %8.1f MB/s  on %8.1f MB/s  on/off %.3f (median %.3f)%n",
                name, kept.size(), mb / (offNanos / 1e9), mb / (onNanos / 1e9), offNanos / (double) onNanos,
                ratios.length == 0 ? Double.NaN : ratios[ratios.length / 2] / 1000.0);
    }
}
