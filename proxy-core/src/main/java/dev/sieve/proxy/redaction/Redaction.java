package dev.sieve.proxy.redaction;

import dev.sieve.dlp.inspect.PlaceholderSink;
import dev.sieve.dlp.inspect.Placeholders;
import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.config.RedactionSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sieve's redaction service, built once at start from {@code redaction:}: the keyed {@link Placeholders} every
 * request's redaction uses, and, with {@code restoreInResponses}, the {@link OriginalStore} that restore reads.
 * Thread-safe.
 */
public final class Redaction {
    private static final Logger log = LoggerFactory.getLogger(Redaction.class);

    /** The agent id of a request without proxy credentials (as {@code ProxyRequestHandler.ANONYMOUS}). */
    private static final String ANONYMOUS = "anonymous";

    private final Placeholders placeholders;
    private final OriginalStore store;

    /** @param store the originals for restore, or null when restore is off */
    public Redaction(Placeholders placeholders, OriginalStore store) {
        this.placeholders = placeholders;
        this.store = store;
    }

    /** Under a random key of this process, without restore (tests, and callers without a config). */
    public static Redaction unkeyed() {
        return new Redaction(Placeholders.randomKey(), null);
    }

    /**
     * Loads the key of {@code settings} (or makes a random one, and warns that placeholders then differ across
     * replicas and restarts) and, with restore on, makes the store.
     *
     * @throws IOException when the key file cannot be read or is too short (the message names the file, never a key byte)
     */
    public static Redaction start(RedactionSettings settings) throws IOException {
        Placeholders placeholders;
        if (settings.keyFile().isPresent()) {
            byte[] key = AuditKeys.load(settings.keyFile().get(), "redaction.keyFile");
            try {
                placeholders = Placeholders.withKey(key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } else {
            placeholders = Placeholders.randomKey();
            log.warn("redaction.keyFile is not set: redaction placeholders use a random key of this process, so the"
                    + " same value gets another placeholder on another replica and after a restart (a conversation's"
                    + " prompt cache then misses once); set redaction.keyFile to a key shared by every replica");
        }
        OriginalStore store = settings.restoreInResponses()
                ? new OriginalStore(settings.restoreMaxBytes(), settings.restoreTtl()) : null;
        if (store != null) {
            log.info("redaction.restoreInResponses: placeholders in responses are restored for the agent that sent"
                    + " the value (originals held encrypted in memory, at most {} bytes, {} each)",
                    settings.restoreMaxBytes(), settings.restoreTtl());
        }
        return new Redaction(placeholders, store);
    }

    public Placeholders placeholders() {
        return placeholders;
    }

    /** Whether placeholders in responses are restored. */
    public boolean restores() {
        return store != null;
    }

    /**
     * The scope originals are kept and restored in, and the owner of a conversation: the agent id from proxy auth,
     * or the client's address (without its port) for a request without credentials.
     */
    public static String scope(String agentId, String clientAddress) {
        if (agentId != null && !ANONYMOUS.equals(agentId)) {
            return "agent:" + agentId;
        }
        String client = clientAddress == null ? "" : clientAddress;
        int port = client.lastIndexOf(':');
        return "client:" + (port > 0 ? client.substring(0, port) : client);
    }

    /** Collects the placeholders one request's redaction mints, to keep their originals if it is forwarded. */
    public Capture capture(String scope) {
        return new Capture(scope);
    }

    /**
     * One request's minted placeholders with copies of their values, kept in the store (encrypted) only on
     * {@link #commit()}, when the request is forwarded redacted; a blocked request leaves no original behind. The
     * copies live no longer than the request's inspection (the request body itself is in memory as long). Not
     * thread-safe (one request).
     */
    public final class Capture implements PlaceholderSink {
        private final String scope;
        private final List<String> placeholdersMinted = new ArrayList<>();
        private final List<byte[]> values = new ArrayList<>();

        private Capture(String scope) {
            this.scope = scope;
        }

        @Override
        public void minted(String placeholder, ByteBuffer value) {
            if (store == null) {
                return;
            }
            byte[] copy = new byte[value.remaining()];
            value.duplicate().get(copy);
            placeholdersMinted.add(placeholder);
            values.add(copy);
        }

        /** Keeps the originals (the request was forwarded redacted); clears the copies either way. */
        public void commit() {
            for (int i = 0; i < values.size(); i++) {
                store.put(scope, placeholdersMinted.get(i), ByteBuffer.wrap(values.get(i)));
            }
            discard();
        }

        /** Drops the copies without keeping them. */
        public void discard() {
            values.forEach(v -> Arrays.fill(v, (byte) 0));
            values.clear();
            placeholdersMinted.clear();
        }

        /** The lookup restore uses for this request's agent, when restore is on. */
        public Optional<PlaceholderLookup> lookup() {
            return store == null ? Optional.empty() : Optional.of(p -> store.original(scope, p));
        }
    }
}
