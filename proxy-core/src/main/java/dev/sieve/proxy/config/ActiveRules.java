package dev.sieve.proxy.config;

import dev.sieve.dlp.Composition;
import dev.sieve.dlp.RuleComposer;
import dev.sieve.dlp.RuleFiles;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSelection;
import dev.sieve.rules.DefaultRulePack;
import java.util.Objects;
import java.util.Optional;

/**
 * "The active rule set" for a {@code rules:} section, the one definition the proxy ({@code RuleStore}), the config
 * checks ({@code rules.disable}, categories a destination names), {@code sieve rules lint|test} and
 * {@code sieve scan} share: the built-in pack (unless {@code builtin: false}) plus the folder, minus
 * {@code disable}, with {@code overrides}.
 *
 * <p>The last composition is remembered: composing parses every rule (~100 ms for the pack), and the same inputs
 * (the same files, byte for byte, and the same selection) always give the same, immutable result.
 */
public final class ActiveRules {

    private record Key(boolean builtin, Optional<RuleFiles> folder, RuleSelection selection) {
    }

    private record Cached(Key key, Composition composition) {
    }

    private static volatile Cached last;

    private ActiveRules() {
    }

    /**
     * Reads the folder (if any) and composes.
     *
     * @throws RuleLoadException if the folder or one of its rule files cannot be read (the problems name them);
     *     problems of the rules themselves are in {@link Composition#problems()}
     */
    public static Composition compose(RulesSettings settings) throws RuleLoadException {
        Objects.requireNonNull(settings, "settings");
        Optional<RuleFiles> folder = settings.dir().isPresent()
                ? Optional.of(RuleFiles.folder(settings.dir().get())) : Optional.empty();
        Key key = new Key(settings.builtin(), folder, settings.selection());
        Cached cached = last;
        if (cached != null && cached.key().equals(key)) {
            return cached.composition();
        }
        Composition composition = RuleComposer.compose(
                settings.builtin() ? Optional.of(DefaultRulePack.files()) : Optional.empty(), folder, key.selection());
        last = new Cached(key, composition);
        return composition;
    }
}
