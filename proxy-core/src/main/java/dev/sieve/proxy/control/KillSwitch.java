package dev.sieve.proxy.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.files.FileBackedState;
import dev.sieve.proxy.files.Sharing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill switch: stops new requests of every agent, or of chosen agents, at once.
 *
 * <p>Two sources are combined ({@link FileBackedState}); an agent is blocked if either blocks it:
 * <ul>
 *   <li>the <b>admin</b> state, changed by {@link #engage}/{@link #release} (the admin API) and persisted
 *       atomically to the state file on every change, then loaded at start, so it survives restarts;</li>
 *   <li>the <b>file</b> state, read from an optional watched file (a Kubernetes ConfigMap key shared by every
 *       replica) each time {@link #pollFile()} runs. Content {@code true} or {@code engaged} stops everything;
 *       lines {@code agent:<id>} stop those agents; {@code false}, {@code released} or an empty file release;
 *       {@code #} starts a comment line. Any other content engages everything (fail closed) and is logged.
 *       Changes are detected by content hash, so the symlink swap of a ConfigMap update is seen. A missing or
 *       unreadable file keeps the last file state.</li>
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
    public record Snapshot(KillSwitchState admin, KillSwitchState file)
            implements FileBackedState.Sources<KillSwitchState> {
        public boolean engaged() {
            return admin.engaged() || file.engaged();
        }

        public boolean blocks(String agentId) {
            return admin.blocks(agentId) || file.blocks(agentId);
        }

        public boolean blocksToken(String tokenId) {
            return admin.blocksToken(tokenId) || file.blocksToken(tokenId);
        }
    }

    private final FileBackedState<KillSwitchScope, KillSwitchState, Snapshot> state;

    private KillSwitch(FileBackedState<KillSwitchScope, KillSwitchState, Snapshot> state) {
        this.state = state;
    }

    /**
     * Loads the persisted admin state (released if the file does not exist yet) and reads the watched file once.
     *
     * @throws IOException if the state file exists but cannot be read or parsed: Sieve does not start with an
     *     unknown kill-switch state
     */
    public static KillSwitch open(Path stateFile, Optional<Path> watchedFile) throws IOException {
        KillSwitch killSwitch = new KillSwitch(FileBackedState.open(stateFile, watchedFile, new Format(),
                Snapshot::new, log));
        killSwitch.pollFile();
        if (killSwitch.engaged()) {
            log.warn("kill switch engaged at start: {}", describe(killSwitch.snapshot()));
        }
        return killSwitch;
    }

    /** True if new requests of {@code agentId} must be refused (403, reason kill switch). */
    public boolean isBlocked(String agentId) {
        return state.snapshot().blocks(agentId);
    }

    /** True if new requests with the signed token {@code tokenId} must be refused (403, reason kill switch). */
    public boolean isTokenBlocked(String tokenId) {
        return state.snapshot().blocksToken(tokenId);
    }

    /** True while any scope of either source is engaged. */
    public boolean engaged() {
        return state.snapshot().engaged();
    }

    public Snapshot snapshot() {
        return state.snapshot();
    }

    /** Runs {@code listener} after every change of either source. */
    public void addListener(Consumer<Snapshot> listener) {
        state.addListener(listener);
    }

    /**
     * How admin changes reach the other replicas of a fleet ({@code dev.sieve.proxy.fleet.FleetState}): after a
     * scope was engaged here, before one is released here.
     */
    public void share(Sharing<KillSwitchScope> sharing) {
        state.share(sharing);
    }

    /**
     * Replaces the admin state with the fleet's shared one (persisted to the state file so a restart starts from
     * it; listeners run, closing the connections of agents it stops). A no-op if it is the same.
     */
    public void adoptAdmin(KillSwitchState admin) {
        state.adoptAdmin(admin).ifPresent(after -> log.warn("kill switch changed by the fleet; now {}",
                describe(after)));
    }

    /**
     * Engages {@code scope} in the admin state. The new state applies (and listeners run) before it is shared with
     * the fleet and persisted, so a failing disk never delays stopping traffic.
     *
     * @throws IOException if persisting failed; the scope is engaged in memory but will not survive a restart
     */
    public Snapshot engage(KillSwitchScope scope) throws IOException {
        Snapshot after = state.tighten(scope, admin -> Optional.of(admin.engage(scope))).orElseThrow();
        log.warn("kill switch engaged for {} (admin)", scope);
        return after;
    }

    /**
     * Releases {@code scope} in the admin state (the global scope, one agent or one token: the others stay).
     * Persisted first, then applied: when the disk fails nothing is released, so memory and the state file stay in
     * step. A scope the watched file engages stays engaged until the file says otherwise.
     *
     * @throws IOException if persisting failed, or the fleet refused; nothing was released
     */
    public Snapshot release(KillSwitchScope scope) throws IOException {
        Snapshot after = state.lift(scope, admin -> Optional.of(admin.release(scope))).orElseThrow();
        log.warn("kill switch released for {} (admin); now {}", scope, describe(after));
        return after;
    }

    /**
     * Reads the watched file and applies its content if it changed since the last read. Call it at the reload
     * interval; a no-op without a watched file.
     *
     * @return true if the watched file's state changed
     */
    public boolean pollFile() {
        Optional<Snapshot> after = state.pollFile();
        after.ifPresent(s -> log.warn("kill switch file {} changed; now {}", state.watchedFile().orElseThrow(),
                describe(s)));
        return after.isPresent();
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

    /** The state file is JSON {@code {"all": ..., "agents": [...], "tokens": [...]}}; the watched file is text. */
    private static final class Format implements FileBackedState.Format<KillSwitchState> {
        @Override
        public String name() {
            return "kill switch";
        }

        @Override
        public KillSwitchState empty() {
            return KillSwitchState.RELEASED;
        }

        @Override
        public KillSwitchState read(Path stateFile, byte[] content) throws IOException {
            try {
                JsonNode root = JSON.readTree(content);
                JsonNode all = root == null ? null : root.get("all");
                JsonNode agents = root == null ? null : root.get("agents");
                JsonNode tokens = root == null ? null : root.get("tokens"); // absent in files written before tokens
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
                        + "{\"all\": true|false, \"agents\": [...], \"tokens\": [...]}, or delete it to start"
                        + " released)", e);
            }
        }

        @Override
        public byte[] write(KillSwitchState admin) throws IOException {
            ObjectNode root = JSON.createObjectNode();
            root.put("all", admin.all());
            var agents = root.putArray("agents");
            new ArrayList<>(new TreeSet<>(admin.agents())).forEach(agents::add);
            var tokens = root.putArray("tokens");
            new ArrayList<>(new TreeSet<>(admin.tokens())).forEach(tokens::add);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        }

        @Override
        public KillSwitchState parseFile(Path file, String content) {
            return parseFleetFile(content, file);
        }
    }

    private static String describe(Snapshot s) {
        if (!s.engaged()) {
            return "released";
        }
        return "admin " + describe(s.admin()) + ", watched file " + describe(s.file());
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
