package dev.sieve.bench;

import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import java.nio.file.Path;

/**
 * The rule set the benchmarks scan with.
 *
 * <p>Until the default pack ({@code dev.sieve.rules}) is on main, this is a copy of the engine's sample rules
 * (10 rules: SSN, bulk e-mail, Visa/Mastercard with Luhn, IBAN, AWS key id and key pair, GitHub classic token,
 * JWT, PEM private key, company confidentiality header) under {@code rules/sample} in this module's resources.
 *
 * <p>The system property {@value #FOLDER_PROPERTY} names a rule folder to benchmark instead (for example a DLP
 * team's own rules): {@code -jvmArgsAppend -Dsieve.bench.rules=/path/to/rules}.
 */
public final class BenchRules {

    /** Class-path folder of the fallback rules. */
    static final String SAMPLE_FOLDER = "rules/sample";

    /** System property naming a rule folder (loaded with {@link RuleSet#load(Path)}) to use instead. */
    public static final String FOLDER_PROPERTY = "sieve.bench.rules";

    private BenchRules() {
    }

    /** A short name of the rule source, printed with results. */
    public static String source() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        return folder != null ? "rule folder " + folder : "engine sample rules (" + SAMPLE_FOLDER + ")";
    }

    /**
     * Loads the benchmark rule set.
     *
     * @throws IllegalStateException if the rules do not load (a broken build, not a benchmark result)
     */
    public static RuleSet load() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        try {
            if (folder != null) {
                return RuleSet.load(Path.of(folder));
            }
            return RuleSet.loadResources(BenchRules.class.getClassLoader(), SAMPLE_FOLDER);
        } catch (RuleLoadException e) {
            throw new IllegalStateException("rules: " + source() + " failed to load: " + e.getMessage()
                    + " (expected: a valid rule folder)", e);
        }
    }
}
