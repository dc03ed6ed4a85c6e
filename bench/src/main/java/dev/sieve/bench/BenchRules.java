package dev.sieve.bench;

import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;

/**
 * The rule set the benchmarks scan with.
 *
 * <p>Until the default pack ({@code dev.sieve.rules}) is on main, this is a copy of the engine's sample rules
 * (10 rules: SSN, bulk e-mail, Visa/Mastercard with Luhn, IBAN, AWS key id and key pair, GitHub classic token,
 * JWT, PEM private key, company confidentiality header) under {@code rules/sample} in this module's resources.
 */
public final class BenchRules {

    /** Class-path folder of the fallback rules. */
    static final String SAMPLE_FOLDER = "rules/sample";

    private BenchRules() {
    }

    /** A short name of the rule source, printed with results. */
    public static String source() {
        return "engine sample rules (" + SAMPLE_FOLDER + ")";
    }

    /**
     * Loads the benchmark rule set.
     *
     * @throws IllegalStateException if the rules do not load (a broken build, not a benchmark result)
     */
    public static RuleSet load() {
        try {
            return RuleSet.loadResources(BenchRules.class.getClassLoader(), SAMPLE_FOLDER);
        } catch (RuleLoadException e) {
            throw new IllegalStateException("rules: " + SAMPLE_FOLDER + " failed to load: " + e.getMessage(), e);
        }
    }
}
