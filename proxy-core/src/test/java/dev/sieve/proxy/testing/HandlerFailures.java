package dev.sieve.proxy.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * While open, takes over the logs of the agent-side handlers ({@code dev.sieve.proxy.handler}):
 * nothing reaches the console or {@link CapturingAppender} (a fuzzer sends millions of requests),
 * and each connection failure a handler caught in {@code exceptionCaught} ("agent connection ...
 * failed: cause") is kept, so that a fuzz test can treat an unexpected exception as a finding.
 */
public final class HandlerFailures extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.sieve.proxy.handler");
    private final Level level = logger.getLevel();
    private final boolean additive = logger.isAdditive();
    private final List<String> failures = new ArrayList<>();

    public HandlerFailures() {
        setName("handler-failures");
        start();
        logger.addAppender(this);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message.startsWith("agent connection") && message.contains(" failed")) {
            failures.add(message);
        }
    }

    /** The failures logged since the last call, and forgets them. */
    public synchronized List<String> drain() {
        List<String> out = List.copyOf(failures);
        failures.clear();
        return out;
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(level);
        logger.setAdditive(additive);
        stop();
    }
}
