package dev.sieve.proxy.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current values of the configured secrets. All are read at start, and a missing, unreadable, empty or invalid
 * one fails the start ({@link #load}). Environment variables are read once. Secret files are re-read by
 * {@link #refresh} (called every {@code credentials.refreshInterval}): a changed, valid file takes effect for the
 * next request (rotation: a Kubernetes Secret mounted as a directory is updated in place); a file that became
 * unreadable, empty or invalid keeps the last good value and is logged at WARN, once per change.
 *
 * <p>No method, message or exception shows a value: {@link #toString()} names the sources only. Thread-safe: values
 * are read lock-free on the event loops, refreshed on one scheduler thread.
 */
public final class SecretStore {
    private static final Logger log = LoggerFactory.getLogger(SecretStore.class);

    /** One secret's current value and the file content it came from. */
    private static final class Slot {
        volatile String value;
        byte[] raw;
        /** The content whose problem was last logged, so that a broken file is reported once, not at every poll. */
        byte[] reportedBad;
    }

    private final Map<SecretSource, Slot> slots;

    private SecretStore(Map<SecretSource, Slot> slots) {
        this.slots = slots;
    }

    /** A store without secrets. */
    public static SecretStore empty() {
        return new SecretStore(Map.of());
    }

    /**
     * Reads every entry's secret.
     *
     * @param environment the process environment ({@code System::getenv})
     * @throws IllegalStateException naming the config key and the problem (never the value) when one cannot be read
     */
    public static SecretStore load(List<CredentialEntry> entries, Function<String, String> environment) {
        Map<SecretSource, Slot> slots = new LinkedHashMap<>();
        for (CredentialEntry e : entries) {
            SecretSource source = e.source();
            if (slots.containsKey(source)) {
                continue;
            }
            Slot slot = new Slot();
            try {
                if (source instanceof SecretSource.File f) {
                    slot.raw = Files.readAllBytes(f.path());
                    slot.value = SecretText.of(slot.raw);
                } else {
                    SecretSource.Env env = (SecretSource.Env) source;
                    String text = environment.apply(env.name());
                    if (text == null) {
                        throw new IllegalArgumentException("environment variable " + env.name() + " is not set");
                    }
                    slot.value = SecretText.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException | IllegalArgumentException ex) {
                throw new IllegalStateException(source.key() + ": the secret cannot be used (" + problem(ex)
                        + "; expected: " + SecretText.EXPECTED + ")");
            }
            slots.put(source, slot);
        }
        return new SecretStore(Map.copyOf(slots));
    }

    /** The current value of {@code source}, which must be one the store was loaded with. */
    String value(SecretSource source) {
        return Objects.requireNonNull(slots.get(source), "not a loaded secret source").value;
    }

    /** Whether any secret comes from a file (only those are refreshed). */
    public boolean hasFiles() {
        return slots.keySet().stream().anyMatch(s -> s instanceof SecretSource.File);
    }

    /**
     * Re-reads the secret files; a changed valid file replaces its value, a broken one keeps the last good value.
     *
     * @return the files whose new value is now in use
     */
    public List<SecretSource.File> refresh() {
        List<SecretSource.File> rotated = new java.util.ArrayList<>();
        for (Map.Entry<SecretSource, Slot> e : slots.entrySet()) {
            if (e.getKey() instanceof SecretSource.File f && refresh(f, e.getValue())) {
                rotated.add(f);
            }
        }
        return rotated;
    }

    /** True if a new value is in use. */
    private static boolean refresh(SecretSource.File f, Slot slot) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(f.path());
        } catch (IOException e) {
            raw = null;
            if (slot.reportedBad == null || slot.reportedBad.length != 0) {
                slot.reportedBad = new byte[0];
                log.warn("{} {}: cannot be read ({}); the last good value stays in use", f.key(), f.path(),
                        e.getClass().getSimpleName());
            }
            return false;
        }
        if (Arrays.equals(raw, slot.raw)) {
            slot.reportedBad = null; // back to the value in use: a later problem is reported again
            return false;
        }
        try {
            String value = SecretText.of(raw);
            slot.raw = raw;
            slot.value = value;
            slot.reportedBad = null;
            log.info("{} {}: a new value was read and is in use for new requests", f.key(), f.path());
            return true;
        } catch (IllegalArgumentException ex) {
            if (!Arrays.equals(raw, slot.reportedBad)) {
                slot.reportedBad = raw;
                log.warn("{} {}: the new content cannot be used ({}; expected: {}); the last good value stays in use",
                        f.key(), f.path(), ex.getMessage(), SecretText.EXPECTED);
            }
            return false;
        }
    }

    private static String problem(Exception e) {
        return e instanceof IllegalArgumentException ? e.getMessage() : "cannot be read: " + e.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "SecretStore" + slots.keySet().stream().map(SecretSource::key).toList();
    }
}
