package dev.sieve.proxy.control;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill switch: stops new requests of every agent, or of chosen agents, at once.
 *
 * <p>Two sources are combined; an agent is blocked if either blocks it:
 * <ul>
 *   <li>the <b>admin</b> state, changed by {@link #engage}/{@link #release} (the admin API) and persisted
 *       atomically to the state file on every change, then loaded at start, so it survives restarts;</li>
 *   <li>the <b>fleet</b> state, read from an optional watched file (a Kubernetes ConfigMap key shared by every
 *       replica) each time {@link #pollFile()} runs. Content {@code true} or {@code engaged} stops everything;
 *       lines {@code agent:<id>} stop those agents; {@code false}, {@code released} or an empty file release;
 *       {@code #} starts a comment line. Any other content engages everything (fail closed) and is logged.
 *       Changes are detected by content hash, so the symlink swap of a ConfigMap update is seen. A missing or
 *       unreadable file keeps the last fleet state.</li>
 * </ul>
 * Listeners run after every change, on the thread that made it (the kill switch's own callers: the admin server,
 * the poller). {@link #isBlocked} is a volatile read, cheap enough for every request on an event loop.
 */
public final class KillSwitch {
    private static final Logger log = LoggerFactory.getLogger(KillSwitch.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT_PREFIX = "agent:";
    private static final String TOKEN_PREFIX = "token:";

    /** Both sources. */
    public record Snapshot(KillSwitchState admin, KillSwitchState fleet) {
        public boolean engaged() {
            return admin.engaged() || fleet.engaged();
        }

        public boolean blocks(String agentId) {
            return admin.blocks(agentId) || fleet.blocks(agentId);
        }

        public boolean blocksToken(String tokenId) {
            return admin.blocksToken(tokenId) || fleet.blocksToken(tokenId);
        }
    }

    private final Path stateFile;
    private final Optional<WatchedFile> watchedFile;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile Sharing sharing = Sharing.LOCAL;
    private volatile Snapshot snapshot;

    private KillSwitch(Path stateFile, Optional<Path> watchedFile, KillSwitchState admin) {
        this.stateFile = stateFile;
        this.watchedFile = watchedFile.map(file -> new WatchedFile(file, log,
                "kill switch file {} unreadable ({}); keeping the last fleet state"));
        this.snapshot = new Snapshot(admin, KillSwitchState.RELEASED);
    }

    /**
     * Loads the persisted admin state (released if the file does not exist yet) and reads the watched file once.
     *
     * @throws IOException if the state file exists but cannot be read or parsed: Sieve does not start with an
     *     unknown kill-switch state
     */
    public static KillSwitch open(Path stateFile, Optional<Path> watchedFile) throws IOException {
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(watchedFile, "watchedFile");
        KillSwitch killSwitch = new KillSwitch(stateFile, watchedFile, load(stateFile));
        killSwitch.pollFile();
        if (killSwitch.snapshot.engaged()) {
            log.warn("kill switch engaged at start: {}", describe(killSwitch.snapshot));
        }
        return killSwitch;
    }

    /** True if new requests of {@code agentId} must be refused (403, reason kill switch). */
    public boolean isBlocked(String agentId) {
        return snapshot.blocks(agentId);
    }

    /** True if new requests with the signed token {@code tokenId} must be refused (403, reason kill switch). */
    public boolean isTokenBlocked(String tokenId) {
        return snapshot.blocksToken(tokenId);
    }

    /** True while any scope of either source is engaged. */
    public boolean engaged() {
        return snapshot.engaged();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Runs {@code listener} after every change of either source. */
    public void addListener(Consumer<Snapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * How admin changes reach the other replicas of a fleet ({@code dev.sieve.proxy.fleet.FleetKillSwitch}); without
     * one the admin state is this replica's own. Both methods must not block.
     */
    public interface Sharing {
        Sharing LOCAL = new Sharing() {
            @Override
            public void engaged(KillSwitchScope scope) {
            }

            @Override
            public void releasing(KillSwitchScope scope) {
            }
        };

        /** After {@code scope} was engaged here. */
        void engaged(KillSwitchScope scope);

        /** Before {@code scope} is released here; throws to refuse (nothing is released). */
        void releasing(KillSwitchScope scope) throws IOException;
    }

    public void share(Sharing sharing) {
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    /**
     * Replaces the admin state with the fleet's shared one (persisted to the state file so a restart starts from
     * it; listeners run, closing the connections of agents it stops). A no-op if it is the same.
     */
    public void adoptAdmin(KillSwitchState admin) {
        Snapshot after;
        synchronized (this) {
            if (admin.equals(snapshot.admin())) {
                return;
            }
            after = new Snapshot(admin, snapshot.fleet());
            snapshot = after;
            try {
                persist(admin);
            } catch (IOException e) {
                log.error("kill switch state file not written ({}); the fleet's state applies in memory",
                        e.getClass().getSimpleName());
            }
        }
        log.warn("kill switch changed by the fleet; now {}", describe(after));
        notifyListeners(after);
    }

    /**
     * Engages {@code scope} in the admin state. The new state applies (and listeners run) before it is persisted,
     * so a failing disk never delays stopping traffic.
     *
     * @throws IOException if persisting failed; the scope is engaged in memory but will not survive a restart
     */
    public Snapshot engage(KillSwitchScope scope) throws IOException {
        Snapshot after;
        synchronized (this) {
            after = new Snapshot(snapshot.admin().engage(scope), snapshot.fleet());
            snapshot = after;
        }
        log.warn("kill switch engaged for {} (admin)", scope);
        notifyListeners(after);
        sharing.engaged(scope);
        synchronized (this) {
            persist(snapshot.admin());
        }
        return after;
    }

    /**
     * Releases {@code scope} in the admin state (the global scope, one agent or one token: the others stay).
     * Persisted first,
     * then applied: when the disk fails nothing is released, so memory and the state file stay in step. A scope
     * the fleet file engages stays engaged until the file says otherwise.
     *
     * @throws IOException if persisting failed; nothing was released
     */
    public Snapshot release(KillSwitchScope scope) throws IOException {
        Snapshot after;
        synchronized (this) {
            KillSwitchState admin = snapshot.admin().release(scope);
            if (!admin.equals(snapshot.admin())) {
                sharing.releasing(scope);
            }
            persist(admin);
            after = new Snapshot(admin, snapshot.fleet());
            snapshot = after;
        }
        log.warn("kill switch released for {} (admin); now {}", scope, describe(after));
        notifyListeners(after);
        return after;
    }

    /**
     * Reads the watched file and applies its content if it changed since the last read. Call it at the reload
     * interval; a no-op without a watched file.
     *
     * @return true if the fleet state changed
     */
    public boolean pollFile() {
        Optional<byte[]> content = watchedFile.flatMap(WatchedFile::readIfChanged);
        if (content.isEmpty()) {
            return false;
        }
        Path file = watchedFile.get().path();
        Snapshot after;
        synchronized (this) {
            KillSwitchState fleet = parseFleetFile(new String(content.get(), StandardCharsets.UTF_8), file);
            if (fleet.equals(snapshot.fleet())) {
                return false;
            }
            after = new Snapshot(snapshot.admin(), fleet);
            snapshot = after;
        }
        log.warn("kill switch file {} changed; now {}", file, describe(after));
        notifyListeners(after);
        return true;
    }

    static KillSwitchState parseFleetFile(String content, Path file) {
        String trimmed = content.strip().toLowerCase(Locale.ROOT);
        switch (trimmed) {
            case "", "false", "released" -> {
                return KillSwitchState.RELEASED;
            }
            case "true", "engaged" -> {
                return new KillSwitchState(true, Set.of());
            }
            default -> {
                // lines of agent:<id> and comments
            }
        }
        Set<String> agents = new TreeSet<>();
        Set<String> tokens = new TreeSet<>();
        for (String raw : content.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean token = line.regionMatches(true, 0, TOKEN_PREFIX, 0, TOKEN_PREFIX.length());
            String id = line.regionMatches(true, 0, AGENT_PREFIX, 0, AGENT_PREFIX.length())
                    ? line.substring(AGENT_PREFIX.length()).strip()
                    : token ? line.substring(TOKEN_PREFIX.length()).strip() : null;
            try {
                if (token) {
                    KillSwitchScope.checkTokenId(id);
                } else {
                    KillSwitchScope.checkAgentId(id);
                }
            } catch (IllegalArgumentException e) {
                log.error("kill switch file {}: unrecognized content (expected: true, false, agent:<id> or token:<id>"
                        + " lines); engaging for all agents", file);
                return new KillSwitchState(true, Set.of());
            }
            (token ? tokens : agents).add(id);
        }
        return new KillSwitchState(false, agents, tokens);
    }

    private void notifyListeners(Snapshot after) {
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(after);
            } catch (RuntimeException e) {
                log.error("kill switch listener failed", e);
            }
        }
    }

    private static KillSwitchState load(Path stateFile) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(stateFile);
        } catch (NoSuchFileException e) {
            return KillSwitchState.RELEASED;
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            JsonNode all = root == null ? null : root.get("all");
            JsonNode agents = root == null ? null : root.get("agents");
            JsonNode tokens = root == null ? null : root.get("tokens"); // absent in files written before token scopes
            if (all == null || !all.isBoolean() || agents == null || !agents.isArray()
                    || tokens != null && !tokens.isArray()) {
                throw new IOException("missing all/agents");
            }
            Set<String> ids = new TreeSet<>();
            for (JsonNode agent : agents) {
                KillSwitchScope.checkAgentId(agent.isTextual() ? agent.asText() : null);
                ids.add(agent.asText());
            }
            Set<String> tokenIds = new TreeSet<>();
            for (JsonNode token : tokens == null ? JSON.createArrayNode() : tokens) {
                KillSwitchScope.checkTokenId(token.isTextual() ? token.asText() : null);
                tokenIds.add(token.asText());
            }
            return new KillSwitchState(all.asBoolean(), ids, tokenIds);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("killSwitch.stateFile: " + stateFile + " is not a kill-switch state (expected: "
                    + "{\"all\": true|false, \"agents\": [...], \"tokens\": [...]}, or delete it to start released)", e);
        }
    }

    private void persist(KillSwitchState admin) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("all", admin.all());
        var agents = root.putArray("agents");
        new ArrayList<>(new TreeSet<>(admin.agents())).forEach(agents::add);
        var tokens = root.putArray("tokens");
        new ArrayList<>(new TreeSet<>(admin.tokens())).forEach(tokens::add);
        StateFiles.writeAtomically(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static String describe(Snapshot s) {
        if (!s.engaged()) {
            return "released";
        }
        return "admin " + describe(s.admin()) + ", fleet file " + describe(s.fleet());
    }

    private static String describe(KillSwitchState state) {
        if (state.all()) {
            return "all agents";
        }
        if (!state.engaged()) {
            return "released";
        }
        return (state.agents().isEmpty() ? "" : "agents " + state.agents())
                + (state.tokens().isEmpty() ? "" : (state.agents().isEmpty() ? "" : ", ") + "tokens " + state.tokens());
    }

}
