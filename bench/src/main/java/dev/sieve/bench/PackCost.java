package dev.sieve.bench;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleSet;
import java.nio.file.Path;
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
        List<Map.Entry<String, byte[]>> views = ScanRounds.views(args[1], Integer.parseInt(args[2]));
        EngineKind engine = EngineKind.valueOf(System.getProperty("engine", "hyperscan").toUpperCase(Locale.ROOT));
        int n = args.length - 3;
        CompiledRules[] folders = new CompiledRules[n];
        for (int i = 0; i < n; i++) {
            folders[i] = Engines.compile(RuleSet.load(Path.of(args[3 + i])), engine);
        }
        ScanRounds.compare(seconds, views, folders, List.of(args).subList(3, args.length));
    }
}
