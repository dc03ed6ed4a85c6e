package dev.sieve.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.files.Sharing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchTest {

    @TempDir
    Path dir;

    private KillSwitch open() throws IOException {
        return KillSwitch.open(dir.resolve("state/killswitch.json"), Optional.empty());
    }

    @Test
    void aSharedStateIsAdoptedPersistedAndAnnouncedAndARefusedReleaseChangesNothing() throws IOException {
        KillSwitch ks = open();
        List<KillSwitchScope> shared = new ArrayList<>();
        ks.share(new Sharing<>() {
            @Override
            public void applied(KillSwitchScope scope) {
                shared.add(scope);
            }

            @Override
            public void lifting(KillSwitchScope scope) throws IOException {
                throw new IOException("fleet out");
            }
        });
        List<KillSwitch.Snapshot> seen = new ArrayList<>();
        ks.addListener(seen::add);

        ks.engage(KillSwitchScope.agent("agent-1"));
        assertThat(shared).containsExactly(KillSwitchScope.agent("agent-1"));
        assertThatThrownBy(() -> ks.release(KillSwitchScope.agent("agent-1"))).hasMessage("fleet out");
        assertThat(ks.isBlocked("agent-1")).as("a refused release releases nothing").isTrue();

        ks.adoptAdmin(new KillSwitchState(false, Set.of("agent-2"), Set.of("tok-3")));
        assertThat(ks.isBlocked("agent-2")).isTrue();
        assertThat(ks.isTokenBlocked("tok-3")).isTrue();
        assertThat(ks.isBlocked("agent-1")).isFalse();
        assertThat(seen).hasSize(2);
        ks.adoptAdmin(new KillSwitchState(false, Set.of("agent-2"), Set.of("tok-3")));
        assertThat(seen).as("the same state again announces nothing").hasSize(2);
        assertThat(open().isBlocked("agent-2")).as("persisted").isTrue();
    }

    @Test
    void startsReleasedWithoutAStateFile() throws IOException {
        KillSwitch ks = open();

        assertThat(ks.engaged()).isFalse();
        assertThat(ks.isBlocked("agent-1")).isFalse();
    }

    @Test
    void engagingOneAgentBlocksOnlyThatAgent() throws IOException {
        KillSwitch ks = open();

        ks.engage(KillSwitchScope.agent("agent-1"));

        assertThat(ks.isBlocked("agent-1")).isTrue();
        assertThat(ks.isBlocked("agent-2")).isFalse();
        assertThat(ks.engaged()).isTrue();
    }

    @Test
    void engagingEverythingBlocksEveryAgentAndReleasingEverythingClearsAgentsToo() throws IOException {
        KillSwitch ks = open();
        ks.engage(KillSwitchScope.agent("agent-1"));
        ks.engage(KillSwitchScope.ALL);

        assertThat(ks.isBlocked("anonymous")).isTrue();
        ks.release(KillSwitchScope.agent("agent-1"));
        assertThat(ks.isBlocked("agent-1")).as("still stopped by 'all'").isTrue();

        ks.release(KillSwitchScope.ALL);
        assertThat(ks.engaged()).isFalse();
    }

    @Test
    void releasingTheGlobalScopeKeepsAgentsAndTokensStopped() throws IOException {
        KillSwitch ks = open();
        ks.engage(KillSwitchScope.agent("agent-1"));
        ks.engage(KillSwitchScope.token("tok-1"));
        ks.engage(KillSwitchScope.ALL);

        ks.release(KillSwitchScope.ALL);

        assertThat(ks.isBlocked("agent-2")).as("global scope released").isFalse();
        assertThat(ks.isBlocked("agent-1")).as("agent scope is separate").isTrue();
        assertThat(ks.isTokenBlocked("tok-1")).as("token scope is separate").isTrue();
        assertThat(ks.isTokenBlocked("tok-2")).isFalse();
        assertThat(open().isTokenBlocked("tok-1")).as("persisted").isTrue();
        ks.release(KillSwitchScope.token("tok-1"));
        ks.release(KillSwitchScope.agent("agent-1"));
        assertThat(ks.engaged()).isFalse();
    }

    @Test
    void fleetFileStopsTokens() throws IOException {
        Path file = dir.resolve("fleet");
        Files.writeString(file, "# stop one token\ntoken:tok-9\nagent:agent-3\n");
        KillSwitch ks = KillSwitch.open(dir.resolve("ks.json"), Optional.of(file));

        assertThat(ks.isTokenBlocked("tok-9")).isTrue();
        assertThat(ks.isBlocked("agent-3")).isTrue();
        assertThat(ks.isBlocked("agent-4")).isFalse();
    }

    @Test
    void stateSurvivesANewInstance() throws IOException {
        KillSwitch first = open();
        first.engage(KillSwitchScope.agent("agent-1"));
        first.engage(KillSwitchScope.agent("agent-2"));
        first.release(KillSwitchScope.agent("agent-2"));

        KillSwitch second = open();

        assertThat(second.snapshot().admin()).isEqualTo(new KillSwitchState(false, Set.of("agent-1")));
        assertThat(second.isBlocked("agent-1")).isTrue();
        assertThat(second.isBlocked("agent-2")).isFalse();
    }

    @Test
    void aCorruptStateFileStopsTheStart() throws IOException {
        Path state = dir.resolve("killswitch.json");
        Files.writeString(state, "{\"all\": \"maybe\"}");

        assertThatThrownBy(() -> KillSwitch.open(state, Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessage("killSwitch.stateFile: " + state + " is not a kill-switch state (expected: "
                        + "{\"all\": true|false, \"agents\": [...], \"tokens\": [...]}, or delete it to start released)");
    }

    @Test
    void invalidAgentIdIsRejectedWithTheSyntax() {
        assertThatThrownBy(() -> KillSwitchScope.agent("no spaces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent: \"no spaces\" (expected: 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit)");
    }

    @Test
    void fleetFileEngagesAndReleasesOnContentChange() throws IOException {
        Path file = dir.resolve("engaged");
        Files.writeString(file, "false\n");
        KillSwitch ks = KillSwitch.open(dir.resolve("ks.json"), Optional.of(file));
        List<KillSwitch.Snapshot> seen = new ArrayList<>();
        ks.addListener(seen::add);
        assertThat(ks.engaged()).isFalse();

        Files.writeString(file, "true\n");
        assertThat(ks.pollFile()).isTrue();
        assertThat(ks.isBlocked("agent-1")).isTrue();
        assertThat(ks.pollFile()).as("unchanged content").isFalse();

        Files.writeString(file, "# incident 42\nagent:agent-7\nagent:agent-8\n");
        assertThat(ks.pollFile()).isTrue();
        assertThat(ks.isBlocked("agent-1")).isFalse();
        assertThat(ks.isBlocked("agent-8")).isTrue();

        Files.writeString(file, "");
        assertThat(ks.pollFile()).isTrue();
        assertThat(ks.engaged()).isFalse();
        assertThat(seen).hasSize(3);
        assertThat(ks.snapshot().admin()).isEqualTo(KillSwitchState.RELEASED);
    }

    @Test
    void fleetFileIsSeenThroughAConfigMapStyleSymlinkSwap() throws IOException {
        // The kubelet writes a new ..data directory and swaps the ..data symlink; the key is a symlink into it.
        Path v1 = Files.createDirectories(dir.resolve("..2024_01"));
        Path v2 = Files.createDirectories(dir.resolve("..2024_02"));
        Files.writeString(v1.resolve("engaged"), "false");
        Files.writeString(v2.resolve("engaged"), "true");
        Path data = Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Path key = Files.createSymbolicLink(dir.resolve("engaged"), Path.of("..data/engaged"));
        KillSwitch ks = KillSwitch.open(dir.resolve("ks.json"), Optional.of(key));
        assertThat(ks.engaged()).isFalse();

        Path next = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
        Files.move(next, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(ks.pollFile()).isTrue();
        assertThat(ks.isBlocked("any")).isTrue();
    }

    @Test
    void unrecognizedFleetFileContentFailsClosed() throws IOException {
        Path file = dir.resolve("engaged");
        Files.writeString(file, "stop it please");

        KillSwitch ks = KillSwitch.open(dir.resolve("ks.json"), Optional.of(file));

        assertThat(ks.snapshot().file()).isEqualTo(new KillSwitchState(true, Set.of()));
    }

    @Test
    void aMissingFleetFileKeepsTheLastState() throws IOException {
        Path file = dir.resolve("engaged");
        Files.writeString(file, "engaged");
        KillSwitch ks = KillSwitch.open(dir.resolve("ks.json"), Optional.of(file));

        Files.delete(file);

        assertThat(ks.pollFile()).isFalse();
        assertThat(ks.engaged()).isTrue();
    }

    @Test
    void adminReleaseDoesNotReleaseWhatTheFleetFileEngaged() throws IOException {
        Path file = dir.resolve("engaged");
        Files.writeString(file, "true");
        KillSwitch ks = KillSwitch.open(dir.resolve("ks.json"), Optional.of(file));

        ks.release(KillSwitchScope.ALL);

        assertThat(ks.isBlocked("agent-1")).isTrue();
    }

    @Test
    void registryClosesOnlyConnectionsOfTheStoppedScope() throws IOException {
        ConnectionRegistry registry = new ConnectionRegistry();
        KillSwitch ks = open();
        ks.addListener(s -> registry.closeIf(s::blocks));
        List<String> closed = new ArrayList<>();
        registry.register("agent-1", () -> closed.add("a1-tunnel-1"));
        registry.register("agent-1", () -> closed.add("a1-tunnel-2"));
        registry.register("agent-2", () -> closed.add("a2-tunnel"));
        ConnectionRegistry.Registration ended = registry.register("agent-1", () -> closed.add("ended"));
        ended.close();

        ks.engage(KillSwitchScope.agent("agent-1"));

        assertThat(closed).containsExactlyInAnyOrder("a1-tunnel-1", "a1-tunnel-2");
        assertThat(registry.size()).isEqualTo(1);

        ks.engage(KillSwitchScope.ALL);
        assertThat(closed).contains("a2-tunnel");
        assertThat(registry.size()).isZero();
    }
}
