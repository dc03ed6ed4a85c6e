package dev.sieve.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.config.EnforcementMode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final KeyPair KEY = TokenTestKeys.pair();
    private static final KeyPair OTHER = TokenTestKeys.pair();

    private static TokenVerifier verifier(Instant now, KeyPair... keys) {
        return new TokenVerifier(VerificationKeys.of(java.util.Arrays.stream(keys).map(KeyPair::getPublic).toList()),
                Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(30), Duration.ofHours(24));
    }

    private static String token() {
        return TokenCodec.encode(TokenTestKeys.claims(KEY, "agent-1", NOW.minusSeconds(60), 3600,
                List.of("api.anthropic.com", "*.openai.com:443"), "rpm=60,uploadPerHour=100MiB", EnforcementMode.MONITOR),
                KEY.getPrivate());
    }

    @Test
    void aGenuineTokenVerifiesAndRoundTripsItsClaims() {
        TokenCheck check = verifier(NOW, KEY).verify(token());

        assertThat(check).isInstanceOf(TokenCheck.Valid.class);
        TokenClaims claims = ((TokenCheck.Valid) check).claims();
        assertThat(claims.subject()).isEqualTo("agent-1");
        assertThat(claims.scope().texts()).containsExactly("api.anthropic.com", "*.openai.com:443");
        assertThat(claims.budget().format()).isEqualTo("rpm=60,uploadPerHour=100MiB");
        assertThat(claims.mode()).isEqualTo(EnforcementMode.MONITOR);
        assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(3540));
    }

    @Test
    void severalKeysAreActiveAtOnceForRotation() {
        String fromOther = TokenTestKeys.issue(OTHER, "agent-2", NOW, 60, List.of());

        assertThat(verifier(NOW, KEY, OTHER).verify(token())).isInstanceOf(TokenCheck.Valid.class);
        assertThat(verifier(NOW, KEY, OTHER).verify(fromOther)).isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void anUnknownKeyIdIsInvalid() {
        assertThat(verifier(NOW, OTHER).verify(token()))
                .isInstanceOfSatisfying(TokenCheck.Invalid.class,
                        i -> assertThat(i.detail()).contains("key id").contains(Ed25519Keys.keyId(KEY.getPublic())));
    }

    @Test
    void aSignatureByAnotherKeyUnderTheRightKeyIdIsInvalid() {
        TokenClaims claims = TokenTestKeys.claims(KEY, "agent-1", NOW, 60, List.of(), "", EnforcementMode.ENFORCE);
        String forged = TokenCodec.encode(claims, OTHER.getPrivate());

        assertThat(verifier(NOW, KEY).verify(forged)).isInstanceOfSatisfying(TokenCheck.Invalid.class,
                i -> assertThat(i.detail()).contains("signature does not verify"));
    }

    @Test
    void tamperedClaimsAreInvalid() {
        String token = token();
        int dot = token.indexOf('.', TokenCodec.PREFIX.length());
        String json = new String(Base64.getUrlDecoder().decode(token.substring(TokenCodec.PREFIX.length(), dot)),
                StandardCharsets.UTF_8);
        String widened = json.replace("\"allow\":[\"api.anthropic.com\",\"*.openai.com:443\"]", "\"allow\":[]");
        assertThat(widened).isNotEqualTo(json);
        String tampered = TokenCodec.PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(widened.getBytes(StandardCharsets.UTF_8)) + token.substring(dot);

        assertThat(verifier(NOW, KEY).verify(tampered)).isInstanceOfSatisfying(TokenCheck.Invalid.class,
                i -> assertThat(i.detail()).contains("signature does not verify"));
    }

    @Test
    void aScopeNameIsSignedAndAbsentUnlessIssued() {
        TokenIssuer issuer = new TokenIssuer(KEY.getPrivate());
        String scoped = issuer.issue("agent-1", java.time.Duration.ofMinutes(5), List.of(), "",
                EnforcementMode.ENFORCE, java.util.Optional.of("team-a"), NOW).token();
        String plain = issuer.issue("agent-1", java.time.Duration.ofMinutes(5), List.of(), "",
                EnforcementMode.ENFORCE, NOW).token();

        assertThat(verifier(NOW, KEY).verify(scoped)).isInstanceOfSatisfying(TokenCheck.Valid.class,
                v -> assertThat(v.claims().scopeName()).contains("team-a"));
        assertThat(TokenCodec.decode(plain).claims().scopeName()).isEmpty();
        assertThat(new String(Base64.getUrlDecoder().decode(plain.substring(TokenCodec.PREFIX.length(),
                plain.indexOf('.', TokenCodec.PREFIX.length()))), StandardCharsets.UTF_8)).doesNotContain("scope");
        int dot = scoped.indexOf('.', TokenCodec.PREFIX.length());
        String json = new String(Base64.getUrlDecoder().decode(scoped.substring(TokenCodec.PREFIX.length(), dot)),
                StandardCharsets.UTF_8);
        String rescoped = json.replace("\"scope\":\"team-a\"", "\"scope\":\"team-b\"");
        assertThat(rescoped).isNotEqualTo(json);
        String tampered = TokenCodec.PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(rescoped.getBytes(StandardCharsets.UTF_8)) + scoped.substring(dot);
        assertThat(verifier(NOW, KEY).verify(tampered)).isInstanceOf(TokenCheck.Invalid.class);
        assertThatThrownBy(() -> issuer.issue("agent-1", java.time.Duration.ofMinutes(5), List.of(), "",
                EnforcementMode.ENFORCE, java.util.Optional.of("no spaces"), NOW))
                .hasMessageStartingWith("scope: (expected: a scope name");
    }

    @Test
    void aTamperedSignatureIsInvalid() {
        String token = token();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertThat(verifier(NOW, KEY).verify(tampered)).isInstanceOf(TokenCheck.Invalid.class);
    }

    @Test
    void expiryIsExactAndNotExtendedBySkew() {
        TokenVerifier atExpiry = verifier(NOW.plusSeconds(3540), KEY);
        TokenVerifier justBefore = verifier(NOW.plusSeconds(3539), KEY);

        assertThat(atExpiry.verify(token())).isInstanceOf(TokenCheck.Expired.class);
        assertThat(justBefore.verify(token())).isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void aTokenFromTheFutureIsInvalidBeyondTheSkew() {
        String future = TokenTestKeys.issue(KEY, "agent-1", NOW.plusSeconds(31), 600, List.of());
        String slightlyAhead = TokenTestKeys.issue(KEY, "agent-1", NOW.plusSeconds(29), 600, List.of());

        assertThat(verifier(NOW, KEY).verify(future)).isInstanceOfSatisfying(TokenCheck.Invalid.class,
                i -> assertThat(i.detail()).contains("not valid before"));
        assertThat(verifier(NOW, KEY).verify(slightlyAhead)).isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void aLifetimeOverTheMaximumIsInvalid() {
        String tooLong = TokenTestKeys.issue(KEY, "agent-1", NOW, Duration.ofHours(25).toSeconds(), List.of());

        assertThat(verifier(NOW, KEY).verify(tooLong)).isInstanceOfSatisfying(TokenCheck.Invalid.class,
                i -> assertThat(i.detail()).contains("maxTokenTtl"));
    }

    @Test
    void malformedAndOversizedTokensAreInvalidAndNeverEchoed() {
        String token = token();
        List<String> bad = List.of("", "sieve1.", "sieve1..", "sieve2" + token.substring(6), token + ".x",
                token.replace('.', '!'), token + "=", "sieve1." + "A".repeat(TokenCodec.MAX_TOKEN_CHARS),
                TokenCodec.PREFIX + b64("{\"kid\":\"a\"}") + ".AAAA",
                TokenCodec.PREFIX + b64("[1,2]") + "." + b64sig(),
                TokenCodec.PREFIX + b64(json("\"kid\":\"a\",\"kid\":\"b\"")) + "." + b64sig(),
                TokenCodec.PREFIX + b64(json("\"extra\":1")) + "." + b64sig());
        for (String t : bad) {
            TokenCheck check = verifier(NOW, KEY).verify(t);
            assertThat(check).as(t.length() > 60 ? t.substring(0, 60) : t).isInstanceOf(TokenCheck.Invalid.class);
            String detail = ((TokenCheck.Invalid) check).detail();
            if (t.length() > 20) {
                assertThat(detail).doesNotContain(t.substring(TokenCodec.PREFIX.length(),
                        Math.min(t.length(), TokenCodec.PREFIX.length() + 16)));
            }
        }
    }

    /**
     * The verifier's contract, exhaustively over single-character changes: any string gets a result, never an
     * exception, and a changed token never verifies (non-canonical base64 is refused, so no spelling variant passes).
     */
    @Test
    void everySingleCharacterChangeIsRefusedWithoutAnException() {
        String token = token();
        TokenVerifier verifier = verifier(NOW, KEY);
        for (int i = 0; i < token.length(); i++) {
            for (char c : new char[] {'A', 'B', 'z', '0', '-', '_', '.', '=', ' ', '\u00e9'}) {
                if (token.charAt(i) == c) {
                    continue;
                }
                String changed = token.substring(0, i) + c + token.substring(i + 1);
                assertThat(verifier.verify(changed)).as("position %d", i).isInstanceOf(TokenCheck.Invalid.class);
            }
        }
    }

    private static String json(String body) {
        return "{" + body + "}";
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64sig() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
    }
}
