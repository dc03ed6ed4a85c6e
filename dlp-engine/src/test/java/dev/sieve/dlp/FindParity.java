package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a start filter's search ({@link FirstByte}, {@link LeadingRun}, {@link LeadingPair}) against find(). */
final class FindParity {

    /** A filtered search: same contract as {@code FirstByte.find}. */
    interface Search {
        boolean find(Matcher m, CharSequence text, int from);
    }

    private FindParity() {
    }

    /** The java.util.regex twin of {@code pattern} (Hyperscan syntax) under {@code flags}. */
    static Pattern twin(String pattern, Set<Rule.PatternFlag> flags) {
        return Pattern.compile(RegexSyntax.analyze(pattern).javaRegex(), JavaPatterns.flags(flags));
    }

    /** From every position of {@code text}, {@code search} finds what {@code Matcher.find()} finds, at the same span. */
    static void assertSameAsFind(Search search, Pattern twin, String text) {
        Matcher expected = matcher(twin, text);
        Matcher actual = matcher(twin, text);
        for (int from = 0; from <= text.length(); from++) {
            expected.region(from, text.length());
            boolean found = expected.find();
            assertThat(search.find(actual, text, from)).as("%s in '%s' from %d", twin, text, from).isEqualTo(found);
            if (found) {
                assertThat(actual.start()).isEqualTo(expected.start());
                assertThat(actual.end()).isEqualTo(expected.end());
            }
        }
    }

    private static Matcher matcher(Pattern p, String text) {
        return p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }
}
