package dev.sieve.proxy.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * One revocation: a token (by its id) or an agent (every credential of that agent id, signed or static).
 *
 * @param kind what {@code id} names
 * @param id a token id ({@link TokenClaims#ID}) or an agent id ({@link AgentIds#PATTERN})
 */
public record Revocation(Kind kind, String id) {

    public enum Kind { TOKEN, AGENT }

    static final String SYNTAX = "token:<token id> or agent:<agent id>";

    public Revocation {
        Objects.requireNonNull(kind, "kind");
        boolean ok = id != null && (kind == Kind.TOKEN ? TokenClaims.ID : AgentIds.PATTERN)
                .matcher(id).matches();
        if (!ok) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + ": " + shown(id) + " (expected: "
                    + (kind == Kind.TOKEN ? "1-64 of A-Z a-z 0-9 _ -" : "1-64 of A-Z a-z 0-9 . _ - starting with a"
                            + " letter or digit") + ")");
        }
    }

    public static Revocation token(String tokenId) {
        return new Revocation(Kind.TOKEN, tokenId);
    }

    public static Revocation agent(String agentId) {
        return new Revocation(Kind.AGENT, agentId);
    }

    /** Parses {@code token:<id>} or {@code agent:<id>}. */
    public static Revocation parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        String prefix = colon < 0 ? "" : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        return switch (prefix) {
            case "token" -> token(text.substring(colon + 1).strip());
            case "agent" -> agent(text.substring(colon + 1).strip());
            default -> throw new IllegalArgumentException(shown(text) + " (expected: " + SYNTAX + ")");
        };
    }

    /** Ids are never echoed: an operator may paste a token where its id belongs. */
    static String shown(String s) {
        return s == null ? "null" : "(not shown)";
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }
}
