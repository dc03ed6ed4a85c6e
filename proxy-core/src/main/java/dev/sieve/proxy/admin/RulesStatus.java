package dev.sieve.proxy.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /admin/rules} reports about the rule set in force.
 *
 * @param version the rule set's version (a content hash)
 * @param engine the matching engine in use ({@code hyperscan} or {@code java})
 * @param ruleIds ids of the rules in force
 * @param loadedAt when the rule set in force was loaded
 * @param lastReloadError why the last reload failed (file and line, never matched data), if it did; the rule set
 *     in force is then the last good one
 */
public record RulesStatus(String version, String engine, List<String> ruleIds, Optional<Instant> loadedAt,
        Optional<String> lastReloadError) {

    public RulesStatus {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(engine, "engine");
        ruleIds = List.copyOf(ruleIds);
        Objects.requireNonNull(loadedAt, "loadedAt");
        Objects.requireNonNull(lastReloadError, "lastReloadError");
    }
}
