package dev.sieve.proxy.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * What {@code /readyz} checks: named conditions, each either set by its owner ({@link #notReady}/{@link #ready}) or
 * computed on every probe ({@link #check}). Reasons name components and causes, never data. Thread-safe.
 */
public final class Readiness {
    private final Map<String, String> reasons = new ConcurrentSkipListMap<>();
    private final Map<String, Supplier<Optional<String>>> checks = new ConcurrentSkipListMap<>();
    private final Map<String, Supplier<Optional<String>>> details = new ConcurrentSkipListMap<>();

    /** Marks {@code component} not ready, e.g. {@code notReady("proxy", "listener not started")}. */
    public void notReady(String component, String reason) {
        reasons.put(Objects.requireNonNull(component, "component"), Objects.requireNonNull(reason, "reason"));
    }

    /** Marks {@code component} ready. */
    public void ready(String component) {
        reasons.remove(component);
    }

    /** Adds a condition evaluated on every probe: empty when ready, else the reason. */
    public void check(String component, Supplier<Optional<String>> condition) {
        checks.put(Objects.requireNonNull(component, "component"), Objects.requireNonNull(condition, "condition"));
    }

    /**
     * Adds a detail evaluated on every probe that does not make the proxy unready: empty when all is well, else what
     * is degraded (e.g. budgets on per-replica limits while the fleet's Redis is out).
     */
    public void detail(String component, Supplier<Optional<String>> condition) {
        details.put(Objects.requireNonNull(component, "component"), Objects.requireNonNull(condition, "condition"));
    }

    /** Every current detail, as {@code "component: detail"}, sorted by component. */
    public List<String> details() {
        List<String> out = new ArrayList<>();
        evaluate(details, out);
        return out;
    }

    /** Every current reason, as {@code "component: reason"}, sorted by component; empty when ready. */
    public List<String> notReadyReasons() {
        List<String> out = new ArrayList<>();
        reasons.forEach((component, reason) -> out.add(component + ": " + reason));
        evaluate(checks, out);
        return out;
    }

    /** Adds {@code "component: reason"} for each condition that gives one (a check that throws gives its class). */
    private static void evaluate(Map<String, Supplier<Optional<String>>> conditions, List<String> out) {
        conditions.forEach((component, condition) -> {
            Optional<String> reason;
            try {
                reason = condition.get();
            } catch (RuntimeException e) {
                reason = Optional.of("check failed (" + e.getClass().getSimpleName() + ")");
            }
            reason.ifPresent(r -> out.add(component + ": " + r));
        });
    }
}
