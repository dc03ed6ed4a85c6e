package dev.sieve.dlp;

import dev.sieve.dlp.validate.KeyPair;
import dev.sieve.dlp.validate.Validator;
import dev.sieve.dlp.validate.Validators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns rule files into {@link Rule}s, collecting every problem with file, line and rule id. Unknown keys, wrong
 * types, bad values, unbounded or unsupported patterns and unknown validators are all errors.
 */
final class RuleParser {

    static final String SETTINGS_FILE = "settings.yaml";
    static final int MAX_PATTERN_WIDTH = 16 * 1024;
    static final int MAX_CONTEXT_WINDOW = 1024;
    static final int DEFAULT_CONTEXT_WINDOW = 64;

    private static final Pattern ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final Set<String> RULE_KEYS = Set.of("id", "name", "category", "severity", "action", "description",
            "patterns", "flags", "validators", "context", "exclude", "min_count", "redact", "history", "tests",
            "published_examples",
            "ignore_examples", "actions");
    private static final Set<String> SETTINGS_KEYS = Set.of("company_names", "internal_domains", "package_prefixes");

    private final List<LintProblem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<String>> variables = new TreeMap<>();

    /**
     * One place rule files come from: file name to YAML text. {@code prefix} goes before every file name in
     * messages and in {@link Rule#file()} ({@code "built-in/"} for the shipped pack, {@code ""} for a folder).
     */
    record Source(String prefix, Map<String, String> files) {
        Source {
            files = new TreeMap<>(files);
        }
    }

    /**
     * Parse outcome: the valid rules of each source (in source order), notes about rules left out, the variables
     * the settings define, and problems.
     */
    record Result(List<List<Rule>> rulesBySource, List<String> notes, Map<String, List<String>> variables,
            List<LintProblem> problems) {

        /** The valid rules of every source, in source order. */
        List<Rule> rules() {
            return rulesBySource.stream().flatMap(List::stream).toList();
        }
    }

    /** Parses one folder's files: ids unique, {@code keypair} partners in the folder. */
    static Result parse(Map<String, String> yamlByFileName) {
        RuleParser parser = new RuleParser();
        Result result = parser.run(List.of(new Source("", yamlByFileName)));
        List<Rule> rules = result.rules();
        Map<String, Rule> byId = new HashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        parser.problems.addAll(keyPairProblems(rules, byId::containsKey, "the id of another rule in this folder"));
        return new Result(result.rulesBySource(), result.notes(), result.variables(), List.copyOf(parser.problems));
    }

    /**
     * Parses several sources with one set of variables: every source's {@code settings.yaml} adds its values to
     * each setting. Ids are unique within a source; ids shared between sources and {@code keypair} partners are
     * the caller's to check ({@link RuleComposer}).
     */
    static Result parse(List<Source> sources) {
        return new RuleParser().run(sources);
    }

    private Result run(List<Source> sources) {
        List<Map<String, YamlNode>> treesBySource = new ArrayList<>();
        for (Source source : sources) {
            Map<String, YamlNode> trees = new TreeMap<>();
            for (Map.Entry<String, String> e : source.files().entrySet()) {
                try {
                    trees.put(e.getKey(), YamlNode.parse(e.getValue()));
                } catch (YamlNode.SyntaxError err) {
                    problems.add(new LintProblem(source.prefix() + e.getKey(), null, err.line, err.getMessage()));
                }
            }
            treesBySource.add(trees);
            YamlNode settingsTree = trees.get(SETTINGS_FILE);
            if (settingsTree != null) {
                readSettings(source.prefix() + SETTINGS_FILE, settingsTree);
            }
        }
        List<List<Rule>> rulesBySource = new ArrayList<>();
        for (int k = 0; k < sources.size(); k++) {
            rulesBySource.add(List.copyOf(readRules(sources.get(k).prefix(), treesBySource.get(k))));
        }
        Map<String, List<String>> defined = new TreeMap<>();
        variables.forEach((name, values) -> defined.put(name, List.copyOf(values)));
        return new Result(List.copyOf(rulesBySource), List.copyOf(notes), Map.copyOf(defined), List.copyOf(problems));
    }

    private List<Rule> readRules(String prefix, Map<String, YamlNode> trees) {
        List<Rule> rules = new ArrayList<>();
        Map<String, Rule> byId = new HashMap<>();
        for (Map.Entry<String, YamlNode> e : trees.entrySet()) {
            String name = e.getKey();
            String file = prefix + name;
            YamlNode root = e.getValue();
            if (root.kind == YamlNode.Kind.NULL) {
                continue;
            }
            if (root.kind != YamlNode.Kind.MAP) {
                problem(file, null, root.line, "top level: " + root.describe() + " (expected: a mapping with key 'rules')");
                continue;
            }
            for (Map.Entry<String, YamlNode> top : root.map().entrySet()) {
                boolean settingsKey = top.getKey().equals("settings") && name.equals(SETTINGS_FILE);
                if (!top.getKey().equals("rules") && !settingsKey) {
                    problem(file, null, top.getValue().line, top.getKey() + ": unknown top-level key (expected: rules"
                            + (name.equals(SETTINGS_FILE) ? " or settings" : "; settings only in " + SETTINGS_FILE) + ")");
                }
            }
            YamlNode list = root.map().get("rules");
            if (list == null) {
                continue;
            }
            if (list.kind != YamlNode.Kind.LIST) {
                problem(file, null, list.line, "rules: " + list.describe() + " (expected: a list of rules)");
                continue;
            }
            for (YamlNode node : list.list()) {
                Optional<Rule> rule = readRule(file, node);
                rule.ifPresent(r -> {
                    Rule previous = byId.putIfAbsent(r.id(), r);
                    if (previous != null) {
                        problem(file, r.id(), r.line(), "id: duplicate (expected: unique ids; first defined at "
                                + previous.file() + ":" + previous.line() + ")");
                    } else {
                        rules.add(r);
                    }
                });
            }
        }
        return rules;
    }

    private void readSettings(String file, YamlNode root) {
        if (root.kind != YamlNode.Kind.MAP || !root.map().containsKey("settings")) {
            return;
        }
        YamlNode settings = root.map().get("settings");
        if (settings.kind != YamlNode.Kind.MAP) {
            problem(file, null, settings.line, "settings: " + settings.describe() + " (expected: a mapping)");
            return;
        }
        for (Map.Entry<String, YamlNode> e : settings.map().entrySet()) {
            if (!SETTINGS_KEYS.contains(e.getKey())) {
                problem(file, null, e.getValue().line, "settings." + e.getKey()
                        + ": unknown setting (expected: one of " + settingNames() + ")");
                continue;
            }
            List<String> values = strings(file, null, "settings." + e.getKey(), e.getValue(), true);
            if (values != null) {
                List<String> merged = variables.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                values.stream().filter(v -> !merged.contains(v)).forEach(merged::add);
            }
        }
    }

    private static String settingNames() {
        return String.join(", ", new java.util.TreeSet<>(SETTINGS_KEYS));
    }

    /**
     * The value list of setting {@code name}, or null after reporting why there is none: not a setting at all, or
     * a setting no {@code settings.yaml} defines.
     */
    private List<String> variable(String file, String id, int line, String where, String name) {
        List<String> values = variables.get(name);
        if (values != null) {
            return values;
        }
        if (SETTINGS_KEYS.contains(name)) {
            problem(file, id, line, where + ": ${" + name + "}: not set (expected: settings." + name + " in a "
                    + SETTINGS_FILE + " next to the rule files, e.g. the one 'sieve rules export' writes)");
        } else {
            problem(file, id, line, where + ": unknown variable ${" + name + "} (expected: one of " + settingNames() + ")");
        }
        return null;
    }

    private Optional<Rule> readRule(String file, YamlNode node) {
        if (node.kind != YamlNode.Kind.MAP) {
            problem(file, null, node.line, "rules[]: " + node.describe() + " (expected: a mapping with id, category, ...)");
            return Optional.empty();
        }
        Map<String, YamlNode> m = node.map();
        Rule.Builder b = new Rule.Builder();
        b.file = file;
        b.line = node.line;
        YamlNode idNode = m.get("id");
        if (idNode == null || idNode.kind != YamlNode.Kind.STRING || !ID.matcher(idNode.text()).matches()) {
            problem(file, null, idNode == null ? node.line : idNode.line, "id: " + (idNode == null ? "missing" : idNode.describe())
                    + " (expected: lower-case words joined by '.' or '-', e.g. pii.us-ssn)");
            return Optional.empty();
        }
        String id = idNode.text();
        b.id = id;
        int before = problems.size();
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            if (!RULE_KEYS.contains(e.getKey())) {
                problem(file, id, e.getValue().line, e.getKey() + ": unknown key (expected: one of "
                        + String.join(", ", new java.util.TreeSet<>(RULE_KEYS)) + ")");
            }
        }
        b.name = optionalString(file, id, "name", m.get("name"));
        b.description = optionalString(file, id, "description", m.get("description"));
        b.category = enumValue(file, id, node, "category", m.get("category"), true, Category::parse, Category.EXPECTED,
                false);
        b.severity = enumValue(file, id, node, "severity", m.get("severity"), true,
                t -> parseEnum(Severity.class, t), "low, medium, high, critical", true);
        b.action = enumValue(file, id, node, "action", m.get("action"), false,
                t -> parseEnum(Action.class, t), "block, redact, log", true);
        b.history = enumValue(file, id, node, "history", m.get("history"), false,
                t -> parseEnum(Action.class, t), "block, redact, log", true);
        readFlags(file, id, m.get("flags"), b);
        boolean disabled = readPatterns(file, id, node, m.get("patterns"), b);
        readValidators(file, id, m.get("validators"), b);
        disabled |= readContext(file, id, m.get("context"), b);
        List<String> excludes = m.containsKey("exclude") ? strings(file, id, "exclude", m.get("exclude"), false) : List.of();
        if (excludes != null) {
            b.excludes.addAll(excludes);
        }
        YamlNode minCount = m.get("min_count");
        if (minCount != null) {
            if (minCount.kind != YamlNode.Kind.NUMBER || !(minCount.value instanceof Integer || minCount.value instanceof Long)
                    || ((Number) minCount.value).longValue() < 1 || ((Number) minCount.value).longValue() > 1_000_000) {
                problem(file, id, minCount.line, "min_count: " + minCount.describe() + " (expected: an integer 1..1000000)");
            } else {
                b.minCount = ((Number) minCount.value).intValue();
            }
        }
        b.redact = optionalString(file, id, "redact", m.get("redact"));
        if (b.redact != null && b.redact.isEmpty()) {
            problem(file, id, m.get("redact").line, "redact: empty (expected: replacement text, " + Rule.MASK_LAST4
                    + " or " + Rule.PLACEHOLDER + ")");
        }
        readTests(file, id, m.get("tests"), b);
        readPublishedExamples(file, id, m.get("published_examples"), m.get("ignore_examples"), b);
        readClassActions(file, id, m.get("actions"), b);
        if (problems.size() > before) {
            return Optional.empty();
        }
        if (disabled) {
            return Optional.empty();
        }
        return Optional.of(b.build());
    }

    private boolean readPatterns(String file, String id, YamlNode ruleNode, YamlNode node, Rule.Builder b) {
        if (node == null) {
            problem(file, id, ruleNode.line, "patterns: missing (expected: a list of one or more regexes)");
            return false;
        }
        List<String> raw = strings(file, id, "patterns", node, false);
        if (raw == null) {
            return false;
        }
        if (raw.isEmpty()) {
            problem(file, id, node.line, "patterns: empty (expected: one or more regexes)");
            return false;
        }
        boolean disabled = false;
        for (int k = 0; k < raw.size(); k++) {
            int line = node.kind == YamlNode.Kind.LIST ? node.list().get(k).line : node.line;
            String where = "patterns[" + k + "]";
            Optional<String> expanded = expandPattern(file, id, line, where, raw.get(k));
            if (expanded == null) {
                continue;
            }
            if (expanded.isEmpty()) {
                disabled = true;
                continue;
            }
            String pattern = expanded.get();
            RegexSyntax.Info info = RegexSyntax.analyze(pattern);
            for (String text : info.problems()) {
                problem(file, id, line, where + ": " + text);
            }
            if (!info.ok()) {
                continue;
            }
            if (info.maxWidth() == RegexSyntax.UNBOUNDED) {
                problem(file, id, line, where + ": unbounded repetition (expected: bounded repeats such as {1,64}"
                        + " instead of * or +)");
                continue;
            }
            if (info.maxWidth() > MAX_PATTERN_WIDTH) {
                problem(file, id, line, where + ": can match up to " + info.maxWidth() + " bytes (expected: at most "
                        + MAX_PATTERN_WIDTH + ")");
                continue;
            }
            if (info.minWidth() == 0) {
                problem(file, id, line, where + ": can match the empty string (expected: a pattern that consumes"
                        + " at least one byte)");
                continue;
            }
            try {
                Pattern.compile(info.javaRegex(), JavaPatterns.flags(b.flags));
            } catch (PatternSyntaxException e) {
                problem(file, id, line, where + ": invalid regex: " + e.getDescription() + " near index " + e.getIndex()
                        + " (expected: a Hyperscan/PCRE pattern that java.util.regex also accepts)");
                continue;
            }
            b.patterns.add(pattern);
            b.patternInfos.add(info);
            b.patternLines.add(line);
        }
        if (disabled) {
            notes.add(file + ":" + ruleNode.line + ": rule '" + id + "': disabled: a ${variable} it uses is empty in "
                    + SETTINGS_FILE);
        }
        return disabled;
    }

    /** Empty optional: disabled because a variable is empty; null: error reported. */
    private Optional<String> expandPattern(String file, String id, int line, String where, String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> values = variable(file, id, line, where, m.group(1));
            if (values == null) {
                return null;
            }
            if (values.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder alt = new StringBuilder("(?:");
            for (int k = 0; k < values.size(); k++) {
                alt.append(k == 0 ? "" : "|").append(escapeLiteral(values.get(k)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(alt.append(')').toString()));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    static String escapeLiteral(String value) {
        StringBuilder s = new StringBuilder(value.length() * 2);
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == ' ' || c >= 0x80;
            s.append(plain ? "" : "\\").append(c);
        }
        return s.toString();
    }

    private void readFlags(String file, String id, YamlNode node, Rule.Builder b) {
        if (node == null) {
            return;
        }
        List<String> flags = strings(file, id, "flags", node, false);
        if (flags == null) {
            return;
        }
        for (String f : flags) {
            Optional<Rule.PatternFlag> flag = parseEnum(Rule.PatternFlag.class, f);
            if (flag.isEmpty()) {
                problem(file, id, node.line, "flags: '" + f + "' (expected: caseless, multiline or dotall)");
            } else {
                b.flags.add(flag.get());
            }
        }
    }

    private void readValidators(String file, String id, YamlNode node, Rule.Builder b) {
        if (node == null) {
            return;
        }
        if (node.kind != YamlNode.Kind.LIST) {
            problem(file, id, node.line, "validators: " + node.describe() + " (expected: a list of names or {name: ...})");
            return;
        }
        for (int k = 0; k < node.list().size(); k++) {
            YamlNode v = node.list().get(k);
            String where = "validators[" + k + "]";
            String name;
            Map<String, Object> params = new LinkedHashMap<>();
            if (v.kind == YamlNode.Kind.STRING) {
                name = v.text();
            } else if (v.kind == YamlNode.Kind.MAP && v.map().get("name") != null && v.map().get("name").kind == YamlNode.Kind.STRING) {
                name = v.map().get("name").text();
                boolean ok = true;
                for (Map.Entry<String, YamlNode> p : v.map().entrySet()) {
                    if (p.getKey().equals("name")) {
                        continue;
                    }
                    if (!p.getValue().isScalar()) {
                        problem(file, id, p.getValue().line, where + "." + p.getKey() + ": " + p.getValue().describe()
                                + " (expected: a scalar)");
                        ok = false;
                    }
                    params.put(p.getKey(), p.getValue().value);
                }
                if (!ok) {
                    continue;
                }
            } else {
                problem(file, id, v.line, where + ": " + v.describe() + " (expected: a validator name or {name: ..., params})");
                continue;
            }
            try {
                Validator validator = Validators.create(name, params);
                b.validators.add(validator);
                b.validatorSpecs.add(new Rule.ValidatorSpec(name, params));
            } catch (IllegalArgumentException e) {
                problem(file, id, v.line, where + ": " + e.getMessage());
            }
        }
    }

    /** Returns true if the rule is disabled because a keyword variable is empty. */
    private boolean readContext(String file, String id, YamlNode node, Rule.Builder b) {
        if (node == null) {
            return false;
        }
        if (node.kind != YamlNode.Kind.MAP) {
            problem(file, id, node.line, "context: " + node.describe() + " (expected: a mapping with keywords, window, required)");
            return false;
        }
        for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
            if (!Set.of("keywords", "window", "required", "columns").contains(e.getKey())) {
                problem(file, id, e.getValue().line, "context." + e.getKey()
                        + ": unknown key (expected: columns, keywords, required, window)");
            }
        }
        YamlNode kw = node.map().get("keywords");
        List<String> keywords = kw == null ? null : strings(file, id, "context.keywords", kw, false);
        if (kw == null) {
            problem(file, id, node.line, "context.keywords: missing (expected: a list of literal keywords)");
            return false;
        }
        if (keywords == null) {
            return false;
        }
        List<String> expanded = new ArrayList<>();
        boolean disabled = false;
        for (String k : keywords) {
            Matcher m = VARIABLE.matcher(k);
            if (m.matches()) {
                List<String> values = variable(file, id, kw.line, "context.keywords", m.group(1));
                if (values == null) {
                    continue;
                } else if (values.isEmpty()) {
                    disabled = true;
                } else {
                    values.forEach(v -> expanded.add(v.toLowerCase(Locale.ROOT)));
                }
            } else if (k.isBlank()) {
                problem(file, id, kw.line, "context.keywords: blank keyword (expected: non-empty literals)");
            } else {
                // ASCII letters only: the scan folds ASCII case, so a keyword's other letters are compared as
                // written (list "ΑΜΚΑ" and "αμκα" for both cases; lowering "ΑΜΚΑ" would match neither capital text)
                expanded.add(PatternTable.asciiLower(k));
            }
        }
        if (keywords.isEmpty()) {
            problem(file, id, kw.line, "context.keywords: empty (expected: at least one keyword)");
        }
        int window = DEFAULT_CONTEXT_WINDOW;
        YamlNode w = node.map().get("window");
        if (w != null) {
            if (w.kind != YamlNode.Kind.NUMBER || !(w.value instanceof Integer) || (Integer) w.value < 1
                    || (Integer) w.value > MAX_CONTEXT_WINDOW) {
                problem(file, id, w.line, "context.window: " + w.describe() + " (expected: an integer 1.." + MAX_CONTEXT_WINDOW + ")");
            } else {
                window = (Integer) w.value;
            }
        }
        boolean required = false;
        YamlNode r = node.map().get("required");
        if (r != null) {
            if (r.kind != YamlNode.Kind.BOOLEAN) {
                problem(file, id, r.line, "context.required: " + r.describe() + " (expected: true or false)");
            } else {
                required = (Boolean) r.value;
            }
        }
        if (disabled) {
            notes.add(file + ":" + node.line + ": rule '" + id + "': disabled: a ${variable} in context.keywords is empty");
        }
        b.context = new Rule.Context(expanded, window, required, readColumns(file, id, node.map().get("columns")));
        return disabled;
    }

    /** {@code context.columns}: table column names (lower-cased), or an empty list. */
    private List<String> readColumns(String file, String id, YamlNode node) {
        if (node == null) {
            return List.of();
        }
        List<String> columns = strings(file, id, "context.columns", node, false);
        if (columns == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (ColumnHeader.normalize(c).isEmpty()) {
                problem(file, id, node.line, "context.columns: '" + c + "' (expected: a column name with a letter or digit)");
            } else {
                out.add(PatternTable.asciiLower(c)); // as keywords: the gate folds ASCII case only (list both cases)
            }
        }
        return out;
    }

    /** {@code published_examples} (literals) and {@code ignore_examples} (boolean, default true). */
    private void readPublishedExamples(String file, String id, YamlNode list, YamlNode ignore, Rule.Builder b) {
        if (list != null) {
            List<String> values = strings(file, id, "published_examples", list, false);
            if (values != null) {
                for (String v : values) {
                    if (Rule.compactExample(v).isEmpty()) {
                        problem(file, id, list.line, "published_examples: '" + v + "' (expected: a value with characters"
                                + " other than spaces and hyphens)");
                    } else {
                        b.publishedExamples.add(v);
                    }
                }
            }
        }
        if (ignore != null) {
            if (ignore.kind != YamlNode.Kind.BOOLEAN) {
                problem(file, id, ignore.line, "ignore_examples: " + ignore.describe() + " (expected: true or false)");
            } else {
                b.ignoreExamples = (Boolean) ignore.value;
            }
        }
    }

    private void readTests(String file, String id, YamlNode node, Rule.Builder b) {
        if (node == null) {
            return;
        }
        if (node.kind != YamlNode.Kind.MAP) {
            problem(file, id, node.line, "tests: " + node.describe() + " (expected: a mapping with match and no_match)");
            return;
        }
        for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
            if (!e.getKey().equals("match") && !e.getKey().equals("no_match")) {
                problem(file, id, e.getValue().line, "tests." + e.getKey() + ": unknown key (expected: match, no_match)");
            }
        }
        List<String> match = node.map().containsKey("match") ? strings(file, id, "tests.match", node.map().get("match"), true) : List.of();
        List<String> noMatch = node.map().containsKey("no_match")
                ? strings(file, id, "tests.no_match", node.map().get("no_match"), true) : List.of();
        b.examples = new Rule.Examples(match == null ? List.of() : match, noMatch == null ? List.of() : noMatch);
    }

    /** The {@code actions} block: destination class to action ({@code model-provider: log, other: block}). */
    private void readClassActions(String file, String id, YamlNode node, Rule.Builder b) {
        if (node == null) {
            return;
        }
        if (node.kind != YamlNode.Kind.MAP || node.map().isEmpty()) {
            String shown = node.kind == YamlNode.Kind.MAP ? "an empty mapping" : node.describe();
            problem(file, id, node.line, "actions: " + shown + " (expected: a mapping of destination class"
                    + " to block, redact or log, e.g. {model-provider: log, other: block})");
            return;
        }
        for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
            if (!Category.NAME.matcher(e.getKey()).matches()) {
                problem(file, id, e.getValue().line, "actions." + e.getKey() + ": not a destination class (expected:"
                        + " model-provider, other or a class of your own: a lower-case letter, then up to 31"
                        + " lower-case letters, digits or '-')");
                continue;
            }
            Action action = enumValue(file, id, node, "actions." + e.getKey(), e.getValue(), true,
                    t -> parseEnum(Action.class, t), "block, redact, log", true);
            if (action != null) {
                b.classActions.put(e.getKey(), action);
            }
        }
    }

    private List<String> strings(String file, String id, String where, YamlNode node, boolean allowScalarsOnly) {
        if (node.kind == YamlNode.Kind.NULL) {
            return List.of();
        }
        if (node.kind != YamlNode.Kind.LIST) {
            problem(file, id, node.line, where + ": " + node.describe() + " (expected: a list of strings)");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < node.list().size(); k++) {
            YamlNode item = node.list().get(k);
            if (!item.isScalar()) {
                problem(file, id, item.line, where + "[" + k + "]: " + item.describe() + " (expected: a string)");
                return null;
            }
            out.add(item.text());
        }
        return out;
    }

    private String optionalString(String file, String id, String key, YamlNode node) {
        if (node == null) {
            return null;
        }
        if (node.kind != YamlNode.Kind.STRING) {
            problem(file, id, node.line, key + ": " + node.describe() + " (expected: a string)");
            return null;
        }
        return node.text();
    }

    private <E> E enumValue(String file, String id, YamlNode ruleNode, String key, YamlNode node, boolean required,
            java.util.function.Function<String, Optional<E>> parse, String expected, boolean oneOf) {
        String expectation = (oneOf ? "one of " : "") + expected;
        if (node == null) {
            if (required) {
                problem(file, id, ruleNode.line, key + ": missing (expected: " + expectation + ")");
            }
            return null;
        }
        Optional<E> value = node.kind == YamlNode.Kind.STRING ? parse.apply(node.text()) : Optional.empty();
        if (value.isEmpty()) {
            problem(file, id, node.line, key + ": " + node.describe() + " (expected: " + expectation + ")");
            return null;
        }
        return value.get();
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * A problem for every rule whose {@code keypair} partner is itself or not a rule {@code known} accepts;
     * {@code expected} says what the partner must be.
     */
    static List<LintProblem> keyPairProblems(List<Rule> rules, java.util.function.Predicate<String> known,
            String expected) {
        List<LintProblem> out = new ArrayList<>();
        for (Rule r : rules) {
            Optional<KeyPair> pair = r.keyPair();
            if (pair.isPresent() && (!known.test(pair.get().with()) || pair.get().with().equals(r.id()))) {
                out.add(new LintProblem(r.file(), r.id(), r.line(), "validators: keypair.with: '" + pair.get().with()
                        + "' (expected: " + expected + ")"));
            }
        }
        return out;
    }

    private void problem(String file, String id, int line, String message) {
        problems.add(new LintProblem(file, id, line, message));
    }
}
