package dev.sieve.proxy.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.files.FileBackedState;
import dev.sieve.proxy.files.Sharing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation list of one replica, from two sources ({@link FileBackedState}); a token or agent is revoked if
 * either revokes it:
 * <ul>
 *   <li>the <b>admin</b> state, changed through the admin API ({@link #revoke}, {@link #restore}) and persisted
 *       atomically to the state file on every change (loaded at start, so it survives restarts);</li>
 *   <li>the <b>file</b> state, read from an optional watched file (a ConfigMap or Secret key shared by a fleet) at
 *       each {@link #pollFile()} (every second): lines {@code token:<id>}, {@code agent:<id>}, {@code #} comments.
 *       Changes are detected by content hash. A file that does not parse keeps the last good file state (nothing
 *       is un-revoked by a typo) and is logged; a missing file keeps the last state too.</li>
 * </ul>
 * Lookups ({@link #isRevoked}) are a volatile read. Listeners run after every change, on the changing thread.
 */
public final class RevocationList implements Revocations {
    private static final Logger log = LoggerFactory.getLogger(RevocationList.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bounds the admin state (and its file): revoke agents, not thousands of tokens one by one. */
    public static final int MAX_ENTRIES = 100_000;

    /** Both sources. */
    public record Snapshot(RevocationState admin, RevocationState file)
            implements FileBackedState.Sources<RevocationState> {
        public boolean revokes(String agentId, Optional<String> tokenId) {
            return admin.revokes(agentId, tokenId) || file.revokes(agentId, tokenId);
        }
    }

    private final FileBackedState<Revocation, RevocationState, Snapshot> state;

    private RevocationList(FileBackedState<Revocation, RevocationState, Snapshot> state) {
        this.state = state;
    }

    /**
     * Loads the persisted admin state (empty if the file does not exist yet) and reads the watched file once.
     *
     * @throws IOException if the state file exists but cannot be read or parsed: Sieve does not start with an
     *     unknown revocation list
     */
    public static RevocationList open(Path stateFile, Optional<Path> watchedFile) throws IOException {
        RevocationList list = new RevocationList(FileBackedState.open(stateFile, watchedFile, new Format(),
                Snapshot::new, log));
        list.pollFile();
        return list;
    }

    @Override
    public boolean isRevoked(String agentId, Optional<String> tokenId) {
        return state.snapshot().revokes(agentId, tokenId);
    }

    public Snapshot snapshot() {
        return state.snapshot();
    }

    public void addListener(Consumer<Snapshot> listener) {
        state.addListener(listener);
    }

    /**
     * How admin changes reach the other replicas of a fleet ({@code dev.sieve.proxy.fleet.FleetState}): after a
     * revocation applied here, before one is lifted here.
     */
    public void share(Sharing<Revocation> sharing) {
        state.share(sharing);
    }

    /**
     * Replaces the admin state with the fleet's shared one (persisted to the state file so a restart starts from
     * it; listeners run). A no-op if it is the same.
     */
    public void adoptAdmin(RevocationState admin) {
        state.adoptAdmin(admin).ifPresent(after -> log.warn("revocations changed by the fleet: now {} token(s), {}"
                + " agent(s)", admin.tokens().size(), admin.agents().size()));
    }

    /**
     * Revokes in the admin state: applied (and listeners run) first, then shared with the fleet and persisted, so a
     * failing disk never delays a revocation.
     *
     * @return false if it was already revoked by the admin state
     * @throws IOException if persisting failed; the revocation holds in memory but will not survive a restart
     * @throws IllegalStateException if the admin state already holds {@link #MAX_ENTRIES}
     */
    public boolean revoke(Revocation r) throws IOException {
        Optional<Snapshot> after = state.tighten(r, admin -> {
            RevocationState more = admin.with(r);
            if (more.equals(admin)) {
                return Optional.empty();
            }
            if (more.size() > MAX_ENTRIES) {
                throw new IllegalStateException("revocations: " + MAX_ENTRIES + " entries (expected: fewer; revoke the"
                        + " agent instead of its tokens one by one, or remove entries for expired tokens)");
            }
            return Optional.of(more);
        });
        if (after.isEmpty()) {
            return false;
        }
        log.warn("revoked {} (admin)", r);
        return true;
    }

    /**
     * Lifts an admin revocation: persisted first, then applied (a failing disk restores nothing). A revocation the
     * watched file holds stays until the file drops it.
     *
     * @return false if the admin state did not hold it
     * @throws IOException if persisting failed, or the fleet refused; nothing changed
     */
    public boolean restore(Revocation r) throws IOException {
        Optional<Snapshot> after = state.lift(r, admin -> {
            RevocationState fewer = admin.without(r);
            return fewer.equals(admin) ? Optional.empty() : Optional.of(fewer);
        });
        after.ifPresent(s -> log.warn("revocation of {} lifted (admin)", r));
        return after.isPresent();
    }

    /**
     * Reads the watched file and applies it if it changed. A no-op without a watched file.
     *
     * @return true if the file state changed
     */
    public boolean pollFile() {
        Optional<Snapshot> after = state.pollFile();
        after.ifPresent(s -> log.warn("revocation file {} changed: {} token(s), {} agent(s)",
                state.watchedFile().orElseThrow(), s.file().tokens().size(), s.file().agents().size()));
        return after.isPresent();
    }

    /** The state file is JSON {@code {"tokens": [...], "agents": [...]}}; the watched file is the text form. */
    private static final class Format implements FileBackedState.Format<RevocationState> {
        @Override
        public String name() {
            return "revocation";
        }

        @Override
        public RevocationState empty() {
            return RevocationState.EMPTY;
        }

        @Override
        public RevocationState read(Path stateFile, byte[] content) throws IOException {
            try {
                JsonNode root = JSON.readTree(content);
                Set<String> tokens = ids(root == null ? null : root.get("tokens"));
                Set<String> agents = ids(root == null ? null : root.get("agents"));
                // Validated one by one, built once: state.with(...) per entry would copy both sets each time.
                tokens.forEach(Revocation::token);
                agents.forEach(Revocation::agent);
                return new RevocationState(tokens, agents);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("auth.revocationStateFile: " + stateFile + " is not a revocation list (expected: "
                        + "{\"tokens\": [...], \"agents\": [...]}, or delete it to start with none)");
            }
        }

        private static Set<String> ids(JsonNode array) throws IOException {
            if (array == null || !array.isArray()) {
                throw new IOException("missing tokens/agents");
            }
            Set<String> ids = new TreeSet<>();
            for (JsonNode id : array) {
                if (!id.isTextual()) {
                    throw new IOException("not a string");
                }
                ids.add(id.asText());
            }
            return ids;
        }

        @Override
        public byte[] write(RevocationState admin) throws IOException {
            ObjectNode root = JSON.createObjectNode();
            admin.tokens().stream().sorted().forEach(root.putArray("tokens")::add);
            admin.agents().stream().sorted().forEach(root.putArray("agents")::add);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        }

        @Override
        public RevocationState parseFile(Path file, String content) {
            return RevocationState.parse(content);
        }
    }
}
