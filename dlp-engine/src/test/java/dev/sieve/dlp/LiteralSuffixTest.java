package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which wide patterns Hyperscan searches from a top-level literal on, and that the findings stay the Java engine's. */
class LiteralSuffixTest {

    /** The shape of the default pack's name/value pair: short words, a gap of up to 40 bytes, then {@code value}. */
    private static final String NAME_VALUE = "(?:pass(?:word)?|pwd|secret|token)(?:[_.-][A-Za-z0-9_.-]{0,30})?[\"'][ \\t]{0,4}"
            + ",?[ \\t\\r\\n]{0,40}[\"']?(?:parameter)?value[\"']?[ \\t]{0,4}[:=][ \\t]{0,4}[\"'][^\"'\\s]{8,128}";

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "(?:a|bb)x{0,3}value=[0-9]{8,128} => value=[0-9]{8,128}",
        // the longest top-level literal wins; a quantified character ends a literal
        "(?:a|b)abcde[ ]{1,3}Authorization:[ ]?[A-Z]{9} => Authorization:[ ]?[A-Z]{9}",
        "(?:a|b)valuex?yz[0-9]{9} => valuex?yz[0-9]{9}",
        "(?:a|b)\\-\\-pass\\-stdin => \\-\\-pass\\-stdin",
        // a literal that starts the pattern is Hyperscan's own lead already
        "password[ ]{1,4}[0-9]{8,128} => none",
        // shorter than five, inside a group, behind a top-level alternation, or cut by a quantifier
        "(?:a|b)[ ]{0,9}pas=[0-9]{8,128} => none",
        "(?:a|b)(?:value|other)=[0-9]{8,128} => none",
        "(?:a|b)value=[0-9]{8}|c => none",
        "(?:a|b)valu?e=[0-9]{8,128} => none",
    })
    void theSuffixStartsAtTheLongestTopLevelLiteralAfterTheLead(String pattern, String expected) {
        assertThat(LiteralSuffix.of(pattern).orElse("none")).isEqualTo(expected);
    }

    @Test
    void everyEndOfThePatternIsAnEndOfItsSuffix() {
        String suffix = LiteralSuffix.of(NAME_VALUE).orElseThrow();
        Pattern whole = Pattern.compile(NAME_VALUE, Pattern.CASE_INSENSITIVE);
        Pattern tail = Pattern.compile(suffix, Pattern.CASE_INSENSITIVE);
        String text = "[{\"name\": \"DB_PASSWORD\", \"value\": \"Qm7vR2xpL9kT4w\"}, {\"name\": \"token\",\n"
                + "  \"value\": \"Zt5Yw8Lq3Nz6Kp\"}] secret_key\" ParameterValue=\"Np8Xk3Rw6Qz2Lm\"";
        Matcher m = whole.matcher(text);
        int matches = 0;
        while (m.find()) {
            matches++;
            assertThat(endsAt(tail, text, m.start(), m.end())).as(m.group()).isTrue();
        }
        assertThat(matches).isEqualTo(3);
    }

    @Test
    void aWidePatternWithALiteralIsSearchedFromItWithoutStartOfMatchAndFindsTheSame() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        RuleSet rules = StartOfMatchTest.rules(NAME_VALUE);
        PatternTable.Entry entry = new PatternTable(rules).entries().get(0);
        assertThat(entry.prefiltered()).isTrue();
        assertThat(entry.hyperscanPattern()).startsWith("value[");
        assertThat(HyperscanEngine.wantsStartOfMatch(entry)).isFalse();
        String text = "{\"name\": \"DB_PASSWORD\", \"value\": \"Qm7vR2xpL9kT4w\"} and\n\"token\"\n   \"value\": \"Zt5Yw8Lq3Nz6Kp\" "
                + "\"value\": \"no-name-before-it-1234\" \"pwd\", \"value\": \"short\" \"secret\",\t\"parametervalue\"=\"Hs6Pq3Lz9Wm2Xk\"";
        try (HyperscanEngine hs = new HyperscanEngine(rules)) {
            StartOfMatchTest.assertSameFindings(rules, hs, text, 2);
        }
    }

    @Test
    void aNarrowPatternKeepsItsOwnExpression() throws Exception {
        PatternTable.Entry entry = new PatternTable(StartOfMatchTest.rules("(?:a|b)[ ]{0,9}value=[0-9]{8,20}")).entries().get(0);
        assertThat(entry.prefiltered()).isFalse();
    }

    private static boolean endsAt(Pattern tail, String text, int from, int end) {
        Matcher t = tail.matcher(text).useTransparentBounds(true);
        for (int s = from; s < end; s++) {
            t.region(s, end);
            if (t.lookingAt() && t.end() == end) {
                return true;
            }
        }
        return false;
    }
}
