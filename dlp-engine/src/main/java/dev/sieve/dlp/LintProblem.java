package dev.sieve.dlp;

import java.util.Objects;

/**
 * One problem found in a rule folder: where it is and what to do. {@code ruleId} is {@code null} for problems
 * outside any rule; {@code line} is 1-based, 0 if unknown or not about a line (a folder, a config key).
 * {@link #toString()} renders {@code file.yaml:12: rule 'x': patterns[0]: ... (expected: ...)}.
 */
public record LintProblem(String file, String ruleId, int line, String message) {

    public LintProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line}, or {@code file} alone when the line is unknown. */
    public String where() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return where() + ": " + (ruleId == null ? "" : "rule '" + ruleId + "': ") + message;
    }
}
