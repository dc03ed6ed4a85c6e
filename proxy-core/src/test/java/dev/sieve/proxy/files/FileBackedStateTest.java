package dev.sieve.proxy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The two-source state behind the kill switch and the revocation list, with a one-word state. */
class FileBackedStateTest {
    @TempDir
    Path dir;

    record Pair(String admin, String file) implements FileBackedState.Sources<String> {}

    /** A state is one lower-case word; the state file holds it as is. */
    static final class Word implements FileBackedState.Format<String> {
        @Override
        public String name() {
            return "word";
        }

        @Override
        public String empty() {
            return "none";
        }

        @Override
        public String read(Path stateFile, byte[] content) throws IOException {
            return parse(new String(content, StandardCharsets.UTF_8));
        }

        @Override
        public byte[] write(String admin) {
            return admin.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String parseFile(Path file, String content) {
            return parse(content);
        }

        private static String parse(String content) {
            String word = content.strip();
            if (!word.matches("[a-z]+")) {
                throw new IllegalArgumentException("not a word (expected: a-z)");
            }
            return word;
        }
    }

    private FileBackedState<String, String, Pair> open(Path stateFile, Optional<Path> watched) throws IOException {
        return FileBackedState.open(stateFile, watched, new Word(), Pair::new, LoggerFactory.getLogger(getClass()));
    }

    @Test
    void tightenAppliesSharesThenPersistsAndLiftSharesAndPersistsBeforeApplying() throws IOException {
        Path stateFile = dir.resolve("state");
        FileBackedState<String, String, Pair> state = open(stateFile, Optional.empty());
        List<String> events = new ArrayList<>();
        state.addListener(p -> events.add("listener " + p.admin() + (Files.exists(stateFile) ? " persisted" : "")));
        state.share(new Sharing<>() {
            @Override
            public void applied(String change) {
                events.add("applied " + change + (Files.exists(stateFile) ? " persisted" : ""));
            }

            @Override
            public void lifting(String change) throws IOException {
                events.add("lifting " + change + " while admin " + state.snapshot().admin());
                if (change.equals("refused")) {
                    throw new IOException("fleet refused");
                }
            }
        });

        assertThat(state.tighten("stop", admin -> Optional.of("stop"))).contains(new Pair("stop", "none"));
        assertThat(stateFile).hasContent("stop");
        assertThat(events).containsExactly("listener stop", "applied stop");

        events.clear();
        assertThatThrownBy(() -> state.lift("refused", admin -> Optional.of("go"))).hasMessage("fleet refused");
        assertThat(state.snapshot().admin()).as("nothing lifted when the fleet refuses").isEqualTo("stop");
        assertThat(stateFile).hasContent("stop");
        assertThat(state.lift("same", admin -> Optional.of(admin))).as("an unchanged state is not shared")
                .contains(new Pair("stop", "none"));
        assertThat(events).containsExactly("lifting refused while admin stop", "listener stop persisted");

        events.clear();
        Files.delete(stateFile);
        Files.createDirectory(stateFile); // the state file can no longer be written
        assertThatThrownBy(() -> state.lift("go", admin -> Optional.of("go"))).isInstanceOf(IOException.class);
        assertThat(state.snapshot().admin()).as("nothing lifted when the disk fails").isEqualTo("stop");
        assertThat(state.tighten("more", admin -> Optional.empty())).as("no change").isEmpty();
        assertThat(events).as("shared before persisting; no change shares nothing")
                .containsExactly("lifting go while admin stop");
    }

    @Test
    void aFailingListenerIsSkippedAndTheOthersRun() throws IOException {
        FileBackedState<String, String, Pair> state = open(dir.resolve("state"), Optional.empty());
        List<Pair> seen = new ArrayList<>();
        state.addListener(p -> {
            throw new IllegalStateException("listener bug");
        });
        state.addListener(seen::add);

        state.lift("go", admin -> Optional.of("go"));

        assertThat(seen).containsExactly(new Pair("go", "none"));
        assertThat(open(dir.resolve("state"), Optional.empty()).snapshot().admin()).isEqualTo("go");
    }

    @Test
    void theWatchedFileKeepsItsLastGoodStateAndAdoptingTheSameAdminStateIsANoOp() throws IOException {
        Path watched = Files.writeString(dir.resolve("watched"), "one");
        FileBackedState<String, String, Pair> state = open(dir.resolve("state"), Optional.of(watched));
        assertThat(state.snapshot()).as("not read yet").isEqualTo(new Pair("none", "none"));
        assertThat(state.pollFile()).contains(new Pair("none", "one"));

        Files.writeString(watched, "Not A Word");
        assertThat(state.pollFile()).isEmpty();
        Files.writeString(watched, "two");
        assertThat(state.pollFile()).contains(new Pair("none", "two"));
        assertThat(state.pollFile()).as("unchanged").isEmpty();

        assertThat(state.adoptAdmin("none")).isEmpty();
        assertThat(state.adoptAdmin("fleet")).contains(new Pair("fleet", "two"));
        assertThat(dir.resolve("state")).hasContent("fleet");
    }
}
