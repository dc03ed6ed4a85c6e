package dev.sieve.proxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Composition;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.certs.HostNames;
import dev.sieve.proxy.config.ActiveRules;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.inspect.DestinationPolicies;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.DestinationPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sieve scan FILE...}: inspects files, folders (recursively) or saved HTTP requests the way the proxy
 * inspects uploads, and prints what it finds, masked. Exit status: 0 nothing found, 1 findings, 2 an input could
 * not be read or decoded, or the rules could not be loaded.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan files, folders or saved HTTP requests as the proxy scans uploads.",
            "Folders are scanned recursively; '-' reads stdin. The rules are the active rules of the config "
                + "(--config).",
            "A file starting with a request line (POST /v1/messages HTTP/1.1) is a request: its headers decide the "
                + "decoding. Any other file is a body (.gz/.zst/.br are decompressed; JSON and PDF are recognised).",
            "Actions are each rule's own; --destination HOST or --class NAME judges them as for that destination or"
                + " destination class (rules may log to model-provider and block to other).",
            "Exit status: 0 clean, 1 findings, 2 error."})
final class ScanCommand implements Callable<Integer> {

    static final long MAX_INPUT_BYTES = 64L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, folders, or '-' for stdin.")
    List<String> inputs;

    @Option(names = "--json", description = "One JSON object per input: {\"input\", \"findings\", \"error\"}.")
    boolean json;

    @Option(names = "--destination", paramLabel = "HOST", description = "Judge findings as the proxy does for a"
            + " request to HOST: its allow entry's class (rules' per-class actions) and inspection policy. HOST must be"
            + " on the config's allowlist.")
    String destination;

    @Option(names = "--class", paramLabel = "NAME", description = "Judge findings with the rules' actions for"
            + " destination class NAME (model-provider, other, or a class of your own). Default: each rule's own"
            + " action.")
    String destinationClass;

    @Mixin
    RulesOption ruleSource;

    @Mixin
    EngineOption engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Composition composition = ActiveRules.compose(ruleSource.settings());
        for (String note : composition.summary().notes()) {
            spec.commandLine().getErr().println("sieve scan: note: " + note);
        }
        RuleSet rules = composition.ruleSet();
        InspectionPolicy policy = policy(rules);
        int status = 0;
        try (CompiledRules compiled = engine.compile(rules)) {
            // The config's inspection.limits, as the proxy decodes with them (a destination's own from its policy).
            Inspector inspector = new Inspector(compiled, ruleSource.config().inspection().limits().values());
            for (String input : inputs) {
                for (Source source : expand(input)) {
                    status = Math.max(status, report(source.name(), scan(inspector, policy, source)));
                }
            }
        }
        spec.commandLine().getOut().flush();
        return status;
    }

    /** One input to read: a file, or stdin for {@code -}. A null path with a non-null error is unreadable. */
    private record Source(String name, Path path, String error) {
    }

    private record Outcome(List<Finding> findings, String error) {
    }

    private List<Source> expand(String input) throws IOException {
        if (input.equals("-")) {
            return List.of(new Source("-", null, null));
        }
        Path path = Path.of(input);
        if (!Files.exists(path)) {
            return List.of(new Source(input, null, "no such file or directory"));
        }
        if (!Files.isDirectory(path)) {
            return List.of(new Source(input, path, null));
        }
        List<Source> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            walk.filter(Files::isRegularFile).sorted().forEach(p -> files.add(new Source(p.toString(), p, null)));
        }
        return files;
    }

    /** The policy of {@code --destination} or {@code --class}, else every rule with its own action. */
    private InspectionPolicy policy(RuleSet rules) throws Exception {
        if (destination != null && destinationClass != null) {
            throw new ParameterException(spec.commandLine(), "--destination and --class: both given (expected: one;"
                    + " a destination has its class)");
        }
        if (destinationClass != null) {
            if (!AllowRule.CLASS_NAME.matcher(destinationClass).matches()) {
                throw new ParameterException(spec.commandLine(), "--class: '" + destinationClass + "' (expected:"
                        + " model-provider, other or a class of your own: a lower-case letter, then up to 31 lower-case"
                        + " letters, digits or '-')");
            }
            return InspectionPolicy.defaults().withDestinationClass(destinationClass);
        }
        if (destination == null) {
            return InspectionPolicy.defaults();
        }
        String host;
        try {
            host = HostNames.normalize(destination);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--destination: '" + destination + "' (expected: a host"
                    + " name)");
        }
        SieveConfig config = ruleSource.config();
        DestinationPolicy allowlist = new DestinationPolicy(config.allowlist());
        if (allowlist.allowlist().match(host).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--destination: " + host + " is not on the config's"
                    + " allowlist (expected: an allowlisted host; or use --class)");
        }
        return new DestinationPolicies(() -> config, () -> allowlist, () -> rules).forHost(host);
    }

    private Outcome scan(Inspector inspector, InspectionPolicy policy, Source source) {
        if (source.error() != null) {
            return new Outcome(List.of(), source.error());
        }
        byte[] bytes;
        try {
            bytes = source.path() == null ? readLimited(System.in) : readFile(source.path());
        } catch (NoSuchFileException e) {
            return new Outcome(List.of(), "no such file or directory");
        } catch (IOException e) {
            return new Outcome(List.of(), "cannot read: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            return new Outcome(List.of(), e.getMessage());
        }
        ScanInput input;
        try {
            String fileName = source.path() == null ? "" : source.path().getFileName().toString();
            input = ScanInput.of(source.name(), fileName, bytes);
        } catch (IllegalArgumentException e) {
            return new Outcome(List.of(), "not a valid HTTP request: " + e.getMessage());
        }
        InspectionResult result = input.inspect(inspector, policy);
        String error = result.failure().map(f -> f + ": " + result.failureDetail()).orElse(null);
        return new Outcome(result.findings(), error);
    }

    /** The file's bytes; {@link IllegalArgumentException} (naming the limit) when it is over {@link #MAX_INPUT_BYTES}. */
    static byte[] readFile(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("size: " + size + " bytes (expected: at most " + MAX_INPUT_BYTES + ")");
        }
        return Files.readAllBytes(path);
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("size: over " + MAX_INPUT_BYTES + " bytes (expected: at most "
                    + MAX_INPUT_BYTES + ")");
        }
        return bytes;
    }

    /** Prints one input's outcome; returns its exit status. */
    private int report(String name, Outcome outcome) {
        if (json) {
            printJson(name, outcome);
        } else {
            printTable(name, outcome);
        }
        return outcome.error() != null ? 2 : outcome.findings().isEmpty() ? 0 : 1;
    }

    private void printJson(String name, Outcome outcome) {
        ObjectNode line = JSON.createObjectNode();
        line.put("input", name);
        ArrayNode findings = line.putArray("findings");
        for (Finding f : outcome.findings()) {
            putFinding(findings.addObject(), f);
        }
        if (outcome.error() == null) {
            line.putNull("error");
        } else {
            line.put("error", outcome.error());
        }
        spec.commandLine().getOut().println(line.toString());
    }

    /**
     * A finding as JSON fields (the masked sample only, never the value; view and location masked by
     * {@link FindingPlace}); returns {@code node}.
     */
    static ObjectNode putFinding(ObjectNode node, Finding f) {
        return node.put("rule", f.ruleId())
                .put("category", f.category().yamlName())
                .put("severity", lower(f.severity()))
                .put("action", lower(f.action()))
                .put("view", FindingPlace.view(f))
                .put("offset", f.start())
                .put("location", FindingPlace.where(f).orElse(null))
                .put("locationOffset", f.location().map(Finding.Location::offset).orElse(null))
                .put("masked", f.masked());
    }

    private void printTable(String name, Outcome outcome) {
        PrintWriter out = spec.commandLine().getOut();
        if (outcome.error() != null) {
            spec.commandLine().getErr().println("sieve scan: " + name + ": " + outcome.error());
        }
        int n = outcome.findings().size();
        if (n == 0) {
            if (outcome.error() == null) {
                out.println(name + ": no findings");
            }
            return;
        }
        out.println(name + ": " + n + (n == 1 ? " finding" : " findings"));
        TextTable table = new TextTable("RULE", "CATEGORY", "SEVERITY", "ACTION", "VIEW", "OFFSET", "WHERE",
                "MASKED");
        for (Finding f : outcome.findings()) {
            table.row(f.ruleId(), f.category().yamlName(), lower(f.severity()), lower(f.action()), FindingPlace.view(f),
                    Long.toString(f.start()), FindingPlace.whereAt(f).orElse("-"), f.masked());
        }
        table.print(out, "  ");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
