package dev.sieve.dlp;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A rule set compiled for one engine. Immutable and safe to share across threads; each thread opens its own
 * {@link ScanSession}s. Both engines report exactly the same findings for the same bytes (see {@link ScanSession}
 * for the match semantics). Close it after its last session is closed to free native memory; closing earlier is
 * safe (native memory is freed when the last open session closes) but no new session can be opened.
 */
public interface CompiledRules extends AutoCloseable {

    /** The rules this was compiled from. */
    RuleSet rules();

    /** {@code "hyperscan"} or {@code "java"}. */
    String engineName();

    /**
     * True if the matching database was read from a {@link CompiledCache} instead of compiled (only the Hyperscan
     * engine caches).
     */
    default boolean fromCache() {
        return false;
    }

    /** Opens a session that scans one stream of bytes: one decoded view, named {@code viewPath} in findings. */
    ScanSession open(String viewPath);

    /** Scans {@code whole} (its remaining bytes; its position is not changed) as one view. */
    default List<Finding> scan(String viewPath, ByteBuffer whole) {
        try (ScanSession session = open(viewPath)) {
            session.feed(whole.duplicate());
            return session.finish();
        }
    }

    /** Frees native resources; never throws. */
    @Override
    void close();
}
