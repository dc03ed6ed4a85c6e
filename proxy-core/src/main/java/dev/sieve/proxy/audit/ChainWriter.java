package dev.sieve.proxy.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain state and the sinks, driven by the writer thread only: numbers records, chains their MACs,
 * seals segments on rotation and shutdown. On start it continues the chain from the last line a sink kept
 * (the previous run's last record) when that line verifies with the key; otherwise it starts from genesis.
 */
final class ChainWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ChainWriter.class);

    private final List<AuditSink> sinks;
    private final ChainMac chain;
    private final Clock clock;
    private final AuditMetrics metrics;
    private byte[] prev;
    private long nextSeq;
    private long segmentRecords;

    ChainWriter(List<AuditSink> sinks, ChainMac chain, Clock clock, AuditMetrics metrics) throws IOException {
        this.sinks = List.copyOf(sinks);
        this.chain = chain;
        this.clock = clock;
        this.metrics = metrics;
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

    /** Writes one entry, sealing the current segment first if a sink asks for rotation. */
    void write(AuditEntry entry) throws IOException {
        Instant now = clock.instant();
        byte[] body = body(entry);
        // Keep room for the seal, so a sealed file stays within its size limit.
        if (rotationDue(now, AuditFormat.lineLength(body) + AuditFormat.MAX_SEAL_LINE)) {
            seal("rotation", now);
            for (AuditSink sink : sinks) {
                sink.rotate();
            }
            metrics.rotated();
            body = body(entry);
        }
        emit(body);
        segmentRecords++;
    }

    /** The first record of a segment (so of each file) names the key, for verifiers; the others do not. */
    private byte[] body(AuditEntry entry) {
        return AuditFormat.body(nextSeq, entry, prev, segmentRecords == 0 ? chain.keyId() : null);
    }

    /** Rotates an idle segment whose age is up (called when the queue has been empty for a while). */
    int idle() throws IOException {
        Instant now = clock.instant();
        if (segmentRecords > 0 && rotationDue(now, 0)) {
            seal("rotation", now);
            for (AuditSink sink : sinks) {
                sink.rotate();
            }
            metrics.rotated();
            return 1;
        }
        return 0;
    }

    void flush() throws IOException {
        for (AuditSink sink : sinks) {
            sink.flush();
        }
    }

    /** Seals the open segment (if it holds records) and closes every sink; returns the lines written. */
    int shutdown() throws IOException {
        int written = 0;
        IOException failure = null;
        try {
            if (segmentRecords > 0) {
                seal("shutdown", clock.instant());
                written = 1;
            }
            flush();
        } finally {
            for (AuditSink sink : sinks) {
                try {
                    sink.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return written;
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
        emit(AuditFormat.sealBody(nextSeq, now, reason, segmentRecords, prev, chain.keyId()));
        segmentRecords = 0;
    }

    private void emit(byte[] body) throws IOException {
        byte[] mac = chain.mac(prev, body);
        byte[] line = AuditFormat.line(body, mac);
        for (AuditSink sink : sinks) {
            sink.write(line);
        }
        prev = mac;
        nextSeq++;
    }
}
