package dev.sieve.proxy.cli;

import dev.sieve.dlp.RuleSet;
import dev.sieve.rules.DefaultRulePack;

/** Where the CLI finds the default rule pack when no rule folder is given. */
final class DefaultRules {
    private DefaultRules() {}

    /** The rule pack shipped in the {@code rules} module. */
    static RuleSet load() {
        return DefaultRulePack.load();
    }
}
