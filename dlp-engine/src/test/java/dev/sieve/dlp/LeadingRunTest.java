package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which patterns have a leading run, and that searching through it gives exactly {@code Matcher.find()}. */
class LeadingRunTest {

    private static final String EMAIL = "[A-Za-z0-9._%+-]{1,40}@[A-Za-z0-9.-]{1,60}\\.[A-Za-z]{2,18}\\b";

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        EMAIL + " => true",
        "\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7} => true",
        "^[^=]{1,20}=x => true",
        "\\x41{1,3}- => true",
        "a{0,3}b => true",
        "[a-z]{1,5}[a-z0-9] => false",
        "[0-9]{1,5}x? => false",
        "[0-9]{1,5}x{0,2} => false",
        "[0-9]{1,5}x{1,2} => true",
        "[0-9]{1,5}(?:x|y) => false",
        "a{1,3}b|c => false",
        "(?:a{1,3}b) => false",
        "[a-z]+@ => false",
        "[a-z]{2,}@ => false",
        "é{1,2}x => false",
        "AKIA[A-Z]{16} => false",
    })
    void onlyARunFollowedByADisjointByteIsALeadingRun(String pattern, boolean expected) {
        assertThat(LeadingRun.of(pattern, Set.of())).as(pattern).matches(r -> r.isPresent() == expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {"[a-c]{1,3}x => true", "[a-x]{1,3}X => false"})
    void caselessFlagAppliesToBothSets(String pattern, boolean expected) {
        assertThat(LeadingRun.of(pattern, Set.of(Rule.PatternFlag.CASELESS)).isPresent()).isEqualTo(expected);
    }

    static final String[] PATTERNS = {EMAIL, "\\b[A-Z]{2}[0-9]{2}[A-Z0-9]{0,4}\\b", "a{0,3}b", "[^b]{1,4}b[a-z]",
        "^[a.]{2,3}@.", "\\Ba{1,2}@"};

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("aAbB.@xZ09- \n".toCharArray()).ofMinLength(0).ofMaxLength(50);
    }

    @Property(tries = 300)
    void findGivesTheMatchersResultFromEveryPosition(@ForAll("texts") String text) {
        for (String pattern : PATTERNS) {
            LeadingRun run = LeadingRun.of(pattern, Set.of()).orElseThrow();
            FindParity.assertSameAsFind(run::find, FindParity.twin(pattern, Set.of()), text);
        }
    }

    @Property(tries = 100)
    void caselessFindGivesTheMatchersResult(@ForAll("texts") String text) {
        String pattern = "[a-b]{1,3}z";
        Set<Rule.PatternFlag> caseless = Set.of(Rule.PatternFlag.CASELESS);
        LeadingRun run = LeadingRun.of(pattern, caseless).orElseThrow();
        FindParity.assertSameAsFind(run::find, FindParity.twin(pattern, caseless), text);
    }

    @Test
    void onlyALineAnchoredRunIsLeftOutOfWhatHyperscanSearches() throws RuleLoadException {
        Set<Rule.PatternFlag> multiline = Set.of(Rule.PatternFlag.MULTILINE);
        String pgpass = "^[A-Za-z0-9._*-]{1,253}:(?:[0-9]{1,5}|\\*):[^\\s:]{8,128}$";
        assertThat(LeadingRun.of(pgpass, multiline).orElseThrow().hyperscanRest())
                .contains(":(?:[0-9]{1,5}|\\*):[^\\s:]{8,128}$");
        // Without the multiline flag ^ is the view's start: cheap for Hyperscan as it is.
        assertThat(LeadingRun.of(pgpass, Set.of()).orElseThrow().hyperscanRest()).isEmpty();
        assertThat(LeadingRun.of("[A-Za-z0-9._%+-]{1,40}@[a-z]{2,9}", multiline).orElseThrow().hyperscanRest()).isEmpty();
        RuleSet rules = RuleSet.parse(java.util.Map.of("r.yaml", "rules:\n  - id: credential.x\n    category: credential\n"
                + "    severity: low\n    flags: [multiline]\n    patterns: ['" + pgpass.replace("'", "''") + "']\n"));
        PatternTable.Entry entry = new PatternTable(rules).entries().get(0);
        assertThat(entry.prefiltered()).isTrue();
        assertThat(entry.hyperscanPattern()).startsWith(":(?:");
        assertThat(entry.maxWidth()).isEqualTo(253 + 1 + 5 + 1 + 128);
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.strings().withChars("ab_-x1\n".toCharArray()).ofMinLength(0).ofMaxLength(24);
    }

    /** Hyperscan reports every end of every match; the rest's ends must hold every end of the pattern's matches. */
    @Property(tries = 300)
    void theRestEndsWhereverTheLineAnchoredPatternEnds(@ForAll("lines") String text) {
        Set<Rule.PatternFlag> multiline = Set.of(Rule.PatternFlag.MULTILINE);
        String pattern = "^[ab_]{1,3}-x1?";
        String rest = LeadingRun.of(pattern, multiline).orElseThrow().hyperscanRest().orElseThrow();
        assertThat(ends(rest, text)).containsAll(ends(pattern, text));
    }

    private static java.util.Set<Integer> ends(String pattern, String text) {
        Pattern p = Pattern.compile(RegexSyntax.analyze(pattern).javaRegex(),
                JavaPatterns.flags(Set.of(Rule.PatternFlag.MULTILINE)));
        Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        java.util.Set<Integer> ends = new java.util.TreeSet<>();
        for (int s = 0; s <= text.length(); s++) {
            for (int e = s; e <= text.length(); e++) {
                if (m.region(s, e).matches()) {
                    ends.add(e);
                }
            }
        }
        return ends;
    }
}
