package dev.sieve.dlp;

import java.util.Objects;

/**
 * One problem found in a rule folder: where it is and what to do. {@code ruleId} is {@code null} for problems
 * outside any rule; {@code line} is 1-based, 0 if unknown. {@link #toString()} renders
 * {@code file.yaml:12: rule 'x': patterns[0]: ... (expected: ...)}.
 */
public record LintProblem(String file, String ruleId, int line, String message) {

    public LintProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (ruleId == null ? "" : "rule '" + ruleId + "': ") + message;
    }
}
