package dev.sieve.proxy.credentials;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credential injection as it runs in a server: the {@link CredentialInjector} over a {@link SecretStore} whose secret
 * files are re-read every {@code credentials.refreshInterval} on a thread of its own (file reads stay off the event
 * loops). Closing stops the refresh.
 */
public final class Credentials implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Credentials.class);

    private final CredentialInjector injector;
    private final ScheduledExecutorService refresher;
    /** Told of each secret file whose new value is in use (the audit of rotations). */
    private volatile Consumer<SecretSource.File> rotations = f -> { };

    private Credentials(CredentialInjector injector, ScheduledExecutorService refresher) {
        this.injector = injector;
        this.refresher = refresher;
    }

    /**
     * Reads every secret and starts refreshing the files.
     *
     * @throws IllegalStateException naming the config key when a secret cannot be used (never showing it)
     */
    public static Credentials start(CredentialSettings settings, Function<String, String> environment) {
        if (settings.entries().isEmpty()) {
            return new Credentials(CredentialInjector.NONE, null);
        }
        SecretStore store = SecretStore.load(settings.entries(), environment);
        ScheduledExecutorService refresher = store.hasFiles() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sieve-credentials-refresh");
            t.setDaemon(true);
            return t;
        }) : null;
        Credentials credentials = new Credentials(new CredentialInjector(settings, store), refresher);
        if (refresher != null) {
            long every = settings.refreshInterval().toMillis();
            refresher.scheduleWithFixedDelay(() -> {
                try {
                    store.refresh().forEach(f -> credentials.rotations.accept(f));
                } catch (RuntimeException e) {
                    log.warn("credentials: refreshing the secret files failed ({}); the values in use stay",
                            e.getClass().getSimpleName());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        log.info("credentials: injecting for {} (placeholder \"{}\")", settings.entries().stream()
                .map(e -> e.destination() + " " + e.kind() + (e.agents().isEmpty() ? "" : " for " + e.agents())
                        + (e.tokenScopes().isEmpty() ? "" : " for token scopes " + e.tokenScopes())
                        + (e.requireInjected() ? " (required)" : "")).toList(), settings.placeholder());
        return credentials;
    }

    /** Tells {@code rotations} of each secret file whose new value is in use from now on (never the value). */
    public void onRotation(Consumer<SecretSource.File> rotations) {
        this.rotations = java.util.Objects.requireNonNull(rotations, "rotations");
    }

    public CredentialInjector injector() {
        return injector;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
