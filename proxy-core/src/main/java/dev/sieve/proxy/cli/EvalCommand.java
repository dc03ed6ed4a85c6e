package dev.sieve.proxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.proxy.cli.EvalManifest.ManifestException;
import dev.sieve.proxy.config.ActiveRules;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.control.PolicyHolder;
import dev.sieve.proxy.inspect.DestinationPolicies;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sieve eval CORPUS}: runs every case of a labelled corpus through the inspection the proxy uses and scores
 * what it found against what the case expected (precision, recall and F1 per rule and category, recall and
 * false-positive rate per tag). Exit status: 0 every floor met, 1 a floor missed, 2 an error (a bad manifest, an
 * unreadable case, rules or config that do not load).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure detection on a labelled corpus of saved requests.",
            "Prints precision, recall and F1 per rule and category, recall and false-positive rate per tag, and "
                + "every miss and false positive (masked).",
            "Matching: an expected rule must fire itself (rule table). A case is detected when every expected "
                + "category (its categories plus those of its rules) has a finding; another rule of an expected "
                + "category is tolerated, never a false positive. A finding of an unexpected category is a false "
                + "positive; a negative with any finding, or whose inspection failed, counts in the "
                + "false-positive rate.",
            "Each case is inspected as the proxy inspects a request to its host (the case's Host or absolute "
                + "target): destination policy from --config, monitor mode ignored.",
            "Exit status: 0 floors met, 1 a floor missed, 2 error."},
        footerHeading = "%nCorpus format%n",
        footer = {"CORPUS: a folder with manifest.jsonl (or a .jsonl file), one case per line:",
            "  {\"id\":\"gh-1\", \"request\":\"cases/gh-1.http\",",
            "   \"expect\":{\"outcome\":\"block\", \"rules\":[\"credential.github-pat\"]},",
            "   \"tags\":[\"enc:base64\"], \"where\":\"body, messages[0] text\"}",
            "  {\"id\":\"neg-1\", \"target\":\"https://api.anthropic.com/v1/messages\",",
            "   \"headers\":{\"Content-Type\":\"application/json\"}, \"body\":\"{...}\",",
            "   \"expect\":{}}",
            "request: a saved raw HTTP request (or a body file), relative to the manifest;",
            "or inline method (POST), target (/ or absolute), headers, body.",
            "expect: rules and/or categories (pii, financial, credential, source-code)",
            "that must fire; outcome (allow|log|redact|block) optional; {} is a negative.",
            "tags: labels the report groups by; where: the value's place, shown for a miss."})
final class EvalCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "CORPUS", description = "Folder with manifest.jsonl, or a .jsonl manifest.")
    Path corpus;

    @Mixin
    RulesOption ruleSource;

    @Mixin
    EngineOption engine;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path jsonFile;

    @Option(names = "--min-recall", paramLabel = "FRACTION", description = "Fail (exit 1) below this recall.")
    Double minRecall;

    @Option(names = "--max-fp-rate", paramLabel = "FRACTION",
            description = "Fail (exit 1) above this false-positive rate.")
    Double maxFpRate;

    @Option(names = "--min-recall-for", paramLabel = "KEY=FRACTION",
            description = "Fail below this recall for KEY: a category (pii), a rule id, or tag:NAME. Repeatable.")
    Map<String, Double> minRecallFor = new LinkedHashMap<>();

    @Option(names = "--max-fp-rate-for", paramLabel = "tag:NAME=FRACTION",
            description = "Fail above this false-positive rate among negatives with the tag. Repeatable.")
    Map<String, Double> maxFpRateFor = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        EvalFloors floors;
        try {
            floors = new EvalFloors(Optional.ofNullable(minRecall), Optional.ofNullable(maxFpRate), minRecallFor,
                    maxFpRateFor);
        } catch (IllegalArgumentException e) {
            return error(err, e.getMessage());
        }
        SieveConfig cfg = ruleSource.config();
        RuleSet rules;
        try {
            rules = ActiveRules.compose(ruleSource.settings()).ruleSet();
        } catch (RuleLoadException | IllegalArgumentException e) {
            return error(err, "rules: " + e.getMessage());
        }
        Map<String, Category> categoryOf = rules.rules().stream()
                .collect(Collectors.toMap(Rule::id, Rule::category, (a, b) -> a, HashMap::new));
        Path manifest = EvalManifest.manifestFile(corpus);
        List<EvalCase> cases;
        try {
            cases = EvalManifest.read(manifest, Set.copyOf(categoryOf.keySet()));
        } catch (ManifestException e) {
            return error(err, e.getMessage());
        }
        List<EvalScore.Observed> observed = new ArrayList<>(cases.size());
        String engineName;
        try (CompiledRules compiled = engine.compile(rules)) {
            engineName = compiled.engineName();
            Inspector inspector = new Inspector(compiled, cfg.inspection().limits().values());
            DestinationPolicies policies = new DestinationPolicies(() -> cfg, new PolicyHolder(cfg.allowlist()),
                    () -> rules);
            InspectorWarmUp.run(inspector);
            for (EvalCase c : cases) {
                ScanInput input;
                try {
                    input = input(c);
                } catch (IOException | IllegalArgumentException e) {
                    return error(err, manifest + ":" + c.line() + ": request: " + describe(e));
                }
                observed.add(observe(c, input.inspect(inspector, policies.forHost(input.host()))));
            }
        }
        EvalScore score = new EvalScore(observed, categoryOf::get, categoryOf.keySet().stream().sorted().toList());
        List<EvalFloors.Floor> results;
        try {
            results = floors.check(score);
        } catch (IllegalArgumentException e) {
            return error(err, e.getMessage());
        }
        String title = String.format(Locale.ROOT, "sieve eval: %s: %d cases (%d positive, %d negative); %d rules, "
                        + "engine %s", manifest, cases.size(), score.positives, score.negatives, rules.rules().size(),
                engineName);
        EvalReport report = new EvalReport(score, results, title);
        report.printText(spec.commandLine().getOut());
        if (jsonFile != null) {
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), report.json());
            } catch (IOException e) {
                return error(err, "--json: " + jsonFile + ": cannot write (" + e.getClass().getSimpleName() + ")");
            }
        }
        return results.stream().allMatch(EvalFloors.Floor::ok) ? 0 : 1;
    }

    private static ScanInput input(EvalCase c) throws IOException {
        if (c.request() instanceof EvalCase.SavedRequest saved) {
            byte[] bytes = ScanCommand.readFile(saved.file());
            try {
                return ScanInput.of(c.id(), saved.file().getFileName().toString(), bytes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(saved.file() + ": not a valid HTTP request: " + e.getMessage());
            }
        }
        EvalCase.InlineRequest inline = (EvalCase.InlineRequest) c.request();
        return ScanInput.inline(c.id(), inline.method(), inline.target(), inline.headers(), inline.body());
    }

    private static EvalScore.Observed observe(EvalCase c, InspectionResult result) {
        Optional<String> failure = result.failure().map(f -> f.name().toLowerCase(Locale.ROOT)
                + (result.failureDetail().isEmpty() ? "" : ": " + result.failureDetail()));
        return new EvalScore.Observed(c, result.decision(), result.findings(), failure);
    }

    private static String describe(Exception e) {
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return "cannot read (" + e.getClass().getSimpleName() + ")";
    }

    private static int error(PrintWriter err, String message) {
        err.println("sieve eval: " + message);
        err.flush();
        return 2;
    }
}
