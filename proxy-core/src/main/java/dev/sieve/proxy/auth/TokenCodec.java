package dev.sieve.proxy.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.EnforcementMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

/**
 * The token's wire form: {@code sieve1.<claims>.<signature>}, where {@code <claims>} is the base64url (no padding)
 * of a JSON object with exactly the fields {@code kid, jti, sub, iat, exp, allow, budget, mode} and, only when the
 * token names one, {@code scope} (a scope name, {@link TokenClaims#scopeName}), and
 * {@code <signature>} the base64url of the Ed25519 signature over the ASCII bytes of {@code sieve1.<claims>} (the
 * exact bytes received, so verification never re-serialises).
 *
 * <p>Decoding is strict: the prefix, two dots, canonical base64url, a JSON object without duplicate, missing or
 * unknown fields, exact types, at most {@link #MAX_TOKEN_CHARS} characters. Anything else is malformed. Errors
 * ({@link IllegalArgumentException}) name the part that is wrong, never the token or a claim value.
 *
 * <p>Why not JWT: a JWT library brings algorithm negotiation ({@code alg: none}, RS/HS confusion) that a fixed
 * format avoids, and JOSE's Ed25519 ({@code EdDSA}) support is a dependency for a dozen lines of JDK code.
 */
public final class TokenCodec {
    public static final String PREFIX = "sieve1.";
    /** Longest token accepted (64 allow entries of long names fit). */
    public static final int MAX_TOKEN_CHARS = 8192;
    private static final Set<String> FIELDS = Set.of("kid", "jti", "sub", "iat", "exp", "allow", "budget", "mode");
    /** Claims a token may carry besides {@link #FIELDS}. */
    private static final String SCOPE = "scope";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private TokenCodec() {}

    /** A token that decoded, with the bytes its signature covers. */
    public record Decoded(TokenClaims claims, byte[] signedBytes, byte[] signature) {}

    /** True if {@code text} looks like a Sieve token (its prefix), so it is verified rather than compared. */
    public static boolean looksLikeToken(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** Signs {@code claims} with {@code key} (Ed25519) and returns the token. */
    public static String encode(TokenClaims claims, PrivateKey key) {
        String signed = PREFIX + B64.encodeToString(claimsJson(claims));
        byte[] signature;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(signed.getBytes(StandardCharsets.US_ASCII));
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signing key: not an Ed25519 private key (" + e.getClass().getSimpleName()
                    + ")");
        }
        return signed + "." + B64.encodeToString(signature);
    }

    /**
     * Parses a token without checking its signature (see {@link #verifies}).
     *
     * @throws IllegalArgumentException {@code "token: <what> (expected: ...)"}; never shows the token
     */
    public static Decoded decode(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw malformed("longer than " + MAX_TOKEN_CHARS + " characters");
        }
        if (!token.startsWith(PREFIX)) {
            throw malformed("no " + PREFIX + " prefix");
        }
        int dot = token.indexOf('.', PREFIX.length());
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            throw malformed("not three dot-separated parts");
        }
        byte[] claimsBytes = base64(token.substring(PREFIX.length(), dot), "claims");
        byte[] signature = base64(token.substring(dot + 1), "signature");
        if (signature.length != 64) {
            throw malformed("signature of " + signature.length + " bytes (expected: 64, Ed25519)");
        }
        return new Decoded(parseClaims(claimsBytes), token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                signature);
    }

    /** True if {@code decoded}'s signature verifies with {@code key}. */
    public static boolean verifies(Decoded decoded, PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(decoded.signedBytes());
            return s.verify(decoded.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static byte[] claimsJson(TokenClaims c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kid", c.keyId());
            g.writeStringField("jti", c.tokenId());
            g.writeStringField("sub", c.subject());
            g.writeNumberField("iat", c.issuedAt().getEpochSecond());
            g.writeNumberField("exp", c.expiresAt().getEpochSecond());
            g.writeArrayFieldStart("allow");
            for (String entry : c.scope().texts()) {
                g.writeString(entry);
            }
            g.writeEndArray();
            g.writeStringField("budget", c.budget().format());
            g.writeStringField("mode", c.mode().name().toLowerCase(Locale.ROOT));
            if (c.scopeName().isPresent()) {
                g.writeStringField(SCOPE, c.scopeName().get());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON", e);
        }
        return out.toByteArray();
    }

    private static TokenClaims parseClaims(byte[] bytes) {
        JsonNode node;
        try {
            node = READER.readTree(bytes);
        } catch (IOException e) {
            throw malformed("claims are not a JSON object (or repeat a field)");
        }
        if (node == null || !node.isObject()) {
            throw malformed("claims are not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && !name.equals(SCOPE)) {
                throw malformed("unknown claim (expected only: kid, jti, sub, iat, exp, allow, budget, mode, scope)");
            }
        }
        Optional<String> scopeName = node.has(SCOPE) ? Optional.of(string(node.get(SCOPE), SCOPE)) : Optional.empty();
        if (node.size() != FIELDS.size() + (scopeName.isPresent() ? 1 : 0)) {
            throw malformed("missing claim (expected: kid, jti, sub, iat, exp, allow, budget, mode)");
        }
        JsonNode allow = node.get("allow");
        if (!allow.isArray() || allow.size() > TokenScope.MAX_ENTRIES) {
            throw malformed("allow is not an array of at most " + TokenScope.MAX_ENTRIES + " strings");
        }
        List<String> entries = new ArrayList<>(allow.size());
        for (JsonNode entry : allow) {
            entries.add(string(entry, "allow"));
        }
        String mode = string(node.get("mode"), "mode");
        if (!mode.equals("enforce") && !mode.equals("monitor")) {
            throw malformed("mode (expected: enforce or monitor)");
        }
        try {
            return new TokenClaims(string(node.get("kid"), "kid"), string(node.get("jti"), "jti"),
                    string(node.get("sub"), "sub"), seconds(node.get("iat"), "iat"), seconds(node.get("exp"), "exp"),
                    TokenScope.parse(entries), BudgetLimits.parse(string(node.get("budget"), "budget")),
                    mode.equals("enforce") ? EnforcementMode.ENFORCE : EnforcementMode.MONITOR, scopeName);
        } catch (IllegalArgumentException e) {
            // Claim messages show at most a host pattern or a budget; the cause is dropped with the value.
            throw malformed("invalid claim: " + e.getMessage());
        }
    }

    private static String string(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            throw malformed(field + " is not a string");
        }
        return node.textValue();
    }

    private static Instant seconds(JsonNode node, String field) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0
                || node.longValue() > 253402300799L) {
            throw malformed(field + " is not whole seconds since the epoch");
        }
        return Instant.ofEpochSecond(node.longValue());
    }

    private static byte[] base64(String part, String name) {
        if (part.isEmpty() || !part.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_')) {
            throw malformed(name + " is not base64url without padding");
        }
        byte[] bytes;
        try {
            bytes = B64D.decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed(name + " is not base64url without padding");
        }
        if (!B64.encodeToString(bytes).equals(part)) { // non-canonical trailing bits: one token, one spelling
            throw malformed(name + " is not canonical base64url");
        }
        return bytes;
    }

    private static IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("token: " + what + " (expected: a Sieve token, sieve1.<claims>.<signature>)");
    }
}
