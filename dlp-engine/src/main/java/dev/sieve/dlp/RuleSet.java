package dev.sieve.dlp;

import dev.sieve.dlp.validate.KeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An immutable, thread-safe, validated set of rules with unique ids, in file-name then file order. Loading fails
 * on the first problem with a {@link RuleLoadException} naming file, line and rule; {@link RuleLint} reports all
 * of them. Rules whose {@code ${variable}} is empty in {@code settings.yaml} are left out and listed in
 * {@link #notes()}.
 */
public final class RuleSet {

    private final List<Rule> rules;
    private final Map<String, Rule> byId;
    private final List<String> notes;
    private final Map<String, List<String>> variables;
    private final String version;

    RuleSet(List<Rule> rules, List<String> notes, Map<String, List<String>> variables) {
        this.rules = List.copyOf(rules);
        Map<String, Rule> index = new LinkedHashMap<>();
        rules.forEach(r -> index.put(r.id(), r));
        this.byId = Collections.unmodifiableMap(index);
        this.notes = List.copyOf(notes);
        this.variables = Map.copyOf(variables);
        this.version = hash(this.rules, this.variables);
    }

    /**
     * Loads every {@code *.yaml} and {@code *.yml} file directly in {@code dir} ({@code settings.yaml} provides the
     * variables), alone: to add a folder to the built-in pack, see {@link RuleComposer}.
     */
    public static RuleSet load(Path dir) throws RuleLoadException {
        return parse(RuleFiles.folder(dir).files());
    }

    /**
     * Loads rule files from the class path: {@code folder/index.txt} lists the file names (one per line, {@code #}
     * comments allowed), each read from {@code folder/<name>} with {@code loader}.
     */
    public static RuleSet loadResources(ClassLoader loader, String folder) throws RuleLoadException {
        String base = folder.endsWith("/") ? folder : folder + "/";
        String index = read(loader, base + "index.txt");
        Map<String, String> files = new TreeMap<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.put(name, read(loader, base + name));
            }
        }
        return parse(files);
    }

    private static String read(ClassLoader loader, String resource) throws RuleLoadException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new RuleLoadException(new LintProblem(resource, null, 0, "resource not found (expected: on the class path)"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleLoadException(new LintProblem(resource, null, 0, "cannot read resource: " + e.getClass().getSimpleName()));
        }
    }

    /** Parses rule files given as file name to YAML text; {@code settings.yaml} provides the variables. */
    public static RuleSet parse(Map<String, String> yamlByFileName) throws RuleLoadException {
        RuleParser.Result result = RuleParser.parse(yamlByFileName);
        if (!result.problems().isEmpty()) {
            throw new RuleLoadException(result.problems());
        }
        return new RuleSet(result.rules(), result.notes(), result.variables());
    }

    /** A rule set of already validated rules (no partner check): for per-rule compilation in lint. */
    static RuleSet of(List<Rule> rules) {
        return new RuleSet(rules, List.of(), Map.of());
    }

    static RuleParser.Result parseForLint(Map<String, String> yamlByFileName) {
        return RuleParser.parse(yamlByFileName);
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Notes about rules left out (for example because a variable is empty). */
    public List<String> notes() {
        return notes;
    }

    /** First 16 hex digits of the SHA-256 of the canonical content of all rules and settings. */
    public String version() {
        return version;
    }

    /**
     * The rules {@code keep} accepts, plus the rules they need as {@code keypair} partners (so a kept rule can
     * still be satisfied), in the same order.
     */
    public RuleSet filter(Predicate<Rule> keep) {
        Objects.requireNonNull(keep, "keep");
        Set<String> kept = new LinkedHashSet<>();
        Deque<Rule> work = new ArrayDeque<>();
        rules.stream().filter(keep).forEach(work::add);
        while (!work.isEmpty()) {
            Rule r = work.pop();
            if (kept.add(r.id())) {
                r.keyPair().map(KeyPair::with).map(byId::get).ifPresent(work::add);
            }
        }
        List<Rule> subset = new ArrayList<>();
        rules.stream().filter(r -> kept.contains(r.id())).forEach(subset::add);
        return new RuleSet(subset, notes, variables);
    }

    @Override
    public String toString() {
        return "RuleSet[" + rules.size() + " rules, version " + version + "]";
    }

    private static String hash(List<Rule> rules, Map<String, List<String>> variables) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rules.stream().sorted((a, b) -> a.id().compareTo(b.id()))
                    .forEach(r -> sha.update((r.canonical() + "\u001e").getBytes(StandardCharsets.UTF_8)));
            sha.update(new TreeMap<>(variables).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
