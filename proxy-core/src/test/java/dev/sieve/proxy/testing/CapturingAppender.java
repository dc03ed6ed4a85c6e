package dev.sieve.proxy.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/** Keeps every log line of the test JVM in memory, so tests can assert what never reaches the logs. */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {
    private static final List<String> LINES = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        String line = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            line = line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        synchronized (LINES) {
            LINES.add(line);
        }
    }

    public static String all() {
        synchronized (LINES) {
            return String.join("\n", LINES);
        }
    }
}
