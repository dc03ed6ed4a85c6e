package dev.sieve.proxy.config;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the size and duration notations of the config file.
 *
 * <p>Sizes: a byte count with an optional unit: {@code B}; SI {@code KB}, {@code MB}, {@code GB}
 * (powers of 1000); binary {@code KiB}, {@code MiB}, {@code GiB} (powers of 1024). Durations: a
 * whole number with a mandatory unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}.
 * Units are case-sensitive; no spaces, fractions or signs.
 */
public final class Units {

    static final String SIZE_SYNTAX = "a size such as 512, 64KiB, 10MiB or 1GB; units B, KB, MB, GB (x1000), KiB, MiB, GiB (x1024)";
    static final String DURATION_SYNTAX = "a duration such as 500ms, 10s, 2m, 1h or 7d";

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})(B|KB|MB|GB|KiB|MiB|GiB)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,18})(ms|s|m|h|d)");
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "B", 1L, "KB", 1000L, "MB", 1000L * 1000, "GB", 1000L * 1000 * 1000,
            "KiB", 1024L, "MiB", 1024L * 1024, "GiB", 1024L * 1024 * 1024);

    private Units() {}

    /** The number of bytes, or empty if {@code text} is not a size or overflows a long. */
    static OptionalLong parseSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            long unit = m.group(2) == null ? 1 : SIZE_UNITS.get(m.group(2));
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
        } catch (ArithmeticException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The duration, or null if {@code text} is not a duration or overflows. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Shortest exact notation of a size, for messages: 1024 -> 1KiB, 1000 -> 1KB, 1500 -> 1500. */
    public static String formatSize(long bytes) {
        String[] units = {"GiB", "MiB", "KiB", "GB", "MB", "KB"};
        for (String unit : units) {
            long factor = SIZE_UNITS.get(unit);
            if (bytes >= factor && bytes % factor == 0) {
                return bytes / factor + unit;
            }
        }
        return Long.toString(bytes);
    }

    /** Shortest exact notation of a duration, for messages: 7d, 90s, 500ms. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        long[] factors = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < factors.length; i++) {
            if (ms >= factors[i] && ms % factors[i] == 0) {
                return ms / factors[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
