package dev.sieve.proxy.config;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * A listener that cannot be bound, named by its config key and address, e.g.
 * {@code proxy.listen 127.0.0.1:3128: address already in use}. The reason is read from the bind error, whichever
 * transport raised it (the JDK's {@link BindException}, or Netty's native {@code bind(..) failed with error(-98)}).
 */
public final class ListenException extends IOException {
    private static final long serialVersionUID = 1L;

    private ListenException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code key address: reason} for a bind that failed with {@code cause}. */
    public static ListenException of(String key, ListenAddress address, Throwable cause) {
        return new ListenException(key + " " + address + ": " + reason(cause), cause);
    }

    /** {@code key address: problem} for a listener refused before binding. */
    public static ListenException refused(String key, ListenAddress address, String problem) {
        return new ListenException(key + " " + address + ": " + problem, null);
    }

    /** What went wrong, in words an operator can act on. */
    static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "the host name does not resolve (expected: an address of this machine)";
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("address already in use")) {
                return "address already in use (another process listens there; stop it or choose another port)";
            }
            if (message.contains("cannot assign requested address")) {
                return "address not available on this machine (expected: one of its own addresses, 127.0.0.1 "
                        + "or 0.0.0.0)";
            }
            if (message.contains("permission denied")) {
                return "permission denied (ports below 1024 need privileges; choose a port of 1024 or more)";
            }
        }
        return cause == null ? "cannot listen" : "cannot listen (" + cause + ")";
    }
}
