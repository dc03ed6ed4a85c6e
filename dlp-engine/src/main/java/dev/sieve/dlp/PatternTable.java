package dev.sieve.dlp;

import dev.sieve.dlp.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The engine-independent compiled form of a rule set: every pattern of every rule with its java.util.regex
 * equivalent and the byte budgets the streaming scanner needs. Immutable and shared by all sessions.
 */
final class PatternTable {

    /**
     * One pattern of one rule. {@code lookBehind}/{@code lookAhead}: bytes needed around a match start (the rule's
     * context window, or what its validators read, {@link Validator#reach}).
     * {@code leadingRun}: the pattern's leading class run, when it has that shape (see {@link LeadingRun}), else null;
     * {@code firstByte}: otherwise the bytes a match starts with, when the pattern tells (see {@link FirstByte});
     * {@code leadingPair}: otherwise the pairs of bytes a match starts with, when few are (see {@link LeadingPair});
     * {@code hyperscanPattern}: what Hyperscan searches for it, the pattern itself or a cheaper expression whose
     * ends are a superset of its ends (see {@link RunPrefilter}, {@link LeadingRun#hyperscanRest} and
     * {@link LiteralSuffix}).
     */
    record Entry(int index, int ruleIndex, Rule rule, String pattern, Pattern javaPattern, int minWidth, int maxWidth,
            int lookBehind, int lookAhead, LeadingRun leadingRun, FirstByte firstByte, LeadingPair leadingPair,
            String hyperscanPattern) {

        /** Whether Hyperscan searches a wider expression than the pattern (its hits are then only possible ends). */
        boolean prefiltered() {
            return !hyperscanPattern.equals(pattern);
        }
    }

    /**
     * Per-rule data used when evaluating a candidate. {@code gated}: the rule requires a context keyword, so its
     * patterns are searched only around keyword occurrences (see {@link ScanCore}); {@code patterns}: the indexes of
     * its entries.
     */
    record RuleData(Rule rule, byte[][] keywords, byte[][] excludes, int keyPairPartner, boolean gated, int[] patterns,
            ColumnHeader.Names columns) {

        /** Bytes around a keyword occurrence searched for a match of a gated rule (its context window). */
        int contextWindow() {
            return rule.context().map(Rule.Context::window).orElse(0);
        }
    }

    /**
     * One lower-case keyword of a gated rule: an occurrence of it opens the search for the rule's patterns nearby,
     * up to {@code after} bytes past it (the context window, or {@link Rule#COLUMN_WINDOW} for a column name).
     */
    record GateKeyword(int ruleIndex, byte[] lowerBytes, int after) {
    }

    private final RuleSet rules;
    private final List<Entry> entries;
    private final List<RuleData> ruleData;
    private final List<GateKeyword> gateKeywords;
    private final int retention;
    private final int[] maxWidths;
    private final boolean[] gatedEntries;
    private final int longestKeyword;
    private final int hintRule;

    /** The table of {@code rules} and, after them, the internal {@link CodeHints} rule. */
    PatternTable(RuleSet rules) {
        this.rules = rules;
        List<Rule> all = new ArrayList<>(rules.rules());
        for (Rule rule : rules.rules()) {
            if (rule.id().equals(CodeHints.ID) && !CodeHints.RULES.contains(rule)) {
                throw new IllegalArgumentException("rule id '" + CodeHints.ID + "' is reserved (expected: another id)");
            }
        }
        if (!all.containsAll(CodeHints.RULES)) {
            all.addAll(CodeHints.RULES);
        }
        this.hintRule = all.indexOf(CodeHints.RULES.get(0));
        List<Entry> list = new ArrayList<>();
        List<RuleData> data = new ArrayList<>();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int r = 0; r < all.size(); r++) {
            ruleIndex.put(all.get(r).id(), r);
        }
        List<GateKeyword> gates = new ArrayList<>();
        int maxSpan = 1;
        for (int r = 0; r < all.size(); r++) {
            Rule rule = all.get(r);
            int ctx = Math.max(rule.context().map(Rule.Context::window).orElse(0),
                    rule.validatorInstances().stream().mapToInt(Validator::reach).max().orElse(0));
            int first = list.size();
            for (int k = 0; k < rule.patterns().size(); k++) {
                RegexSyntax.Info info = rule.patternInfos().get(k);
                int lookBehind = Math.max(1, Math.max(ctx, hasColumns(rule) ? Rule.COLUMN_WINDOW : 0));
                int lookAhead = info.maxWidth() + Math.max(2, ctx);
                Pattern javaPattern = Pattern.compile(info.javaRegex(), JavaPatterns.flags(rule.flags()));
                String pattern = rule.patterns().get(k);
                LeadingRun run = LeadingRun.of(pattern, rule.flags()).orElse(null);
                FirstByte firstByte = run != null ? null : FirstByte.of(pattern, rule.flags()).orElse(null);
                LeadingPair pair = run != null || firstByte != null ? null : LeadingPair.of(javaPattern).orElse(null);
                String hyperscanPattern = run != null ? run.hyperscanRest().orElse(pattern)
                        : RunPrefilter.of(pattern, rule.flags()).orElse(pattern);
                if (hyperscanPattern.equals(pattern) && HyperscanEngine.wouldTrackStarts(info.minWidth(),
                        info.maxWidth(), run != null || firstByte != null, rule)) {
                    hyperscanPattern = LiteralSuffix.of(pattern).orElse(pattern); // see LiteralSuffix: why
                }
                list.add(new Entry(list.size(), r, rule, pattern, javaPattern, info.minWidth(), info.maxWidth(),
                        lookBehind, lookAhead, run, firstByte, pair, hyperscanPattern));
                maxSpan = Math.max(maxSpan, lookBehind + lookAhead + 1);
            }
            byte[][] keywords = rule.context().map(c -> asciiLower(c.keywords())).orElse(new byte[0][]);
            int partner = rule.keyPair().map(kp -> ruleIndex.getOrDefault(kp.with(), -1)).orElse(-1);
            boolean gated = rule.context().map(Rule.Context::required).orElse(false) && keywords.length > 0;
            int[] patterns = IntStream.range(first, list.size()).toArray();
            ColumnHeader.Names columns = ColumnHeader.Names.of(rule.context().map(Rule.Context::columns)
                    .orElse(List.of()));
            data.add(new RuleData(rule, keywords, asciiLower(rule.excludes()), partner, gated, patterns, columns));
            if (gated) {
                for (byte[] keyword : keywords) {
                    gates.add(new GateKeyword(r, keyword, ctx));
                    maxSpan = Math.max(maxSpan, keyword.length + 1);
                }
                for (byte[] column : asciiLower(rule.context().get().columns())) {
                    gates.add(new GateKeyword(r, column, Rule.COLUMN_WINDOW));
                    maxSpan = Math.max(maxSpan, column.length + 1);
                }
            }
        }
        this.entries = List.copyOf(list);
        this.ruleData = List.copyOf(data);
        this.gateKeywords = List.copyOf(gates);
        this.retention = maxSpan;
        this.maxWidths = entries.stream().mapToInt(Entry::maxWidth).toArray();
        this.gatedEntries = new boolean[entries.size()];
        for (int k = 0; k < entries.size(); k++) {
            gatedEntries[k] = gated(k);
        }
        this.longestKeyword = gates.stream().mapToInt(g -> g.lowerBytes().length).max().orElse(0);
    }

    /**
     * Each entry's maximum width, by index. Shared by every session (a session is opened per view and decoded layer,
     * and copying per-entry data for each cost agent JSON a few percent): read only.
     */
    int[] maxWidths() {
        return maxWidths;
    }

    /** Whether each entry belongs to a gated rule, by index; shared like {@link #maxWidths()}: read only. */
    boolean[] gatedEntries() {
        return gatedEntries;
    }

    /** Length of the longest gate keyword, 0 without any. */
    int longestKeyword() {
        return longestKeyword;
    }

    private static boolean hasColumns(Rule rule) {
        return rule.context().map(c -> !c.columns().isEmpty()).orElse(false);
    }

    /**
     * Keywords, column names and excludes as bytes, ASCII letters lower-cased: the engines fold ASCII case only, so a
     * literal with capitals of another script ("ΑΜΚΑ", "RČ") must keep them to match text written in capitals.
     */
    private static byte[][] asciiLower(List<String> values) {
        byte[][] out = new byte[values.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = asciiLower(values.get(k)).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** {@code s} with A-Z lower-cased and every other character as it is. */
    static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }


    /** The rules the table was made from (without the internal hint rule). */
    RuleSet rules() {
        return rules;
    }

    /** Whether entry {@code index} is a pattern of the internal {@link CodeHints} rule. */
    boolean hint(int index) {
        return entries.get(index).ruleIndex() == hintRule;
    }

    /** Whether rule {@code r} of {@link #ruleData()} is the internal {@link CodeHints} rule. */
    boolean isHintRule(int r) {
        return r == hintRule;
    }

    /** Whether {@code rule} is the internal {@link CodeHints} rule. */
    static boolean hintRule(Rule rule) {
        return CodeHints.RULES.contains(rule);
    }

    List<Entry> entries() {
        return entries;
    }

    List<RuleData> ruleData() {
        return ruleData;
    }

    /** Whether entry {@code index} belongs to a gated rule (it is searched only near the rule's keywords). */
    boolean gated(int index) {
        return ruleData.get(entries.get(index).ruleIndex()).gated();
    }

    /** The keywords of all gated rules, in rule order. */
    List<GateKeyword> gateKeywords() {
        return gateKeywords;
    }

    /** Bytes of history a session keeps so every pending candidate can still be confirmed. */
    int retention() {
        return retention;
    }
}
