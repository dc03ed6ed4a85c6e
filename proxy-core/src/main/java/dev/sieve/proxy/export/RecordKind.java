package dev.sieve.proxy.export;

import dev.sieve.proxy.audit.AuditRecord;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of audit line an export sink can select ({@code audit.export[].records}), named by their YAML spelling.
 * A line's kind follows from its {@code decision} field ({@link #of}); {@link #FINDINGS} selects the DLP findings a
 * request decision carries.
 */
public enum RecordKind {
    /** Request decisions: allowed, denied, blocked, redacted, logged. */
    DECISIONS,
    /** The DLP findings of request decisions (in OCSF, one Detection Finding each). */
    FINDINGS,
    /** Behaviour alerts ({@code decision: alert}). */
    ALERTS,
    /** Administrative actions ({@code decision: admin}). */
    ADMIN,
    /** Analyst labels ({@code decision: label}). */
    LABELS,
    /** Seals and chain-head anchors ({@code decision: sealed} and {@code head}). */
    ANCHORS;


    /** The YAML spelling. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a line whose {@code decision} is {@code decision}; null for a kind this version does not know. */
    static RecordKind of(String decision) {
        if (decision == null) {
            return null;
        }
        if (AuditRecord.DECISIONS.contains(decision)) {
            return DECISIONS;
        }
        return switch (decision) {
            case "alert" -> ALERTS;
            case "admin" -> ADMIN;
            case "label" -> LABELS;
            case "sealed", "head" -> ANCHORS;
            default -> null;
        };
    }
}
