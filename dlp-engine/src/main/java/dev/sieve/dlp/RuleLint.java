package dev.sieve.dlp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a rule folder beyond what loading enforces, and reports every problem instead of the first: all load
 * problems (unknown keys, bad values, unknown validators, look-around and back-references naming the construct,
 * unbounded patterns, java.util.regex errors), plus: at least {@value #MIN_EXAMPLES} {@code match} and
 * {@value #MIN_EXAMPLES} {@code no_match} examples per rule, and every pattern compiling in Hyperscan (when the
 * native library is available here).
 */
public final class RuleLint {

    static final int MIN_EXAMPLES = 2;

    private RuleLint() {
    }

    /** Lints every {@code *.yaml}/{@code *.yml} file in {@code dir}, alone. */
    public static List<LintProblem> lint(Path dir) {
        try {
            return lint(RuleFiles.folder(dir).files());
        } catch (RuleLoadException e) {
            return e.problems();
        }
    }

    /**
     * Lints a composed rule set: every problem of the composition (files, selection, emptiness), then the checks
     * beyond loading on each active rule that loaded.
     */
    public static List<LintProblem> lint(Composition composition) {
        List<LintProblem> problems = new ArrayList<>(composition.problems());
        problems.addAll(checkRules(composition.rules()));
        return List.copyOf(problems);
    }

    /** Lints rule files given as file name to YAML text. */
    public static List<LintProblem> lint(Map<String, String> yamlByFileName) {
        RuleParser.Result result = RuleSet.parseForLint(yamlByFileName);
        List<LintProblem> problems = new ArrayList<>(result.problems());
        problems.addAll(checkRules(result.rules()));
        return List.copyOf(problems);
    }

    /** Lints an already loaded rule set (load problems cannot occur any more). */
    public static List<LintProblem> lint(RuleSet rules) {
        return checkRules(rules.rules());
    }

    private static List<LintProblem> checkRules(List<Rule> rules) {
        List<LintProblem> problems = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.examples().match().size() < MIN_EXAMPLES) {
                problems.add(new LintProblem(rule.file(), rule.id(), rule.line(), "tests.match: "
                        + rule.examples().match().size() + " example(s) (expected: at least " + MIN_EXAMPLES + ")"));
            }
            if (rule.examples().noMatch().size() < MIN_EXAMPLES) {
                problems.add(new LintProblem(rule.file(), rule.id(), rule.line(), "tests.no_match: "
                        + rule.examples().noMatch().size() + " example(s) (expected: at least " + MIN_EXAMPLES
                        + ", one of them a near miss)"));
            }
        }
        if (Engines.hyperscanAvailable()) {
            problems.addAll(hyperscanProblems(rules));
        }
        return problems;
    }

    /**
     * Compiles all rules in one database (what the proxy does, and one compile instead of one per rule); only if that
     * fails, rule by rule to name the culprits.
     */
    private static List<LintProblem> hyperscanProblems(List<Rule> rules) {
        if (rules.isEmpty()) {
            return List.of();
        }
        try (CompiledRules ignored = new HyperscanEngine(RuleSet.of(rules))) {
            return List.of();
        } catch (RuleCompileException whole) {
            List<LintProblem> problems = new ArrayList<>();
            for (Rule rule : rules) {
                try (CompiledRules ignored = new HyperscanEngine(RuleSet.of(List.of(rule)))) {
                    // compiles
                } catch (RuleCompileException e) {
                    problems.add(new LintProblem(rule.file(), rule.id(), rule.line(), e.detail()));
                }
            }
            if (problems.isEmpty()) {
                problems.add(new LintProblem("(all rules)", null, 0, "the rules compile one by one but not together"
                        + " in Hyperscan: " + whole.detail()));
            }
            return problems;
        }
    }
}
