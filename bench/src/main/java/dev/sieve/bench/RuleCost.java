package dev.sieve.bench;

import dev.sieve.dlp.Rule;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RuleCostBenchmark} with the whole pack and with each rule left out once ({@code -ID}), or with each
 * rule alone when the first argument is {@code --only}. Further arguments are JMH options, e.g.
 * {@code -p engine=java -rf json -rff rulecost.json}.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.RuleCost -rf json -rff rulecost.json}
 */
public final class RuleCost {

    private RuleCost() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        boolean only = args.length > 0 && args[0].equals("--only");
        String[] jmhArgs = only ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        List<String> subsets = new ArrayList<>();
        subsets.add("all");
        for (Rule rule : BenchRules.load().rules()) {
            subsets.add((only ? "only:" : "-") + rule.id());
        }
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(jmhArgs))
                .include(RuleCostBenchmark.class.getSimpleName())
                .param("rules", subsets.toArray(String[]::new))
                .build();
        new Runner(options).run();
    }
}
