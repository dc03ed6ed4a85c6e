package dev.sieve.dlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The engine-independent compiled form of a rule set: every pattern of every rule with its java.util.regex
 * equivalent and the byte budgets the streaming scanner needs. Immutable and shared by all sessions.
 */
final class PatternTable {

    /** One pattern of one rule. {@code lookBehind}/{@code lookAhead}: bytes needed around a match start. */
    record Entry(int index, int ruleIndex, Rule rule, String pattern, Pattern javaPattern, int maxWidth,
            int lookBehind, int lookAhead) {
    }

    /** Per-rule data used when evaluating a candidate. */
    record RuleData(Rule rule, byte[][] keywords, byte[][] excludes, int keyPairPartner) {
    }

    private final RuleSet rules;
    private final List<Entry> entries;
    private final List<RuleData> ruleData;
    private final int retention;

    PatternTable(RuleSet rules) {
        this.rules = rules;
        List<Entry> list = new ArrayList<>();
        List<RuleData> data = new ArrayList<>();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int r = 0; r < rules.rules().size(); r++) {
            ruleIndex.put(rules.rules().get(r).id(), r);
        }
        int maxSpan = 1;
        for (int r = 0; r < rules.rules().size(); r++) {
            Rule rule = rules.rules().get(r);
            int ctx = rule.context().map(Rule.Context::window).orElse(0);
            for (int k = 0; k < rule.patterns().size(); k++) {
                RegexSyntax.Info info = rule.patternInfos().get(k);
                int lookBehind = Math.max(1, ctx);
                int lookAhead = info.maxWidth() + Math.max(2, ctx);
                Pattern javaPattern = Pattern.compile(info.javaRegex(), JavaPatterns.flags(rule.flags()));
                list.add(new Entry(list.size(), r, rule, rule.patterns().get(k), javaPattern, info.maxWidth(),
                        lookBehind, lookAhead));
                maxSpan = Math.max(maxSpan, lookBehind + lookAhead + 1);
            }
            byte[][] keywords = rule.context().map(c -> lower(c.keywords())).orElse(new byte[0][]);
            int partner = rule.keyPair().map(kp -> ruleIndex.getOrDefault(kp.with(), -1)).orElse(-1);
            data.add(new RuleData(rule, keywords, lower(rule.excludes()), partner));
        }
        this.entries = List.copyOf(list);
        this.ruleData = List.copyOf(data);
        this.retention = maxSpan;
    }

    private static byte[][] lower(List<String> values) {
        byte[][] out = new byte[values.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = values.get(k).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    RuleSet rules() {
        return rules;
    }

    List<Entry> entries() {
        return entries;
    }

    List<RuleData> ruleData() {
        return ruleData;
    }

    /** Bytes of history a session keeps so every pending candidate can still be confirmed. */
    int retention() {
        return retention;
    }
}
