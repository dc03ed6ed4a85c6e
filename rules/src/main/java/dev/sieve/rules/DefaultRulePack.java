package dev.sieve.rules;

import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rule pack Sieve ships: YAML rule files on the class path under {@link #RESOURCE_FOLDER}, listed in its
 * {@code index.txt}. Every rule in it lints clean, carries at least two {@code match} and two {@code no_match}
 * examples, and passes them on both engines (enforced by this module's build).
 *
 * <p>The same files are plain YAML in the source tree ({@code rules/src/main/resources/dev/sieve/rules/pack}),
 * which is the folder a DLP team copies and edits; {@link dev.sieve.dlp.RuleSet#load(Path)} loads such a folder.
 */
public final class DefaultRulePack {

    /** Class-path folder of the pack (no leading or trailing slash). */
    public static final String RESOURCE_FOLDER = "dev/sieve/rules/pack";

    /** Class-path location of the JSON Schema (draft 2020-12) that every rule file conforms to. */
    public static final String SCHEMA_RESOURCE = "dev/sieve/rules/rule-schema.json";

    /** Folder of the pack inside a source checkout, relative to the repository root. */
    static final Path SOURCE_FOLDER = Path.of("rules", "src", "main", "resources", "dev", "sieve", "rules", "pack");

    private DefaultRulePack() {
    }

    /**
     * Loads the shipped pack from this module's class loader. The result is immutable; loading is cheap enough to
     * repeat, but callers normally load once and share the {@link RuleSet}.
     *
     * @throws IllegalStateException if the packaged rules do not load (a broken build, never user input)
     */
    public static RuleSet load() {
        try {
            return RuleSet.loadResources(DefaultRulePack.class.getClassLoader(), RESOURCE_FOLDER);
        } catch (RuleLoadException e) {
            throw new IllegalStateException("default rule pack: " + e.getMessage()
                    + " (expected: the packaged rules to load; this is a build defect)", e);
        }
    }

    /**
     * The pack's editable source folder if {@code repositoryRoot} is a Sieve source checkout, so tools such as
     * {@code sieve rules lint} can point analysts at the files to change.
     */
    public static Optional<Path> sourceFolder(Path repositoryRoot) {
        Path folder = repositoryRoot.resolve(SOURCE_FOLDER);
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }
}
