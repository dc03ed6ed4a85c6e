package dev.sieve.proxy.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one agent, or one agent at one destination, may use. Every limit is optional (absent = unlimited).
 *
 * <p>Budgets come from the config file and from the claims of a signed agent token. Where both set a limit the
 * narrower one wins ({@link #narrowest}): a token can tighten a budget, never widen it.
 *
 * <p>Text form, used by {@code sieve token issue --budget} and in token claims: comma-separated
 * {@code name=value} pairs, for example {@code rpm=60,uploadPerHour=100MiB,uploadPerDay=1GiB,connections=4}.
 * Sizes take the config file's units ({@link Units}).
 *
 * @param requestsPerMinute requests per minute (a token bucket of this size, refilled evenly)
 * @param uploadBytesPerHour request body bytes per hour
 * @param uploadBytesPerDay request body bytes per day
 * @param concurrentConnections open connections (tunnels and plain-HTTP connections) at once
 */
public record BudgetLimits(OptionalLong requestsPerMinute, OptionalLong uploadBytesPerHour,
        OptionalLong uploadBytesPerDay, OptionalLong concurrentConnections) {

    /** No limit at all. */
    public static final BudgetLimits NONE = new BudgetLimits(
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    static final String SYNTAX = "comma-separated rpm=N, uploadPerHour=SIZE, uploadPerDay=SIZE, connections=N;"
            + " each at most once, N and SIZE positive";

    private static final List<String> NAMES = List.of("rpm", "uploadPerHour", "uploadPerDay", "connections");

    public BudgetLimits {
        Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
        Objects.requireNonNull(uploadBytesPerHour, "uploadBytesPerHour");
        Objects.requireNonNull(uploadBytesPerDay, "uploadBytesPerDay");
        Objects.requireNonNull(concurrentConnections, "concurrentConnections");
        for (OptionalLong limit : List.of(requestsPerMinute, uploadBytesPerHour, uploadBytesPerDay,
                concurrentConnections)) {
            if (limit.isPresent() && limit.getAsLong() <= 0) {
                throw new IllegalArgumentException("budget limits must be positive");
            }
        }
    }

    /** True if no limit is set. */
    public boolean unlimited() {
        return equals(NONE);
    }

    /** Each limit the narrower of this one's and {@code other}'s (an absent limit is the wider). */
    public BudgetLimits narrowest(BudgetLimits other) {
        // Most requests have no token limits (or no config ones): no new record per request then.
        if (other.unlimited()) {
            return this;
        }
        if (unlimited()) {
            return other;
        }
        return new BudgetLimits(
                min(requestsPerMinute, other.requestsPerMinute),
                min(uploadBytesPerHour, other.uploadBytesPerHour),
                min(uploadBytesPerDay, other.uploadBytesPerDay),
                min(concurrentConnections, other.concurrentConnections));
    }

    /**
     * Parses the text form ({@code rpm=60,uploadPerHour=100MiB}); an empty string is {@link #NONE}.
     *
     * @throws IllegalArgumentException {@code "budget: <text> (expected: ...)"}
     */
    public static BudgetLimits parse(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        if (!text.isBlank()) {
            for (String pair : text.split(",", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? "" : pair.substring(0, eq).strip();
                String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
                OptionalLong parsed = name.startsWith("upload") ? Units.parseSize(value) : count(value);
                if (!NAMES.contains(name) || parsed.isEmpty() || parsed.getAsLong() <= 0
                        || values.put(name, parsed.getAsLong()) != null) {
                    throw new IllegalArgumentException("budget: " + printable(text) + " (expected: " + SYNTAX + ")");
                }
            }
        }
        return new BudgetLimits(get(values, "rpm"), get(values, "uploadPerHour"), get(values, "uploadPerDay"),
                get(values, "connections"));
    }

    /** The text form {@link #parse} reads; empty for {@link #NONE}. */
    public String format() {
        List<String> parts = new ArrayList<>();
        requestsPerMinute.ifPresent(v -> parts.add("rpm=" + v));
        uploadBytesPerHour.ifPresent(v -> parts.add("uploadPerHour=" + Units.formatSize(v)));
        uploadBytesPerDay.ifPresent(v -> parts.add("uploadPerDay=" + Units.formatSize(v)));
        concurrentConnections.ifPresent(v -> parts.add("connections=" + v));
        return String.join(",", parts);
    }

    private static OptionalLong min(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
    }

    private static OptionalLong count(String value) {
        return value.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
    }

    private static OptionalLong get(Map<String, Long> values, String name) {
        Long v = values.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static String printable(String text) {
        return text.length() <= 120 && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? text : "(not shown)";
    }
}
