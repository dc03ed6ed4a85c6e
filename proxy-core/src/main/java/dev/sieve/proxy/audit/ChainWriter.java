package dev.sieve.proxy.audit;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain state and the sinks, driven by the writer thread only: numbers records, chains their MACs,
 * seals segments on rotation and shutdown. On start it continues the chain from the last line a sink kept
 * (the previous run's last record) when that line verifies with the key; otherwise it starts from genesis.
 *
 * <p>With a {@link SealSigner}, seals are signed, and a signed chain-head record is written once
 * {@code headInterval} has passed since the last signed line if lines were written since (never while idle);
 * see {@link AuditFormat} for what is signed. Every seal and head also goes to the anchor sinks, which receive
 * nothing else. A writer start begins a new signature span (and, for files, a new file).
 */
final class ChainWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ChainWriter.class);

    private final List<AuditSink> sinks;
    private final ChainMac chain;
    private final Clock clock;
    private final AuditMetrics metrics;
    private final SealSigner signer;
    private final Duration headInterval;
    private final List<AuditSink> anchors;
    private final MessageDigest lineDigest = sha256();
    private final MessageDigest spanDigest = sha256();
    private byte[] prev;
    private long nextSeq;
    private long segmentRecords;
    /** Lines written since the last signed line (or the start). */
    private long spanLines;
    private Instant lastSigned;
    private boolean sinksClosed;

    ChainWriter(List<AuditSink> sinks, ChainMac chain, Clock clock, AuditMetrics metrics) throws IOException {
        this(sinks, chain, clock, metrics, null, Duration.ofSeconds(60), List.of());
    }

    /** {@code signer} null: unsigned seals, no heads; {@code anchors} receive only seals and heads. */
    ChainWriter(List<AuditSink> sinks, ChainMac chain, Clock clock, AuditMetrics metrics, SealSigner signer,
            Duration headInterval, List<AuditSink> anchors) throws IOException {
        this.sinks = List.copyOf(sinks);
        this.chain = chain;
        this.clock = clock;
        this.metrics = metrics;
        this.signer = signer;
        this.headInterval = headInterval;
        this.anchors = List.copyOf(anchors);
        this.lastSigned = clock.instant();
        this.prev = chain.genesis();
        this.nextSeq = 1;
        for (AuditSink sink : this.sinks) {
            Optional<byte[]> last = sink.lastLine();
            if (last.isPresent()) {
                resumeFrom(last.get());
                break;
            }
        }
    }

    private void resumeFrom(byte[] line) {
        try {
            AuditFormat.Parsed p = AuditFormat.parse(line);
            if (chain.verifies(p.prev(), p.body(), p.mac())) {
                prev = p.mac();
                nextSeq = p.seq() + 1;
                return;
            }
            LOG.warn("audit: the newest existing audit file ends with a record this key does not verify; "
                    + "starting a new chain (was the key replaced?)");
        } catch (IllegalArgumentException e) {
            LOG.warn("audit: the newest existing audit file does not end with a valid record ({}); starting a new chain",
                    e.getMessage());
        }
    }

    long nextSeq() {
        return nextSeq;
    }

    /**
     * Writes one entry, first sealing the current segment if a sink asks for rotation, or writing a chain head if
     * one is due (a seal instead when the head would leave no room for the seal). Returns the lines written.
     */
    int write(AuditEntry entry) throws IOException {
        int lines = 1;
        Instant now = clock.instant();
        byte[] body = body(entry);
        int length = AuditFormat.lineLength(body);
        // Keep room for the seal, so a sealed file stays within its size limit.
        if (rotationDue(now, length + AuditFormat.MAX_SEAL_LINE)) {
            sealAndRotate(now);
            lines++;
        } else if (headDue(now)) {
            if (rotationDue(now, AuditFormat.MAX_SEAL_LINE + length + AuditFormat.MAX_SEAL_LINE)) {
                sealAndRotate(now);
            } else {
                head(now);
            }
            lines++;
        }
        // A seal or head took this seq (and a seal ends the segment, so the record now names the key): rebuild.
        emit(lines > 1 ? body(entry) : body, false);
        segmentRecords++;
        return lines;
    }

    private void sealAndRotate(Instant now) throws IOException {
        seal("rotation", now);
        for (AuditSink sink : sinks) {
            sink.rotate();
        }
        metrics.rotated();
    }

    private boolean headDue(Instant now) {
        return signer != null && spanLines > 0 && !now.isBefore(lastSigned.plus(headInterval));
    }

    /** The first record of a segment (so of each file) names the key, for verifiers; the others do not. */
    private byte[] body(AuditEntry entry) {
        return AuditFormat.body(nextSeq, entry, prev, segmentRecords == 0 ? chain.keyId() : null);
    }

    /**
     * Rotates an idle segment whose age is up, or writes a due chain head (called when the queue has been empty
     * for a while); returns the lines written.
     */
    int idle() throws IOException {
        Instant now = clock.instant();
        if (segmentRecords > 0 && rotationDue(now, 0)) {
            sealAndRotate(now);
            return 1;
        }
        if (headDue(now)) {
            if (rotationDue(now, 2 * AuditFormat.MAX_SEAL_LINE)) {
                sealAndRotate(now);
            } else {
                head(now);
            }
            return 1;
        }
        return 0;
    }

    void flush() throws IOException {
        for (AuditSink sink : sinks) {
            sink.flush();
        }
    }

    /** Tells every sink the log is closing ({@link AuditSink#stopWaiting()}); the only method other threads call. */
    void stopWaiting() {
        for (AuditSink sink : concat(sinks, anchors)) {
            sink.stopWaiting();
        }
    }

    /**
     * Seals the open segment (if it holds records) and closes every sink; returns the lines written. When sealing
     * or flushing fails, the sinks are still closed and that failure is thrown (a close failure suppressed in it).
     */
    int shutdown() throws IOException {
        int written = 0;
        try {
            if (segmentRecords > 0) {
                seal("shutdown", clock.instant());
                written = 1;
            }
            flush();
        } catch (Throwable e) {
            try {
                closeSinks();
            } catch (IOException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
        closeSinks();
        return written;
    }

    /** Closes every sink and anchor ({@link #closeEach}). Once only: later calls do nothing. */
    void closeSinks() throws IOException {
        if (sinksClosed) {
            return;
        }
        sinksClosed = true;
        closeEach(concat(sinks, anchors));
    }

    /**
     * Closes every sink, each even when another's close fails (so their threads end and their files and sockets
     * close); throws the last failure, earlier ones suppressed in it.
     */
    static void closeEach(Iterable<AuditSink> sinks) throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (AuditSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                failures.add(e);
            } catch (RuntimeException e) {
                failures.add(new IOException(e.toString(), e));
            }
        }
        if (!failures.isEmpty()) {
            IOException last = failures.get(failures.size() - 1);
            failures.subList(0, failures.size() - 1).forEach(last::addSuppressed);
            throw last;
        }
    }

    private boolean rotationDue(Instant now, int lineBytes) {
        for (AuditSink sink : sinks) {
            if (sink.rotationDue(now, lineBytes)) {
                return true;
            }
        }
        return false;
    }

    private void seal(String reason, Instant now) throws IOException {
        AuditFormat.Signature signature = sign(AuditFormat.SEALED, now, segmentRecords);
        anchor(emit(AuditFormat.sealBody(nextSeq, now, reason, segmentRecords, prev, chain.keyId(), signature), true),
                signature);
        segmentRecords = 0;
    }

    private void head(Instant now) throws IOException {
        AuditFormat.Signature signature = sign(AuditFormat.HEAD, now, segmentRecords);
        anchor(emit(AuditFormat.headBody(nextSeq, now, segmentRecords, prev, signature), true), signature);
        segmentRecords++;
    }

    /** The signature of the seal or head about to be written at {@code nextSeq}; ends the span. Null unsigned. */
    private AuditFormat.Signature sign(String decision, Instant now, long count) {
        byte[] lines = spanDigest.digest();
        spanLines = 0;
        lastSigned = now;
        if (signer == null) {
            return null;
        }
        byte[] message = AuditFormat.signedMessage(decision, nextSeq, now.toString(), count, prev, lines,
                signer.keyId());
        return new AuditFormat.Signature(signer.keyId(), signer.sign(message));
    }

    private void anchor(byte[] line, AuditFormat.Signature signature) throws IOException {
        if (signature == null) {
            return;
        }
        for (AuditSink sink : anchors) {
            sink.write(line);
            sink.flush();
        }
        if (!anchors.isEmpty()) {
            metrics.anchored();
        }
    }

    /** Writes a line to every sink; with a signer, a line that is not {@code signed} joins the signature span. */
    private byte[] emit(byte[] body, boolean signed) throws IOException {
        byte[] mac = chain.mac(prev, body);
        byte[] line = AuditFormat.line(body, mac);
        for (AuditSink sink : sinks) {
            sink.write(line);
        }
        if (!signed && signer != null) {
            lineDigest.update(line, 0, line.length - 1); // the line's exact bytes, newline excluded
            spanDigest.update(lineDigest.digest());
            spanLines++;
        }
        prev = mac;
        nextSeq++;
        return line;
    }

    private static List<AuditSink> concat(List<AuditSink> a, List<AuditSink> b) {
        List<AuditSink> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
