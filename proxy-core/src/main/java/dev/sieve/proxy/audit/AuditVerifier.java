package dev.sieve.proxy.audit;

import dev.sieve.proxy.audit.AuditVerification.Kind;
import dev.sieve.proxy.audit.AuditVerification.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks audit files written by {@link AuditLog} and reports the first problem in chain order: a malformed
 * line, an edited record (its MAC does not match), an inserted record, deleted records or files (a seq gap),
 * reordered or duplicated records, a chain break, a seal whose count is wrong, and truncation (a file that does
 * not end with a seal and is not continued by the next one).
 *
 * <p>The key is checked first: records carry a key id ({@link ChainMac#keyId()}), so a file written with another
 * key is a {@link Kind#WRONG_KEY} key error, not tampering. Files written before key ids existed have none;
 * for them a key that verifies no record at all is reported as a wrong key.
 *
 * <p>The live file: the newest file of the set may end without a seal because Sieve is still writing it. It is
 * accepted as live (and reported, with the number of records after its last seal) when no newer audit file
 * ({@code audit-*-NNNNNN.jsonl} with a higher counter) exists in its directory, and a cut-off last line in it is a
 * write in progress, not damage. Any other file without a final seal is truncation. {@link #verifySealed}
 * accepts no live file (for an archived set, after Sieve stopped).
 *
 * <p>Files may be given in any order: they are sorted by the seq of their first record. A set that starts after
 * seq 1 verifies (older files may have been removed by retention), and the result says so. Deleting the newest
 * files cannot be detected from the remaining ones alone; anchors kept elsewhere detect it (below).
 *
 * <p>Each file is expected to start a segment (as files of {@link AuditSinks#rotatingFiles} do); a capture of
 * the stdout sink verifies the same way when it starts at the beginning of the stream or right after a seal. A
 * capture that starts inside a segment (its first line is not seq 1 and names no key id) verifies too: the counts
 * of that first segment and the signature of its first span cannot be checked, and its records before the first
 * signed line are reported as unproven.
 *
 * <p>Public key ({@link Check#publicKey()}): every seal and chain head must carry a signature by that key over its
 * fields and the digest of the lines it covers ({@link AuditFormat}); with it the chain verifies without the HMAC
 * key: seq numbers, {@code prev} links (each line's {@code prev} is the previous line's {@code mac}), seal and head
 * counts and signatures. Lines after the last signed line of a file are reported as unproven. With the HMAC key as
 * well, every MAC is checked too, and seals written before signing (unsigned) are accepted on their MAC.
 *
 * <p>Anchors ({@link Check#anchors()}, read by {@link #readAnchors}): copies of seals and heads kept elsewhere. Each
 * must match the files' line of the same seq (same mac); one beyond the files' last record means newer records
 * were removed (deleted or truncated files), which nothing else can tell.
 *
 * <p>Memory: keeps about a hundred bytes per record, not the records themselves; each file is read whole.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    /**
     * Verifies {@code files}; the newest may be the live file (see the class description). Its tail after the
     * last seal is then reported in {@link AuditVerification#liveRecords()}.
     */
    public static AuditVerification verify(List<Path> files, byte[] key) throws IOException {
        return verify(files, new Check(key, null, List.of(), false));
    }

    /** Verifies a complete, closed set: every file, the newest included, must end with a seal. */
    public static AuditVerification verifySealed(List<Path> files, byte[] key) throws IOException {
        return verify(files, new Check(key, null, List.of(), true));
    }

    /**
     * What to check the files with; at least one of the keys.
     *
     * @param hmacKey   the HMAC key: every MAC is checked; null to check without it
     * @param publicKey the seal signing key's public half: every seal's and head's signature is checked; null for none
     * @param anchors   anchors to check the files against ({@link #readAnchors}); empty for none
     * @param sealed    the set is closed: the newest file must end with a seal too (no live file)
     */
    public record Check(byte[] hmacKey, PublicKey publicKey, List<Anchor> anchors, boolean sealed) {
        public Check {
            if (hmacKey == null && publicKey == null) {
                throw new IllegalArgumentException("keys: none (expected: the HMAC key, the public key, or both)");
            }
            anchors = anchors == null ? List.of() : List.copyOf(anchors);
        }
    }

    /** A seal or head line kept elsewhere: its seq and mac, and where it was read. */
    public record Anchor(long seq, byte[] mac, Path file, long line) {}

    /**
     * Reads an anchor file: lines that hold a seal or head record, either bare or after some text before the first
     * {@code {}} (a syslog line, for instance). Other lines (records of other kinds, noise) are skipped.
     */
    public static List<Anchor> readAnchors(Path file) throws IOException {
        List<Anchor> anchors = new ArrayList<>();
        long number = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            int brace = text.indexOf('{');
            if (brace < 0) {
                continue;
            }
            try {
                AuditFormat.Parsed p = AuditFormat.parse(text.substring(brace).strip().getBytes(StandardCharsets.UTF_8));
                if (p.sealed() || p.head()) {
                    anchors.add(new Anchor(p.seq(), p.mac(), file, number));
                }
            } catch (IllegalArgumentException notAnAuditRecord) {
                // skipped: not a seal or head
            }
        }
        return anchors;
    }

    /** Verifies {@code files} as {@code check} says; the newest may be live unless {@link Check#sealed()}. */
    public static AuditVerification verify(List<Path> files, Check check) throws IOException {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(check, "check");
        // The writer's lock file lives in the directory but is no audit file (a plain directory listing includes it).
        Set<Path> unique = new LinkedHashSet<>(files.stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> !p.getFileName().toString().equals(RotatingFileSink.LOCK_FILE)).toList());
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("files: none (expected: at least one audit file)");
        }
        boolean liveAllowed = !check.sealed();
        ChainMac chain = check.hmacKey() == null ? null : new ChainMac(check.hmacKey());
        // Listed before any file is read: a file that was the newest then and is read later may have been sealed
        // meanwhile (fine), but a file seen as not the newest is sealed before its successor exists.
        Map<Path, Long> newestCounters = liveAllowed ? newestCounters(unique) : Map.of();
        List<FileLines> loaded = new ArrayList<>();
        for (Path file : unique) {
            loaded.add(load(file, chain));
        }
        return new Walk(loaded, chain, check, newestCounters).run();
    }

    /** The highest rotating-file counter in each directory of {@code files}. */
    private static Map<Path, Long> newestCounters(Set<Path> files) throws IOException {
        Map<Path, Long> newest = new HashMap<>();
        for (Path file : files) {
            Path dir = file.getParent();
            if (dir == null || newest.containsKey(dir)) {
                continue;
            }
            long max = -1;
            try (Stream<Path> listed = Files.list(dir)) {
                for (Path p : (Iterable<Path>) listed::iterator) {
                    max = Math.max(max, RotatingFileSink.counterOf(p));
                }
            }
            newest.put(dir, max);
        }
        return newest;
    }

    /**
     * {@code cutOff}: the file's last bytes are a line without its newline (parsed is then null). {@code authentic}:
     * the MAC verifies, or was not checked. {@code digest}: SHA-256 of the line's bytes (signature spans).
     */
    private record Line(int number, AuditFormat.Parsed parsed, String error, boolean authentic, boolean cutOff,
            byte[] digest) {
        Line(int number, AuditFormat.Parsed parsed, String error, boolean authentic, byte[] digest) {
            this(number, parsed, error, authentic, false, digest);
        }
    }

    private record FileLines(Path file, List<Line> lines) {
        long firstSeq() {
            return lines.stream().filter(l -> l.parsed() != null).mapToLong(l -> l.parsed().seq()).findFirst()
                    .orElse(Long.MAX_VALUE);
        }
    }

    private static FileLines load(Path file, ChainMac chain) throws IOException {
        MessageDigest digest = ChainWriter.sha256();
        byte[] bytes = Files.readAllBytes(file);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < bytes.length) {
            number++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                lines.add(new Line(number, null, "incomplete last line (no newline: the write was cut off)", false, true,
                        null));
                break;
            }
            byte[] text = Arrays.copyOfRange(bytes, start, end);
            start = end + 1;
            try {
                AuditFormat.Parsed p = AuditFormat.parse(text);
                // Drop the body: the MAC check is done, keep only what the chain walk needs.
                lines.add(new Line(number, p.withoutBody(), null,
                        chain == null || chain.verifies(p.prev(), p.body(), p.mac()), digest.digest(text)));
            } catch (IllegalArgumentException e) {
                lines.add(new Line(number, null, e.getMessage(), false, null));
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
        private final String keyId;
        private final boolean macs;
        private final PublicKey publicKey;
        private final String sigKeyId;
        private final TreeMap<Long, Anchor> anchors = new TreeMap<>();
        private final boolean liveAllowed;
        private final Map<Path, Long> newestCounters;
        private final Set<Long> authenticSeqs = new HashSet<>();
        private long records;
        private long seals;
        private long firstSeq;
        private long expectedSeq = -1;
        private byte[] expectedPrev;
        private boolean fromGenesis;
        private int unclean;
        private Path liveFile;
        private long liveRecords;
        private boolean liveCutOff;
        private long heads;
        private long signed;
        private long unsignedSeals;
        private long unproven;
        private long leadingUnproven;
        private long anchorsMatched;
        private long olderAnchors;

        Walk(List<FileLines> files, ChainMac chain, Check check, Map<Path, Long> newestCounters) {
            this.files = new ArrayList<>(files);
            this.macs = chain != null;
            this.genesis = chain == null ? null : chain.genesis();
            this.keyId = chain == null ? null : chain.keyId();
            this.publicKey = check.publicKey();
            this.sigKeyId = publicKey == null ? null : SealSigner.keyId(publicKey);
            for (Anchor a : check.anchors()) {
                anchors.putIfAbsent(a.seq(), a);
            }
            this.liveAllowed = !check.sealed();
            this.newestCounters = newestCounters;
        }

        AuditVerification run() {
            Optional<Problem> problem = keys().or(this::structure).or(this::chain).or(this::anchorsBeyond);
            return new AuditVerification(problem, files.size(), records, seals, firstSeq,
                    Math.max(0, expectedSeq - 1), fromGenesis, unclean,
                    problem.isEmpty() ? Optional.ofNullable(liveFile) : Optional.empty(), liveRecords, liveCutOff,
                    new AuditVerification.Proof(macs, publicKey != null, heads, signed, unsignedSeals, unproven, leadingUnproven,
                            anchors.isEmpty() ? null : anchorsMatched, olderAnchors));
        }

        /** Anchors past the files' last record: the newest records were removed. */
        private Optional<Problem> anchorsBeyond() {
            long last = expectedSeq - 1;
            Map.Entry<Long, Anchor> beyond = anchors.lastEntry();
            if (beyond != null && beyond.getKey() > last) {
                Anchor a = beyond.getValue();
                return problem(Kind.TRUNCATED, a.file(), a.line(), "files end at seq " + last + " but an anchor at seq "
                        + a.seq() + " exists: records after " + last + " were removed (newest files deleted or"
                        + " truncated)");
            }
            olderAnchors = anchors.headMap(firstSeq).size();
            return Optional.empty();
        }

        /**
         * A file whose key ids name another key and none of whose records verifies was written with another key.
         * (A file with a foreign key id but records that verify has been edited: the chain walk reports that.)
         */
        private Optional<Problem> keys() {
            if (!macs) {
                return Optional.empty();
            }
            for (FileLines f : files) {
                Line named = null;
                boolean ours = false;
                boolean anyAuthentic = false;
                for (Line l : f.lines()) {
                    anyAuthentic |= l.authentic();
                    String id = l.parsed() == null ? null : l.parsed().keyId();
                    if (id != null) {
                        ours |= id.equals(keyId);
                        named = named == null && !id.equals(keyId) ? l : named;
                    }
                }
                if (named != null && !ours && !anyAuthentic) {
                    return problem(Kind.WRONG_KEY, f.file(), named.number(), "written with another key (its key id is "
                            + named.parsed().keyId() + ", the given key's is " + keyId
                            + "; expected: the key the log was written with)");
                }
            }
            return Optional.empty();
        }

        /** Empty files, files without any record, a key that verifies nothing; then sorts into chain order. */
        private Optional<Problem> structure() {
            boolean anyAuthentic = false;
            boolean ourKeyNamed = false;
            for (FileLines f : files) {
                if (f.lines().isEmpty()) {
                    return problem(Kind.MALFORMED, f.file(), 0, "empty file (expected: audit records)");
                }
                if (f.firstSeq() == Long.MAX_VALUE && !(f.lines().size() == 1 && f.lines().get(0).cutOff()
                        && mayBeLive(f))) {
                    Line first = f.lines().get(0);
                    return problem(Kind.MALFORMED, f.file(), first.number(), first.error());
                }
                for (Line l : f.lines()) {
                    if (l.authentic()) {
                        anyAuthentic = true;
                        authenticSeqs.add(l.parsed().seq());
                    }
                    ourKeyNamed |= l.parsed() != null && keyId != null && keyId.equals(l.parsed().keyId());
                }
            }
            if (macs && !anyAuthentic && !ourKeyNamed) {
                return problem(Kind.WRONG_KEY, files.get(0).file(), 0, "no record verifies with this key, and the"
                        + " files name no key (written before key ids) to tell a wrong key from altered records"
                        + " (expected: the key the log was written with)");
            }
            files.sort(Comparator.comparingLong(FileLines::firstSeq));
            return Optional.empty();
        }

        private Optional<Problem> chain() {
            for (int fi = 0; fi < files.size(); fi++) {
                FileLines f = files.get(fi);
                boolean newest = fi == files.size() - 1;
                long segment = 0;
                MessageDigest span = ChainWriter.sha256();
                long spanLines = 0;
                long spanFrom = -1;
                List<Line> lines = f.lines();
                Line last = null;
                // A capture (e.g. of the stdout sink) may start inside a span: a first line that is not seq 1 and
                // does not start a segment (no keyId). That span's signature cannot be checked: its lines are
                // unproven, like records before the first given one.
                AuditFormat.Parsed start = lines.get(0).parsed();
                boolean partial = fi == 0 && start != null && start.seq() != 1 && start.keyId() == null
                        && !start.sealed() && !start.head();
                // Its segment's seal and heads count records before the capture: not checked until the first seal.
                boolean partialSegment = partial;
                for (int li = 0; li < lines.size(); li++) {
                    Line l = lines.get(li);
                    if (newest && l.cutOff() && mayBeLive(f)) {
                        liveCutOff = true; // the write in progress
                        break;
                    }
                    Optional<Problem> p = check(fi, li, l);
                    if (p.isPresent()) {
                        return p;
                    }
                    AuditFormat.Parsed r = l.parsed();
                    Anchor anchor = anchors.get(r.seq());
                    if (anchor != null) {
                        if (!Arrays.equals(anchor.mac(), r.mac())) {
                            return problem(Kind.ANCHOR_MISMATCH, f.file(), l.number(), "seq " + r.seq() + " differs"
                                    + " from its anchor (" + anchor.file().getFileName() + ":" + anchor.line()
                                    + "): another mac (the record was replaced)");
                        }
                        anchorsMatched++;
                    }
                    if (r.sealed() || r.head()) {
                        if (r.count() != segment && !partialSegment) {
                            return problem(Kind.SEAL_MISMATCH, f.file(), l.number(), "the " + (r.head() ? "head"
                                    : "seal") + " at seq " + r.seq() + " counts " + r.count() + " records but its"
                                    + " segment holds " + segment + " (records deleted or inserted)");
                        }
                        if (partial) {
                            span.reset();
                            leadingUnproven += publicKey == null ? 0 : spanLines;
                            partial = false;
                        } else {
                            Optional<Problem> bad = signature(f, l, span.digest(), spanFrom);
                            if (bad.isPresent()) {
                                return bad;
                            }
                        }
                        spanLines = 0;
                        spanFrom = -1;
                    } else {
                        if (r.keyId() != null && segment > 0) {
                            // A writer start inside a capture (after an unclean stop): a new segment and span begin
                            // here; the lines of the open span before it were never signed.
                            if (partial) {
                                leadingUnproven += publicKey == null ? 0 : spanLines;
                            } else {
                                unproven += publicKey == null ? 0 : spanLines;
                            }
                            span.reset();
                            spanLines = 0;
                            spanFrom = -1;
                            segment = 0;
                            partial = false;
                            partialSegment = false;
                        }
                        span.update(l.digest());
                        spanLines++;
                        spanFrom = spanFrom < 0 ? r.seq() : spanFrom;
                    }
                    if (r.sealed()) {
                        segment = 0;
                        partialSegment = false;
                        seals++;
                    } else if (r.head()) {
                        segment++;
                        heads++;
                    } else {
                        segment++;
                        records++;
                    }
                    expectedPrev = r.mac();
                    expectedSeq = r.seq() + 1;
                    last = l;
                }
                if (publicKey != null) {
                    unproven += spanLines;
                }
                if (newest && (last == null || !last.parsed().sealed() || liveCutOff)) {
                    if (mayBeLive(f)) {
                        liveFile = f.file();
                        liveRecords = segment;
                    } else {
                        return problem(Kind.TRUNCATED, f.file(), last.number(), liveAllowed
                                ? "the file ends without a seal after this line, and a newer audit file exists in its"
                                        + " directory, so Sieve is not writing it (truncated, or not sealed: an"
                                        + " unclean shutdown; give the newer files too)"
                                : "the file ends without a seal after this line (truncated, or not sealed: the file"
                                        + " Sieve is writing, or an unclean shutdown)");
                    }
                }
            }
            return Optional.empty();
        }

        /** Checks the signature of a seal or head {@code l} over its fields and the digest of its span. */
        private Optional<Problem> signature(FileLines f, Line l, byte[] spanDigest, long spanFrom) {
            if (publicKey == null) {
                return Optional.empty();
            }
            AuditFormat.Parsed r = l.parsed();
            String what = (r.head() ? "the head" : "the seal") + " at seq " + r.seq();
            AuditFormat.Signature sig = r.signature();
            if (sig == null) {
                if (macs) {
                    unsignedSeals++; // written before seals were signed; its MAC verified
                    return Optional.empty();
                }
                return problem(Kind.BAD_SIGNATURE, f.file(), l.number(), what + " is not signed (expected: a"
                        + " signature by key " + sigKeyId + "; seals written before signing verify with the HMAC key)");
            }
            if (!sig.keyId().equals(sigKeyId)) {
                return problem(Kind.WRONG_KEY, f.file(), l.number(), what + " is signed by key id " + sig.keyId()
                        + ", the given public key's id is " + sigKeyId
                        + " (expected: the public key of audit.signing.keyFile, see sieve audit pubkey)");
            }
            byte[] message = AuditFormat.signedMessage(r.decision(), r.seq(), r.time(), r.count(), r.prev(), spanDigest,
                    sig.keyId());
            if (!SealSigner.verifies(publicKey, message, sig.sig())) {
                String covered = spanFrom < 0 ? "no lines" : spanFrom == r.seq() - 1 ? "seq " + spanFrom
                        : "seq " + spanFrom + ".." + (r.seq() - 1);
                return problem(Kind.BAD_SIGNATURE, f.file(), l.number(), "the signature of " + what.substring(4)
                        + " does not verify over its fields and the lines it covers (" + covered + "): a line was"
                        + " edited, inserted, removed or reordered, or the " + (r.head() ? "head" : "seal")
                        + " itself was edited");
            }
            signed++;
            return Optional.empty();
        }

        /**
         * True when {@code f} may be the file Sieve is writing: live files are allowed and no audit file with a
         * higher counter was in its directory (a file not named like a rotating file, such as a capture of the
         * stdout sink, cannot be told apart and may be live).
         */
        private boolean mayBeLive(FileLines f) {
            if (!liveAllowed) {
                return false;
            }
            long counter = RotatingFileSink.counterOf(f.file());
            return counter < 0 || counter >= newestCounters.getOrDefault(f.file().getParent(), -1L);
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
                if (fromGenesis && genesis != null && !Arrays.equals(r.prev(), genesis)) {
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
