package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.card;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.str;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.ViewLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private static final Pattern CARD_PLACEHOLDER = Pattern.compile("\\[REDACTED:financial\\.card-visa-mc:[0-9a-f]{8}]");

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void thePlaceholderIsTheRuleAndTheFirstEightHexOfHmacSha256OfTheValue() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key(7), "HmacSHA256"));
        String hex = HexFormat.of().formatHex(mac.doFinal("4111 1111 1111 1111".getBytes(StandardCharsets.US_ASCII)))
                .substring(0, 8);

        ByteBuffer value = ascii("4111 1111 1111 1111");
        assertThat(Placeholders.withKey(key(7)).mint("financial.card", value))
                .isEqualTo("[REDACTED:financial.card:" + hex + "]");
        assertThat(value.position()).isZero();
    }

    @Test
    void twoInstancesWithTheSameKeyAgreeAndAnotherKeyOrValueDiffers() {
        Placeholders a = Placeholders.withKey(key(1));
        Placeholders b = Placeholders.withKey(key(1));
        Placeholders other = Placeholders.withKey(key(2));

        assertThat(a.mint("r", ascii("value-1"))).isEqualTo(b.mint("r", ascii("value-1")));
        assertThat(a.mint("r", ascii("value-1"))).isNotEqualTo(other.mint("r", ascii("value-1")));
        assertThat(a.mint("r", ascii("value-1"))).isNotEqualTo(a.mint("r", ascii("value-2")));
        assertThat(Placeholders.randomKey().mint("r", ascii("value-1")))
                .isNotEqualTo(Placeholders.randomKey().mint("r", ascii("value-1")));
    }

    @Test
    void aShortKeyIsRefusedWithoutItsBytesInTheMessage() {
        assertThatThrownBy(() -> Placeholders.withKey(new byte[] {'s', 'e', 'c', 'r', 'e', 't'}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("redaction key: 6 bytes (expected: at least 32)");
        assertThat(Placeholders.withKey(key(3)).toString()).doesNotContain("3");
    }

    @Test
    void aSecretInTwoTurnsOfAConversationGetsTheSamePlaceholderAndTheSinkHearsOfIt() {
        Placeholders placeholders = Placeholders.withKey(key(9));
        String secret = card();
        String turn1 = message("card " + secret + " please");
        String turn2 = "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"card "
                + secret + " please\"},{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":"
                + "\"and again " + secret + "\"}]}";
        List<String> heard = new ArrayList<>();
        PlaceholderSink sink = (placeholder, value) -> heard.add(placeholder + "=" + StandardCharsets.UTF_8.decode(value));

        String first = redact(TestRequests.INSPECTOR, placeholders, sink, turn1);
        String second = redact(TestRequests.INSPECTOR, Placeholders.withKey(key(9)), PlaceholderSink.NONE, turn2);

        Matcher m = CARD_PLACEHOLDER.matcher(first);
        assertThat(m.find()).isTrue();
        String placeholder = m.group();
        assertThat(first).isEqualTo(message("card " + placeholder + " please"));
        assertThat(second).startsWith(first.substring(0, first.indexOf(placeholder) + placeholder.length()))
                .contains("and again " + placeholder).doesNotContain(secret);
        assertThat(heard).containsExactly(placeholder + "=" + secret);
        assertThat(redact(TestRequests.INSPECTOR, Placeholders.withKey(key(8)), PlaceholderSink.NONE, turn1))
                .doesNotContain(placeholder);
    }

    @Test
    void aRulesOwnRedactTextIsKeptAndMintsNoPlaceholder() throws Exception {
        RuleSet rules = RuleSet.parse(Map.of("r.yaml", """
                rules:
                  - id: source-code.marker
                    category: source-code
                    severity: medium
                    action: redact
                    redact: '<marker removed>'
                    patterns: ['\\bACME-SECRET-PLAN\\b']
                  - id: source-code.other
                    category: source-code
                    severity: medium
                    action: redact
                    redact: placeholder
                    patterns: ['\\bACME-OTHER-PLAN\\b']
                """));
        List<String> heard = new ArrayList<>();
        try (CompiledRules engine = Engines.compile(rules, EngineKind.JAVA)) {
            String out = redact(new Inspector(engine, ViewLimits.defaults()), Placeholders.withKey(key(4)),
                    (p, v) -> heard.add(p), message("see ACME-SECRET-PLAN and ACME-OTHER-PLAN"));

            assertThat(out).matches(Pattern.quote(message("see <marker removed> and ").replace("\"}]}", ""))
                    + "\\[REDACTED:source-code\\.other:[0-9a-f]{8}]\"}]}");
            assertThat(heard).singleElement().asString().startsWith("[REDACTED:source-code.other:");
        }
    }

    private static String redact(Inspector inspector, Placeholders placeholders, PlaceholderSink sink, String body) {
        try (Inspection i = inspector.open(json(), InspectionPolicy.defaults(), placeholders, sink)) {
            InspectionResult r = i.finish(ByteBuffer.wrap(utf8(body)));
            assertThat(r.decision()).isEqualTo(Decision.REDACT);
            return str(r.redacted().orElseThrow().body());
        }
    }
}
