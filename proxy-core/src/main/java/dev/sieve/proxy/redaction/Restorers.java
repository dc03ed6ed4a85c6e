package dev.sieve.proxy.redaction;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a response can have its placeholders restored, and with what: JSON bodies
 * ({@code application/json}, {@code application/*+json}) with {@link JsonRestorer}, {@code text/event-stream} with
 * {@link SseRestorer}. Only identity-encoded bodies: a compressed one passes unchanged (Sieve asks upstream for
 * {@code Accept-Encoding: identity} when it intends to restore, so this is the exception).
 */
public final class Restorers {

    private Restorers() {}

    /**
     * The restorer for a response with these headers (either may be null), or empty when it is not restored.
     */
    public static Optional<BodyRestorer> forResponse(String contentType, String contentEncoding,
            PlaceholderLookup lookup) {
        if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            return Optional.empty();
        }
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("text/event-stream")) {
            return Optional.of(new SseRestorer(lookup));
        }
        if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
            return Optional.of(new JsonRestorer(lookup, true));
        }
        return Optional.empty();
    }
}
