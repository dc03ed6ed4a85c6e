package dev.sieve.proxy.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Hmac;
import dev.sieve.dlp.ValueFingerprint;
import dev.sieve.dlp.conversation.Conversation;
import dev.sieve.dlp.conversation.ConversationReader;
import dev.sieve.dlp.conversation.TurnChain;
import dev.sieve.dlp.inspect.HistoryPolicy;
import dev.sieve.dlp.inspect.TurnHistory;
import dev.sieve.proxy.config.ConversationSettings;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of agent conversations: which message prefixes each agent has sent, and which findings were reported
 * in each conversation. Keeps keyed hashes only (never content, never a value), in one bounded Caffeine cache
 * ({@link ConversationSettings#maxStateBytes()}, entries expire after {@link ConversationSettings#idleExpiry()}
 * without use). Thread-safe.
 *
 * <p>A turn's units (each message's own fields, then each of its content blocks) are chained ({@link TurnChain}:
 * {@code h1..hn}, keyed per process). Its history is the longest prefix {@code h1..hk} an earlier turn of the same
 * agent recorded, with {@code k < n}: the request's last unit is always new, so a turn re-sent unchanged after a
 * block is refused again, while a turn that appends a block to the previous turn's last message extends it. Every turn is recorded,
 * whatever its verdict: a blocked turn's content is history in the next. The conversation id is the one recorded
 * with that prefix when it holds more than the system prompt (two conversations that share only a system prompt
 * stay apart), else a new one ({@code hn} of the first turn).
 *
 * <p>In a fleet ({@link #share}) the state is also in Redis ({@link SharedConversations}): each turn and each
 * sighting is read through and written through it, so a turn placed on another replica than the last is placed as
 * on one replica; while Redis does not answer, this replica's own state applies (what the fleet recorded meanwhile
 * is then unknown here: history counts as new content, the strict reading).
 */
public final class ConversationTracker {

    /** Estimated heap bytes of one entry (key and value strings of 32-48 hex characters, map node). */
    static final int ENTRY_BYTES = 200;
    private static final String PREFIX = "p:";
    private static final String SIGHTING = "s:";

    private final boolean enabled;
    private final HistoryPolicy policy;
    private volatile TurnChain chain;
    private final Cache<String, String> state;
    private volatile SharedConversations shared;

    public ConversationTracker(ConversationSettings settings) {
        this(settings, Ticker.systemTicker(), randomKey());
    }

    ConversationTracker(ConversationSettings settings, Ticker ticker, byte[] key) {
        Objects.requireNonNull(settings, "settings");
        this.enabled = settings.enabled();
        this.policy = settings.history();
        this.chain = new TurnChain(key);
        this.state = Caffeine.newBuilder()
                .maximumWeight(settings.maxStateBytes())
                .weigher((String k, String v) -> ENTRY_BYTES)
                .expireAfterAccess(settings.idleExpiry())
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * One turn of a conversation, as this tracker placed it.
     *
     * @param conversation   the messages of the request; empty when it carries no conversation
     * @param conversationId the conversation's id (hex); empty without a conversation
     * @param seenUnits      how many leading units (message heads, content blocks) earlier turns already sent
     */
    public record Turn(Optional<Conversation> conversation, String conversationId, int seenUnits) {

        public static final Turn NONE = new Turn(Optional.empty(), "", 0);

        /** The part of this turn that is history, judged by {@code policy}. */
        public TurnHistory history(HistoryPolicy policy) {
            return new TurnHistory(conversation, seenUnits, policy);
        }
    }

    /**
     * Shares this tracker's state through {@code shared} from now on, hashing under {@code fleetKey} (the same on
     * every replica; at least 32 bytes): prefixes with a key derived for the chain, and finding values
     * ({@link ValueFingerprint#useKey}, process-wide) with another. Call it at start, before any request.
     */
    public void share(SharedConversations shared, byte[] fleetKey) {
        if (!enabled) {
            return;
        }
        byte[] chainKey = derive(fleetKey, "sieve conversation prefixes v1");
        byte[] fingerprintKey = derive(fleetKey, "sieve finding fingerprints v1");
        try {
            this.chain = new TurnChain(chainKey);
            ValueFingerprint.useKey(fingerprintKey);
        } finally {
            Arrays.fill(chainKey, (byte) 0);
            Arrays.fill(fingerprintKey, (byte) 0);
        }
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /** {@code HMAC-SHA256(key, label)}: a key of its own for each use of the fleet key. */
    private static byte[] derive(byte[] key, String label) {
        return new Hmac(key).mac().doFinal(label.getBytes(StandardCharsets.US_ASCII));
    }

    /** True when this tracker follows conversations ({@code conversations.enabled}). */
    public boolean enabled() {
        return enabled;
    }

    /** The history policy ({@code conversations.history}, {@code historyCategories}). */
    public HistoryPolicy policy() {
        return policy;
    }

    /**
     * Places and records one request of {@code agent}: reads its conversation ({@link ConversationReader}), finds
     * the history an earlier turn sent, and records this turn's prefixes.
     */
    public Turn observe(String agent, String pathAndQuery, byte[] body) {
        if (!enabled) {
            return Turn.NONE;
        }
        Optional<Conversation> read = ConversationReader.read(pathAndQuery, body);
        if (read.isEmpty() || read.get().messages().isEmpty()) {
            return Turn.NONE;
        }
        Conversation c = read.get();
        List<String> hashes = chain.prefixes(agent, c, body);
        int n = hashes.size();
        int seen = 0;
        String id = null;
        for (int k = n - 1; k >= 1; k--) {
            String known = state.getIfPresent(PREFIX + hashes.get(k - 1));
            if (known != null) {
                seen = k;
                if (holdsMoreThanSystem(c, k)) {
                    id = known;
                }
                break;
            }
        }
        if (id == null) {
            id = hashes.get(n - 1);
        }
        SharedConversations fleet = shared;
        if (fleet != null) {
            Optional<SharedConversations.Placed> placed = fleet.observe(hashes, k -> holdsMoreThanSystem(c, k));
            // The fleet knows what every replica recorded; this replica's own state may know more only when Redis
            // lost what it held (restarted empty).
            if (placed.isPresent() && placed.get().seen() >= seen) {
                seen = placed.get().seen();
                id = placed.get().id();
            }
        }
        for (int i = 0; i < n; i++) {
            state.asMap().putIfAbsent(PREFIX + hashes.get(i), id);
        }
        return new Turn(read, id, seen);
    }

    private static boolean holdsMoreThanSystem(Conversation c, int k) {
        int units = 0;
        for (Conversation.Message m : c.messages()) {
            if (units >= k) {
                return false;
            }
            if (!m.role().equals("system")) {
                return true;
            }
            units += 1 + m.blocks().size();
        }
        return false;
    }

    /** Entries held now (after pending evictions), for tests of the bound. */
    long entries() {
        state.cleanUp();
        return state.estimatedSize();
    }

    /**
     * Marks the findings of {@code requestId} that the same rule already reported for the same value in the same
     * conversation as repeats of their first sighting ({@link Finding#asRepeatOf}), and records the others as first
     * sightings. Findings without a fingerprint, and every finding of a request without a conversation, stay as
     * they are.
     */
    public List<Finding> deduplicate(Turn turn, String requestId, List<Finding> findings) {
        if (!enabled || turn.conversationId().isEmpty() || findings.isEmpty()) {
            return findings;
        }
        List<String> fields = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (!f.fingerprint().isEmpty()) {
                fields.add(f.ruleId() + ':' + f.fingerprint());
            }
        }
        SharedConversations fleet = shared;
        Optional<List<String>> fleetFirsts = fleet == null || fields.isEmpty() ? Optional.empty()
                : fleet.sight(turn.conversationId(), requestId, fields);
        List<Finding> out = new ArrayList<>(findings.size());
        int field = 0;
        for (Finding f : findings) {
            if (f.fingerprint().isEmpty()) {
                out.add(f);
                continue;
            }
            String key = SIGHTING + turn.conversationId() + ':' + fields.get(field);
            String first = state.asMap().putIfAbsent(key, requestId);
            if (fleetFirsts.isPresent()) {
                first = fleetFirsts.get().get(field);
                state.asMap().put(key, first);
            }
            field++;
            out.add(first == null || first.equals(requestId) ? f : f.asRepeatOf(first));
        }
        return out;
    }
}
