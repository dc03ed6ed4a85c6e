package dev.sieve.proxy.audit;

import dev.sieve.proxy.audit.AuditVerification.Kind;
import dev.sieve.proxy.audit.AuditVerification.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks audit files written by {@link AuditLog} and reports the first problem in chain order: a malformed
 * line, an edited record (its MAC does not match), an inserted record, deleted records or files (a seq gap),
 * reordered or duplicated records, a chain break, a seal whose count is wrong, and truncation (a file that does
 * not end with a seal and is not continued by the next one).
 *
 * <p>Files may be given in any order: they are sorted by the seq of their first record. A set that starts after
 * seq 1 verifies (older files may have been removed by retention), and the result says so. Deleting the newest
 * files cannot be detected from the remaining ones; ship the stdout sink elsewhere for that.
 *
 * <p>Each file is expected to start a segment (as files of {@link AuditSinks#rotatingFiles} do); a capture of
 * the stdout sink verifies the same way when it starts at the beginning of the stream or right after a seal.
 *
 * <p>Memory: keeps about a hundred bytes per record, not the records themselves; each file is read whole.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    /** Verifies a complete, closed set: the last file must end with a seal. */
    public static AuditVerification verify(List<Path> files, byte[] key) throws IOException {
        return verify(files, key, false);
    }

    /**
     * Verifies {@code files}; with {@code lastFileMayBeLive}, the newest file may lack its seal (it is the one
     * Sieve is writing).
     */
    public static AuditVerification verify(List<Path> files, byte[] key, boolean lastFileMayBeLive) throws IOException {
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files: none (expected: at least one audit file)");
        }
        ChainMac chain = new ChainMac(key);
        List<FileLines> loaded = new ArrayList<>();
        for (Path file : new LinkedHashSet<>(files.stream().map(p -> p.toAbsolutePath().normalize()).toList())) {
            loaded.add(load(file, chain));
        }
        return new Walk(loaded, chain.genesis(), lastFileMayBeLive).run();
    }

    private record Line(int number, AuditFormat.Parsed parsed, String error, boolean authentic) {}

    private record FileLines(Path file, List<Line> lines) {
        long firstSeq() {
            return lines.stream().filter(l -> l.parsed() != null).mapToLong(l -> l.parsed().seq()).findFirst()
                    .orElse(Long.MAX_VALUE);
        }
    }

    private static FileLines load(Path file, ChainMac chain) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < bytes.length) {
            number++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                lines.add(new Line(number, null, "incomplete last line (no newline: the write was cut off)", false));
                break;
            }
            byte[] text = Arrays.copyOfRange(bytes, start, end);
            start = end + 1;
            try {
                AuditFormat.Parsed p = AuditFormat.parse(text);
                // Drop the body: the MAC check is done, keep only what the chain walk needs.
                lines.add(new Line(number, new AuditFormat.Parsed(p.seq(), p.decision(), p.count(), p.prev(), p.mac(),
                        null), null, chain.verifies(p.prev(), p.body(), p.mac())));
            } catch (IllegalArgumentException e) {
                lines.add(new Line(number, null, e.getMessage(), false));
            }
        }
        return new FileLines(file, lines);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** One pass over the records in chain order. */
    private static final class Walk {
        private final List<FileLines> files;
        private final byte[] genesis;
        private final boolean lastMayBeLive;
        private final Set<Long> authenticSeqs = new HashSet<>();
        private long records;
        private long seals;
        private long firstSeq;
        private long expectedSeq = -1;
        private byte[] expectedPrev;
        private boolean fromGenesis;
        private int unclean;
        private boolean liveTail;

        Walk(List<FileLines> files, byte[] genesis, boolean lastMayBeLive) {
            this.files = new ArrayList<>(files);
            this.genesis = genesis;
            this.lastMayBeLive = lastMayBeLive;
        }

        AuditVerification run() {
            Optional<Problem> problem = structure().or(this::chain);
            return new AuditVerification(problem, files.size(), records, seals, firstSeq,
                    Math.max(0, expectedSeq - 1), fromGenesis, unclean, liveTail);
        }

        /** Empty files, files without any record, a key that verifies nothing; then sorts into chain order. */
        private Optional<Problem> structure() {
            boolean anyAuthentic = false;
            for (FileLines f : files) {
                if (f.lines().isEmpty()) {
                    return problem(Kind.MALFORMED, f.file(), 0, "empty file (expected: audit records)");
                }
                if (f.firstSeq() == Long.MAX_VALUE) {
                    Line first = f.lines().get(0);
                    return problem(Kind.MALFORMED, f.file(), first.number(), first.error());
                }
                for (Line l : f.lines()) {
                    if (l.authentic()) {
                        anyAuthentic = true;
                        authenticSeqs.add(l.parsed().seq());
                    }
                }
            }
            if (!anyAuthentic) {
                return problem(Kind.WRONG_KEY, files.get(0).file(), 0,
                        "no record verifies with this key (expected: the key the log was written with)");
            }
            files.sort(Comparator.comparingLong(FileLines::firstSeq));
            return Optional.empty();
        }

        private Optional<Problem> chain() {
            for (int fi = 0; fi < files.size(); fi++) {
                FileLines f = files.get(fi);
                long segment = 0;
                List<Line> lines = f.lines();
                for (int li = 0; li < lines.size(); li++) {
                    Line l = lines.get(li);
                    Optional<Problem> p = check(fi, li, l);
                    if (p.isPresent()) {
                        return p;
                    }
                    AuditFormat.Parsed r = l.parsed();
                    if (r.sealed()) {
                        if (r.count() != segment) {
                            return problem(Kind.SEAL_MISMATCH, f.file(), l.number(), "the seal counts " + r.count()
                                    + " records but its segment holds " + segment + " (records deleted or inserted)");
                        }
                        segment = 0;
                        seals++;
                    } else {
                        segment++;
                        records++;
                    }
                    expectedPrev = r.mac();
                    expectedSeq = r.seq() + 1;
                }
                Line last = lines.get(lines.size() - 1);
                if (!last.parsed().sealed() && fi == files.size() - 1) {
                    if (!lastMayBeLive) {
                        return problem(Kind.TRUNCATED, f.file(), last.number(), "the file ends without a seal after this"
                                + " line (truncated, or not sealed: the file Sieve is writing, or an unclean shutdown)");
                    }
                    liveTail = true;
                }
            }
            return Optional.empty();
        }

        /** Checks one line against the chain so far. */
        private Optional<Problem> check(int fi, int li, Line l) {
            Path file = files.get(fi).file();
            if (l.parsed() == null) {
                return problem(Kind.MALFORMED, file, l.number(), l.error());
            }
            if (!l.authentic()) {
                Line next = next(fi, li);
                boolean skipped = next != null && next.authentic() && expectedPrev != null
                        && Arrays.equals(next.parsed().prev(), expectedPrev);
                return skipped
                        ? problem(Kind.INSERTED, file, l.number(), "record inserted: its MAC does not verify and the"
                                + " next record chains from the one before it")
                        : problem(Kind.EDITED, file, l.number(), "record edited: its MAC does not match its content");
            }
            AuditFormat.Parsed r = l.parsed();
            if (expectedSeq < 0) {
                firstSeq = r.seq();
                fromGenesis = r.seq() == 1;
                if (fromGenesis && !Arrays.equals(r.prev(), genesis)) {
                    return problem(Kind.CHAIN_BREAK, file, l.number(), "seq 1 does not start from the genesis value");
                }
                return Optional.empty();
            }
            if (r.seq() > expectedSeq) {
                String missing = range(expectedSeq, r.seq() - 1);
                if (authenticSeqs.contains(expectedSeq)) {
                    return problem(Kind.REORDERED, file, l.number(), "seq " + r.seq() + " where seq " + expectedSeq
                            + " was expected, which comes later (records reordered)");
                }
                if (li == 0) {
                    FileLines before = files.get(fi - 1);
                    Line beforeLast = before.lines().get(before.lines().size() - 1);
                    return beforeLast.parsed().sealed()
                            ? problem(Kind.DELETED, file, l.number(), missing + " missing between "
                                    + before.file().getFileName() + " and this file (deleted records, or a whole file deleted)")
                            : problem(Kind.TRUNCATED, file, l.number(), before.file().getFileName()
                                    + " ends without a seal and " + missing + " missing after it (truncated)");
                }
                return problem(Kind.DELETED, file, l.number(), missing + " missing before this line (deleted)");
            }
            if (r.seq() < expectedSeq) {
                return problem(Kind.REORDERED, file, l.number(), "seq " + r.seq() + " appears after seq "
                        + (expectedSeq - 1) + " (records reordered or duplicated)");
            }
            if (!Arrays.equals(r.prev(), expectedPrev)) {
                return problem(Kind.CHAIN_BREAK, file, l.number(), "prev does not match the MAC of seq "
                        + (expectedSeq - 1) + " (a record from another chain)");
            }
            if (li == 0 && fi > 0) {
                FileLines before = files.get(fi - 1);
                if (!before.lines().get(before.lines().size() - 1).parsed().sealed()) {
                    unclean++;
                }
            }
            return Optional.empty();
        }

        private Line next(int fi, int li) {
            if (li + 1 < files.get(fi).lines().size()) {
                return files.get(fi).lines().get(li + 1);
            }
            return fi + 1 < files.size() ? files.get(fi + 1).lines().get(0) : null;
        }

        private static String range(long from, long to) {
            return from == to ? "record seq " + from + " is" : "records seq " + from + ".." + to + " are";
        }

        private static Optional<Problem> problem(Kind kind, Path file, long line, String message) {
            return Optional.of(new Problem(kind, file, line, message));
        }
    }
}
