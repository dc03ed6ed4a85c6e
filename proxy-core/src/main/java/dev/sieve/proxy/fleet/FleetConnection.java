package dev.sieve.proxy.fleet;

import dev.sieve.proxy.config.StateSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection of this replica to the fleet's Valkey/Redis ({@code state.redis}), shared by everything the
 * replicas share: the budget counters ({@code dev.sieve.proxy.budget.RedisBudgetStore}), the revocation list and
 * the kill switch ({@link FleetSync}), the conversation state ({@code dev.sieve.proxy.conversation.SharedConversations};
 * Redis multiplexes commands on one connection, the change notices take a second one, {@link #subscribe}).
 *
 * <p>Never blocks a caller: commands are asynchronous with a bounded time ({@code state.redis.timeout}); while
 * disconnected they fail at once (Lettuce rejects them rather than queueing). Health: the first command that fails
 * or times out marks the state {@link #healthy() unhealthy}; a probe ({@code PING}, every {@link #PROBE_INTERVAL})
 * marks it healthy again once Redis answers. The first connection is made in the background too: Sieve starts,
 * degraded, while Redis is out.
 */
public final class FleetConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FleetConnection.class);

    /** How often a degraded or unconnected state is probed. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    private final StateSettings.Redis settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final ScheduledExecutorService scheduler;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean connecting;
    private volatile boolean healthy;
    private volatile String reason = "not connected yet";
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();

    private FleetConnection(StateSettings.Redis settings, RedisURI uri) {
        this.settings = settings;
        this.uri = uri;
        this.resources = ClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .reconnectDelay(Delay.constant(PROBE_INTERVAL)).build();
        this.client = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout().multipliedBy(4)).build());
        settings.caFile().ifPresent(ca -> options.sslOptions(SslOptions.builder().jdkSslProvider()
                .trustManager(ca.toFile()).build()));
        client.setOptions(options.build());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sieve-fleet-state");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts connecting to {@code settings.url()} in the background and returns at once.
     *
     * @throws IOException if the password file cannot be read
     */
    public static FleetConnection open(StateSettings.Redis settings) throws IOException {
        FleetConnection fleet = new FleetConnection(settings, uri(settings));
        fleet.scheduler.scheduleWithFixedDelay(fleet::probe, 0, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return fleet;
    }

    private static RedisURI uri(StateSettings.Redis settings) throws IOException {
        var url = settings.url();
        boolean tls = "rediss".equalsIgnoreCase(url.getScheme());
        RedisURI.Builder b = RedisURI.builder().withHost(url.getHost())
                .withPort(url.getPort() > 0 ? url.getPort() : RedisURI.DEFAULT_REDIS_PORT)
                .withSsl(tls).withVerifyPeer(SslVerifyMode.FULL).withTimeout(settings.timeout());
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            b.withDatabase(Integer.parseInt(path.substring(1)));
        }
        if (settings.passwordFile().isPresent()) {
            char[] password = firstLine(Files.readString(settings.passwordFile().get())).toCharArray();
            String user = url.getUserInfo();
            if (user == null || user.isEmpty()) {
                b.withPassword(password);
            } else {
                b.withAuthentication(user, password);
            }
        }
        return b.build();
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    /**
     * Runs {@code command} on the shared connection within {@code state.redis.timeout}. A failure (not connected,
     * an error reply, the timeout) marks the state unhealthy and completes the result exceptionally; the caller
     * falls back. Completes on a thread of the Redis client, never the caller's.
     */
    public <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            IllegalStateException notConnected = new IllegalStateException("not connected");
            markUnhealthy(notConnected);
            return CompletableFuture.failedFuture(notConnected);
        }
        CompletableFuture<T> result;
        try {
            result = command.apply(c.async()).toCompletableFuture();
        } catch (RuntimeException e) {
            markUnhealthy(e);
            return CompletableFuture.failedFuture(e);
        }
        return result.orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            if (e != null) {
                markUnhealthy(e);
            }
        });
    }

    /**
     * Runs {@code script} as {@link #call} runs a command, by its SHA-1 ({@code EVALSHA}); a server that does not have
     * it yet (first use, a restart, {@code SCRIPT FLUSH}) answers {@code NOSCRIPT} and gets its text once by
     * {@code EVAL}, which also caches it there. {@code NOSCRIPT} is not a failure: the state stays healthy.
     */
    public <T> CompletableFuture<T> run(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        return call(redis -> redis.<T>evalsha(script.sha(), type, keys, args).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(script.text(), type, keys, args);
            }
            return CompletableFuture.failedStage(e);
        }));
    }

    /** True while Redis answers; false before the first connection and from a failure until the probe succeeds. */
    public boolean healthy() {
        return healthy;
    }

    /** Why the state is not healthy (a cause class, never data); empty when healthy. */
    public Optional<String> problem() {
        return healthy ? Optional.empty() : Optional.of(reason);
    }

    /** Commands that failed or timed out. */
    public long failures() {
        return failures.get();
    }

    /** Counts one operation that a caller did in process instead (see {@link #fallbacks()}). */
    public void fellBack() {
        fallbacks.incrementAndGet();
    }

    /** Operations done in process because Redis was out. */
    public long fallbacks() {
        return fallbacks.get();
    }

    /** A thread for periodic work of the fleet state's users (lease renewals): keep tasks short and non-blocking. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The client, for a second connection (e.g. a pub/sub subscriber for revocations). */
    public RedisClient client() {
        return client;
    }

    /**
     * Opens a second connection subscribed to {@code channel}; {@code onMessage} runs (on a Redis client thread: keep
     * it short) for each message. Lettuce reconnects and resubscribes by itself once it is connected.
     */
    public CompletableFuture<StatefulRedisPubSubConnection<String, String>> subscribe(String channel,
            Runnable onMessage) {
        return client.connectPubSubAsync(StringCodec.UTF8, uri).thenCompose(c -> {
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    onMessage.run();
                }
            });
            return c.async().subscribe(channel).thenApply(v -> c);
        }).toCompletableFuture();
    }

    /** Where the state lives, for logs (the URL never holds a password). */
    public String display() {
        return settings.display();
    }

    private void markUnhealthy(Throwable e) {
        failures.incrementAndGet();
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        String why = cause instanceof java.util.concurrent.TimeoutException
                ? "no answer within state.redis.timeout" : cause.getClass().getSimpleName();
        reason = "Redis " + settings.display() + " unavailable (" + why + ")";
        if (healthy) {
            healthy = false;
            log.warn("fleet state: {}; budgets fall back to per-replica limits, revocations and the kill switch keep"
                    + " the last known state, conversations are followed per replica", reason);
        }
    }

    private void probe() {
        try {
            StatefulRedisConnection<String, String> c = connection;
            if (c == null) {
                connect();
                return;
            }
            if (healthy) {
                return;
            }
            c.async().ping().toCompletableFuture().orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((pong, e) -> {
                        if (e == null && !healthy) {
                            healthy = true;
                            log.info("fleet state: Redis {} answers again; budgets, revocations and the kill switch are"
                                    + " shared again",
                                    settings.display());
                        } else if (e != null) {
                            reason = "Redis " + settings.display() + " unavailable ("
                                    + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + ")";
                        }
                    });
        } catch (RuntimeException e) {
            log.debug("fleet state probe failed: {}", e.toString());
        }
    }

    private void connect() {
        if (connecting) {
            return;
        }
        connecting = true;
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((c, e) -> {
            connecting = false;
            if (e != null) {
                reason = "Redis " + settings.display() + " unavailable (" + (e.getCause() == null ? e
                        : e.getCause()).getClass().getSimpleName() + ")";
                log.debug("fleet state: connecting to {} failed: {}", settings.display(), e.toString());
                return;
            }
            connection = c;
            healthy = true;
            log.info("fleet state: connected to Redis {}", settings.display());
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.closeAsync();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
