package dev.sieve.bench;

import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.rules.DefaultRulePack;
import java.nio.file.Path;

/**
 * The rule set the benchmarks scan with: Sieve's default rule pack ({@link DefaultRulePack}).
 *
 * <p>The system property {@value #FOLDER_PROPERTY} names a rule folder to benchmark instead (for example a DLP
 * team's own rules): {@code -jvmArgsAppend -Dsieve.bench.rules=/path/to/rules}.
 */
public final class BenchRules {

    /** System property naming a rule folder (loaded with {@link RuleSet#load(Path)}) to use instead. */
    public static final String FOLDER_PROPERTY = "sieve.bench.rules";

    private BenchRules() {
    }

    /** A short name of the rule source, printed with results. */
    public static String source() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        return folder != null ? "rule folder " + folder : "default rule pack";
    }

    /**
     * Loads the benchmark rule set.
     *
     * @throws IllegalStateException if the rules do not load (a broken build or folder, not a benchmark result)
     */
    public static RuleSet load() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        if (folder == null) {
            return DefaultRulePack.load();
        }
        try {
            return RuleSet.load(Path.of(folder));
        } catch (RuleLoadException e) {
            throw new IllegalStateException("rules: " + source() + " failed to load: " + e.getMessage()
                    + " (expected: a valid rule folder)", e);
        }
    }
}
