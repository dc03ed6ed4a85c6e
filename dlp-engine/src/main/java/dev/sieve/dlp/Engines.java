package dev.sieve.dlp;

import com.gliwka.hyperscan.jni.hyperscan;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles rule sets for an engine. Hyperscan is used when its native library loads and the CPU is supported;
 * otherwise {@link EngineKind#AUTO} falls back to the java.util.regex engine, which reports the same findings,
 * only slower.
 */
public final class Engines {

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

    private Engines() {
    }

    /**
     * Compiles {@code rules} for {@code kind}.
     *
     * @throws IllegalStateException if {@code kind} is {@link EngineKind#HYPERSCAN} and Hyperscan is unavailable
     * @throws RuleCompileException if Hyperscan rejects a pattern (never silently falls back)
     */
    public static CompiledRules compile(RuleSet rules, EngineKind kind) {
        return compile(rules, kind, CompiledCache.none());
    }

    /**
     * Compiles {@code rules} for {@code kind}; the Hyperscan engine reads its database from {@code cache} when the
     * cache holds one compiled from the same expressions by the same Hyperscan for this CPU, and stores it there
     * otherwise (see {@link CompiledCache}). The java engine compiles nothing worth caching.
     *
     * @throws IllegalStateException if {@code kind} is {@link EngineKind#HYPERSCAN} and Hyperscan is unavailable
     * @throws RuleCompileException if Hyperscan rejects a pattern (never silently falls back)
     */
    public static CompiledRules compile(RuleSet rules, EngineKind kind, CompiledCache cache) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cache, "cache");
        return switch (kind) {
            case JAVA -> new JavaEngine(rules);
            case HYPERSCAN -> {
                Optional<String> reason = hyperscanUnavailableReason();
                if (reason.isPresent()) {
                    throw new IllegalStateException("engine: hyperscan unavailable: " + reason.get()
                            + " (expected: a platform with the Hyperscan native library, or EngineKind.AUTO/JAVA)");
                }
                yield new HyperscanEngine(rules, cache);
            }
            case AUTO -> {
                if (hyperscanAvailable()) {
                    yield new HyperscanEngine(rules, cache);
                }
                LOG.warn("Hyperscan unavailable ({}); using the java.util.regex engine", hyperscanUnavailableReason().orElse("?"));
                yield new JavaEngine(rules);
            }
        };
    }

    /** True if the Hyperscan native library loaded and supports this CPU. */
    public static boolean hyperscanAvailable() {
        return Probe.REASON.isEmpty();
    }

    /** Why Hyperscan cannot be used here, if it cannot. */
    public static Optional<String> hyperscanUnavailableReason() {
        return Probe.REASON;
    }

    private static final class Probe {
        static final Optional<String> REASON = probe();

        private static Optional<String> probe() {
            if (Boolean.getBoolean("sieve.hyperscan.disable")) {
                return Optional.of("disabled by system property sieve.hyperscan.disable");
            }
            try {
                int rc = hyperscan.hs_valid_platform();
                return rc == hyperscan.HS_SUCCESS ? Optional.empty()
                        : Optional.of("hs_valid_platform returned " + rc + " (CPU lacks SSSE3)");
            } catch (Throwable t) {
                return Optional.of(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
    }
}
