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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What rule subsets cost to scan, as CPU time in one JVM (steadier than {@link RuleCostBenchmark}'s wall clock on a
 * busy machine): the fixture is decoded once, then its views are scanned with each subset in turn (Hyperscan),
 * round after round; the first third of the rounds is discarded. Prints each subset's microseconds per body and
 * the first subset's time divided by it, so {@code all -credential.bitcoin-wif} shows what leaving that rule out
 * saves, taking Hyperscan's sharing of work between patterns into account (a rule alone, {@code only:ID}, does not).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.RuleScanCost SECONDS INPUT SIZE SUBSET...},
 * e.g. {@code 30 json 65536 all -credential.bitcoin-wif -pii.email-bulk}; subsets as {@link RuleSubset} reads them.
 */
public final class RuleScanCost {

    private RuleScanCost() {
    }

    public static void main(String[] args) {
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
        RuleSet all = BenchRules.load();
        int n = args.length - 3;
        CompiledRules[] subsets = new CompiledRules[n];
        for (int i = 0; i < n; i++) {
            subsets[i] = Engines.compile(RuleSubset.select(all, args[3 + i]), EngineKind.HYPERSCAN);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<long[]> rounds = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            long[] round = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (Map.Entry<String, byte[]> view : views) {
                    subsets[i].scan(view.getKey(), ByteBuffer.wrap(view.getValue()));
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
            subsets[i].close();
        }
    }
}
