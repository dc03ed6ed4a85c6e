package dev.sieve.dlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rule files of one place, read into memory: file name to YAML text ({@code settings.yaml} included).
 *
 * @param prefix      put before every file name in messages and in {@link Rule#file()}: {@code "built-in/"} for the
 *                    shipped pack, {@code ""} for a folder
 * @param description the place in messages: {@code built-in pack}, or the folder's path
 * @param files       file name to YAML text
 */
public record RuleFiles(String prefix, String description, Map<String, String> files) {

    public RuleFiles {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(description, "description");
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /**
     * Reads every {@code *.yaml} and {@code *.yml} entry directly in {@code dir}. An entry with such a name that
     * cannot be read (a symbolic link to nothing, a folder, no permission, not UTF-8) is an error, not skipped: a
     * half-updated mount must not quietly lose rules.
     *
     * @throws RuleLoadException naming the folder or file when something cannot be read
     */
    public static RuleFiles folder(Path dir) throws RuleLoadException {
        Objects.requireNonNull(dir, "dir");
        Map<String, String> files = new TreeMap<>();
        List<LintProblem> problems = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            throw new RuleLoadException(new LintProblem(dir.toString(), null, 0, "cannot read rule folder: "
                    + e.getClass().getSimpleName() + " (expected: a readable directory of *.yaml files)"));
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (!isRuleFileName(name)) {
                continue;
            }
            if (!Files.isRegularFile(p)) {
                problems.add(new LintProblem(name, null, 0, "cannot read: "
                        + (Files.isSymbolicLink(p) && !Files.exists(p) ? "a symbolic link to nothing"
                                : Files.isDirectory(p) ? "a directory" : "not a regular file")
                        + " (expected: a readable rule file)"));
                continue;
            }
            try {
                files.put(name, Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(new LintProblem(name, null, 0, "cannot read: " + e.getClass().getSimpleName()
                        + " (expected: a readable UTF-8 rule file)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        return new RuleFiles("", dir.toString(), files);
    }

    /** True for the names {@link #folder} reads: {@code *.yaml} and {@code *.yml}. */
    public static boolean isRuleFileName(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
