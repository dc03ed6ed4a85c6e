package dev.sieve.proxy.cli;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.LintProblem;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleLint;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.RuleTestResult;
import dev.sieve.dlp.RuleTests;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve rules test|lint [DIR]}: check a rule folder (default: the built-in pack) before shipping it. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Check rule files: run their embedded examples, or lint them.",
        subcommands = {RulesCommand.Test.class, RulesCommand.Lint.class})
final class RulesCommand {

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run every rule's tests.match / tests.no_match examples.",
                "One PASS/FAIL line per rule (id, file:line, failures), then a total. Exit status: 0 all pass, "
                    + "1 a failure or a folder that does not load."})
    static final class Test implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Rule folder (default: the built-in rule pack).")
        Path dir;

        @Mixin
        EngineOption engine;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws RuleLoadException {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet rules;
            try {
                rules = dir == null ? DefaultRules.load() : RuleSet.load(dir);
            } catch (RuleLoadException e) {
                return printLoadFailure(out, e.problems());
            }
            List<RuleTestResult> results;
            String engineName;
            try (CompiledRules compiled = engine.compile(rules)) {
                results = RuleTests.run(rules, compiled);
                engineName = compiled.engineName();
            }
            int failed = 0;
            for (RuleTestResult r : results) {
                String where = r.file() + ":" + r.line();
                if (r.ok()) {
                    out.println("PASS " + r.ruleId() + " " + where + " (" + r.passed() + " examples)");
                } else {
                    failed++;
                    out.println("FAIL " + r.ruleId() + " " + where + ": " + String.join("; ", r.failures()));
                }
            }
            out.println("rules test: " + results.size() + " rules, " + (results.size() - failed) + " passed, " + failed
                    + " failed (engine " + engineName + ")");
            out.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = {"Report every problem in a rule folder, rule by rule.",
                "Load errors, unsupported regex constructs, unbounded patterns, too few examples, and patterns "
                    + "Hyperscan rejects.",
                "One PASS/FAIL line per rule (id, file:line, problem), then a total. Exit status: 0 clean, 1 problems."})
    static final class Lint implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Rule folder (default: the built-in rule pack).")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws RuleLoadException {
            PrintWriter out = spec.commandLine().getOut();
            List<LintProblem> problems;
            RuleSet rules = null;
            if (dir == null) {
                rules = DefaultRules.load();
                problems = RuleLint.lint(rules);
            } else {
                problems = RuleLint.lint(dir);
                try {
                    rules = RuleSet.load(dir);
                } catch (RuleLoadException e) {
                    // the folder does not load: its problems are all in the lint list, printed below
                }
            }
            if (rules != null) {
                for (Rule rule : rules.rules()) {
                    List<LintProblem> own = problems.stream().filter(p -> rule.id().equals(p.ruleId())).toList();
                    if (own.isEmpty()) {
                        out.println("PASS " + rule.id() + " " + rule.file() + ":" + rule.line());
                    }
                }
            }
            for (LintProblem p : problems) {
                out.println("FAIL " + (p.ruleId() == null ? "" : p.ruleId() + " ") + p.file() + ":" + p.line() + ": "
                        + p.message());
            }
            long failedRules = problems.stream().map(LintProblem::ruleId).filter(Objects::nonNull).distinct().count();
            out.println("rules lint: " + (rules == null ? "folder does not load, " : rules.rules().size() + " rules, ")
                    + failedRules + " with problems, " + problems.size() + " problem(s)");
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        }
    }

    private static int printLoadFailure(PrintWriter out, List<LintProblem> problems) {
        for (LintProblem p : problems) {
            out.println("FAIL " + (p.ruleId() == null ? "" : p.ruleId() + " ") + p.file() + ":" + p.line() + ": "
                    + p.message());
        }
        out.println("rules test: the folder does not load, " + problems.size() + " problem(s) (run 'sieve rules lint')");
        out.flush();
        return 1;
    }
}
