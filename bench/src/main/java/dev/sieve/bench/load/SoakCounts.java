package dev.sieve.bench.load;

import dev.sieve.bench.load.SoakRequests.Kind;
import dev.sieve.bench.load.SoakRequests.Outcome;
import dev.sieve.bench.load.SoakRequests.Result;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request outcomes of a soak run, counted by kind and result (fixed-size: nothing grows with the number of
 * requests), with the first detail of each error result so that a failing run says what went wrong.
 */
final class SoakCounts {

    private final Map<Kind, Map<Result, LongAdder>> counts = new EnumMap<>(Kind.class);
    private final Map<Result, String> firstDetail = new ConcurrentHashMap<>();

    SoakCounts() {
        for (Kind kind : Kind.values()) {
            Map<Result, LongAdder> byResult = new EnumMap<>(Result.class);
            for (Result result : Result.values()) {
                byResult.put(result, new LongAdder());
            }
            counts.put(kind, byResult);
        }
    }

    void record(Kind kind, Outcome outcome) {
        counts.get(kind).get(outcome.result()).increment();
        if (outcome.result().isError() && firstDetail.putIfAbsent(outcome.result(), outcome.detail()) == null) {
            System.err.println("soak: first " + outcome.result() + ": " + outcome.detail());
        }
    }

    long count(Kind kind, Result result) {
        return counts.get(kind).get(result).sum();
    }

    long ok() {
        return total(Result.OK);
    }

    long blocked() {
        return total(Result.BLOCKED);
    }

    long errors() {
        long n = 0;
        for (Result result : Result.values()) {
            if (result.isError()) {
                n += total(result);
            }
        }
        return n;
    }

    long total(Result result) {
        long n = 0;
        for (Kind kind : Kind.values()) {
            n += count(kind, result);
        }
        return n;
    }

    long all() {
        return ok() + blocked() + errors();
    }

    /**
     * Why the run's outcomes fail it, or an empty list: no answer at all, none allowed, none blocked, any missed
     * block (a planted secret went upstream: never tolerated), or errors above {@code maxErrorRate} of all requests.
     */
    List<String> problems(double maxErrorRate) {
        List<String> problems = new ArrayList<>();
        long all = all();
        if (all == 0) {
            problems.add("requests: none completed (expected: a steady stream)");
            return problems;
        }
        if (ok() == 0) {
            problems.add("requests: none answered ok (expected: most of them)");
        }
        if (blocked() == 0) {
            problems.add("requests: none blocked (expected: every request with planted secrets)");
        }
        if (total(Result.MISSED_BLOCK) > 0) {
            problems.add("requests: " + total(Result.MISSED_BLOCK) + " with planted secrets not blocked (expected: 0): "
                    + firstDetail.get(Result.MISSED_BLOCK));
        }
        double rate = (double) errors() / all;
        if (rate > maxErrorRate) {
            problems.add(String.format(Locale.ROOT, "requests: %d errors of %d (%.3f %%, expected: <= %.3f %%)",
                    errors(), all, rate * 100, maxErrorRate * 100));
        }
        return problems;
    }

    /** A table of counts by kind and result, then the first detail of each error result. */
    String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-8s", "kind"));
        for (Result result : Result.values()) {
            out.append(String.format(Locale.ROOT, " %12s", result.name().toLowerCase(Locale.ROOT)));
        }
        out.append('\n');
        for (Kind kind : Kind.values()) {
            out.append(String.format(Locale.ROOT, "%-8s", kind.name().toLowerCase(Locale.ROOT)));
            for (Result result : Result.values()) {
                out.append(String.format(Locale.ROOT, " %12d", count(kind, result)));
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "total: %d requests, %d ok, %d blocked, %d errors%n", all(), ok(),
                blocked(), errors()));
        firstDetail.forEach((result, detail) -> out.append("first ").append(result).append(": ").append(detail)
                .append('\n'));
        return out.toString();
    }
}
