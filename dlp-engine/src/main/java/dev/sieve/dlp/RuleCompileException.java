package dev.sieve.dlp;

/**
 * A rule set could not be compiled for the requested engine (for example, Hyperscan rejected a pattern as too
 * large). The message follows the load-error template {@code file:line: rule 'id': patterns[k]: ... (expected: ...)}.
 */
public final class RuleCompileException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String ruleId;
    private final String detail;

    RuleCompileException(String ruleId, String prefix, String detail) {
        super(prefix + detail);
        this.ruleId = ruleId;
        this.detail = detail;
    }

    /** The message without its {@code file:line: rule 'id': } prefix. */
    String detail() {
        return detail;
    }

    /** Id of the offending rule, or {@code null} if the failure is not tied to one rule. */
    public String ruleId() {
        return ruleId;
    }
}
