package dev.sieve.proxy.control;

import static dev.sieve.proxy.control.RuleFolder.ALPHA;
import static dev.sieve.proxy.control.RuleFolder.BETA;
import static dev.sieve.proxy.control.RuleFolder.META;
import static dev.sieve.proxy.control.RuleFolder.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleOverride;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.proxy.control.ReloadResult.Outcome;
import dev.sieve.proxy.testing.CapturingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static final Function<RuleSet, Optional<String>> NO_GUARD = rules -> Optional.empty();

    /** The folder alone (rules.builtin: false), so that only the test rules are in force. */
    private RulesSettings folderOnly() {
        return new RulesSettings(Optional.of(dir), false, List.of(), Map.of(), false, EngineKind.AUTO,
                Duration.ofSeconds(2));
    }

    private RulesSettings folderOnly(List<String> disable, Map<String, RuleOverride> overrides, boolean allowEmpty) {
        return new RulesSettings(Optional.of(dir), false, disable, overrides, allowEmpty, EngineKind.AUTO,
                Duration.ofSeconds(2));
    }

    private RuleStore open() throws RuleLoadException {
        return RuleStore.open(folderOnly(), NO_GUARD, ViewLimits.defaults(), CLOCK);
    }

    private static List<String> ruleIds(RuleStore store) {
        return RuleFolder.inspect(store.openInspection(META, InspectionPolicy.defaults())).ruleIds();
    }

    @Test
    void reloadPicksUpANewRuleAndTellsListeners() throws Exception {
        write(dir.resolve("alpha.yaml"), ALPHA);
        try (RuleStore store = open()) {
            List<ReloadResult> heard = new ArrayList<>();
            store.addListener(heard::add);
            String before = store.current().version();
            assertThat(ruleIds(store)).containsExactly("test.alpha");

            write(dir.resolve("beta.yaml"), BETA);
            ReloadResult result = store.reload();

            assertThat(result.outcome()).isEqualTo(Outcome.RELOADED);
            assertThat(result.success()).isTrue();
            assertThat(result.version()).isEqualTo(store.current().version()).isNotEqualTo(before);
            assertThat(result.at()).isEqualTo(CLOCK.instant());
            assertThat(store.current().rules().rules()).extracting(r -> r.id())
                    .containsExactly("test.alpha", "test.beta");
            assertThat(ruleIds(store)).containsExactly("test.alpha", "test.beta");
            assertThat(heard).containsExactly(result);
        }
    }

    @Test
    void reloadOfSameRulesIsUnchangedAndKeepsTheSnapshot() throws Exception {
        write(dir.resolve("alpha.yaml"), ALPHA);
        try (RuleStore store = open()) {
            RuleSnapshot before = store.current();
            write(dir.resolve("alpha.yaml"), ALPHA + "# a comment changes the file, not the rules\n");

            ReloadResult result = store.reload();

            assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(store.current()).isSameAs(before);
        }
    }

    @Test
    void brokenFileKeepsTheLastGoodSetAndReportsFileAndLine() throws Exception {
        write(dir.resolve("alpha.yaml"), ALPHA);
        try (RuleStore store = open()) {
            List<Boolean> heard = new ArrayList<>();
            store.addListener(r -> heard.add(r.success()));
            RuleSnapshot good = store.current();
            write(dir.resolve("broken.yaml"), BETA.replace("severity: high", "severity: extreme"));

            ReloadResult result = store.reload();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.version()).isEqualTo(good.version());
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e)
                    .startsWith("broken.yaml:4: rule 'test.beta': severity")
                    .contains("extreme"));
            assertThat(store.lastError()).isEqualTo(result.error());
            assertThat(store.current()).isSameAs(good);
            assertThat(ruleIds(store)).containsExactly("test.alpha");
            assertThat(CapturingAppender.all())
                    .contains("rules: reload failed, keeping version " + good.version() + ": " + result.error().get());
            assertThat(heard).containsExactly(false);

            Files.delete(dir.resolve("broken.yaml"));
            assertThat(store.reload().outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(store.lastError()).isEmpty();
            assertThat(heard).containsExactly(false, true);
        }
    }

    @Test
    void patternTheEngineRejectsAtCompileKeepsTheLastGoodSet() throws Exception {
        write(dir.resolve("alpha.yaml"), ALPHA);
        TrackingCompiler compiler = new TrackingCompiler();
        try (RuleStore store = RuleStore.open(folderOnly(), rules -> {
            if (rules.rule("test.beta").isPresent()) {
                throw new IllegalStateException("engine: hyperscan unavailable: test (expected: a platform with it)");
            }
            return compiler.apply(rules);
        }, NO_GUARD, ViewLimits.defaults(), CLOCK)) {
            write(dir.resolve("beta.yaml"), BETA);

            ReloadResult result = store.reload();

            assertThat(result.error()).contains("engine: hyperscan unavailable: test (expected: a platform with it)");
            assertThat(ruleIds(store)).containsExactly("test.alpha");
        }
    }

    @Test
    void inspectionOpenedBeforeASwapFinishesWithItsOwnRules() throws Exception {
        write(dir.resolve("rules.yaml"), ALPHA);
        TrackingCompiler compiler = new TrackingCompiler();
        try (RuleStore store = RuleStore.open(folderOnly(), compiler, NO_GUARD, ViewLimits.defaults(), CLOCK)) {
            String oldVersion = store.current().version();
            Inspection inFlight = store.openInspection(META, InspectionPolicy.defaults());
            inFlight.feed(RuleFolder.body());

            write(dir.resolve("rules.yaml"), BETA);
            assertThat(store.reload().outcome()).isEqualTo(Outcome.RELOADED);
            TrackingCompiler.Tracked old = compiler.compiled.get(0);
            assertThat(old.closed()).as("old rules stay open while an inspection uses them").isFalse();

            InspectionResult result = inFlight.finish(RuleFolder.body());

            assertThat(result.decision()).isEqualTo(Decision.BLOCK);
            assertThat(result.failure()).isEmpty();
            assertThat(result.ruleIds()).containsExactly("test.alpha");
            assertThat(result.ruleSetVersion()).isEqualTo(oldVersion);
            assertThat(old.closes()).as("finish releases the old rules").isEqualTo(1);
            inFlight.close();
            assertThat(old.closes()).isEqualTo(1);
            assertThat(ruleIds(store)).containsExactly("test.beta");
        }
    }

    @Test
    void leaseKeepsTheReplacedRulesOpenUntilClosed() throws Exception {
        write(dir.resolve("rules.yaml"), ALPHA);
        TrackingCompiler compiler = new TrackingCompiler();
        RuleStore store = RuleStore.open(folderOnly(), compiler, NO_GUARD, ViewLimits.defaults(), CLOCK);
        RuleLease lease = store.acquire();
        write(dir.resolve("rules.yaml"), BETA);
        store.reload();

        try (var session = lease.snapshot().compiled().open("v")) {
            session.feed(RuleFolder.body());
            assertThat(session.finish()).extracting(f -> f.ruleId()).containsExactly("test.alpha");
        }
        assertThat(compiler.closedCount()).isZero();

        lease.close();
        lease.close();
        assertThat(compiler.compiled.get(0).closes()).isEqualTo(1);
        assertThatThrownBy(lease::snapshot).isInstanceOf(IllegalStateException.class)
                .hasMessage("lease: closed (expected: use the snapshot before closing its lease)");

        store.close();
        store.close();
        assertThat(compiler.compiled).allSatisfy(c -> assertThat(c.closes()).isEqualTo(1));
        assertThatThrownBy(store::acquire).isInstanceOf(IllegalStateException.class)
                .hasMessage("rules: store closed (expected: use the store before close)");
        assertThatThrownBy(store::reload).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reloadsWhileSeveralThreadsScanNeverMixOrBreakRuleSets() throws Exception {
        write(dir.resolve("rules.yaml"), ALPHA);
        TrackingCompiler compiler = new TrackingCompiler();
        RuleStore store = RuleStore.open(folderOnly(), compiler, NO_GUARD, ViewLimits.defaults(), CLOCK);
        String alphaVersion = store.current().version();
        var pool = Executors.newFixedThreadPool(3);
        CountDownLatch started = new CountDownLatch(3);
        AtomicBoolean reloading = new AtomicBoolean(true);
        try {
            List<Future<List<InspectionResult>>> scanners = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                scanners.add(pool.submit(() -> {
                    List<InspectionResult> results = new ArrayList<>();
                    started.countDown();
                    // Bounded: at least 100 scans, then until the reloads are done, at most 2000.
                    for (int i = 0; i < 2000 && (i < 100 || reloading.get()); i++) {
                        results.add(RuleFolder.inspect(store.openInspection(META, InspectionPolicy.defaults())));
                    }
                    return results;
                }));
            }
            started.await();
            int reloads = 0;
            for (int i = 0; i < 40; i++) {
                write(dir.resolve("rules.yaml"), i % 2 == 0 ? BETA : ALPHA);
                reloads += store.reload().outcome() == Outcome.RELOADED ? 1 : 0;
            }
            reloading.set(false);
            assertThat(reloads).isEqualTo(40);

            for (var scanner : scanners) {
                assertThat(scanner.get()).hasSizeGreaterThanOrEqualTo(100).allSatisfy(result -> {
                    assertThat(result.failure()).isEmpty();
                    String expected = result.ruleSetVersion().equals(alphaVersion) ? "test.alpha" : "test.beta";
                    assertThat(result.ruleIds()).containsExactly(expected);
                });
            }
        } finally {
            pool.shutdown();
        }
        assertThat(compiler.compiled).hasSize(41);
        assertThat(compiler.closedCount()).as("every replaced rule set is closed once no scan uses it").isEqualTo(40);
        store.close();
        assertThat(compiler.compiled).allSatisfy(c -> assertThat(c.closes()).isEqualTo(1));
    }

    @Test
    void pollReloadsOnlyWhenTheFolderContentChanges() throws Exception {
        write(dir.resolve("rules.yaml"), ALPHA);
        try (RuleStore store = open()) {
            assertThat(store.poll()).isEmpty();

            write(dir.resolve("notes.txt"), "not a rule file");
            assertThat(store.poll()).isEmpty();

            write(dir.resolve("more.yml"), BETA);
            assertThat(store.poll()).map(ReloadResult::outcome).contains(Outcome.RELOADED);
            assertThat(store.poll()).isEmpty();

            write(dir.resolve("more.yml"), "rules: [");
            assertThat(store.poll()).map(ReloadResult::outcome).contains(Outcome.FAILED);
            assertThat(store.poll()).as("a broken folder is reported once, not at every poll").isEmpty();
            assertThat(store.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("more.yml:"));

            Files.delete(dir.resolve("more.yml"));
            assertThat(store.poll()).map(ReloadResult::outcome).contains(Outcome.RELOADED);
            assertThat(ruleIds(store)).containsExactly("test.alpha");
        }
    }

    @Test
    void pollSeesAConfigMapStyleSymlinkSwap() throws Exception {
        Path v1 = Files.createDirectory(dir.resolve("..2025_01_01_v1"));
        Path v2 = Files.createDirectory(dir.resolve("..2025_01_02_v2"));
        write(v1.resolve("rules.yaml"), ALPHA);
        write(v2.resolve("rules.yaml"), BETA);
        Path data = Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Files.createSymbolicLink(dir.resolve("rules.yaml"), Path.of("..data", "rules.yaml"));
        try (RuleStore store = open()) {
            assertThat(ruleIds(store)).containsExactly("test.alpha");

            Path next = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
            Files.move(next, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

            assertThat(store.poll()).map(ReloadResult::outcome).contains(Outcome.RELOADED);
            assertThat(ruleIds(store)).containsExactly("test.beta");
        }
    }

    @Test
    void startWatchingValidatesAndCloseStopsIt() throws Exception {
        write(dir.resolve("rules.yaml"), ALPHA);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (RuleStore store = open()) {
            assertThatThrownBy(() -> store.startWatching(scheduler, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("interval: PT0S (expected: > 0)");
            store.startWatching(scheduler, Duration.ofHours(1));
            assertThatThrownBy(() -> store.startWatching(scheduler, Duration.ofHours(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("rules: already watching (expected: startWatching once)");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void defaultPackLoadsAndCannotBeWatched() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (RuleStore store = RuleStore.open(new RulesSettings(Optional.empty(), EngineKind.JAVA,
                Duration.ofSeconds(2)), NO_GUARD, ViewLimits.defaults(), CLOCK)) {
            assertThat(store.current().rules().rules()).isNotEmpty();
            assertThat(store.current().loadedAt()).isEqualTo(CLOCK.instant());
            assertThat(store.reload().outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThatThrownBy(() -> store.startWatching(scheduler, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("rules: no rule folder to watch");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void openFailsWithFileAndLineWhenTheFirstLoadFails() {
        write(dir.resolve("rules.yaml"), ALPHA.replace("category: pii", "category: Gossip"));

        assertThatThrownBy(this::open).isInstanceOf(RuleLoadException.class)
                .hasMessageStartingWith("rules.yaml:3: rule 'test.alpha': category");
    }

    @Test
    void aFolderWithoutRuleFilesIsRefusedAtStartUnlessEmptyIsAllowed() throws Exception {
        RulesSettings withPack = new RulesSettings(Optional.of(dir), EngineKind.JAVA, Duration.ofSeconds(2));

        assertThatThrownBy(this::open).isInstanceOf(RuleLoadException.class)
                .hasMessage(dir + ": no rule files (*.yaml, *.yml) (expected: rule files; a folder without any is"
                        + " refused so that a failed mount cannot switch rules off; set rules.allowEmpty: true to"
                        + " accept it)");
        assertThatThrownBy(() -> RuleStore.open(withPack, NO_GUARD, ViewLimits.defaults(), CLOCK))
                .as("with the built-in pack too: the team's rules would be gone").isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("no rule files");
        try (RuleStore store = RuleStore.open(folderOnly(List.of(), Map.of(), true), NO_GUARD, ViewLimits.defaults(),
                CLOCK)) {
            assertThat(store.current().rules().rules()).isEmpty();
        }
    }

    @Test
    void zeroActiveRulesAreRefusedAtStartAndOnReload() throws Exception {
        write(dir.resolve("rules.yaml"), "rules: []\n");
        assertThatThrownBy(this::open).isInstanceOf(RuleLoadException.class)
                .hasMessage("config: no active rules (expected: at least one rule; set rules.allowEmpty: true to run"
                        + " without any)");

        write(dir.resolve("rules.yaml"), ALPHA);
        try (RuleStore store = open()) {
            RuleSnapshot good = store.current();
            write(dir.resolve("rules.yaml"), "rules: []\n");

            ReloadResult result = store.reload();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.reason()).contains("empty");
            assertThat(store.lastFailureReason()).contains("empty");
            assertThat(store.current()).isSameAs(good);
            assertThat(ruleIds(store)).containsExactly("test.alpha");
        }
    }

    @Test
    void anEmptiedOrVanishedFolderIsAFailedReloadThatKeepsTheLastGoodSet() throws Exception {
        write(dir.resolve("alpha.yaml"), ALPHA);
        try (RuleStore store = open()) {
            List<ReloadResult> heard = new ArrayList<>();
            store.addListener(heard::add);
            Files.delete(dir.resolve("alpha.yaml"));

            assertThat(store.poll()).map(ReloadResult::reason).contains(Optional.of("empty"));
            assertThat(store.lastError()).hasValueSatisfying(e -> assertThat(e).contains("no rule files"));
            assertThat(ruleIds(store)).containsExactly("test.alpha");

            Path moved = Files.move(dir, dir.resolveSibling(dir.getFileName() + "-moved"));
            try {
                assertThat(store.poll()).map(ReloadResult::reason).contains(Optional.of("unreadable"));
                assertThat(store.lastError()).hasValueSatisfying(e -> assertThat(e)
                        .isEqualTo(dir + ": cannot read rule folder: NoSuchFileException (expected: a readable"
                                + " directory of *.yaml files)"));
                assertThat(ruleIds(store)).containsExactly("test.alpha");
            } finally {
                Files.move(moved, dir);
            }
            write(dir.resolve("alpha.yaml"), ALPHA);
            assertThat(store.poll()).map(ReloadResult::outcome).contains(Outcome.UNCHANGED);
            assertThat(store.lastError()).isEmpty();
            assertThat(heard).extracting(ReloadResult::success).containsExactly(false, false, true);
        }
    }

    @Test
    void reconfigurePutsANewSelectionInForceOrKeepsTheOldOne() throws Exception {
        write(dir.resolve("rules.yaml"), ALPHA + BETA.substring("rules:\n".length()));
        try (RuleStore store = open()) {
            RuleOverride toLog = new RuleOverride(Optional.of(Action.LOG), Optional.empty());
            RulesSettings next = folderOnly(List.of("test.beta"), Map.of("test.alpha", toLog), false);

            ReloadResult result = store.reconfigure(next);

            assertThat(result.outcome()).isEqualTo(Outcome.RELOADED);
            assertThat(store.settings()).isEqualTo(next);
            assertThat(store.current().rules().rules()).extracting(r -> r.id() + " " + r.action())
                    .containsExactly("test.alpha LOG");
            assertThat(store.current().selection().disabled()).containsExactly("test.beta");
            assertThat(store.current().selection().weakened()).containsExactly("test.alpha");
            assertThat(CapturingAppender.all())
                    .contains("rules: 1 rule(s) switched off by rules.disable: test.beta")
                    .contains("rules: rules.overrides lower the action of 1 rule(s): test.alpha (to log)")
                    .contains("rules: rules.builtin is false: the built-in pack is off; only the 1 rule(s) of " + dir
                            + " are in force");

            ReloadResult typo = store.reconfigure(folderOnly(List.of("test.gamma"), Map.of(), false));

            assertThat(typo.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(typo.reason()).contains("invalid");
            assertThat(typo.error()).contains("config: rules.disable[0]: 'test.gamma' (expected: the id of a rule in "
                    + dir + "; no rule has this id)");
            assertThat(store.settings()).isEqualTo(next);
            assertThat(store.current().rules().rules()).extracting(r -> r.id()).containsExactly("test.alpha");
        }
    }

    @Test
    void theGuardRefusesAReloadThatTheConfigCannotAccept() throws Exception {
        write(dir.resolve("alpha.yaml"), ALPHA.replace("category: pii", "category: confidential"));
        Function<RuleSet, Optional<String>> guard = rules -> rules.rules().stream()
                .anyMatch(r -> r.category().yamlName().equals("confidential")) ? Optional.empty()
                : Optional.of("allow[].inspection names categories no active rule declares: api.example [confidential]");
        try (RuleStore store = RuleStore.open(folderOnly(), guard, ViewLimits.defaults(), CLOCK)) {
            write(dir.resolve("alpha.yaml"), ALPHA);

            ReloadResult result = store.reload();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.reason()).contains("references");
            assertThat(result.error()).contains("allow[].inspection names categories no active rule declares:"
                    + " api.example [confidential]");
            assertThat(store.current().rules().rules()).extracting(r -> r.category().yamlName())
                    .containsExactly("confidential");
        }
    }
}
