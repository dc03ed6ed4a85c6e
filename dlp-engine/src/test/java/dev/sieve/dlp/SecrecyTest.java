package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No raw matched value ever reaches a finding, its toString, or an exception message. */
class SecrecyTest {

    static List<EngineKind> kinds() {
        return SampleRules.kinds();
    }

    private static String syntheticToken() {
        Random random = new Random(1234);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("ghp_");
        for (int i = 0; i < 36; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void secretAppearsNowhere(EngineKind kind) {
        String secret = syntheticToken();
        String body = "{\"content\":\"use " + secret + " and SSN 536-22-8174\"}";
        CompiledRules engine = SampleRules.engine(kind);
        List<String> texts = new ArrayList<>();

        try (ScanSession session = engine.open("body")) {
            session.feed(SampleRules.utf8(body.substring(0, 20)));
            session.feed(SampleRules.utf8(body.substring(20)));
            List<Finding> findings = session.finish();
            assertThat(findings).hasSize(2);
            findings.forEach(f -> {
                texts.add(f.toString());
                texts.add(f.masked());
                texts.add(f.ruleId());
                texts.add(f.viewPath());
            });
            texts.add(findings.toString());
            texts.add(session.toString());
            texts.add(String.valueOf(catchThrowable(() -> session.feed(SampleRules.utf8(secret)))));
        }
        texts.add(engine.toString());

        assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(secret)
                .doesNotContain(secret.substring(4, 12)).doesNotContain("536-22").doesNotContain("22-8174"));
    }
}
