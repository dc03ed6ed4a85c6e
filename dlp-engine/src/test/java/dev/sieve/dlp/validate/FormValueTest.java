package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormValueTest {

    private static boolean test(Map<String, ?> params, String match) {
        return Validators.create("form-value", params).test(match, ValidationContext.empty("r"));
    }

    private static boolean test(Map<String, ?> params, String match, String after) {
        return Validators.create("form-value", params).test(match, TestContexts.after("r", after));
    }

    @Test
    void lastTokenDropsTrailingPunctuationAndListedWords() {
        assertThat(FormValue.lastToken("send \"Kp9!zQ2mXr7\\r\"", List.of())).isEqualTo("Kp9!zQ2mXr7");
        assertThat(FormValue.lastToken("ascii-text \"Orbit$2291Lp\";", List.of())).isEqualTo("Orbit$2291Lp");
        assertThat(FormValue.lastToken("snmp-server community Nq4rT8vKz2Lp RW", List.of("RW"))).isEqualTo("Nq4rT8vKz2Lp");
        assertThat(FormValue.lastToken("community Xp7Lq2Nz9R {", List.of("{"))).isEqualTo("Xp7Lq2Nz9R");
        assertThat(FormValue.lastToken("$ pass show x\nKz7-Lp2qWx9Tr\n", List.of())).isEqualTo("Kz7-Lp2qWx9Tr");
    }

    @Test
    void lastTokenValuesPassTheAssignmentChecks() {
        assertThat(test(Map.of(), "username backup password 0 Harbor#7718Tw")).isTrue();
        assertThat(test(Map.of(), "expect \"password:\"\nsend \"$env(SSH_PASS)\\r\"")).as("template").isFalse();
        assertThat(test(Map.of(), "echo 'changeme123'")).as("placeholder").isFalse();
        assertThat(test(Map.of("trailing", "RO RW"), "snmp-server community public RO")).isFalse();
        assertThat(test(Map.of("min_length", 6), "enable password Kq7vR2pLx9Wm", " encrypted")).as("ASA hash").isFalse();
        assertThat(test(Map.of("min_length", 6), "enable password Kq7vR2pLx9Wm", "\n!")).isTrue();
    }

    @Test
    void splitKeepsThePartAfterTheFirstSeparator() {
        Map<String, ?> split = Map.of("split", "/:");
        assertThat(test(split, "sqlplus system/Maple#3391Lp@")).isTrue();
        assertThat(test(split, "stats auth admin:Crimson@5120xQ")).isTrue();
        assertThat(test(split, "sqlplus scott/tiger@")).isFalse();
        assertThat(test(split, "stats auth Crimson5120xQ")).as("no separator").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password 7 0822455D0A16544541", "key 7 104D000A0618",
            "secret \"$9$Hk5FCtOIhrK8X7b2gJUDHq\""})
    void reversibleDevicePasswords(String match) {
        assertThat(test(Map.of("kind", "reversible"), match)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password 7 9922455D0A16", "password 7 0822455D0A1", "password 7 08224G", "secret \"$9$ab\""})
    void notReversibleDevicePasswords(String match) {
        assertThat(test(Map.of("kind", "reversible"), match)).isFalse();
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void discordTokensCarryABase64UserId() {
        String hmac = "x7Lp9Wq2Zt4Km8Nb3Vc6Rf1Hd5Js0AeUyT";
        assertThat(FormValue.discord(b64url("914302857716203548") + ".GkR2vQ." + hmac)).isTrue();
        assertThat(FormValue.discord(b64url("91430285771620354a") + ".GkR2vQ." + hmac)).as("not digits").isFalse();
        assertThat(FormValue.discord(b64url("9143028577") + ".GkR2vQ." + hmac)).as("too short an id").isFalse();
        assertThat(FormValue.discord(b64url("914302857716203548") + ".GkR2v." + hmac)).as("5-char middle").isFalse();
    }

    @Test
    void cloudflareTunnelTokensHoldAccountTunnelAndSecret() {
        String full = "{\"a\":\"5f2c9e0b7d41a3c86e0f9b2d4a7c1e38\",\"t\":\"0b8e2f4c-7a13-4d59-9e26-c3f1a8b7d045\","
                + "\"s\":\"Wm9xN2RLcDJ2Ylh0UjhqTTRuQjZ3WTFlSDNrUTlzQ3U=\"}";
        String b64 = Base64.getEncoder().encodeToString(full.getBytes(StandardCharsets.US_ASCII));
        assertThat(FormValue.cloudflareTunnel(b64)).isTrue();
        String noSecret = full.substring(0, full.indexOf(",\"s\"")) + "}";
        assertThat(FormValue.cloudflareTunnel(Base64.getEncoder().encodeToString(
                noSecret.getBytes(StandardCharsets.US_ASCII)))).isFalse();
        assertThat(FormValue.cloudflareTunnel("eyJhIjoiYiJ9")).isFalse();
    }

    @Test
    void vncHexNeedsEightVariedBytes() {
        assertThat(FormValue.vncHex("\"Password\"=hex:3f,a1,07,c4,9e,52,d8,6b")).isTrue();
        assertThat(FormValue.vncHex("passwd=A1B2C3D4E5F60718")).isTrue();
        assertThat(FormValue.vncHex("\"Password\"=hex:00,00,00,00,00,00,00,00")).isFalse();
        assertThat(FormValue.vncHex("\"Password\"=hex:3f,a1,07")).isFalse();
    }

    @Test
    void cookiesNeedAnOpaqueValueAndNoCsrfName() {
        Map<String, ?> cookie = Map.of("kind", "cookie", "min_length", 16);
        assertThat(test(cookie, ".acme.io\tTRUE\t/\tTRUE\t0\tJSESSIONID\t9F3A7C21B8E04D6A5C1F2E9B7D0A4C38")).isTrue();
        assertThat(test(cookie, ".acme.io\tTRUE\t/\tTRUE\t0\t__Host-csrf\tq7Zr2LxWp9Kt4mVb8NcJ3sHd6Fg1Ay5U")).isFalse();
        assertThat(test(cookie, ".acme.io\tTRUE\t/\tTRUE\t0\tsessionid\tdeleted")).isFalse();
        String longValue = "Atza|" + "IwEBIKq7Zr2LxWp9Kt4mVb8NcJ3sHd6Fg1Ay5Ue0Ti".repeat(8);
        assertThat(test(cookie, ".amazon.com\tTRUE\t/\tTRUE\t0\tat-main\t" + longValue)).as("over 256 characters").isTrue();
    }

    @Test
    void headerCookiesReadTheValueAfterTheNameAndTestOnlyThatName() {
        Map<String, ?> header = Map.of("kind", "cookie", "split", "=", "min_length", 16);
        assertThat(test(header, "Cookie: csrftoken=Xq7Zr2LxWp9Kt4mVb8Nc; sessionid=q7zr2lxwp9kt4mvb8ncj3shd6fg1"))
                .as("a CSRF cookie before the session cookie").isTrue();
        assertThat(test(header, "Cookie: XSRF-SESSION=q7zr2lxwp9kt4mvb8ncj3shd6fg1")).isFalse();
        assertThat(test(header, "Cookie: sessionid=aaaaaaaaaaaaaaaaaaaa")).as("filler").isFalse();
        assertThat(test(header, "Cookie: sessionid")).as("no value").isFalse();
    }

    private static boolean aligned(String text, String value) {
        int at = text.lastIndexOf(value) - 1;
        String match = text.substring(at, at + 1 + value.length());
        return Validators.create("form-value", Map.of("kind", "aligned-column")).test(match,
                ValidationContext.around("r", text.substring(0, at), text.substring(at + 1 + value.length())));
    }

    @Test
    void alignedColumnsNeedASecretHeaderOverTheValuesDashRun() {
        String ps = "DefaultUserName DefaultPassword\n--------------- ---------------\nkiosk           Crimson#2034Tw\n";
        assertThat(aligned(ps, "Crimson#2034Tw")).isTrue();
        String graph = "DisplayName     ClientSecret                             EndDateTime\n"
                + "-----------     ------------                             -----------\n"
                + "billing-sync    Qx8~Lm2pWz7Rk4Vb9Nc3Hd6Fj1Ts5Ay0Ue2Gi    12/31/2027 00:00:00\n";
        assertThat(aligned(graph, "Qx8~Lm2pWz7Rk4Vb9Nc3Hd6Fj1Ts5Ay0Ue2Gi")).isTrue();
        assertThat(aligned(ps.replace("DefaultPassword", "DefaultDomainNm"), "Crimson#2034Tw")).isFalse();
        assertThat(aligned(ps.replace("kiosk           ", "kiosk            "), "Crimson#2034Tw"))
                .as("not at its column's start").isFalse();
        assertThat(aligned(ps.replace("\nkiosk", "\n\nkiosk"), "Crimson#2034Tw")).as("a blank line ends the table")
                .isFalse();
        assertThat(aligned("Reset your password\n-------------------\nHarbor!4471Kq9 is an example\n", "Harbor!4471Kq9"))
                .as("a heading, not a header").isFalse();
    }

    @Test
    void badParametersFailAtLoad() {
        assertThatThrownBy(() -> Validators.create("form-value", Map.of("kind", "x"))).hasMessageContaining("kind");
        assertThatThrownBy(() -> Validators.create("form-value", Map.of("split", ""))).hasMessageContaining("split");
        assertThatThrownBy(() -> Validators.create("form-value", Map.of("trailing", 3))).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Validators.create("form-value", Map.of("window", 3))).hasMessageContaining("window");
    }
}
