package dev.sieve.dlp;

import dev.sieve.dlp.validate.KeyPair;
import dev.sieve.dlp.validate.Validator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One detection rule as loaded from a rule file (the format: {@code rules/README.md}). Immutable and thread-safe. Patterns
 * are stored after {@code ${variable}} expansion; every pattern has already been checked to be bounded, free of
 * constructs Hyperscan lacks, and compilable by java.util.regex.
 */
public final class Rule {

    /** The {@code redact} value that keeps the last four characters instead of replacing the value. */
    public static final String MASK_LAST4 = "mask-last4";

    /**
     * The {@code redact} value (and the default when a rule sets none) that replaces the value with its stable keyed
     * placeholder {@code [REDACTED:<id>:<8 hex>]} ({@link dev.sieve.dlp.inspect.Placeholders}).
     */
    public static final String PLACEHOLDER = "placeholder";

    /** Pattern flags from the {@code flags} list; they apply to every pattern of the rule. */
    public enum PatternFlag { CASELESS, MULTILINE, DOTALL }

    /**
     * The {@code context} block: case-insensitive literal keywords searched {@code window} bytes around a match, and
     * {@code columns}: column names that give context to every value of their column in a table (CSV, TSV, psql,
     * Markdown) whose header row lies within {@link #COLUMN_WINDOW} bytes before the value (see {@link ColumnHeader}).
     */
    public record Context(List<String> keywords, int window, boolean required, List<String> columns) {
        public Context {
            keywords = List.copyOf(keywords);
            columns = List.copyOf(columns);
        }

        public Context(List<String> keywords, int window, boolean required) {
            this(keywords, window, required, List.of());
        }
    }

    /** Bytes before a value in which its table's header row is looked for ({@code context.columns}). */
    public static final int COLUMN_WINDOW = 1024;

    /** One {@code validators} entry as written: name and parameters. */
    public record ValidatorSpec(String name, Map<String, Object> params) {
        public ValidatorSpec {
            params = Map.copyOf(params);
        }
    }

    /** The embedded {@code tests}: synthetic examples that must and must not produce a finding. */
    public record Examples(List<String> match, List<String> noMatch) {
        public Examples {
            match = List.copyOf(match);
            noMatch = List.copyOf(noMatch);
        }
    }

    private final String id;
    private final String name;
    private final String description;
    private final Category category;
    private final Severity severity;
    private final Action action;
    private final List<String> patterns;
    private final Set<PatternFlag> flags;
    private final List<ValidatorSpec> validatorSpecs;
    private final List<Validator> validators;
    private final Context context;
    private final List<String> excludes;
    private final int minCount;
    private final String redactReplacement;
    private final Examples examples;
    private final String file;
    private final int line;
    private final List<RegexSyntax.Info> patternInfos;
    private final List<Integer> patternLines;
    private final List<String> publishedExamples;
    private final boolean ignoreExamples;
    private final Map<String, Action> classActions;
    private final Optional<Action> history;

    private Rule(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.name = b.name == null ? b.id : b.name;
        this.description = b.description == null ? "" : b.description;
        this.category = Objects.requireNonNull(b.category, "category");
        this.severity = Objects.requireNonNull(b.severity, "severity");
        this.action = b.action == null ? Action.BLOCK : b.action;
        this.patterns = List.copyOf(b.patterns);
        this.flags = b.flags.isEmpty() ? Set.of() : Set.copyOf(b.flags);
        this.validatorSpecs = List.copyOf(b.validatorSpecs);
        this.validators = List.copyOf(b.validators);
        this.context = b.context;
        this.excludes = List.copyOf(b.excludes);
        this.minCount = b.minCount;
        this.redactReplacement = b.redact == null ? PLACEHOLDER : b.redact;
        this.examples = b.examples == null ? new Examples(List.of(), List.of()) : b.examples;
        this.file = b.file;
        this.line = b.line;
        this.patternInfos = List.copyOf(b.patternInfos);
        this.patternLines = List.copyOf(b.patternLines);
        this.publishedExamples = List.copyOf(b.publishedExamples);
        this.ignoreExamples = b.ignoreExamples;
        this.classActions = sorted(b.classActions);
        this.history = Optional.ofNullable(b.history);
    }

    /** This rule with another action, severity, per-class actions and history policy (a {@link RuleOverride}). */
    Rule with(Action newAction, Severity newSeverity, Map<String, Action> newClassActions,
            Optional<Action> newHistory) {
        return new Rule(this, newAction, newSeverity, sorted(newClassActions), newHistory);
    }

    private Rule(Rule base, Action action, Severity severity, Map<String, Action> classActions,
            Optional<Action> history) {
        this.id = base.id;
        this.name = base.name;
        this.description = base.description;
        this.category = base.category;
        this.severity = Objects.requireNonNull(severity, "severity");
        this.action = Objects.requireNonNull(action, "action");
        this.patterns = base.patterns;
        this.flags = base.flags;
        this.validatorSpecs = base.validatorSpecs;
        this.validators = base.validators;
        this.context = base.context;
        this.excludes = base.excludes;
        this.minCount = base.minCount;
        this.redactReplacement = base.redactReplacement;
        this.examples = base.examples;
        this.file = base.file;
        this.line = base.line;
        this.patternInfos = base.patternInfos;
        this.patternLines = base.patternLines;
        this.publishedExamples = base.publishedExamples;
        this.ignoreExamples = base.ignoreExamples;
        this.classActions = classActions;
        this.history = Objects.requireNonNull(history, "history");
    }

    /** Per-class actions in class-name order, so listings and the rule's version do not depend on hash order. */
    private static Map<String, Action> sorted(Map<String, Action> classActions) {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(classActions));
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Category category() {
        return category;
    }

    public Severity severity() {
        return severity;
    }

    public Action action() {
        return action;
    }

    /**
     * The {@code actions} block: destination class ({@code model-provider}, {@code other}, ...) to the action used
     * for requests to a destination of that class instead of {@link #action()}. Empty for most rules.
     */
    public Map<String, Action> classActions() {
        return classActions;
    }

    /**
     * The rule's {@code history} policy: how a finding in conversation history (content an earlier turn of the
     * same conversation already sent) is treated; empty means the category's or the deployment's default.
     */
    public Optional<Action> history() {
        return history;
    }

    /** The action for a destination of class {@code destinationClass}: its entry in {@link #classActions()}, else {@link #action()}. */
    public Action action(String destinationClass) {
        return classActions.getOrDefault(destinationClass, action);
    }

    /** Patterns after variable expansion, in file order. */
    public List<String> patterns() {
        return patterns;
    }

    public Set<PatternFlag> flags() {
        return flags;
    }

    /** Validators as written in the rule file. */
    public List<ValidatorSpec> validators() {
        return validatorSpecs;
    }

    public Optional<Context> context() {
        return Optional.ofNullable(context);
    }

    /** Literal values that suppress a candidate containing them (ASCII case ignored, as for keywords). */
    public List<String> excludes() {
        return excludes;
    }

    /** Least number of distinct values in one session for the rule to report anything (default 1). */
    public int minCount() {
        return minCount;
    }

    /** Replacement text for redaction, {@link #MASK_LAST4} or {@link #PLACEHOLDER} (the default). */
    public String redactReplacement() {
        return redactReplacement;
    }

    public Examples examples() {
        return examples;
    }

    /** Rule file the rule came from. */
    public String file() {
        return file;
    }

    /** 1-based line of the rule in {@link #file()}. */
    public int line() {
        return line;
    }

    /**
     * Published example values ({@code published_examples}): documentation keys, test cards, documentation IBANs. A
     * candidate containing one (case-insensitive, spaces and hyphens ignored) is not subject to {@link #excludes()}.
     */
    public List<String> publishedExamples() {
        return publishedExamples;
    }

    /**
     * {@code ignore_examples} (default true): a published example is reported as a {@link Action#LOG} finding marked
     * {@link Finding#example()} instead of with the rule's action; false reports it like any other value.
     */
    public boolean ignoreExamples() {
        return ignoreExamples;
    }

    /** {@code value} lower-cased with spaces, hyphens and dots removed: how published examples are compared. */
    static String compactExample(CharSequence value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '-' && c != '.') {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        return out.toString();
    }

    List<Validator> validatorInstances() {
        return validators;
    }

    Optional<KeyPair> keyPair() {
        return validators.stream().filter(KeyPair.class::isInstance).map(KeyPair.class::cast).findFirst();
    }

    List<RegexSyntax.Info> patternInfos() {
        return patternInfos;
    }

    int patternLine(int index) {
        return patternLines.get(index);
    }

    @Override
    public String toString() {
        return "Rule[" + id + " " + category.yamlName() + " " + severity + " " + action + "]";
    }

    /** Canonical text of everything that affects detection, for {@link RuleSet#version()}. */
    String canonical() {
        StringBuilder s = new StringBuilder();
        String sep = "\u001f";
        s.append(id).append(sep).append(name).append(sep).append(description).append(sep).append(category).append(sep)
                .append(severity).append(sep).append(action).append(sep).append(patterns).append(sep)
                .append(new java.util.TreeSet<>(flags)).append(sep);
        for (ValidatorSpec v : validatorSpecs) {
            s.append(v.name()).append(new java.util.TreeMap<>(v.params())).append(';');
        }
        s.append(sep).append(context).append(sep).append(excludes).append(sep).append(minCount).append(sep)
                .append(redactReplacement).append(sep).append(examples.match()).append(examples.noMatch()).append(sep)
                .append(publishedExamples).append(sep).append(ignoreExamples);
        if (!classActions.isEmpty()) {
            s.append(sep).append(new java.util.TreeMap<>(classActions));
        }
        history.ifPresent(h -> s.append(sep).append("history=").append(h));
        return s.toString();
    }

    static final class Builder {
        String id;
        String name;
        String description;
        Category category;
        Severity severity;
        Action action;
        final List<String> patterns = new java.util.ArrayList<>();
        final Set<PatternFlag> flags = java.util.EnumSet.noneOf(PatternFlag.class);
        final List<ValidatorSpec> validatorSpecs = new java.util.ArrayList<>();
        final List<Validator> validators = new java.util.ArrayList<>();
        Context context;
        final List<String> excludes = new java.util.ArrayList<>();
        int minCount = 1;
        String redact;
        Action history;
        Examples examples;
        String file;
        int line;
        final List<RegexSyntax.Info> patternInfos = new java.util.ArrayList<>();
        final List<Integer> patternLines = new java.util.ArrayList<>();
        final List<String> publishedExamples = new java.util.ArrayList<>();
        boolean ignoreExamples = true;
        final Map<String, Action> classActions = new java.util.LinkedHashMap<>();

        Rule build() {
            return new Rule(this);
        }
    }
}
