package dev.sieve.bench;

import dev.sieve.dlp.CompiledCache;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Cold against warm start of the rules, each in a fresh JVM, alternated round by round: a cold start loads the pack
 * and compiles it for Hyperscan with an empty {@link CompiledCache} (and stores the database); the warm start after
 * it loads the pack and reads the database from that cache. Each child reports the pack load, the compile (or cache
 * read) and the time since its JVM started; the parent prints every round and the medians with the ratio warm / cold.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.StartupCost [rounds]} (default 3).
 */
public final class StartupCost {

    private static final String CHILD = "--child";

    private StartupCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(CHILD)) {
            child(Path.of(args[1]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println("StartupCost: " + BenchRules.source() + ", " + rounds + " rounds of cold then warm, each"
                + " in a fresh JVM");
        List<double[]> cold = new ArrayList<>();
        List<double[]> warm = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Path cache = Files.createTempDirectory("sieve-startup-cost");
            try {
                cold.add(run("cold", r, cache, false));
                warm.add(run("warm", r, cache, true));
            } finally {
                delete(cache);
            }
        }
        System.out.printf(Locale.ROOT, "median cold: load %.2f s, compile %.2f s, since JVM start %.2f s%n",
                median(cold, 0), median(cold, 1), median(cold, 2));
        System.out.printf(Locale.ROOT, "median warm: load %.2f s, cache read %.2f s, since JVM start %.2f s%n",
                median(warm, 0), median(warm, 1), median(warm, 2));
        System.out.printf(Locale.ROOT, "warm / cold: compile step %.3f, since JVM start %.3f%n",
                median(warm, 1) / median(cold, 1), median(warm, 2) / median(cold, 2));
    }

    /** One child JVM; returns {load, compile, since JVM start} in seconds. */
    private static double[] run(String name, int round, Path cache, boolean expectCached) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-D" + BenchRules.FOLDER_PROPERTY + "=" + System.getProperty(BenchRules.FOLDER_PROPERTY, ""),
                StartupCost.class.getName(), CHILD, cache.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(name + " child failed:\n" + out);
        }
        String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " child printed no result:\n" + out));
        String[] f = line.split(" ");
        if (Boolean.parseBoolean(f[1]) != expectCached) {
            throw new IllegalStateException(name + " child: fromCache " + f[1] + " (expected: " + expectCached + ")");
        }
        double[] seconds = {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])};
        System.out.printf(Locale.ROOT, "round %d %s: load %.2f s, %s %.2f s, since JVM start %.2f s%n", round, name,
                seconds[0], expectCached ? "cache read" : "compile", seconds[1], seconds[2]);
        return seconds;
    }

    private static void child(Path cache) {
        if (System.getProperty(BenchRules.FOLDER_PROPERTY, "").isEmpty()) {
            System.clearProperty(BenchRules.FOLDER_PROPERTY);
        }
        long t0 = System.nanoTime();
        RuleSet rules = BenchRules.load();
        long t1 = System.nanoTime();
        try (CompiledRules compiled = Engines.compile(rules, EngineKind.HYPERSCAN, CompiledCache.in(cache))) {
            long t2 = System.nanoTime();
            double sinceStart = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
            System.out.printf(Locale.ROOT, "RESULT %s %.3f %.3f %.3f%n", compiled.fromCache(), (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, sinceStart);
        }
    }

    private static double median(List<double[]> runs, int field) {
        double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
