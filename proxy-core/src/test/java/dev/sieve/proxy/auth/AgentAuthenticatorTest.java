package dev.sieve.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentAuthenticatorTest {

    // Synthetic test tokens, built in code.
    private static final String ALICE_TOKEN = "alice-" + "0123456789abcdef";
    private static final String BOB_TOKEN = "bob-" + "fedcba9876543210";

    private static final AgentAuthenticator REQUIRED =
            new AgentAuthenticator(true, Map.of("alice", ALICE_TOKEN, "bob.ci-1", BOB_TOKEN));
    private static final AgentAuthenticator OPTIONAL = new AgentAuthenticator(false, Map.of("alice", ALICE_TOKEN));

    static Stream<Arguments> table() {
        return Stream.of(
                row(REQUIRED, basic("alice:" + ALICE_TOKEN), new AuthResult.Authenticated("alice")),
                row(REQUIRED, basic("bob.ci-1:" + BOB_TOKEN), new AuthResult.Authenticated("bob.ci-1")),
                row(REQUIRED, "bAsIc   " + b64("alice:" + ALICE_TOKEN) + "  ", new AuthResult.Authenticated("alice")),
                row(REQUIRED, null, new AuthResult.Missing()),
                row(REQUIRED, "", new AuthResult.Missing()),
                row(REQUIRED, "   ", new AuthResult.Missing()),
                row(REQUIRED, basic("alice:" + BOB_TOKEN), new AuthResult.Invalid("wrong token for agent 'alice'")),
                row(REQUIRED, basic("alice:" + ALICE_TOKEN + "x"), new AuthResult.Invalid("wrong token for agent 'alice'")),
                row(REQUIRED, basic("alice:"), new AuthResult.Invalid("wrong token for agent 'alice'")),
                row(REQUIRED, basic("mallory:" + ALICE_TOKEN), new AuthResult.Invalid("unknown agent")),
                row(REQUIRED, basic(ALICE_TOKEN + ":alice"), new AuthResult.Invalid("unknown agent")),
                row(REQUIRED, basic("alice"), new AuthResult.Invalid(
                        "Proxy-Authorization has no ':' (expected: Basic base64(agentId:token))")),
                row(REQUIRED, "Basic !!!not-base64", new AuthResult.Invalid(
                        "Proxy-Authorization is not valid base64 (expected: Basic base64(agentId:token))")),
                row(REQUIRED, "Bearer " + ALICE_TOKEN, new AuthResult.Invalid(
                        "Bearer credentials are not a Sieve token (expected: Bearer sieve1...)")),
                row(REQUIRED, "Digest x", new AuthResult.Invalid(
                        "unsupported Proxy-Authorization scheme (expected: Basic or Bearer)")),
                row(REQUIRED, "Basic", new AuthResult.Invalid(
                        "unsupported Proxy-Authorization scheme (expected: Basic or Bearer)")),
                row(OPTIONAL, null, new AuthResult.Anonymous()),
                row(OPTIONAL, basic("alice:" + ALICE_TOKEN), new AuthResult.Authenticated("alice")),
                row(OPTIONAL, basic("alice:" + BOB_TOKEN), new AuthResult.Invalid("wrong token for agent 'alice'")));
    }

    @ParameterizedTest
    @MethodSource("table")
    void authenticates(AgentAuthenticator authenticator, String header, AuthResult expected) {
        AuthResult result = authenticator.authenticate(header);

        assertThat(result).isEqualTo(expected);
        assertThat(result.permitted()).isEqualTo(
                expected instanceof AuthResult.Authenticated || expected instanceof AuthResult.Anonymous);
        assertThat(result.toString()).doesNotContain(ALICE_TOKEN).doesNotContain(BOB_TOKEN);
    }

    @Test
    void requiredWithoutTokensIsAConfigurationError() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AgentAuthenticator(true, Map.of()))
                .withMessage("auth.required: true (expected: at least one agent token in auth.tokens or auth.tokenFile,"
                        + " or a key in auth.verificationKeys or auth.verificationKeyDir)");
    }

    @Test
    void rejectsShortTokenWithoutShowingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AgentAuthenticator(false, Map.of("alice", "short")))
                .withMessage("token: <not shown> (expected: at least 16 characters, no whitespace)");
    }

    @Test
    void rejectsBadAgentId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AgentAuthenticator(false, Map.of("al ice", ALICE_TOKEN)))
                .withMessage("agent id: <not shown> (expected: 1-64 of [A-Za-z0-9._-], starting with a letter or digit)");
    }

    @Test
    void loadsTokenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# agents\n\nalice:" + ALICE_TOKEN + "\n  bob.ci-1 : " + BOB_TOKEN + "  \n");

        assertThat(AgentAuthenticator.loadTokenFile(file))
                .containsExactly(Map.entry("alice", ALICE_TOKEN), Map.entry("bob.ci-1", BOB_TOKEN));
    }

    @Test
    void tokenFileErrorsNameFileAndLineButNoValues(@TempDir Path dir) throws Exception {
        assertTokenFileError(dir, "alice:" + ALICE_TOKEN + "\n" + BOB_TOKEN + "\n",
                ":2: no ':' in line (expected: agentId:token)");
        assertTokenFileError(dir, "# c\nalice:tooshort\n",
                ":2: token: <not shown> (expected: at least 16 characters, no whitespace)");
        assertTokenFileError(dir, "alice:" + ALICE_TOKEN + "\nalice:" + BOB_TOKEN + "\n",
                ":2: agent id: repeated (expected: each agent once; first on line 1)");
        assertTokenFileError(dir, ALICE_TOKEN + "!:bob\n",
                ":1: agent id: <not shown> (expected: 1-64 of [A-Za-z0-9._-], starting with a letter or digit)");
    }

    private static void assertTokenFileError(Path dir, String content, String suffix) throws Exception {
        Path file = dir.resolve("tokens.txt");
        Files.writeString(file, content);
        assertThatIllegalArgumentException().isThrownBy(() -> AgentAuthenticator.loadTokenFile(file))
                .withMessage(file + suffix)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ALICE_TOKEN).doesNotContain(BOB_TOKEN));
    }

    private static Arguments row(AgentAuthenticator authenticator, String header, AuthResult expected) {
        return Arguments.of(authenticator, header, expected);
    }

    private static String basic(String userPass) {
        return "Basic " + b64(userPass);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
