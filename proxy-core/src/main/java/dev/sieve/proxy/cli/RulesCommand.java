package dev.sieve.proxy.cli;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Composition;
import dev.sieve.dlp.LintProblem;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleLint;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.RuleTestResult;
import dev.sieve.dlp.RuleTests;
import dev.sieve.proxy.config.ActiveRules;
import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.rules.DefaultRulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sieve rules test|lint [DIR]}: check the active rule set (the built-in pack plus a folder, as the proxy
 * composes it for a config) before shipping it; {@code sieve rules export DIR}: write the built-in pack for editing.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Check, lint or export rule files.",
            "test and lint check the active rule set the proxy would run: the built-in pack plus DIR (or the config's"
                + " rules.dir), minus rules.disable, with rules.overrides."},
        subcommands = {RulesCommand.Test.class, RulesCommand.Lint.class, RulesCommand.Export.class})
final class RulesCommand {

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run every active rule's tests.match / tests.no_match examples.",
                "First the active rule set and the loader's notes, then one PASS/FAIL line per rule (id, file:line,"
                    + " failures), then a total. Exit status: 0 all pass, 1 a failure or rules that do not load."})
    static final class Test implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "DIR", description = RuleSourceOptions.DIR_HELP)
        Path dir;

        @Mixin
        RuleSourceOptions source;

        @Mixin
        EngineOption engine;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RulesSettings settings = source.settings(dir);
            Composition composition;
            RuleSet rules;
            try {
                composition = ActiveRules.compose(settings);
                RuleSourceOptions.describe(out, settings, composition);
                rules = composition.ruleSet();
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
            description = {"Report every problem of the active rule set, rule by rule.",
                "Load errors, ids shared with the built-in pack, unknown ids in rules.disable/overrides, unsupported "
                    + "regex constructs, unbounded patterns, too few examples, patterns Hyperscan rejects, an empty "
                    + "folder or set.",
                "First the active rule set and the loader's notes, then one PASS/FAIL line per rule (id, file:line,"
                    + " problem), then a total. Exit status: 0 clean, 1 problems."})
    static final class Lint implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "DIR", description = RuleSourceOptions.DIR_HELP)
        Path dir;

        @Mixin
        RuleSourceOptions source;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RulesSettings settings = source.settings(dir);
            Composition composition;
            try {
                composition = ActiveRules.compose(settings);
            } catch (RuleLoadException e) {
                printProblems(out, e.problems());
                out.println("rules lint: rules do not load, " + e.problems().size() + " problem(s)");
                out.flush();
                return 1;
            }
            RuleSourceOptions.describe(out, settings, composition);
            List<LintProblem> problems = RuleLint.lint(composition);
            for (Rule rule : composition.rules()) {
                if (problems.stream().noneMatch(p -> rule.id().equals(p.ruleId()))) {
                    out.println("PASS " + rule.id() + " " + rule.file() + ":" + rule.line());
                }
            }
            printProblems(out, problems);
            long failedRules = problems.stream().map(LintProblem::ruleId).filter(Objects::nonNull).distinct().count();
            out.println("rules lint: " + composition.rules().size() + " rules, " + failedRules + " with problems, "
                    + problems.size() + " problem(s)");
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the built-in rule pack to DIR for editing.",
                "Every rule file and settings.yaml are written exactly as shipped.",
                "Use the edited copy instead of the pack with rules: { dir: DIR, builtin: false }. Existing files are"
                    + " not overwritten without --force. Exit status: 0 written, 1 refused, 2 error."})
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Folder to write to (created if missing).")
        Path dir;

        @Option(names = "--force", description = "Overwrite files of the same names.")
        boolean force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<String> names = DefaultRulePack.fileNames();
            List<Path> existing = new ArrayList<>();
            for (String name : names) {
                if (Files.exists(dir.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    existing.add(dir.resolve(name));
                }
            }
            if (!existing.isEmpty() && !force) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sieve rules export: " + existing.size() + " file(s) already exist, nothing written: "
                        + String.join(", ", existing.stream().map(Path::toString).toList())
                        + " (expected: a new or empty folder, or --force to overwrite them)");
                err.flush();
                return 1;
            }
            Files.createDirectories(dir);
            for (String name : names) {
                Path target = dir.resolve(name);
                Files.write(target, DefaultRulePack.bytes(name));
                out.println("wrote " + target);
            }
            out.println("rules export: " + names.size() + " files of the built-in pack in " + dir + ". To run them"
                    + " instead of the pack: rules: { dir: " + dir + ", builtin: false }. To add rules to the pack"
                    + " instead, a folder needs only your own files.");
            out.flush();
            return 0;
        }
    }

    private static void printProblems(PrintWriter out, List<LintProblem> problems) {
        for (LintProblem p : problems) {
            out.println("FAIL " + (p.ruleId() == null ? "" : p.ruleId() + " ") + p.where() + ": " + p.message());
        }
    }

    private static int printLoadFailure(PrintWriter out, List<LintProblem> problems) {
        printProblems(out, problems);
        out.println("rules test: the rules do not load, " + problems.size() + " problem(s) (run 'sieve rules lint')");
        out.flush();
        return 1;
    }
}
