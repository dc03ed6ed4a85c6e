package dev.sieve.proxy.audit;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link AuditVerifier#verify}: either OK with counts, or the first problem in chain order.
 *
 * @param problem      the first problem found; empty when the chain verified
 * @param files        files examined
 * @param records      request records verified (seals not included)
 * @param seals        seal records verified
 * @param firstSeq     seq of the first record in chain order (0 when none was reached)
 * @param lastSeq      seq of the last verified record (0 when none)
 * @param fromGenesis  the chain starts at its first record (seq 1); false when older files were not given
 * @param uncleanFiles files that end without a seal while the next file continues their chain exactly
 *                     (the writer stopped without sealing, e.g. a crash; no record is missing)
 * @param liveTail     the last file is not sealed and was accepted as the file being written
 */
public record AuditVerification(
        Optional<Problem> problem, int files, long records, long seals, long firstSeq, long lastSeq,
        boolean fromGenesis, int uncleanFiles, boolean liveTail) {

    /** Kinds of problems, each named after what most likely happened to the file. */
    public enum Kind {
        /** A line is not a parseable audit record (or is cut off). */
        MALFORMED,
        /** No record verifies with the key given. */
        WRONG_KEY,
        /** A record's MAC does not match its content. */
        EDITED,
        /** A record that does not verify sits between two records that chain to each other. */
        INSERTED,
        /** Records (or whole files) are missing: a gap in seq. */
        DELETED,
        /** Authentic records appear out of order or twice. */
        REORDERED,
        /** A record does not chain from the one before it (different chain or genesis). */
        CHAIN_BREAK,
        /** A seal's count differs from the records of its segment. */
        SEAL_MISMATCH,
        /** A file does not end with a seal and nothing continues its chain. */
        TRUNCATED
    }

    /**
     * One problem.
     *
     * @param kind    what kind
     * @param file    the file it is in
     * @param line    1-based line number in {@code file}; 0 for the file as a whole
     * @param message human-readable explanation
     */
    public record Problem(Kind kind, Path file, long line, String message) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(message, "message");
        }

        /** {@code file:line: message}. */
        public String describe() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    public AuditVerification {
        Objects.requireNonNull(problem, "problem");
    }

    public boolean ok() {
        return problem.isEmpty();
    }

    /** One human-readable paragraph: the problem, or OK with counts. */
    public String describe() {
        if (problem.isPresent()) {
            return "TAMPERED: " + problem.get().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ": " + problem.get().describe();
        }
        StringBuilder out = new StringBuilder("OK: ").append(files).append(files == 1 ? " file, " : " files, ")
                .append(records).append(records == 1 ? " record, " : " records, ")
                .append(seals).append(seals == 1 ? " seal" : " seals");
        if (lastSeq > 0) {
            out.append(", seq ").append(firstSeq).append("..").append(lastSeq);
        }
        out.append(fromGenesis ? "; the chain starts at genesis"
                : "; the chain starts at seq " + firstSeq + " (older files not given: their deletion cannot be checked)");
        if (uncleanFiles > 0) {
            out.append("; ").append(uncleanFiles).append(uncleanFiles == 1 ? " file ends" : " files end")
                    .append(" without a seal but the next file continues the chain (unclean shutdown, nothing missing)");
        }
        if (liveTail) {
            out.append("; the last file is not sealed yet (live)");
        }
        return out.toString();
    }
}
