package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EngineTest {

    static List<EngineKind> kinds() {
        return SampleRules.kinds();
    }

    private static List<Finding> scan(EngineKind kind, String text) {
        return SampleRules.engine(kind).scan("body", SampleRules.utf8(text));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void findsSsnWithOffsetsMaskAndMetadata(EngineKind kind) {
        List<Finding> findings = scan(kind, "{\"note\":\"SSN 536-22-8174\"}");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("pii.us-ssn");
            assertThat(f.start()).isEqualTo(13);
            assertThat(f.end()).isEqualTo(24);
            assertThat(f.masked()).isEqualTo("***-**-8174");
            assertThat(f.category()).isEqualTo(Category.PII);
            assertThat(f.action()).isEqualTo(Action.REDACT);
            assertThat(f.viewPath()).isEqualTo("body");
            assertThat(f.count()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void engineNameMatchesKind(EngineKind kind) {
        assertThat(SampleRules.engine(kind).engineName()).isEqualTo(kind == EngineKind.JAVA ? "java" : "hyperscan");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void validatorRejectsBadChecksum(EngineKind kind) {
        assertThat(scan(kind, "card 4539 5260 1815 9084")).isEmpty();
        assertThat(scan(kind, "card 4539 5260 1815 9083")).extracting(Finding::ruleId)
                .containsExactly("financial.card-visa-mc");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void minCountNeedsDistinctValues(EngineKind kind) {
        String same = IntStream.range(0, 12).mapToObj(i -> "jane.roe@corp-mail.net").collect(Collectors.joining(", "));
        String nine = IntStream.range(0, 9).mapToObj(i -> "user" + i + "@corp-mail.net").collect(Collectors.joining(", "));
        String ten = IntStream.range(0, 10).mapToObj(i -> "user" + i + "@corp-mail.net").collect(Collectors.joining(", "));

        assertThat(scan(kind, same)).isEmpty();
        assertThat(scan(kind, nine)).isEmpty();
        assertThat(scan(kind, ten)).hasSize(10).allSatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("pii.email-bulk");
            assertThat(f.count()).isEqualTo(10);
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void keypairNeedsPartnerWithinWindow(EngineKind kind) {
        String secret = "9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy4";
        String id = "AKIAGMXGEDN73U55XTPL";

        assertThat(scan(kind, "secret=" + secret)).isEmpty();
        assertThat(scan(kind, id + " " + secret)).extracting(Finding::ruleId)
                .containsExactly("credential.aws-access-key-id", "credential.aws-secret-access-key");
        assertThat(scan(kind, id + " ".repeat(200) + secret)).extracting(Finding::ruleId)
                .containsExactly("credential.aws-access-key-id");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void excludeSuppressesPlaceholder(EngineKind kind) {
        assertThat(scan(kind, "AKIAIOSFODNN7EXAMPLE")).isEmpty();
    }

    /**
     * Excludes fold ASCII case only, as keywords and column names do (the scan compares bytes): one written with a
     * capital of another script suppresses a match holding that capital, as written. Lower-cased with full Unicode
     * rules, as they once were, it matched nothing at all.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void excludeKeepsCapitalsOfOtherScriptsAndFoldsAscii(EngineKind kind) throws Exception {
        RuleSet rules = RuleSet.parse(java.util.Map.of("r.yaml", "rules:\n  - id: pii.x\n    category: pii\n"
                + "    severity: low\n    patterns: ['\\bref-[0-9]{6}-[A-Za-z\\x80-\\xff]{2,16}']\n"
                + "    exclude: ['ÄMTER', 'muster']\n"));
        try (CompiledRules engine = Engines.compile(rules, kind)) {
            assertThat(engine.scan("body", SampleRules.utf8("ref-123456-ÄMTER"))).isEmpty();
            assertThat(engine.scan("body", SampleRules.utf8("ref-123456-ÄmTeR"))).isEmpty();
            assertThat(engine.scan("body", SampleRules.utf8("ref-123456-MUSTER"))).isEmpty();
            assertThat(engine.scan("body", SampleRules.utf8("ref-123456-ämter"))).extracting(Finding::ruleId)
                    .containsExactly("pii.x");
            assertThat(engine.scan("body", SampleRules.utf8("ref-123456-Vertrag"))).extracting(Finding::ruleId)
                    .containsExactly("pii.x");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void matchAcrossChunkBoundaryInDirectAndHeapBuffers(EngineKind kind) {
        String text = "x".repeat(100) + " ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd " + "y".repeat(50);
        for (boolean direct : new boolean[] {true, false}) {
            try (ScanSession s = SampleRules.engine(kind).open("v")) {
                s.feed(direct ? SampleRules.direct(text.substring(0, 115)) : SampleRules.utf8(text.substring(0, 115)));
                s.feed(direct ? SampleRules.direct(text.substring(115)) : SampleRules.utf8(text.substring(115)));
                assertThat(s.bytesScanned()).isEqualTo(text.length());
                assertThat(s.finish()).singleElement().satisfies(f -> {
                    assertThat(f.start()).isEqualTo(101);
                    assertThat(f.end()).isEqualTo(141);
                    assertThat(f.masked()).isEqualTo("ghp_…(40)");
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void honoursBufferPositionAndAdvancesIt(EngineKind kind) {
        byte[] bytes = "zzzzSSN 536-22-8174 and more".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes);
        direct.position(4);
        ByteBuffer heap = ByteBuffer.wrap(bytes).position(4);
        for (ByteBuffer buffer : List.of(direct, heap)) {
            try (ScanSession s = SampleRules.engine(kind).open("v")) {
                s.feed(buffer);
                assertThat(buffer.hasRemaining()).isFalse();
                assertThat(s.finish()).singleElement().extracting(Finding::start).isEqualTo(4L);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void largeInputSpanningManySlices(EngineKind kind) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 300_000) {
            sb.append("{\"role\":\"user\",\"content\":\"lorem ipsum dolor sit amet 12345 \"},");
        }
        int at = sb.length();
        sb.append("card 5412 9139 0996 0309 exp");
        while (sb.length() < 400_000) {
            sb.append(" filler");
        }
        assertThat(SampleRules.engine(kind).scan("big", SampleRules.direct(sb.toString())))
                .singleElement().extracting(Finding::start).isEqualTo((long) at + 5);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sessionLifecycle(EngineKind kind) {
        ScanSession s = SampleRules.engine(kind).open("v");
        s.feed(SampleRules.utf8("SSN 536-22-8174"));
        List<Finding> first = s.finish();
        assertThat(s.finish()).isSameAs(first);
        assertThatThrownBy(() -> s.feed(SampleRules.utf8("x"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("session: finished (expected: open)");
        s.close();
        ScanSession closed = SampleRules.engine(kind).open("v");
        closed.close();
        assertThatThrownBy(closed::finish).isInstanceOf(IllegalStateException.class)
                .hasMessage("session: closed (expected: open)");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void emptyRuleSetScansNothing(EngineKind kind) {
        try (CompiledRules none = Engines.compile(SampleRules.RULES.filter(r -> false), kind)) {
            assertThat(none.scan("v", SampleRules.utf8("SSN 536-22-8174"))).isEmpty();
        }
    }
}
