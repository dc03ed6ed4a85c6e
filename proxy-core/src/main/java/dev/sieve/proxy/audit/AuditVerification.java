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
 * @param liveFile     the newest file, when it is not sealed yet and was accepted as the file Sieve is writing
 * @param liveRecords  records in the live file after its last seal (0 without a live file)
 * @param liveLineCutOff the live file ends with a line being written (no newline yet), which was not checked
 * @param proof        what was checked beyond the chain's structure: MACs, signatures, anchors
 */
public record AuditVerification(
        Optional<Problem> problem, int files, long records, long seals, long firstSeq, long lastSeq,
        boolean fromGenesis, int uncleanFiles, Optional<Path> liveFile, long liveRecords, boolean liveLineCutOff,
        Proof proof) {

    /**
     * What a verification proved.
     *
     * @param macs           every record's MAC was checked (the HMAC key was given)
     * @param signatures     every seal's and head's signature was checked (the public key was given)
     * @param heads          chain-head records verified (not counted in {@code records})
     * @param signed         seals and heads whose signature verified
     * @param unsignedSeals  seals without a signature accepted because their MAC verified (written before signing)
     * @param unproven       lines after the last signed line of their file: no signature covers them (the live
     *                       tail, or an unclean shutdown); only their MACs, if checked, prove them
     * @param leadingUnproven records before the first signed line when the files start inside a span (a capture that
     *                       does not start at a segment): their signature cannot be checked
     * @param anchors        anchors that matched a line of the files (null: no anchors given)
     * @param olderAnchors   anchors before the first given record (older files not given), not checked
     */
    public record Proof(boolean macs, boolean signatures, long heads, long signed, long unsignedSeals, long unproven,
            long leadingUnproven, Long anchors, long olderAnchors) {}

    /** Kinds of problems, each named after what most likely happened to the file. */
    public enum Kind {
        /** A seal or head signature does not verify over its fields and the lines it covers, or is missing. */
        BAD_SIGNATURE,
        /** An anchor names a line the files hold differently (same seq, another mac). */
        ANCHOR_MISMATCH,
        /** A line is not a parseable audit record (or is cut off). */
        MALFORMED,
        /** The key given is not the one the files were written with: a key error, not tampering. */
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
        Objects.requireNonNull(liveFile, "liveFile");
        Objects.requireNonNull(proof, "proof");
    }

    public boolean ok() {
        return problem.isEmpty();
    }

    /** True when the files could not be checked because the key is not theirs (not a sign of tampering). */
    public boolean keyError() {
        return problem.isPresent() && problem.get().kind() == Kind.WRONG_KEY;
    }

    /** One human-readable paragraph: the problem ({@code KEY ERROR: ...} or {@code TAMPERED: ...}), or OK with counts. */
    public String describe() {
        if (problem.isPresent()) {
            if (keyError()) {
                return "KEY ERROR: " + problem.get().describe();
            }
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
        liveFile.ifPresent(f -> out.append("; live file ").append(f.getFileName()).append(": ").append(liveRecords)
                .append(liveRecords == 1 ? " record" : " records").append(" after the last seal ")
                .append(liveRecords == 1 ? "is" : "are").append(" not yet sealed")
                .append(liveLineCutOff ? ", and a line is being written" : "")
                .append(" (Sieve is writing it; if Sieve has stopped, it stopped without sealing it)"));
        if (proof.signatures()) {
            out.append("; signatures: ").append(proof.signed()).append(" verified (")
                    .append(proof.heads()).append(proof.heads() == 1 ? " chain head" : " chain heads").append(")");
            if (proof.unsignedSeals() > 0) {
                out.append(", ").append(proof.unsignedSeals()).append(" unsigned seals verified by MAC only");
            }
            if (proof.leadingUnproven() > 0) {
                out.append("; the first ").append(proof.leadingUnproven()).append(" records precede the first signed"
                        + " line and the files start inside its span (unproven: a capture that starts mid-segment)");
            }
            if (proof.unproven() > 0) {
                out.append("; ").append(proof.unproven()).append(proof.unproven() == 1 ? " record" : " records")
                        .append(" after the last signed seal (unproven until sealed or anchored)");
            }
        }
        if (!proof.macs()) {
            out.append("; MACs not checked (no HMAC key given)");
        }
        if (proof.anchors() != null) {
            out.append("; anchors: ").append(proof.anchors()).append(" matched");
            if (proof.olderAnchors() > 0) {
                out.append(", ").append(proof.olderAnchors()).append(" before the first given record (not checked)");
            }
        }
        return out.toString();
    }
}
