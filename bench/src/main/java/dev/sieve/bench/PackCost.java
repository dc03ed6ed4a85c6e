package dev.sieve.bench;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.view.DecodeOutcome;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What rule folders cost to scan against each other, as CPU time in one JVM: the fixture is decoded once, then its
 * views are scanned with each folder's rules in turn, round after round; the first third of the rounds is
 * discarded. Prints each folder's microseconds per body and the first folder's time divided by it. A DLP team can
 * measure a change to its rules this way (a copy of the folder before, the folder after); {@link RuleScanCost} does
 * the same for subsets of the built-in pack.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.PackCost SECONDS INPUT SIZE DIR...}, e.g.
 * {@code 30 json 65536 /tmp/rules-before /tmp/rules-after}; {@code -Dengine=java} for the Java engine.
 */
public final class PackCost {

    private PackCost() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        Body body = Bodies.generate(InputKind.fromParam(args[1]), Integer.parseInt(args[2]), false);
        List<Map.Entry<String, byte[]>> views = new ArrayList<>();
        DecodeOutcome outcome = Views.decode(body.meta(), body.buffer(), ViewLimits.defaults(), (path, content) -> {
            byte[] copy = new byte[content.remaining()];
            content.get(copy);
            views.add(Map.entry(path, copy));
        });
        if (outcome instanceof DecodeOutcome.Failed failed) {
            throw new IllegalStateException("fixture did not decode: " + failed.reason() + " " + failed.detail());
        }
        EngineKind engine = EngineKind.valueOf(System.getProperty("engine", "hyperscan").toUpperCase(Locale.ROOT));
        int n = args.length - 3;
        CompiledRules[] folders = new CompiledRules[n];
        for (int i = 0; i < n; i++) {
            folders[i] = Engines.compile(RuleSet.load(Path.of(args[3 + i])), engine);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<long[]> rounds = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            long[] round = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (Map.Entry<String, byte[]> view : views) {
                    folders[i].scan(view.getKey(), ByteBuffer.wrap(view.getValue()));
                }
                round[i] = mx.getCurrentThreadCpuTime() - t0;
            }
            rounds.add(round);
        }
        List<long[]> kept = rounds.subList(rounds.size() / 3, rounds.size());
        long first = kept.stream().mapToLong(r -> r[0]).sum();
        for (int i = 0; i < n; i++) {
            int k = i;
            long sum = kept.stream().mapToLong(r -> r[k]).sum();
            System.out.printf(Locale.ROOT, "%9.1f us  x%.3f  %s%n", sum / 1e3 / Math.max(1, kept.size()),
                    first / (double) Math.max(1, sum), args[3 + i]);
            folders[i].close();
        }
    }
}
