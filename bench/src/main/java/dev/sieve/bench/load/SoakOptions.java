package dev.sieve.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The soak test's command line. Every option has a default; a bad value is refused with
 * {@code --option: value (expected: ...)}.
 *
 * @param warmup null only with {@code judge} and no {@code --warmup}: a sixth of the CSV's span
 * @param judge an existing {@code soak.csv} to judge and plot again instead of running (null: run)
 */
record SoakOptions(Duration run, Duration interval, Duration warmup, Duration poll, double rate, int connections,
        int reconnectEvery, int uploadMiB, double maxErrorRate, Path out, Path sieveJar, List<String> jvmArgs,
        Path judge) {

    static final String USAGE = """
            usage: Soak [--minutes N] [--interval 30s] [--warmup D] [--rate 20] [--connections 8]
                        [--reconnect-every 50] [--upload-mib 5] [--max-error-rate 0.001] [--out DIR]
                        [--sieve-jar proxy-core/target/sieve.jar] [--jvm-args "-Xms1g -Xmx1g -XX:+AlwaysPreTouch"]
                        [--poll 1s]
                   Soak --judge DIR/soak.csv [--warmup D] [--out DIR]
              durations: 30s, 2m, 1500ms or plain seconds; --warmup defaults to a sixth of the run""";

    private static final List<String> NAMES = List.of("--minutes", "--interval", "--warmup", "--poll", "--rate",
            "--connections", "--reconnect-every", "--upload-mib", "--max-error-rate", "--out", "--sieve-jar",
            "--jvm-args", "--judge");

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the option, the value and what was expected
     */
    static SoakOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!NAMES.contains(args[i])) {
                throw new IllegalArgumentException(args[i] + ": unknown option (expected: one of " + NAMES + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + ": missing value");
            }
            given.put(args[i], args[++i]);
        }
        double minutes = number(given, "--minutes", "30", 0, 7 * 24 * 60, "minutes, > 0");
        Duration run = Duration.ofMillis(Math.round(minutes * 60_000));
        Duration interval = duration(given, "--interval", "30s");
        Path judge = given.containsKey("--judge") ? Path.of(given.get("--judge")) : null;
        Duration warmup = given.containsKey("--warmup") ? duration(given, "--warmup", null)
                : judge != null ? null : run.dividedBy(6);
        Duration poll = duration(given, "--poll", "1s");
        if (poll.compareTo(interval) > 0) {
            throw new IllegalArgumentException("--poll: " + given.getOrDefault("--poll", "1s")
                    + " (expected: at most --interval, " + interval.toMillis() + " ms)");
        }
        double rate = number(given, "--rate", "20", 0, 10_000, "requests per second, > 0");
        int connections = (int) integer(given, "--connections", "8", 1, 256);
        int reconnectEvery = (int) integer(given, "--reconnect-every", "50", 1, Integer.MAX_VALUE);
        int uploadMiB = (int) integer(given, "--upload-mib", "5", 1, 60);
        double maxErrorRate = number(given, "--max-error-rate", "0.001", -1e-12, 1, "a fraction, 0 to 1");
        Path out = Path.of(given.getOrDefault("--out", "bench/results/soak-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))));
        Path sieveJar = Path.of(given.getOrDefault("--sieve-jar", "proxy-core/target/sieve.jar"));
        List<String> jvmArgs = new ArrayList<>(Arrays.asList(given.getOrDefault("--jvm-args",
                "-Xms1g -Xmx1g -XX:+AlwaysPreTouch").trim().split("\\s+")));
        jvmArgs.removeIf(String::isEmpty);
        if (judge == null) {
            long samples = (run.toMillis() - warmup.toMillis()) / interval.toMillis();
            if (samples < GrowthCheck.MIN_SAMPLES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--minutes %s, --interval %s, --warmup"
                        + " %s: %d samples after the warm-up (expected: >= %d; run longer or sample more often)",
                        given.getOrDefault("--minutes", "30"), given.getOrDefault("--interval", "30s"),
                        given.getOrDefault("--warmup", warmup.toSeconds() + "s"), samples, GrowthCheck.MIN_SAMPLES));
            }
        }
        return new SoakOptions(run, interval, warmup, poll, rate, connections, reconnectEvery, uploadMiB,
                maxErrorRate, out, sieveJar, List.copyOf(jvmArgs), judge);
    }

    /** {@code 30s}, {@code 2m}, {@code 1500ms} or a plain number of seconds; at least 100 ms. */
    static Duration duration(Map<String, String> given, String name, String fallback) {
        String text = given.getOrDefault(name, fallback).trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (text.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("m")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 60_000));
            } else {
                String seconds = text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
                d = Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
            }
            if (d.toMillis() >= 100 || name.equals("--warmup") && !d.isNegative()) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": " + given.getOrDefault(name, fallback)
                + " (expected: a duration such as 30s, 2m or 1500ms" + (name.equals("--warmup") ? ", >= 0" : ", >= 100ms")
                + ")");
    }

    private static double number(Map<String, String> given, String name, String fallback, double above,
            double atMost, String expected) {
        String text = given.getOrDefault(name, fallback);
        try {
            double v = Double.parseDouble(text);
            if (v > above && v <= atMost) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": " + text + " (expected: " + expected + ")");
    }

    private static long integer(Map<String, String> given, String name, String fallback, long min, long max) {
        String text = given.getOrDefault(name, fallback);
        try {
            long v = Long.parseLong(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": " + text + " (expected: an integer from " + min + " to "
                + (max == Integer.MAX_VALUE ? "any" : max) + ")");
    }
}
