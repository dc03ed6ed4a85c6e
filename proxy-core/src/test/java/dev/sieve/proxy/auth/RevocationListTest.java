package dev.sieve.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.files.Sharing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationListTest {
    @TempDir
    Path dir;

    @Test
    void adminRevocationsApplyAtOnceAndSurviveARestart() throws IOException {
        RevocationList list = RevocationList.open(dir.resolve("revocations.json"), Optional.empty());

        assertThat(list.revoke(Revocation.token("tok-1"))).isTrue();
        assertThat(list.revoke(Revocation.agent("agent-2"))).isTrue();
        assertThat(list.revoke(Revocation.token("tok-1"))).as("already").isFalse();

        assertThat(list.isRevoked("agent-1", Optional.of("tok-1"))).isTrue();
        assertThat(list.isRevoked("agent-1", Optional.of("tok-3"))).isFalse();
        assertThat(list.isRevoked("agent-2", Optional.empty())).as("an agent: static credentials too").isTrue();
        RevocationList reopened = RevocationList.open(dir.resolve("revocations.json"), Optional.empty());
        assertThat(reopened.isRevoked("x", Optional.of("tok-1"))).isTrue();

        assertThat(reopened.restore(Revocation.token("tok-1"))).isTrue();
        assertThat(RevocationList.open(dir.resolve("revocations.json"), Optional.empty())
                .isRevoked("x", Optional.of("tok-1"))).isFalse();
    }

    @Test
    void theWatchedFileIsReadOnChangeAndABadFileKeepsTheLastGoodState() throws IOException {
        Path file = dir.resolve("revoked.txt");
        Files.writeString(file, "# revoked\ntoken:tok-7\nagent:agent-9\n");
        RevocationList list = RevocationList.open(dir.resolve("state.json"), Optional.of(file));
        assertThat(list.isRevoked("a", Optional.of("tok-7"))).isTrue();
        assertThat(list.isRevoked("agent-9", Optional.empty())).isTrue();

        Files.writeString(file, "token:tok-7\nsomething else\n");
        assertThat(list.pollFile()).isFalse();
        assertThat(list.isRevoked("agent-9", Optional.empty())).as("nothing un-revoked by a typo").isTrue();

        Files.writeString(file, "token:tok-8\n");
        assertThat(list.pollFile()).isTrue();
        assertThat(list.isRevoked("a", Optional.of("tok-7"))).isFalse();
        assertThat(list.isRevoked("a", Optional.of("tok-8"))).isTrue();
    }

    @Test
    void aSharedListIsAdoptedPersistedAndAnnouncedAndARefusedLiftChangesNothing() throws IOException {
        RevocationList list = RevocationList.open(dir.resolve("state.json"), Optional.empty());
        List<Revocation> shared = new ArrayList<>();
        list.share(new Sharing<>() {
            @Override
            public void applied(Revocation r) {
                shared.add(r);
            }

            @Override
            public void lifting(Revocation r) throws IOException {
                throw new IOException("fleet out");
            }
        });
        List<RevocationList.Snapshot> seen = new ArrayList<>();
        list.addListener(seen::add);

        list.revoke(Revocation.token("tok-1"));
        assertThat(shared).containsExactly(Revocation.token("tok-1"));
        assertThatThrownBy(() -> list.restore(Revocation.token("tok-1"))).hasMessage("fleet out");
        assertThat(list.isRevoked("a", Optional.of("tok-1"))).as("a refused lift lifts nothing").isTrue();

        list.adoptAdmin(RevocationState.EMPTY.with(Revocation.agent("agent-3")));
        assertThat(list.isRevoked("agent-3", Optional.empty())).isTrue();
        assertThat(list.isRevoked("a", Optional.of("tok-1"))).isFalse();
        assertThat(seen).hasSize(2);
        list.adoptAdmin(RevocationState.EMPTY.with(Revocation.agent("agent-3")));
        assertThat(seen).as("the same state again announces nothing").hasSize(2);
        assertThat(RevocationList.open(dir.resolve("state.json"), Optional.empty())
                .isRevoked("agent-3", Optional.empty())).as("persisted").isTrue();
    }

    @Test
    void aCorruptStateFileStopsTheStart() throws IOException {
        Files.writeString(dir.resolve("state.json"), "{\"tokens\": 3}");

        assertThatThrownBy(() -> RevocationList.open(dir.resolve("state.json"), Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageContaining("is not a revocation list");
    }

    @Test
    void idsAreValidatedAndNeverEchoed() {
        assertThatThrownBy(() -> Revocation.parse("token:sieve1.abc.def"))
                .hasMessageNotContaining("sieve1").hasMessageContaining("(not shown)");
        assertThatThrownBy(() -> Revocation.parse("user:someone")).hasMessageNotContaining("someone");
    }
}
