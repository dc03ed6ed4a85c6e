package dev.sieve.bench;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
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
 * The measurement {@link RuleScanCost} and {@link PackCost} share: a bench fixture's views, decoded once, scanned
 * with several compiled rule sets in turn, round after round, CPU time of the thread; the first third of the rounds
 * is discarded.
 */
final class ScanRounds {

    private ScanRounds() {
    }

    /** The views of the fixture {@code input} ({@link InputKind#fromParam}) of {@code size} bytes. */
    static List<Map.Entry<String, byte[]>> views(String input, int size) {
        Body body = Bodies.generate(InputKind.fromParam(input), size, false);
        List<Map.Entry<String, byte[]>> views = new ArrayList<>();
        DecodeOutcome outcome = Views.decode(body.meta(), body.buffer(), ViewLimits.defaults(), (path, content) -> {
            byte[] copy = new byte[content.remaining()];
            content.get(copy);
            views.add(Map.entry(path, copy));
        });
        if (outcome instanceof DecodeOutcome.Failed failed) {
            throw new IllegalStateException("fixture did not decode: " + failed.reason() + " " + failed.detail());
        }
        return views;
    }

    /**
     * Scans {@code views} with each of {@code sets} in turn for {@code seconds}; prints each set's microseconds per
     * body and the first set's time divided by it, under {@code labels}; closes the sets.
     */
    static void compare(double seconds, List<Map.Entry<String, byte[]>> views, CompiledRules[] sets,
            List<String> labels) {
        int n = sets.length;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<long[]> rounds = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            long[] round = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (Map.Entry<String, byte[]> view : views) {
                    sets[i].scan(view.getKey(), ByteBuffer.wrap(view.getValue()));
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
                    first / (double) Math.max(1, sum), labels.get(i));
            sets[i].close();
        }
    }
}
