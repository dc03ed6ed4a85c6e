package dev.sieve.dlp;

import java.util.List;

/**
 * A rule folder could not be loaded. The message names the file, line, rule and item, and what was expected:
 * {@code rules.yaml:12: rule 'pii.us-ssn': patterns[0]: look-around '(?=' is not supported ... (expected: ...)}.
 * {@link #problems()} lists every problem found, the first of which is the message.
 */
public final class RuleLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String ruleId;
    private final int line;
    private final transient List<LintProblem> problems;

    RuleLoadException(List<LintProblem> problems) {
        super(problems.get(0).toString());
        LintProblem first = problems.get(0);
        this.file = first.file();
        this.ruleId = first.ruleId();
        this.line = first.line();
        this.problems = List.copyOf(problems);
    }

    RuleLoadException(LintProblem problem) {
        this(List.of(problem));
    }

    /** File of the first problem. */
    public String file() {
        return file;
    }

    /** Rule id of the first problem, or {@code null} if it is outside a rule. */
    public String ruleId() {
        return ruleId;
    }

    /** 1-based line of the first problem, 0 if unknown. */
    public int line() {
        return line;
    }

    /** Every problem found while loading, in file order. */
    public List<LintProblem> problems() {
        return problems == null ? List.of() : problems;
    }
}
