package dev.sieve.proxy.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.files.StateFiles;
import dev.sieve.proxy.files.WatchedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation list of one replica, from two sources; a token or agent is revoked if either revokes it:
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
    public record Snapshot(RevocationState admin, RevocationState file) {
        public boolean revokes(String agentId, Optional<String> tokenId) {
            return admin.revokes(agentId, tokenId) || file.revokes(agentId, tokenId);
        }
    }

    private final Path stateFile;
    private final Optional<WatchedFile> watchedFile;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile Sharing sharing = Sharing.LOCAL;
    private volatile Snapshot snapshot;

    private RevocationList(Path stateFile, Optional<Path> watchedFile, RevocationState admin) {
        this.stateFile = stateFile;
        this.watchedFile = watchedFile.map(file -> new WatchedFile(file, log,
                "revocation file {} unreadable ({}); keeping the last state"));
        this.snapshot = new Snapshot(admin, RevocationState.EMPTY);
    }

    /**
     * Loads the persisted admin state (empty if the file does not exist yet) and reads the watched file once.
     *
     * @throws IOException if the state file exists but cannot be read or parsed: Sieve does not start with an
     *     unknown revocation list
     */
    public static RevocationList open(Path stateFile, Optional<Path> watchedFile) throws IOException {
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(watchedFile, "watchedFile");
        RevocationList list = new RevocationList(stateFile, watchedFile, load(stateFile));
        list.pollFile();
        return list;
    }

    @Override
    public boolean isRevoked(String agentId, Optional<String> tokenId) {
        return snapshot.revokes(agentId, tokenId);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public void addListener(Consumer<Snapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * How admin changes reach the other replicas of a fleet ({@code dev.sieve.proxy.fleet.FleetRevocations}); without
     * one the admin state is this replica's own. Both methods must not block.
     */
    public interface Sharing {
        Sharing LOCAL = new Sharing() {
            @Override
            public void revoked(Revocation r) {
            }

            @Override
            public void lifting(Revocation r) {
            }
        };

        /** After {@code r} applied here. */
        void revoked(Revocation r);

        /** Before {@code r} is lifted here; throws to refuse (nothing is lifted). */
        void lifting(Revocation r) throws IOException;
    }

    public void share(Sharing sharing) {
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    /**
     * Replaces the admin state with the fleet's shared one (persisted to the state file so a restart starts from
     * it; listeners run). A no-op if it is the same.
     */
    public void adoptAdmin(RevocationState admin) {
        Snapshot after;
        synchronized (this) {
            if (admin.equals(snapshot.admin())) {
                return;
            }
            after = new Snapshot(admin, snapshot.file());
            snapshot = after;
            try {
                persist(admin);
            } catch (IOException e) {
                log.error("revocation state file not written ({}); the fleet's list applies in memory",
                        e.getClass().getSimpleName());
            }
        }
        log.warn("revocations changed by the fleet: now {} token(s), {} agent(s)", admin.tokens().size(),
                admin.agents().size());
        notifyListeners(after);
    }

    /**
     * Revokes in the admin state: applied (and listeners run) first, then persisted, so a failing disk never delays
     * a revocation.
     *
     * @return false if it was already revoked by the admin state
     * @throws IOException if persisting failed; the revocation holds in memory but will not survive a restart
     * @throws IllegalStateException if the admin state already holds {@link #MAX_ENTRIES}
     */
    public boolean revoke(Revocation r) throws IOException {
        Snapshot after;
        synchronized (this) {
            RevocationState admin = snapshot.admin();
            RevocationState more = admin.with(r);
            if (more.equals(admin)) {
                return false;
            }
            if (more.size() > MAX_ENTRIES) {
                throw new IllegalStateException("revocations: " + MAX_ENTRIES + " entries (expected: fewer; revoke the"
                        + " agent instead of its tokens one by one, or remove entries for expired tokens)");
            }
            after = new Snapshot(more, snapshot.file());
            snapshot = after;
        }
        log.warn("revoked {} (admin)", r);
        notifyListeners(after);
        sharing.revoked(r);
        synchronized (this) {
            persist(snapshot.admin());
        }
        return true;
    }

    /**
     * Lifts an admin revocation: persisted first, then applied (a failing disk restores nothing). A revocation the
     * watched file holds stays until the file drops it.
     *
     * @return false if the admin state did not hold it
     * @throws IOException if persisting failed; nothing changed
     */
    public boolean restore(Revocation r) throws IOException {
        Snapshot after;
        synchronized (this) {
            RevocationState admin = snapshot.admin();
            RevocationState fewer = admin.without(r);
            if (fewer.equals(admin)) {
                return false;
            }
            sharing.lifting(r);
            persist(fewer);
            after = new Snapshot(fewer, snapshot.file());
            snapshot = after;
        }
        log.warn("revocation of {} lifted (admin)", r);
        notifyListeners(after);
        return true;
    }

    /**
     * Reads the watched file and applies it if it changed. A no-op without a watched file.
     *
     * @return true if the file state changed
     */
    public boolean pollFile() {
        Optional<byte[]> content = watchedFile.flatMap(WatchedFile::readIfChanged);
        if (content.isEmpty()) {
            return false;
        }
        Path file = watchedFile.get().path();
        Snapshot after;
        synchronized (this) {
            RevocationState parsed;
            try {
                parsed = RevocationState.parse(new String(content.get(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                log.error("revocation file {}: {}; keeping the last good state", file, e.getMessage());
                return false;
            }
            if (parsed.equals(snapshot.file())) {
                return false;
            }
            after = new Snapshot(snapshot.admin(), parsed);
            snapshot = after;
        }
        log.warn("revocation file {} changed: {} token(s), {} agent(s)", file, after.file().tokens().size(),
                after.file().agents().size());
        notifyListeners(after);
        return true;
    }

    private void notifyListeners(Snapshot after) {
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(after);
            } catch (RuntimeException e) {
                log.error("revocation listener failed", e);
            }
        }
    }

    private static RevocationState load(Path stateFile) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(stateFile);
        } catch (NoSuchFileException e) {
            return RevocationState.EMPTY;
        }
        try {
            JsonNode root = JSON.readTree(bytes);
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

    private void persist(RevocationState admin) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        admin.tokens().stream().sorted().forEach(root.putArray("tokens")::add);
        admin.agents().stream().sorted().forEach(root.putArray("agents")::add);
        StateFiles.writeAtomically(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

}
