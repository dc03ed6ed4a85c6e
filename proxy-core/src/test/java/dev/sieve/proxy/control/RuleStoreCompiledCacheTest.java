package dev.sieve.proxy.control;

import static dev.sieve.proxy.control.RuleFolder.ALPHA;
import static dev.sieve.proxy.control.RuleFolder.BETA;
import static dev.sieve.proxy.control.RuleFolder.META;
import static dev.sieve.proxy.control.RuleFolder.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.proxy.control.ReloadResult.Outcome;
import dev.sieve.proxy.testing.CapturingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule store with {@code rules.compiledCache}: at open and on reload, with a cache that works and one that cannot. */
class RuleStoreCompiledCacheTest {

    @TempDir
    Path dir;
    Path rules;

    @BeforeEach
    void hyperscanAndARuleFolder() throws Exception {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
        rules = Files.createDirectories(dir.resolve("rules"));
        write(rules.resolve("alpha.yaml"), ALPHA);
    }

    private RuleStore open(Path cache) throws RuleLoadException {
        return RuleStore.open(new RulesSettings(Optional.of(rules), false, List.of(), Map.of(), false,
                EngineKind.HYPERSCAN, Duration.ofSeconds(2), Optional.of(cache)), r -> Optional.empty(),
                ViewLimits.defaults(), Clock.systemUTC());
    }

    private static List<String> ruleIds(RuleStore store) {
        return RuleFolder.inspect(store.openInspection(META, InspectionPolicy.defaults())).ruleIds();
    }

    @Test
    void aSecondStartWithTheSameRulesReadsTheCacheAndBlocksTheSame() throws Exception {
        Path cache = dir.resolve("cache");
        List<String> cold;
        try (RuleStore first = open(cache)) {
            assertThat(first.lastCompile().cached()).isFalse();
            assertThat(first.lastCompile().engine()).isEqualTo("hyperscan");
            cold = ruleIds(first);
        }
        try (RuleStore second = open(cache)) {
            assertThat(second.lastCompile().cached()).isTrue();
            assertThat(ruleIds(second)).isEqualTo(cold).containsExactly("test.alpha");
        }
        assertThat(CapturingAppender.all()).contains("rules: hyperscan database read from the compiled cache in ")
                .containsPattern("rules: compiled for the hyperscan engine in [0-9]+\\.[0-9]{2} s");
    }

    @Test
    void aReloadToNewRulesCompilesAndAReloadBackReadsTheCache() throws Exception {
        try (RuleStore store = open(dir.resolve("cache"))) {
            List<RuleCompile> heard = new ArrayList<>();
            store.addCompileListener(heard::add);

            write(rules.resolve("beta.yaml"), BETA);
            assertThat(store.reload().outcome()).isEqualTo(Outcome.RELOADED);
            assertThat(ruleIds(store)).containsExactly("test.alpha", "test.beta");
            Files.delete(rules.resolve("beta.yaml"));
            assertThat(store.reload().outcome()).isEqualTo(Outcome.RELOADED);

            assertThat(heard).extracting(RuleCompile::cached).containsExactly(false, true);
            assertThat(store.lastCompile()).isSameAs(heard.get(1));
            assertThat(ruleIds(store)).containsExactly("test.alpha");
        }
    }

    @Test
    void aCacheThatCannotBeWrittenStillLoadsTheRulesAndWarnsOnce() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        Path cache = notADirectory.resolve("cache");
        try (RuleStore store = open(cache)) {
            write(rules.resolve("beta.yaml"), BETA);
            assertThat(store.reload().outcome()).isEqualTo(Outcome.RELOADED);

            assertThat(store.lastCompile().cached()).isFalse();
            assertThat(ruleIds(store)).containsExactly("test.alpha", "test.beta");
        }
        String logs = CapturingAppender.all();
        assertThat(Pattern.compile(Pattern.quote("compiled cache: cannot write to " + cache)).matcher(logs).results()
                .count()).isEqualTo(1);
        assertThat(logs.lines().filter(l -> l.contains(cache.toString()))).as("nothing else about it").hasSize(1);
        assertThat(Files.readString(notADirectory)).isEqualTo("x");
    }

    @Test
    void aCorruptEntryIsReplacedAndTheLogNamesNoPattern() throws Exception {
        Path cache = dir.resolve("cache");
        open(cache).close();
        Path entry;
        try (Stream<Path> files = Files.list(cache)) {
            entry = files.findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(entry);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(entry, bad);

        try (RuleStore store = open(cache)) {
            assertThat(store.lastCompile().cached()).isFalse();
            assertThat(ruleIds(store)).containsExactly("test.alpha");
        }

        assertThat(Files.readAllBytes(entry)).isEqualTo(good);
        String logs = CapturingAppender.all();
        assertThat(logs).contains("compiled cache: ignoring " + entry + ": checksum mismatch (corrupt); compiling"
                + " and replacing it");
        assertThat(logs.lines().filter(l -> l.contains("compiled cache") || l.contains("compiled for the")))
                .isNotEmpty().noneMatch(l -> l.contains("ALPHA"));
    }
}
