package dev.sieve.bench;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleSet;
import java.util.List;
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
        List<Map.Entry<String, byte[]>> views = ScanRounds.views(args[1], Integer.parseInt(args[2]));
        RuleSet all = BenchRules.load();
        int n = args.length - 3;
        CompiledRules[] subsets = new CompiledRules[n];
        for (int i = 0; i < n; i++) {
            subsets[i] = Engines.compile(RuleSubset.select(all, args[3 + i]), EngineKind.HYPERSCAN);
        }
        ScanRounds.compare(seconds, views, subsets, List.of(args).subList(3, args.length));
    }
}
