package dev.sieve.proxy.auth;

import dev.sieve.proxy.policy.AgentCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Identifies agents by {@code Proxy-Authorization}, with a static token or a signed agent token:
 * <ul>
 *   <li>{@code Basic base64(agentId:token)} with a static token;</li>
 *   <li>{@code Basic base64([agentId]:sieve1...)} with a signed token as the password; the user part may be empty or
 *       repeat the token's subject (any other agent id is refused);</li>
 *   <li>{@code Bearer sieve1...}, a signed token.</li>
 * </ul>
 * Signed tokens are verified statelessly ({@link TokenVerifier}), then checked against the revocation list and the
 * per-token kill switch. The revocation list applies to static credentials too: a revoked agent id is refused
 * whatever it presents.
 *
 * <p>Static tokens are kept only as SHA-256 digests and compared in constant time
 * ({@link MessageDigest#isEqual}); an unknown agent costs the same comparison as a known one.
 * Credentials that are sent are always checked: a wrong token is {@link AuthResult.Invalid} even
 * when authentication is optional. No result, message or exception ever contains a token.
 */
public final class AgentAuthenticator {

    private static final String BASIC = "basic";
    private static final String BEARER = "bearer";
    private static final byte[] UNKNOWN_AGENT_DIGEST = sha256("sieve: no such agent");

    private final boolean required;
    private final Map<String, byte[]> tokenDigests;
    private final Optional<TokenVerifier> verifier;
    private final Revocations revocations;
    private final Predicate<String> tokenStopped;

    /** Static tokens only: no signed tokens, no revocations. */
    public AgentAuthenticator(boolean required, Map<String, String> tokensByAgent) {
        this(required, tokensByAgent, Optional.empty(), Revocations.NONE, tokenId -> false);
    }

    /**
     * @param required true if requests without credentials are refused
     * @param tokensByAgent agent id to token; ids must match {@link AgentIds#PATTERN}, tokens be at least
     *     {@link AgentCredentials#MIN_TOKEN_LENGTH} characters without whitespace
     * @param verifier verifies signed tokens; empty: signed tokens are refused
     * @param revocations revoked tokens and agents, looked up at every authentication and {@link #recheck}
     * @param tokenStopped whether the kill switch stops a token id
     * @throws IllegalArgumentException for an invalid id or token, or if {@code required} with no static token and
     *     no verification key
     */
    public AgentAuthenticator(boolean required, Map<String, String> tokensByAgent, Optional<TokenVerifier> verifier,
            Revocations revocations, Predicate<String> tokenStopped) {
        Map<String, byte[]> digests = new HashMap<>();
        tokensByAgent.forEach((agentId, token) -> {
            AgentCredentials.checkCredential(agentId, token);
            digests.put(agentId, sha256(token));
        });
        boolean signed = verifier.isPresent() && !verifier.get().keys().isEmpty();
        if (required && digests.isEmpty() && !signed) {
            throw new IllegalArgumentException("auth.required: true (expected: at least one agent token in auth.tokens"
                    + " or auth.tokenFile, or a key in auth.verificationKeys or auth.verificationKeyDir)");
        }
        this.required = required;
        this.tokenDigests = Map.copyOf(digests);
        this.verifier = signed ? verifier : Optional.empty();
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.tokenStopped = Objects.requireNonNull(tokenStopped, "tokenStopped");
    }

    /** True if requests without credentials are refused. */
    public boolean required() {
        return required;
    }

    /** Authenticates the value of a {@code Proxy-Authorization} header, or null if the header is absent. */
    public AuthResult authenticate(String proxyAuthorization) {
        if (proxyAuthorization == null || proxyAuthorization.isBlank()) {
            return required ? new AuthResult.Missing() : new AuthResult.Anonymous();
        }
        String value = proxyAuthorization.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (scheme.equalsIgnoreCase(BEARER)) {
            String token = space < 0 ? "" : value.substring(space + 1).strip();
            return TokenCodec.looksLikeToken(token) ? signed(token, null)
                    : new AuthResult.Invalid("Bearer credentials are not a Sieve token (expected: Bearer sieve1...)");
        }
        if (space < 0 || !scheme.equalsIgnoreCase(BASIC)) {
            return new AuthResult.Invalid("unsupported Proxy-Authorization scheme (expected: Basic or Bearer)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new AuthResult.Invalid("Proxy-Authorization is not valid base64 (expected: Basic base64(agentId:token))");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new AuthResult.Invalid("Proxy-Authorization has no ':' (expected: Basic base64(agentId:token))");
        }
        String agentId = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        if (TokenCodec.looksLikeToken(secret)) {
            return signed(secret, agentId);
        }
        byte[] presented = sha256(secret);
        byte[] expected = tokenDigests.get(agentId);
        boolean known = expected != null;
        boolean match = MessageDigest.isEqual(known ? expected : UNKNOWN_AGENT_DIGEST, presented);
        if (known && match) {
            return recheck(Grant.of(agentId));
        }
        // An unknown id is not echoed: clients sometimes send an API key where the id belongs.
        return new AuthResult.Invalid(known ? "wrong token for agent '" + agentId + "'" : "unknown agent");
    }

    /**
     * Checks a grant authenticated earlier (when a tunnel opened) again, for a request inside it: expiry of a signed
     * token, the revocation list, the per-token kill switch. Cheap: no signature check.
     */
    public AuthResult recheck(Grant grant) {
        if (grant.expiresAt().isPresent() && verifier.isPresent()
                && !verifier.get().now().isBefore(grant.expiresAt().get())) {
            return new AuthResult.Expired(grant);
        }
        if (revocations.isRevoked(grant)) {
            return new AuthResult.Revoked(grant);
        }
        if (grant.tokenId().isPresent() && tokenStopped.test(grant.tokenId().get())) {
            return new AuthResult.Stopped(grant);
        }
        return new AuthResult.Authenticated(grant);
    }

    private AuthResult signed(String token, String user) {
        if (verifier.isEmpty()) {
            return new AuthResult.Invalid("signed agent tokens are not enabled (expected: auth.verificationKeys)");
        }
        TokenCheck check = verifier.get().verify(token);
        if (check instanceof TokenCheck.Invalid invalid) {
            return new AuthResult.Invalid(invalid.detail());
        }
        TokenClaims claims = check instanceof TokenCheck.Valid v ? v.claims() : ((TokenCheck.Expired) check).claims();
        if (user != null && !user.isEmpty() && !user.equals(claims.subject())) {
            // Neither id is echoed: the user part may hold anything a client was configured with.
            return new AuthResult.Invalid("the user part differs from the token's agent (expected: empty or the"
                    + " token's agent id)");
        }
        Grant grant = Grant.of(claims);
        if (check instanceof TokenCheck.Expired) {
            return new AuthResult.Expired(grant);
        }
        return recheck(grant);
    }

    /** Reads a token file; see {@link AgentCredentials#loadTokenFile}. */
    public static Map<String, String> loadTokenFile(Path file) throws IOException {
        return AgentCredentials.loadTokenFile(file);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
