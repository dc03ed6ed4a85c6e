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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which patterns tell their first byte, and that searching only there gives exactly {@code Matcher.find()}. */
class FirstByteTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "\\b[0-9]{9}\\b => true",
        "\\bghp_[A-Za-z0-9]{36} => true",
        "^a => true",
        "x.y => true",
        "[0-9]?x => false",
        "a{0,2}b => false",
        "(?:AKIA|ASIA)[A-Z]{16} => false",
        "a|b => false",
        "$ => false",
        "\\z => false",
    })
    void onlyAMandatoryOneByteFirstAtomGivesAFilter(String pattern, boolean expected) {
        assertThat(FirstByte.of(pattern, Set.of()).isPresent()).as(pattern).isEqualTo(expected);
    }

    static final String[][] PATTERNS = {{"\\b[0-9]{3}\\b", ""}, {"\\b[0-9]{2} [0-9]\\b", ""}, {"\\b[a-]b", ""},
        {"\\Bab", ""}, {"^a.", ""}, {"\\bb{1,2}\\b", ""}, {"\\bAb", "caseless"}, {"[^a]a", ""}};

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("aAbB1 2-_\n".toCharArray()).ofMinLength(0).ofMaxLength(40);
    }

    @Property(tries = 300)
    void findGivesTheMatchersResultFromEveryPosition(@ForAll("texts") String text) {
        for (String[] p : PATTERNS) {
            Set<Rule.PatternFlag> flags = p[1].isEmpty() ? Set.of() : Set.of(Rule.PatternFlag.CASELESS);
            FirstByte filter = FirstByte.of(p[0], flags).orElseThrow();
            Pattern twin = Pattern.compile(RegexSyntax.analyze(p[0]).javaRegex(), JavaPatterns.flags(flags));
            Matcher expected = twin.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            Matcher actual = twin.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            for (int from = 0; from <= text.length(); from++) {
                expected.region(from, text.length());
                boolean found = expected.find();
                assertThat(filter.find(actual, text, from)).as("%s in '%s' from %d", p[0], text, from).isEqualTo(found);
                if (found) {
                    assertThat(actual.start()).isEqualTo(expected.start());
                    assertThat(actual.end()).isEqualTo(expected.end());
                }
            }
        }
    }
}
