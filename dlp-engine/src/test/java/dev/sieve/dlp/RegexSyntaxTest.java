package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            abc                      | 3 | 3
            a{2,5}b?                 | 2 | 6
            "(?:ab|c){1,3}"          | 1 | 6
            \\bghp_[A-Za-z0-9]{36}\\b | 40 | 40
            [a-z]*                   | 0 | -1
            x+                       | 1 | -1
            \\x41\\Q.*\\E            | 3 | 3
            é                        | 2 | 2
            ^$                       | 0 | 0
            (?i)a(?-i:b)             | 2 | 2
            (?<name>a)b              | 2 | 2
            a{,2}                    | 5 | 5
            """)
    void widths(String pattern, int min, int max) {
        RegexSyntax.Info info = RegexSyntax.analyze(pattern);

        assertThat(info.problems()).isEmpty();
        assertThat(info.minWidth()).isEqualTo(min);
        assertThat(info.maxWidth()).isEqualTo(max);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a(?=b)       | look-around '(?='
            (?<!a)b      | look-around '(?<!'
            (a)\\1       | back-reference '\\1'
            (?<n>a)\\k<n> | back-reference '\\k'
            (?>ab)       | atomic group '(?>'
            a++          | possessive quantifier '++'
            [[:alpha:]]  | POSIX class '[:'
            \\p{L}       | escape '\\p'
            (?x)a        | inline flag 'x'
            \\0          | octal escape '\\0'
            [a&&b]       | '&&' inside a character class
            """)
    void unsupportedConstructsAreNamed(String pattern, String construct) {
        assertThat(RegexSyntax.analyze(pattern).problems()).anySatisfy(p -> assertThat(p).contains(construct));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            \\bab          | "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))ab"
            é              | \\xC3\\xA9
            a{,2}          | a\\{,2\\}
            [\\x41-\\x45]  | [\\x41\\x42\\x43\\x44\\x45]
            [^a-b]         | [^\\x61\\x62]
            """)
    void javaTranslation(String pattern, String java) {
        assertThat(RegexSyntax.analyze(pattern).javaRegex()).isEqualTo(java);
    }
}
