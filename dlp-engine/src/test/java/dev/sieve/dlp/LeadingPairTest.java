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

/** That searching only where a pair of bytes can start a match gives exactly {@code Matcher.find()}. */
class LeadingPairTest {

    /** Patterns led by a group (no first byte to read), with look-behinds, {@code ^}, one-byte and empty matches. */
    static final String[][] PATTERNS = {
        {"(?:ab|ba|a_)[ ]?=[^ \\n]{2,4}", "caseless"},
        {"(?:ab|b)(?:-[a-z0-9]{0,3})?=b", ""},
        {"(?:\\ba|b\\b)_?b", ""},
        {"(?:\\Bab|c)1", "caseless"},
        {"(?:^a|\\r)b", "multiline"},
        {"(?:a|bc)", ""},
        {"(?:a|b)?c", ""},
        {"(?:x)?", ""},
        {"(?:a_|b )$", "multiline"},
        {"(?:[^a]b|a\\n)", ""},
    };

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("aAbBcC1 _=-\n\r\u0085".toCharArray()).ofMinLength(0).ofMaxLength(40);
    }

    @Property(tries = 400)
    void findGivesTheMatchersResultFromEveryPosition(@ForAll("texts") String text) {
        for (String[] p : PATTERNS) {
            Set<Rule.PatternFlag> flags = switch (p[1]) {
                case "caseless" -> Set.of(Rule.PatternFlag.CASELESS);
                case "multiline" -> Set.of(Rule.PatternFlag.MULTILINE);
                default -> Set.of();
            };
            Pattern twin = FindParity.twin(p[0], flags);
            FindParity.assertSameAsFind(LeadingPair.of(twin).orElseThrow()::find, twin, text);
        }
    }

    @Test
    void aKeywordAlternationLetsFewPairsThroughAndTheRegexIsNotTriedElsewhere() {
        Pattern twin = Pattern.compile(RegexSyntax.analyze("(?:password|secret|token)[ ]?=[a-z0-9]{8,}").javaRegex(),
                JavaPatterns.flags(Set.of(Rule.PatternFlag.CASELESS)));
        LeadingPair filter = LeadingPair.of(twin).orElseThrow();
        String text = "the spec retold: tokens, secrets and passes; then SECRET =s3cr3tvalue1 and more";
        Matcher m = twin.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        assertThat(filter.find(m, text, 0)).isTrue();
        assertThat(text.substring(m.start(), m.end())).isEqualTo("SECRET =s3cr3tvalue1");
        CountingText counted = new CountingText("xx".repeat(500) + "token=abcdefgh12");
        Matcher c = twin.matcher(counted).useTransparentBounds(true).useAnchoringBounds(false);
        assertThat(filter.find(c, counted, 0)).isTrue();
        // The pair test reads two chars per position; find() alone reads at least one per position and alternative.
        assertThat(counted.reads).isLessThan(3 * counted.length());
    }

    @Test
    void searchStartAnchorsGetNoFilter() {
        assertThat(LeadingPair.of(Pattern.compile("\\Gab|cd"))).isEmpty();
        assertThat(LeadingPair.of(Pattern.compile("\\Aab|cd"))).isEmpty();
    }

    /** A text that counts the chars read from it. */
    private static final class CountingText implements CharSequence {
        private final String s;
        int reads;

        CountingText(String s) {
            this.s = s;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
