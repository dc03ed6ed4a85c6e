package dev.sieve.proxy.control;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The open agent connections and tunnels, by agent id, so that the kill switch can close those of a stopped scope
 * at once. The proxy registers each agent channel once its agent is known; a channel leaves the registry when it
 * closes. Thread-safe.
 */
public final class ConnectionRegistry {

    /** Something that can be closed from any thread, without blocking. */
    @FunctionalInterface
    public interface Closer {
        void close();
    }

    /** Removes a registration; idempotent. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private record Entry(String agentId, Closer closer) {}

    private final Map<Long, Entry> open = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Registers a connection of {@code agentId} that {@code closer} closes; call the result when it ends. */
    public Registration register(String agentId, Closer closer) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(closer, "closer");
        long id = ids.incrementAndGet();
        open.put(id, new Entry(agentId, closer));
        return () -> open.remove(id);
    }

    /** Registers an agent channel; it is removed when the channel closes. */
    public void register(String agentId, Channel channel) {
        Registration registration = register(agentId, channel::close);
        channel.closeFuture().addListener(f -> registration.close());
    }

    /**
     * Closes every registered connection whose agent {@code blocked} matches (e.g. {@code killSwitch::isBlocked}).
     *
     * @return how many were closed
     */
    public int closeIf(Predicate<String> blocked) {
        int closed = 0;
        for (Map.Entry<Long, Entry> e : open.entrySet()) {
            if (blocked.test(e.getValue().agentId()) && open.remove(e.getKey(), e.getValue())) {
                e.getValue().closer().close();
                closed++;
            }
        }
        return closed;
    }

    /** Connections currently registered. */
    public int size() {
        return open.size();
    }
}
