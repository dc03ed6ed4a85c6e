package dev.sieve.proxy.credentials;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to do with one request's credentials for a destination that has a {@link CredentialEntry}. Pure.
 *
 * <p>Each slot of the entry's kind (its own and the provider's {@linkplain CredentialKind#otherSlots other ones}) is
 * <em>absent</em> (no value, or only empty ones), the <em>placeholder</em> (every value is the placeholder, with or
 * without the slot's prefix such as {@code Bearer }), or <em>own</em>: anything else, which is taken as a credential
 * of the agent's own, whatever it looks like (a new key format must not slip through a pattern). Then:
 * <ul>
 *   <li>{@code requireInjected} and any slot own: {@link Refuse}, naming the slots (never the values);</li>
 *   <li>plain HTTP: {@link Pass} (a real credential never travels unencrypted);</li>
 *   <li>the entry's slot own: {@link Pass} (the agent's choice when injection is not required);</li>
 *   <li>otherwise {@link Inject}: the entry's slot gets the real value, whether the agent sent the placeholder or
 *       nothing there, and other slots holding the placeholder are removed.</li>
 * </ul>
 */
public final class CredentialDecision {
    private CredentialDecision() {}

    /** The outcome for one request. */
    public sealed interface Outcome {}

    /** Send the request as the agent sent it. */
    public record Pass() implements Outcome {}

    /** Refuse with {@code credential_not_injected}; {@code detail} names the slots and the placeholder. */
    public record Refuse(String detail) implements Outcome {}

    /** Put the entry's credential in its slot and remove the placeholder from {@code clearSlots}. */
    public record Inject(CredentialEntry entry, List<CredentialSlot> clearSlots) implements Outcome {
        public Inject {
            clearSlots = List.copyOf(clearSlots);
        }
    }

    private enum State { ABSENT, PLACEHOLDER, OWN }

    public static Outcome decide(CredentialEntry entry, String placeholder, boolean tls, HttpHeaders headers,
            String uri) {
        List<CredentialSlot> slots = new ArrayList<>();
        slots.add(entry.slot());
        slots.addAll(entry.kind().otherSlots());
        List<String> own = new ArrayList<>();
        List<CredentialSlot> placeholders = new ArrayList<>();
        for (CredentialSlot slot : slots) {
            State state = state(slot, placeholder, headers, uri);
            if (state == State.OWN) {
                own.add(slot.describe());
            } else if (state == State.PLACEHOLDER && !slot.equals(entry.slot())) {
                placeholders.add(slot);
            }
        }
        if (entry.requireInjected() && !own.isEmpty()) {
            return new Refuse(String.join(" and ", own) + " to " + entry.destination()
                    + " holds something other than the placeholder; send " + quoteSlot(entry.slot(), placeholder)
                    + " or leave it out");
        }
        if (!tls || own.contains(entry.slot().describe())) {
            return new Pass();
        }
        return new Inject(entry, placeholders);
    }

    private static String quoteSlot(CredentialSlot slot, String placeholder) {
        return slot.header() ? slot.name() + ": " + slot.prefix() + placeholder : slot.name() + "=" + placeholder;
    }

    private static State state(CredentialSlot slot, String placeholder, HttpHeaders headers, String uri) {
        List<String> values = slot.header() ? headers.getAll(slot.name()) : QueryParams.values(uri, slot.name());
        State state = State.ABSENT;
        for (String v : values) {
            String value = v.strip();
            if (value.isEmpty()) {
                continue;
            }
            if (!isPlaceholder(value, slot.prefix(), placeholder)) {
                return State.OWN;
            }
            state = State.PLACEHOLDER;
        }
        return state;
    }

    /** {@code value} is the placeholder, alone or after the slot's prefix (compared case-insensitively). */
    static boolean isPlaceholder(String value, String prefix, String placeholder) {
        if (value.equals(placeholder)) {
            return true;
        }
        String p = prefix.strip();
        return !p.isEmpty() && value.length() > p.length()
                && value.substring(0, p.length()).toLowerCase(Locale.ROOT).equals(p.toLowerCase(Locale.ROOT))
                && value.substring(p.length()).strip().equals(placeholder);
    }
}
