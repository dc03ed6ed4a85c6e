package dev.sieve.proxy.control;

import static dev.sieve.proxy.control.RuleFolder.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.config.ConfigException;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.control.ReloadResult.Outcome;
import dev.sieve.proxy.policy.Allowlist;
import dev.sieve.proxy.policy.Decision;
import dev.sieve.proxy.policy.DenyReason;
import dev.sieve.proxy.policy.Destination;
import dev.sieve.proxy.testing.CapturingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final Destination ONE = new Destination("api.one.example", 443, true);
    private static final Destination TWO = new Destination("api.two.example", 443, true);

    @TempDir
    Path dir;
    private Path file;
    private final PolicyHolder holder = new PolicyHolder(Allowlist.empty());
    private final List<SieveConfig> heard = new ArrayList<>();

    @BeforeEach
    void setUp() {
        file = dir.resolve("sieve.yaml");
    }

    private String config(String... hosts) {
        StringBuilder yaml = new StringBuilder("dataDir: " + dir.resolve("data") + "\nallow:\n");
        for (String host : hosts) {
            yaml.append("  - { host: ").append(host).append(", ports: [443], mode: inspect }\n");
        }
        return yaml.toString();
    }

    private ConfigWatcher open() {
        ConfigWatcher watcher = ConfigWatcher.open(file, config -> {
            heard.add(config);
            holder.swap(config.allowlist());
        }, CLOCK);
        holder.swap(watcher.current().allowlist());
        return watcher;
    }

    @Test
    void allowlistChangeTakesEffectThroughThePolicyHolder() {
        write(file, config("api.one.example"));
        try (ConfigWatcher watcher = open()) {
            assertThat(holder.get().decide(TWO)).isInstanceOfSatisfying(Decision.Deny.class,
                    d -> assertThat(d.reason()).isEqualTo(DenyReason.NOT_ALLOWLISTED));
            assertThat(watcher.poll()).isEmpty();

            write(file, config("api.one.example", "api.two.example"));
            ReloadResult result = watcher.poll().orElseThrow();

            assertThat(result.outcome()).isEqualTo(Outcome.RELOADED);
            assertThat(result.at()).isEqualTo(CLOCK.instant());
            assertThat(holder.get().decide(TWO)).isInstanceOf(Decision.Allow.class);
            assertThat(holder.get().decide(ONE)).isInstanceOf(Decision.Allow.class);
            assertThat(heard).hasSize(1);
            assertThat(watcher.current()).isSameAs(heard.get(0));
            assertThat(watcher.poll()).isEmpty();
        }
    }

    @Test
    void badConfigKeepsTheOldPolicyAndReportsFileAndLine() {
        write(file, config("api.one.example"));
        try (ConfigWatcher watcher = open()) {
            SieveConfig good = watcher.current();
            String goodVersion = watcher.reload().version();
            write(file, config("api.one.example") + "  - { host: api.two.example, ports: [70000] }\n");

            ReloadResult result = watcher.poll().orElseThrow();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.version()).isEqualTo(goodVersion);
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e)
                    .startsWith(file + ":4: allow[1].ports[0]: 70000 (expected: "));
            assertThat(watcher.lastError()).isEqualTo(result.error());
            assertThat(watcher.current()).isSameAs(good);
            assertThat(heard).isEmpty();
            assertThat(holder.get().decide(ONE)).isInstanceOf(Decision.Allow.class);
            assertThat(holder.get().decide(TWO)).isInstanceOf(Decision.Deny.class);
            assertThat(CapturingAppender.all()).contains(result.error().get());
            assertThat(watcher.poll()).as("a broken file is reported once, not at every poll").isEmpty();

            write(file, config("api.two.example"));
            assertThat(watcher.poll()).map(ReloadResult::outcome).contains(Outcome.RELOADED);
            assertThat(watcher.lastError()).isEmpty();
            assertThat(holder.get().decide(TWO)).isInstanceOf(Decision.Allow.class);
            assertThat(holder.get().decide(ONE)).isInstanceOf(Decision.Deny.class);
        }
    }

    @Test
    void deletedFileKeepsTheOldConfig() throws Exception {
        write(file, config("api.one.example"));
        try (ConfigWatcher watcher = open()) {
            Files.delete(file);

            ReloadResult result = watcher.poll().orElseThrow();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e)
                    .startsWith(file + ": cannot read config file"));
            assertThat(holder.get().decide(ONE)).isInstanceOf(Decision.Allow.class);
        }
    }

    @Test
    void changeThatLeavesTheConfigEqualIsUnchangedAndNotHeard() {
        write(file, config("api.one.example"));
        try (ConfigWatcher watcher = open()) {
            write(file, "# reformatted\n" + config("api.one.example"));

            assertThat(watcher.poll()).map(ReloadResult::outcome).contains(Outcome.UNCHANGED);
            assertThat(heard).isEmpty();
        }
    }

    @Test
    void listenerFailureIsReportedAndTheValidConfigStaysInForce() {
        write(file, config("api.one.example"));
        try (ConfigWatcher watcher = ConfigWatcher.open(file, config -> {
            throw new IllegalArgumentException("boom");
        }, CLOCK)) {
            write(file, config("api.two.example"));

            ReloadResult result = watcher.reload();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.error()).contains("config: " + file + ": applying the reloaded config failed"
                    + " (IllegalArgumentException) (expected: a listener that accepts every valid config)");
            assertThat(watcher.current().allowlist().rules()).extracting(r -> r.host())
                    .containsExactly("api.two.example");
        }
    }

    @Test
    void openFailsOnABadFileAndWatchingValidatesItsInterval() {
        write(file, "allow: 7\n");
        assertThatThrownBy(this::open).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1: allow");

        write(file, config("api.one.example"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ConfigWatcher watcher = open()) {
            assertThatThrownBy(() -> watcher.startWatching(scheduler, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("interval: PT-1S (expected: > 0)");
            watcher.startWatching(scheduler, Duration.ofHours(1));
            watcher.close();
            assertThatThrownBy(() -> watcher.startWatching(scheduler, Duration.ofHours(1)))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
