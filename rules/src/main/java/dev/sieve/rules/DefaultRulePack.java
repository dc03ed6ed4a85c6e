package dev.sieve.rules;

import dev.sieve.dlp.RuleComposer;
import dev.sieve.dlp.RuleFiles;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule pack Sieve ships: YAML rule files on the class path under {@link #RESOURCE_FOLDER}, listed in its
 * {@code index.txt}. Every rule in it lints clean, carries at least two {@code match} and two {@code no_match}
 * examples, and passes them on both engines (enforced by this module's build).
 *
 * <p>The same files are plain YAML in the source tree ({@code rules/src/main/resources/dev/sieve/rules/pack}),
 * which is the folder a DLP team copies and edits; {@link dev.sieve.dlp.RuleSet#load(Path)} loads such a folder.
 * Sieve adds a team's folder to this pack ({@link RuleComposer}) unless told to use the folder alone.
 */
public final class DefaultRulePack {

    /** Class-path folder of the pack (no leading or trailing slash). */
    public static final String RESOURCE_FOLDER = "dev/sieve/rules/pack";

    /** Class-path location of the JSON Schema (draft 2020-12) that every rule file conforms to. */
    public static final String SCHEMA_RESOURCE = "dev/sieve/rules/rule-schema.json";

    /** Folder of the pack inside a source checkout, relative to the repository root. */
    static final Path SOURCE_FOLDER = Path.of("rules", "src", "main", "resources", "dev", "sieve", "rules", "pack");

    /** The description of the pack in messages ({@link RuleFiles#description()}). */
    public static final String DESCRIPTION = "built-in pack";

    private DefaultRulePack() {
    }

    /** The pack's files, read once: the class path cannot change while Sieve runs. */
    private static final class Shipped {
        static final Map<String, byte[]> BYTES = readAll();
        static final RuleFiles RULE_FILES = ruleFiles();

        private static Map<String, byte[]> readAll() {
            Map<String, byte[]> out = new LinkedHashMap<>();
            String index = new String(resource("index.txt"), StandardCharsets.UTF_8);
            for (String line : index.split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    out.put(name, resource(name));
                }
            }
            return out;
        }

        private static RuleFiles ruleFiles() {
            Map<String, String> text = new LinkedHashMap<>();
            BYTES.forEach((name, bytes) -> text.put(name, new String(bytes, StandardCharsets.UTF_8)));
            return new RuleFiles(RuleComposer.BUILT_IN_PREFIX, DESCRIPTION, text);
        }

        private static byte[] resource(String name) {
            String path = RESOURCE_FOLDER + "/" + name;
            try (InputStream in = DefaultRulePack.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("default rule pack: " + path + " not on the class path"
                            + " (expected: packaged with the rules module; this is a build defect)");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("default rule pack: cannot read " + path, e);
            }
        }
    }

    /**
     * The pack's files (every rule file and {@code settings.yaml}) for composing with a team's folder, their names
     * prefixed with {@link RuleComposer#BUILT_IN_PREFIX} in messages.
     */
    public static RuleFiles files() {
        return Shipped.RULE_FILES;
    }

    /** Names of the pack's files, {@code settings.yaml} first, as {@code index.txt} lists them. */
    public static List<String> fileNames() {
        return new ArrayList<>(Shipped.BYTES.keySet());
    }

    /**
     * The bytes of one of {@link #fileNames()}, exactly as shipped (for {@code sieve rules export}).
     *
     * @throws IllegalArgumentException if {@code name} is not a file of the pack
     */
    public static byte[] bytes(String name) {
        byte[] bytes = Shipped.BYTES.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: one of " + fileNames() + ")");
        }
        return bytes.clone();
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
