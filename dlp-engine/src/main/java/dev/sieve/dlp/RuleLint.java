package dev.sieve.dlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /** Lints every {@code *.yaml}/{@code *.yml} file in {@code dir}. */
    public static List<LintProblem> lint(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    files.put(name, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            return List.of(new LintProblem(dir.toString(), null, 0, "cannot read rule folder: "
                    + e.getClass().getSimpleName() + " (expected: a readable directory of *.yaml files)"));
        }
        return lint(files);
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
        boolean hyperscan = Engines.hyperscanAvailable();
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
            if (hyperscan) {
                try (CompiledRules ignored = new HyperscanEngine(RuleSet.of(List.of(rule)))) {
                    // compiles
                } catch (RuleCompileException e) {
                    problems.add(new LintProblem(rule.file(), rule.id(), rule.line(), e.detail()));
                }
            }
        }
        return problems;
    }
}
