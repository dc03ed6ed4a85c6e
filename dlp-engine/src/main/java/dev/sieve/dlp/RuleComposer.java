package dev.sieve.dlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Composes the active rule set from the built-in pack and a DLP team's folder: both are parsed with one set of
 * variables (each {@code settings.yaml} adds its values), the folder's rules are added to the pack's, then the
 * {@link RuleSelection} switches rules off and overrides actions and severities. A pure function of its inputs.
 *
 * <p>What is refused, each problem naming where it is:
 * <ul>
 *   <li>every problem of the rule files ({@link RuleParser}: file, line, rule id);</li>
 *   <li>a folder rule with the id of a built-in rule, unless the id is in {@code disable} (then the folder's rule
 *       replaces the built-in one);</li>
 *   <li>an id in {@code disable} or {@code overrides} that no loaded rule has (typo protection; not checked while
 *       the files have problems, when the list of ids is incomplete), an override of a disabled rule, an id listed
 *       twice;</li>
 *   <li>a {@code keypair} partner that is not active;</li>
 *   <li>unless {@code allowEmpty}: a folder without rule files (a failed mount must not switch rules off), and an
 *       empty active set.</li>
 * </ul>
 */
public final class RuleComposer {

    /** What built-in file names are prefixed with, in messages and {@link Rule#file()}. */
    public static final String BUILT_IN_PREFIX = "built-in/";
    /** Where problems of the selection itself are said to be ({@link LintProblem#file()}). */
    public static final String CONFIG = "config";

    private RuleComposer() {
    }

    /**
     * Composes the active rule set; never throws for bad input ({@link Composition#problems()} says what is wrong).
     *
     * @param builtin   the shipped pack (its {@link RuleFiles#prefix()} should be {@link #BUILT_IN_PREFIX}), or
     *                  empty when it is off
     * @param folder    the DLP team's folder, or empty
     * @param selection what to switch off and override
     */
    public static Composition compose(Optional<RuleFiles> builtin, Optional<RuleFiles> folder, RuleSelection selection) {
        Objects.requireNonNull(builtin, "builtin");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(selection, "selection");
        List<RuleParser.Source> sources = new ArrayList<>();
        builtin.ifPresent(f -> sources.add(new RuleParser.Source(f.prefix(), f.files())));
        folder.ifPresent(f -> sources.add(new RuleParser.Source(f.prefix(), f.files())));
        RuleParser.Result parsed = RuleParser.parse(sources);
        List<Rule> builtinRules = builtin.isPresent() ? parsed.rulesBySource().get(0) : List.of();
        List<Rule> folderRules = folder.isPresent() ? parsed.rulesBySource().get(sources.size() - 1) : List.of();
        return new Builder(parsed, builtinRules, folderRules, selection, builtin.isPresent(), folder).build();
    }

    /** The composition's state while it is worked out. */
    private static final class Builder {
        private final RuleParser.Result parsed;
        private final List<Rule> builtinRules;
        private final List<Rule> folderRules;
        private final RuleSelection selection;
        private final boolean builtinOn;
        private final Optional<RuleFiles> folder;
        private final List<LintProblem> fileProblems = new ArrayList<>();
        private final List<Composition.SelectionProblem> selectionProblems = new ArrayList<>();
        private final Map<String, Rule> builtinById = new HashMap<>();
        private final Map<String, Rule> folderById = new HashMap<>();

        Builder(RuleParser.Result parsed, List<Rule> builtinRules, List<Rule> folderRules, RuleSelection selection,
                boolean builtinOn, Optional<RuleFiles> folder) {
            this.parsed = parsed;
            this.builtinRules = builtinRules;
            this.folderRules = folderRules;
            this.selection = selection;
            this.builtinOn = builtinOn;
            this.folder = folder;
            builtinRules.forEach(r -> builtinById.put(r.id(), r));
            folderRules.forEach(r -> folderById.put(r.id(), r));
            fileProblems.addAll(parsed.problems());
        }

        Composition build() {
            Set<String> disabled = disabledIds();
            List<String> replaced = new ArrayList<>();
            Set<String> colliding = new HashSet<>();
            for (Rule r : folderRules) {
                Rule builtIn = builtinById.get(r.id());
                if (builtIn == null) {
                    continue;
                }
                if (disabled.contains(r.id())) {
                    replaced.add(r.id());
                } else {
                    colliding.add(r.id());
                    fileProblems.add(new LintProblem(r.file(), r.id(), r.line(), "id: also a built-in rule ("
                            + builtIn.file() + ":" + builtIn.line() + ") (expected: a new id; to replace the built-in"
                            + " rule, add '" + r.id() + "' to rules.disable; to use only this folder, set"
                            + " rules.builtin: false)"));
                }
            }
            List<Rule> active = new ArrayList<>();
            builtinRules.stream().filter(r -> !disabled.contains(r.id())).forEach(active::add);
            folderRules.stream().filter(r -> replaced.contains(r.id())
                    || !disabled.contains(r.id()) && !colliding.contains(r.id())).forEach(active::add);
            Map<String, Rule> activeById = new LinkedHashMap<>();
            active.forEach(r -> activeById.put(r.id(), r));
            List<String> weakened = new ArrayList<>();
            Map<String, RuleOverride> overridden = override(activeById, disabled, weakened);
            List<Rule> effective = new ArrayList<>(activeById.values());
            fileProblems.addAll(RuleParser.keyPairProblems(effective, activeById::containsKey,
                    "the id of another active rule; a rule in rules.disable does not count"));
            List<LintProblem> emptiness = emptiness(effective);
            List<String> off = disabled.stream().filter(id -> !replaced.contains(id)).toList();
            Composition.Summary summary = new Composition.Summary(
                    (int) effective.stream().filter(r -> r.file().startsWith(BUILT_IN_PREFIX)).count(),
                    (int) effective.stream().filter(r -> !r.file().startsWith(BUILT_IN_PREFIX)).count(),
                    off, replaced, overridden, weakened, parsed.notes());
            Set<String> loaded = new java.util.TreeSet<>(builtinById.keySet());
            loaded.addAll(folderById.keySet());
            return new Composition(effective, parsed.variables(), summary, loaded, fileProblems, selectionProblems,
                    emptiness);
        }

        /** The ids in {@code disable}, checked: each once, each the id of a loaded rule. */
        private Set<String> disabledIds() {
            Set<String> out = new java.util.LinkedHashSet<>();
            List<String> ids = selection.disable();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (!out.add(id)) {
                    selectionProblem("rules.disable[" + i + "]", id, "each id once");
                } else if (!known(id)) {
                    selectionProblem("rules.disable[" + i + "]", id, knownRuleExpectation());
                }
            }
            return out;
        }

        private Map<String, RuleOverride> override(Map<String, Rule> activeById, Set<String> disabled,
                List<String> weakened) {
            Map<String, RuleOverride> applied = new LinkedHashMap<>();
            for (Map.Entry<String, RuleOverride> e : selection.overrides().entrySet()) {
                String id = e.getKey();
                Rule rule = activeById.get(id);
                if (rule == null) {
                    if (disabled.contains(id) && known(id)) {
                        selectionProblem("rules.overrides." + id, id, "a rule that is not in rules.disable");
                    } else if (!known(id)) {
                        selectionProblem("rules.overrides." + id, id, knownRuleExpectation());
                    }
                    continue;
                }
                if (e.getValue().lowers(rule)) {
                    weakened.add(id);
                }
                activeById.put(id, e.getValue().applyTo(rule));
                applied.put(id, e.getValue());
            }
            return applied;
        }

        private List<LintProblem> emptiness(List<Rule> effective) {
            if (selection.allowEmpty()) {
                return List.of();
            }
            if (folder.isPresent() && folder.get().files().isEmpty()) {
                return List.of(new LintProblem(folder.get().description(), null, 0, "no rule files (*.yaml, *.yml)"
                        + " (expected: rule files; a folder without any is refused so that a failed mount cannot"
                        + " switch rules off; set rules.allowEmpty: true to accept it)"));
            }
            if (effective.isEmpty() && fileProblems.isEmpty() && selectionProblems.isEmpty()) {
                return List.of(new LintProblem(CONFIG, null, 0, "no active rules (expected: at least one rule;"
                        + " set rules.allowEmpty: true to run without any)"));
            }
            return List.of();
        }

        /** True if a loaded rule has {@code id}, or if the files have problems (the list of ids is incomplete). */
        private boolean known(String id) {
            return builtinById.containsKey(id) || folderById.containsKey(id) || !parsed.problems().isEmpty();
        }

        private String knownRuleExpectation() {
            List<String> places = new ArrayList<>();
            if (builtinOn) {
                places.add("the built-in pack");
            }
            folder.ifPresent(f -> places.add(f.description()));
            return "the id of a rule in " + String.join(" or ", places) + "; no rule has this id";
        }

        private void selectionProblem(String key, String id, String expected) {
            selectionProblems.add(new Composition.SelectionProblem(key, id, expected));
        }
    }
}
