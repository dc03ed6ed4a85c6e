package dev.sieve.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.ScanSession;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Single-core throughput of the pack with Hyperscan on agent-like JSON with rare findings (the benign corpus
 * repeated to {@value #TARGET_BYTES} bytes, fed in 64 KiB chunks). A measurement, not a gate: it only runs with
 * {@code -Dsieve.bench=true} and prints to the test's output file.
 *
 * <pre>mvn -o -q -B -pl rules -am verify -Dtest=PackThroughputTest -Dsieve.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dsieve.bench.dir=/some/rule/folder] [-Dsieve.bench.skip=id1,id2]</pre>
 */
@EnabledIfSystemProperty(named = "sieve.bench", matches = "true")
class PackThroughputTest {

    static final int TARGET_BYTES = 32 * 1024 * 1024;
    static final int CHUNK = 64 * 1024;

    @Test
    void measure() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        String dir = System.getProperty("sieve.bench.dir");
        RuleSet loaded = dir == null || dir.isEmpty() ? DefaultRulePack.load() : RuleSet.load(Path.of(dir));
        List<String> skip = List.of(System.getProperty("sieve.bench.skip", "").split(","));
        RuleSet pack = loaded.filter(r -> !skip.contains(r.id()));
        byte[] body = Corpora.repeatedBenign(TARGET_BYTES);
        double whole = throughput(pack, body, 3);
        System.out.printf("pack: %d rules, %.0f MB/s (hyperscan, one core, %d MiB)%n", pack.rules().size(), whole,
                body.length >> 20);
        record Result(String id, double mbps) {
        }
        List<Result> perRule = new ArrayList<>();
        for (Rule r : pack.rules()) {
            perRule.add(new Result(r.id(), throughput(pack.filter(x -> x.id().equals(r.id())), body, 1)));
        }
        perRule.sort(Comparator.comparingDouble(Result::mbps));
        perRule.stream().limit(15).forEach(x -> System.out.printf("  %-45s %8.0f MB/s alone%n", x.id(), x.mbps()));
        assertThat(whole).isPositive();
    }

    private static double throughput(RuleSet rules, byte[] body, int rounds) {
        try (CompiledRules engine = Engines.compile(rules, EngineKind.HYPERSCAN)) {
            ByteBuffer direct = ByteBuffer.allocateDirect(body.length);
            direct.put(body).flip();
            scan(engine, direct);
            double best = 0;
            for (int k = 0; k < rounds; k++) {
                long t0 = System.nanoTime();
                List<Finding> f = scan(engine, direct);
                long ns = System.nanoTime() - t0;
                assertThat(f).isNotNull();
                best = Math.max(best, body.length / 1e6 / (ns / 1e9));
            }
            return best;
        }
    }

    private static List<Finding> scan(CompiledRules engine, ByteBuffer body) {
        try (ScanSession s = engine.open("bench")) {
            for (int off = 0; off < body.limit(); off += CHUNK) {
                s.feed(body.duplicate().position(off).limit(Math.min(body.limit(), off + CHUNK)));
            }
            return s.finish();
        }
    }
}
