package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
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
            FindParity.assertSameAsFind(filter::find, FindParity.twin(p[0], flags), text);
        }
    }
}
