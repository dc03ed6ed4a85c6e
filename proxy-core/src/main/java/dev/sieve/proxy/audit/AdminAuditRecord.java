package dev.sieve.proxy.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One administrative action, written to the same HMAC chain as request records (decision {@code admin}):
 *
 * <pre>
 * {"v":1,"seq":9,"time":"...","decision":"admin","action":"killswitch.engage","actor":"admin@127.0.0.1",
 *  "target":"agent:agent-1","outcome":"ok","reasons":[],"prev":"...","mac":"..."}
 * </pre>
 *
 * The constructor enforces what may enter the log: {@code action} and {@code outcome} from closed sets, and
 * {@code actor}, {@code target} and {@code reasons} in a safe alphabet (ids, addresses, rule versions), so no token,
 * key or request data can be written here by mistake.
 *
 * @param time when the action happened
 * @param action one of {@link #ACTIONS}
 * @param actor who did it: {@code admin@<address>} for the admin API's bearer token,
 *     {@code <subject>@<address>} for a signed admin token, {@code cli@<host>} for local
 *     issuance
 * @param target what it applied to: {@code all}, {@code agent:<id>}, {@code token:<id>}, {@code rules}
 * @param outcome one of {@link #OUTCOMES}
 * @param reasons short facts (a rule-set version, a token's expiry, a failure class); never secrets
 */
public record AdminAuditRecord(Instant time, String action, String actor, String target, String outcome,
        List<String> reasons) implements AuditEntry {

    /** Decision value of admin records. */
    public static final String DECISION = "admin";

    public static final Set<String> ACTIONS = Set.of("killswitch.engage", "killswitch.release", "revocation.add",
            "revocation.remove", "rules.reload", "token.issue", "credential.rotate");

    public static final Set<String> OUTCOMES = Set.of("ok", "unchanged", "failed");

    /** Ids, addresses, versions, times: no whitespace, quotes or anything a secret needs. */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@\\[\\]/=+,*-]{1,200}");

    public AdminAuditRecord {
        Objects.requireNonNull(time, "time");
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action: " + action + " (expected: one of " + ACTIONS + ")");
        }
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome: " + outcome + " (expected: one of " + OUTCOMES + ")");
        }
        actor = safe("actor", actor);
        target = safe("target", target);
        reasons = reasons == null ? List.of() : reasons.stream().map(r -> safe("reason", r)).toList();
    }

    private static String safe(String name, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            // Not shown: a value that fails here may be exactly what must not be written.
            throw new IllegalArgumentException(name + ": (not shown) (expected: 1-200 of A-Z a-z 0-9 . _ : @ [ ] / = +"
                    + " , * -)");
        }
        return value;
    }

    @Override
    public void writeFields(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        AuditFormat.adminFields(g, this);
    }
}
