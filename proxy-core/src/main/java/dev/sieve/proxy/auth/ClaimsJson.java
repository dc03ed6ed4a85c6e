package dev.sieve.proxy.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Claims as readable JSON (times as ISO-8601), for {@code sieve token verify} and the admin API. */
public final class ClaimsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimsJson() {}

    public static ObjectNode of(TokenClaims c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kid", c.keyId());
        node.put("jti", c.tokenId());
        node.put("sub", c.subject());
        node.put("iat", c.issuedAt().toString());
        node.put("exp", c.expiresAt().toString());
        c.scope().texts().forEach(node.putArray("allow")::add);
        node.put("budget", c.budget().format());
        node.put("mode", c.mode().name().toLowerCase(Locale.ROOT));
        c.scopeName().ifPresent(s -> node.put("scope", s));
        return node;
    }
}
