package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64CredentialTest {

    private static final Validator V = Validators.create("base64-credential", Map.of());
    private static final ValidationContext CTX = ValidationContext.empty("credential.registry-auth-base64");

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ci-bot:Qz8.Lm3^Wk7Rt2Xp", "deploy:Hs6!Pq", "AWS:eyJwYXlsb2FkIjoiQ2xxT1d3b2x6cE5a",
            "_json_key:{\n  \"type\": \"service_account\"\n}"})
    void userAndPasswordPass(String decoded) {
        assertThat(V.test("\"auth\": \"" + b64(decoded) + "\"", CTX)).isTrue();
        assertThat(V.test("auth\n" + b64(decoded), CTX)).isTrue();
        assertThat(V.test("_auth=" + b64(decoded), CTX)).isTrue();
        assertThat(V.test("//npm.demo.invalid/:_auth = '" + b64(decoded) + "'", CTX)).isTrue();
    }

    @Test
    void unpaddedBase64IsDecodedToo() {
        String padded = b64("ci-bot:Qz8.Lm3^Wk7R");
        assertThat(padded).endsWith("=");
        assertThat(V.test("_auth=" + padded.replace("=", ""), CTX)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ":Qz8.Lm3^Wk7Rt2Xp",            // no user
        "ci-bot:Qz8.L",                 // password of five characters
        "ci-bot:",                      // no password
        "a sentence without any colon in it",
        "Note: see the wiki for the steps", // prose: a blank after the colon
        "ci bot:Qz8.Lm3^Wk7Rt2Xp",      // a blank in the user
        ":",
    })
    void notAUserAndPassword(String decoded) {
        assertThat(V.test("\"auth\": \"" + b64(decoded) + "\"", CTX)).isFalse();
        assertThat(V.test("_auth=" + b64(decoded), CTX)).isFalse();
    }

    @Test
    void binaryOrBrokenBase64Fails() {
        byte[] bin = {'u', ':', 0x01, (byte) 0xff, 'a', 'b', 'c', 'd', 'e', 'f', 'g'};
        assertThat(V.test("\"auth\": \"" + Base64.getEncoder().encodeToString(bin) + "\"", CTX)).isFalse();
        assertThat(V.test("\"auth\": \"Og==\"", CTX)).isFalse();
        assertThat(V.test("\"auth\": \"\"", CTX)).isFalse();
        assertThat(V.test("_auth=abcde", CTX)).isFalse(); // five characters: not base64 at all
    }

    @Test
    void underPasswordTheValueIsThePasswordAlone() {
        assertThat(V.test("//registry.demo.invalid/:_password=" + b64("Qz8.Lm3^Wk7R"), CTX)).isTrue();
        assertThat(V.test("//registry.demo.invalid/:_password=\"" + b64("Qz8.Lm3^Wk7R") + "\"", CTX)).isTrue();
        assertThat(V.test("//registry.demo.invalid/:_password=" + b64("short"), CTX)).isFalse();
        assertThat(V.test("//registry.demo.invalid/:_password=" + b64("        "), CTX)).isFalse();
        // the same password under auth is not user:password
        assertThat(V.test("_auth=" + b64("Qz8.Lm3^Wk7R"), CTX)).isFalse();
    }
}
