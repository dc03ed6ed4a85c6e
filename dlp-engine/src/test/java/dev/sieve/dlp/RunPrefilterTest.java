package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which patterns Hyperscan searches as a plain run instead (see {@link StartOfMatchTest} for the findings). */
class RunPrefilterTest {

    private static final String BASE58 = "[1-9A-HJ-NP-Za-km-z]";

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "\\b[5KLc9]" + BASE58 + "{50,51}\\b => " + BASE58 + "{51}",
        "[5KL]" + BASE58 + "{50} => " + BASE58 + "{51}",
        "^K" + BASE58 + "{40,60}$ => " + BASE58 + "{41}",
        "\\Bx[a-z0-9]{31} => [a-z0-9]{32}",
        "[0O]" + BASE58 + "{50} => none",
        "\\b[A-Z][a-z]{3,10}\\b => none",
        "x[a-z0-9]{30} => none",
        "[5K]" + BASE58 + "{50}x => none",
        "[5K]?" + BASE58 + "{50} => none",
        "[5K]" + BASE58 + "{50,} => none",
        "[5K]" + BASE58 + "+ => none",
        "a[a-z]{40}|b => none",
        "(?:a[a-z]{40}) => none",
        "AKIA[A-Z2-7]{16} => none",
    })
    void onlyALeadByteInALongBoundedRunIsSearchedAsThatRun(String pattern, String expected) {
        assertThat(RunPrefilter.of(pattern, Set.of()).orElse("none")).isEqualTo(expected);
    }

    @Test
    void caseFoldingWidensBothClassesAlike() {
        assertThat(RunPrefilter.of("k[a-z]{40}", Set.of(Rule.PatternFlag.CASELESS))).contains("[a-z]{41}");
        assertThat(RunPrefilter.of("K[a-z]{40}", Set.of())).isEmpty();
    }

    @Test
    void thePatternTableKeepsThePatternForJavaAndTheRunForHyperscan() throws RuleLoadException {
        RuleSet rules = RuleSet.parse(java.util.Map.of("r.yaml", "rules:\n  - id: credential.x\n    category: credential\n"
                + "    severity: low\n    patterns: ['\\b[5KLc9]" + BASE58 + "{50,51}\\b', '\\bAKIA[A-Z2-7]{16}']\n"));
        PatternTable.Entry wif = new PatternTable(rules).entries().get(0);
        PatternTable.Entry akia = new PatternTable(rules).entries().get(1);
        assertThat(wif.prefiltered()).isTrue();
        assertThat(wif.hyperscanPattern()).isEqualTo(BASE58 + "{51}");
        assertThat(wif.minWidth()).isEqualTo(51);
        assertThat(wif.maxWidth()).isEqualTo(52);
        assertThat(akia.prefiltered()).isFalse();
        assertThat(akia.hyperscanPattern()).isEqualTo(akia.pattern());
    }
}
