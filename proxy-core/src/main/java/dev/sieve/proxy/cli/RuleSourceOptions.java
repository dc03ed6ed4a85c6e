package dev.sieve.proxy.cli;

import dev.sieve.dlp.Composition;
import dev.sieve.dlp.RuleOverride;
import dev.sieve.proxy.config.ActiveRules;
import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.proxy.config.SieveConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which rules a command uses: the active rule set of a config's {@code rules:} section ({@link ActiveRules}, what the
 * proxy runs), with the folder and the built-in switch overridable on the command line. Shared by
 * {@code sieve rules test|lint} and, with {@code --rules} ({@link RulesOption}), {@code sieve scan} and
 * {@code sieve eval}, so that they and the proxy agree.
 */
final class RuleSourceOptions {

    /** The help of a rule folder given on the command line (a parameter, or {@code --rules}). */
    static final String DIR_HELP = "Rule folder, added to the built-in pack unless --no-builtin"
            + " (default: the config's rules.dir; none: the built-in pack alone).";

    @Mixin
    ConfigOption config;

    @Option(names = "--builtin", negatable = true, paramLabel = "",
            description = "Add the rules to the built-in pack (--builtin, the default) or use them alone (--no-builtin,"
                    + " like rules.builtin: false). Default: the config's rules.builtin.")
    Boolean builtin;

    /**
     * The config's {@code rules:} section with {@code dir} (when given) as the folder and {@code --[no-]builtin}
     * applied.
     *
     * @throws IllegalArgumentException if the result has no rules at all to look at (no folder, no pack)
     */
    RulesSettings settings(Path dir) throws Exception {
        return settings(config.load(), dir);
    }

    /** {@link #settings(Path)} for {@code loaded}, the config these options name, already loaded. */
    RulesSettings settings(SieveConfig loaded, Path dir) {
        RulesSettings fromConfig = loaded.rules();
        Optional<Path> folder = dir == null ? fromConfig.dir() : Optional.of(dir.toAbsolutePath().normalize());
        boolean pack = builtin != null ? builtin : fromConfig.builtin();
        if (!pack && folder.isEmpty()) {
            throw new IllegalArgumentException("--no-builtin without a rule folder (expected: DIR, or a config with"
                    + " rules.dir)");
        }
        return fromConfig.withSources(folder, pack);
    }

    /**
     * Prints where the rules come from and what the selection changed (one line), then every loader note
     * ({@code NOTE ...}): nothing the loader says is swallowed.
     */
    static void describe(PrintWriter out, RulesSettings settings, Composition composition) {
        Composition.Summary s = composition.summary();
        List<String> sources = new ArrayList<>();
        if (settings.builtin()) {
            sources.add("built-in pack (" + s.builtinRules() + " rules)");
        }
        settings.dir().ifPresent(d -> sources.add(d + " (" + s.folderRules() + " rules)"));
        StringBuilder line = new StringBuilder("active rules: ").append(String.join(" + ", sources));
        if (!s.disabled().isEmpty()) {
            line.append("; disabled: ").append(String.join(", ", s.disabled()));
        }
        if (!s.replaced().isEmpty()) {
            line.append("; replaced by the folder: ").append(String.join(", ", s.replaced()));
        }
        if (!s.overridden().isEmpty()) {
            List<String> overrides = new ArrayList<>();
            for (Map.Entry<String, RuleOverride> e : s.overridden().entrySet()) {
                List<String> parts = new ArrayList<>();
                e.getValue().action().ifPresent(a -> parts.add("action " + lower(a)));
                e.getValue().severity().ifPresent(v -> parts.add("severity " + lower(v)));
                e.getValue().classActions().forEach((c, a) -> parts.add("action " + lower(a) + " to " + c));
                overrides.add(e.getKey() + " (" + String.join(", ", parts)
                        + (s.weakened().contains(e.getKey()) ? ", lowers its action" : "") + ")");
            }
            line.append("; overrides: ").append(String.join(", ", overrides));
        }
        out.println(line);
        for (String note : s.notes()) {
            out.println("NOTE " + note);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
