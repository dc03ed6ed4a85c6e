package dev.sieve.dlp;

/**
 * A rule set could not be compiled for the requested engine (for example, Hyperscan rejected a pattern as too
 * large). The message follows the load-error template {@code file:line: rule 'id': patterns[k]: ... (expected: ...)}.
 */
public final class RuleCompileException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String ruleId;

    RuleCompileException(String ruleId, String message) {
        super(message);
        this.ruleId = ruleId;
    }

    /** Id of the offending rule, or {@code null} if the failure is not tied to one rule. */
    public String ruleId() {
        return ruleId;
    }
}
