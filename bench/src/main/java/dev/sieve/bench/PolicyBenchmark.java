package dev.sieve.bench;

import dev.sieve.proxy.policy.Allowlist;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Decision;
import dev.sieve.proxy.policy.Destination;
import dev.sieve.proxy.policy.DestinationPolicy;
import dev.sieve.proxy.policy.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does the destination decision stay cheap for large allowlists? {@code entries}: 10, 1,000 or 100,000 allow
 * entries, half exact hosts, half {@code *.domain} wildcards; {@code lookup}: {@code exact} (an exact entry hits),
 * {@code wildcard} (a name two labels below a wildcard), {@code miss} (a four-label name nothing covers).
 * {@code decide} is {@code DestinationPolicy.decide} (normalization, match, port and TLS checks);
 * {@code match} is {@code Allowlist.match} on an already normalized host. Each call takes the next of 1,024
 * pre-generated hosts.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Policy -rf json -rff policy.json}
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PolicyBenchmark {

    private static final int QUERIES = 1024;

    @Param({"10", "1000", "100000"})
    public int entries;

    @Param({"exact", "wildcard", "miss"})
    public String lookup;

    private DestinationPolicy policy;
    private Allowlist allowlist;
    private Destination[] destinations;
    private String[] hosts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<AllowRule> rules = new ArrayList<>(entries);
        int half = entries / 2;
        for (int i = 0; i < half; i++) {
            rules.add(AllowRule.https(exactHost(i), Mode.INSPECT));
            rules.add(AllowRule.https("*." + wildcardDomain(i), Mode.PASSTHROUGH));
        }
        allowlist = Allowlist.of(rules);
        policy = new DestinationPolicy(allowlist);
        destinations = new Destination[QUERIES];
        hosts = new String[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            int i = (q * 7919) % half;
            hosts[q] = switch (lookup) {
                case "exact" -> exactHost(i);
                case "wildcard" -> "eu.api." + wildcardDomain(i);
                case "miss" -> "host-" + q + ".region-" + i + ".unknown.org";
                default -> throw new IllegalArgumentException("lookup: '" + lookup
                        + "' (expected: exact, wildcard or miss)");
            };
            destinations[q] = new Destination(hosts[q], 443, true);
            boolean allowed = policy.decide(destinations[q]) instanceof Decision.Allow;
            if (allowed == lookup.equals("miss")) {
                throw new IllegalStateException("fixture: " + hosts[q] + " was " + (allowed ? "allowed" : "denied")
                        + " (expected: " + (allowed ? "denied" : "allowed") + " for lookup " + lookup + ")");
            }
        }
    }

    private static String exactHost(int i) {
        return "svc-" + i + ".corp-" + (i % 97) + ".example.com";
    }

    private static String wildcardDomain(int i) {
        return "tenant-" + i + ".example.net";
    }

    @Benchmark
    public Decision decide() {
        Destination d = destinations[next];
        next = (next + 1) & (QUERIES - 1);
        return policy.decide(d);
    }

    @Benchmark
    public Optional<AllowRule> match() {
        String host = hosts[next];
        next = (next + 1) & (QUERIES - 1);
        return allowlist.match(host);
    }
}
