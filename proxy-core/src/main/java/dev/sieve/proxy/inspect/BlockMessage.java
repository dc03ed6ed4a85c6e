package dev.sieve.proxy.inspect;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Finding;
import dev.sieve.proxy.audit.PathMasking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a DLP block names for the agent that sent the request (read by a language model, so short): which rules, and
 * where in the request (each finding's {@linkplain #location location}). Never a value: rule ids and locations with
 * names that look like data masked. What to do next is the refusal's {@link dev.sieve.proxy.error.Refusal#advice()},
 * added by the renderer with the request id. Example: {@code pii.us-ssn at json:$.messages[4].content[1].content}.
 */
public final class BlockMessage {
    /** Locations shown at most; the rest are counted. */
    static final int MAX_LOCATIONS = 5;

    private BlockMessage() {}

    /**
     * The detail of an {@code inspection_blocked} refusal.
     *
     * @param findings the request's findings (all actions); the ones that caused the block are shown
     */
    public static String detail(List<Finding> findings) {
        Map<String, Set<String>> byRule = new LinkedHashMap<>();
        for (Finding f : causes(findings)) {
            byRule.computeIfAbsent(f.ruleId(), r -> new LinkedHashSet<>()).add(location(f));
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int hidden = 0;
        for (Map.Entry<String, Set<String>> rule : byRule.entrySet()) {
            List<String> places = new ArrayList<>();
            for (String place : rule.getValue()) {
                if (shown < MAX_LOCATIONS) {
                    places.add(place);
                    shown++;
                } else {
                    hidden++;
                }
            }
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(rule.getKey());
            if (!places.isEmpty()) {
                out.append(" at ").append(String.join(", ", places));
            }
        }
        if (hidden > 0) {
            out.append(" (and ").append(hidden).append(hidden == 1 ? " more place)" : " more places)");
        }
        return out.toString();
    }

    /**
     * Where a finding is, as the agent is shown it: its location in the request with names that look like data
     * masked (as in the audit record).
     */
    static String location(Finding finding) {
        return PathMasking.maskViewPath(finding.where());
    }

    /** The findings that made the request blocked: those whose action blocks, else (a redaction escalated) not logs. */
    private static List<Finding> causes(List<Finding> findings) {
        List<Finding> blocking = findings.stream().filter(f -> f.action() == Action.BLOCK).toList();
        if (!blocking.isEmpty()) {
            return blocking;
        }
        List<Finding> acted = findings.stream().filter(f -> f.action() != Action.LOG).toList();
        return acted.isEmpty() ? findings : acted;
    }
}
