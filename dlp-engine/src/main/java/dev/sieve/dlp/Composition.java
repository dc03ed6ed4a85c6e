package dev.sieve.dlp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of {@link RuleComposer#compose}: the active rules, what the selection changed, and every problem.
 * Immutable.
 */
public final class Composition {

    /**
     * A value of the selection (the proxy's {@code rules.disable} or {@code rules.overrides}) that cannot be honoured.
     *
     * @param key      the config key, e.g. {@code rules.disable[1]} or {@code rules.overrides.pii.us-ssn}
     * @param value    the value at that key (a rule id)
     * @param expected what would be accepted
     */
    public record SelectionProblem(String key, String value, String expected) {
        @Override
        public String toString() {
            return key + ": '" + value + "' (expected: " + expected + ")";
        }
    }

    /**
     * What the selection did, for logs, metrics and the admin API.
     *
     * @param builtinRules active rules from the built-in pack
     * @param folderRules  active rules from the folder
     * @param disabled     ids switched off by {@code rules.disable} (not counting replaced ones), in config order
     * @param replaced     built-in ids whose folder rule of the same id is in force instead
     * @param overridden   id to the override applied to it
     * @param weakened     ids whose action an override lowers (block to redact or log, redact to log)
     * @param notes        the loader's notes (rules left out because a setting they use is empty)
     */
    public record Summary(int builtinRules, int folderRules, List<String> disabled, List<String> replaced,
            Map<String, RuleOverride> overridden, List<String> weakened, List<String> notes) {
        public Summary {
            disabled = List.copyOf(disabled);
            replaced = List.copyOf(replaced);
            overridden = Collections.unmodifiableMap(new LinkedHashMap<>(overridden));
            weakened = List.copyOf(weakened);
            notes = List.copyOf(notes);
        }
    }

    private final List<Rule> rules;
    private final Map<String, List<String>> variables;
    private final Summary summary;
    private final Set<String> loadedIds;
    private final List<LintProblem> fileProblems;
    private final List<SelectionProblem> selectionProblems;
    private final List<LintProblem> emptiness;

    Composition(List<Rule> rules, Map<String, List<String>> variables, Summary summary, Set<String> loadedIds,
            List<LintProblem> fileProblems, List<SelectionProblem> selectionProblems, List<LintProblem> emptiness) {
        this.rules = List.copyOf(rules);
        this.variables = Map.copyOf(variables);
        this.summary = Objects.requireNonNull(summary, "summary");
        this.loadedIds = Collections.unmodifiableSet(new TreeSet<>(loadedIds));
        this.fileProblems = List.copyOf(fileProblems);
        this.selectionProblems = List.copyOf(selectionProblems);
        this.emptiness = List.copyOf(emptiness);
    }

    /**
     * The active rule set.
     *
     * @throws RuleLoadException listing every {@link #problems()} if there are any
     */
    public RuleSet ruleSet() throws RuleLoadException {
        List<LintProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        return new RuleSet(rules, summary.notes(), variables);
    }

    /** The active rules that loaded, overrides applied, in built-in then folder file order (even with problems). */
    public List<Rule> rules() {
        return rules;
    }

    public Summary summary() {
        return summary;
    }

    /** Ids of every rule that loaded from the built-in pack or the folder, active or not. */
    public Set<String> loadedIds() {
        return loadedIds;
    }

    /** Categories the active rules declare, sorted. */
    public Set<Category> categories() {
        Set<Category> out = new TreeSet<>();
        rules.forEach(r -> out.add(r.category()));
        return Collections.unmodifiableSet(out);
    }

    /** Problems in the rule files: syntax, values, ids shared with the built-in pack, {@code keypair} partners. */
    public List<LintProblem> fileProblems() {
        return fileProblems;
    }

    /** Ids in the selection that cannot be honoured. */
    public List<SelectionProblem> selectionProblems() {
        return selectionProblems;
    }

    /** A folder without rule files or an empty active set, unless the selection allows it. */
    public List<LintProblem> emptiness() {
        return emptiness;
    }

    /** Every problem: file problems, then selection problems (file {@value RuleComposer#CONFIG}), then emptiness. */
    public List<LintProblem> problems() {
        List<LintProblem> all = new ArrayList<>(fileProblems);
        selectionProblems.forEach(p -> all.add(new LintProblem(RuleComposer.CONFIG, null, 0, p.toString())));
        all.addAll(emptiness);
        return List.copyOf(all);
    }
}
