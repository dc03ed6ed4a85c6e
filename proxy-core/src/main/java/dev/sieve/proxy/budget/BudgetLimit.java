package dev.sieve.proxy.budget;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.Units;
import java.util.OptionalLong;

/** The kinds of limit a budget has, with their names in config and token claims and in metric labels. */
public enum BudgetLimit {
    RPM("rpm", "rpm"),
    UPLOAD_PER_HOUR("uploadPerHour", "upload_per_hour"),
    UPLOAD_PER_DAY("uploadPerDay", "upload_per_day"),
    CONNECTIONS("connections", "connections");

    private final String key;
    private final String label;

    BudgetLimit(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The name in config, token claims and refusal details ({@code uploadPerHour}). */
    public String key() {
        return key;
    }

    /** The value of the {@code limit} label of {@code sieve_budget_rejections_total}. */
    public String label() {
        return label;
    }

    /** This limit's value in {@code limits}, if set. */
    public OptionalLong of(BudgetLimits limits) {
        return switch (this) {
            case RPM -> limits.requestsPerMinute();
            case UPLOAD_PER_HOUR -> limits.uploadBytesPerHour();
            case UPLOAD_PER_DAY -> limits.uploadBytesPerDay();
            case CONNECTIONS -> limits.concurrentConnections();
        };
    }

    /** {@code rpm=60}, {@code uploadPerHour=100MiB}. */
    String describe(long value) {
        return key + "=" + (this == UPLOAD_PER_HOUR || this == UPLOAD_PER_DAY ? Units.formatSize(value) : value);
    }
}
