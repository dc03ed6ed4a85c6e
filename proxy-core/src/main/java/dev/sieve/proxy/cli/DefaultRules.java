package dev.sieve.proxy.cli;

import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;

/** Where the CLI finds the default rule pack when no rule folder is given. */
final class DefaultRules {

    /** Class-path folder of the default pack (module {@code rules}): {@code index.txt} plus the YAML files. */
    static final String PACK = "dev/sieve/rules/pack";

    private DefaultRules() {
    }

    /**
     * Loads the default rule pack. The single place to point at {@code dev.sieve.rules.DefaultRulePack.load()}
     * once module {@code rules} provides it.
     *
     * @throws IllegalStateException if the pack is not on the class path
     */
    static RuleSet load() throws RuleLoadException {
        ClassLoader loader = DefaultRules.class.getClassLoader();
        if (loader.getResource(PACK + "/index.txt") == null) {
            throw new IllegalStateException("default rule pack: not found on the class path at " + PACK
                    + "/index.txt (expected: the sieve-rules jar on the class path, or a rule folder: --rules DIR)");
        }
        return RuleSet.loadResources(loader, PACK);
    }
}
