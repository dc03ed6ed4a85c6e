package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.AWS_ID;
import static dev.sieve.dlp.inspect.TestRequests.AWS_SECRET;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.anthropicKey;
import static dev.sieve.dlp.inspect.TestRequests.card;
import static dev.sieve.dlp.inspect.TestRequests.inspect;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.str;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.dlp.Action;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.FailReason;
import dev.sieve.dlp.view.PathView;
import dev.sieve.dlp.view.ViewLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class InspectorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A synthetic GitHub token with a valid checksum. */
    private static final String GITHUB_PAT = "ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd";

    private static InspectionPolicy overriding(String ruleId, Action action) {
        return new InspectionPolicy(r -> true, Map.of(ruleId, action), Set.of(), false);
    }

    @Test
    void ssnInJsonIsBlockedUnderAnOverrideAndReportedOnceFromTheJsonView() {
        InspectionResult r = inspect(json(), overriding("pii.us-ssn", Action.BLOCK), utf8(message("my SSN is " + SSN)));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("pii.us-ssn");
            assertThat(f.action()).isEqualTo(Action.BLOCK);
            assertThat(f.viewPath()).isEqualTo("json");
            assertThat(f.masked()).isEqualTo("***-**-8174");
        });
        assertThat(r.failure()).isEmpty();
        assertThat(r.redacted()).isEmpty();
        assertThat(r.ruleSetVersion()).isEqualTo(TestRequests.RULES.version());
    }

    @Test
    void cardUnderARedactRuleIsRewrittenAndTheRestOfTheJsonIsUnchanged() throws IOException {
        byte[] body = utf8(message("card " + card() + " exp 04/29, SSN " + SSN));

        InspectionResult r = inspect(json(), body);

        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        assertThat(r.ruleIds()).containsExactlyInAnyOrder("financial.card-visa-mc", "pii.us-ssn");
        RedactedBody redacted = r.redacted().orElseThrow();
        assertThat(redacted.headerChanges())
                .containsExactly(Map.entry("Content-Length", Integer.toString(redacted.body().length)));
        assertThat(redacted.pathAndQuery()).isEmpty();
        JsonNode after = MAPPER.readTree(redacted.body());
        assertThat(after.at("/messages/0/content").asText())
                .matches("card \\[REDACTED:financial\\.card-visa-mc:[0-9a-f]{8}] exp 04/29, SSN \\*\\*\\*-\\*\\*-8174");
        ObjectNode before = (ObjectNode) MAPPER.readTree(body);
        ((ObjectNode) before.at("/messages/0")).put("content", after.at("/messages/0/content").asText());
        assertThat(after).isEqualTo(before);
        assertThat(str(redacted.body())).doesNotContain(card()).doesNotContain(SSN);
    }

    @Test
    void awsKeyInsideAnAnthropicBase64DocumentBlockIsFoundInTheDecodedPayload() {
        String document = "aws_access_key_id=" + AWS_ID + "\naws_secret_access_key=" + AWS_SECRET + "\n";
        String data = Base64.getEncoder().encodeToString(utf8(document));
        String body = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"text/plain\",\"data\":\""
                + data + "\"}},{\"type\":\"text\",\"text\":\"summarize\"}]}]}";

        InspectionResult r = inspect(json(), utf8(body));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        String payload = "json:$.messages[0].content[0].source.data|base64";
        assertThat(r.findings()).extracting(Finding::ruleId, Finding::viewPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple("credential.aws-access-key-id", payload),
                org.assertj.core.groups.Tuple.tuple("credential.aws-secret-access-key", payload));
    }

    @Test
    void gzipJsonIsDecodedAndTheRedactedBodyIsRecompressed() throws IOException {
        byte[] body = TestRequests.gzip(utf8(message("SSN " + SSN)));
        InspectionResult r = inspect(meta("/v1/messages", "Content-Type", "application/json", "Content-Encoding", "gzip"),
                body);

        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("json");
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.redacted().orElseThrow().body())).readAllBytes();
        assertThat(MAPPER.readTree(plain).at("/messages/0/content").asText()).isEqualTo("SSN ***-**-8174");
    }

    @Test
    void multipartPartsAreScannedAndRedacted() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\npay with card " + card() + " please\r\n--XyZ--\r\n";

        InspectionResult r = inspect(meta("/v1/files", "Content-Type", "multipart/form-data; boundary=XyZ"), utf8(body));

        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("financial.card-visa-mc");
            assertThat(f.viewPath()).startsWith("multipart:file");
        });
        String redacted = str(r.redacted().orElseThrow().body());
        assertThat(redacted).containsPattern("pay with card \\[REDACTED:financial\\.card-visa-mc:[0-9a-f]{8}] please")
                .contains("--XyZ--").doesNotContain(card());
    }

    @Test
    void aQueryStringFindingIsRedactedInTheRequestTarget() {
        InspectionResult r = inspect(meta("/v1/lookup?ssn=" + SSN + "&page=2"), new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("query");
        String target = r.redacted().orElseThrow().pathAndQuery().orElseThrow();
        assertThat(target).startsWith("/v1/lookup?ssn=").endsWith("&page=2").doesNotContain(SSN).contains("8174");
    }

    @Test
    void aCleanRequestIsAllowedWithNoFindings() {
        InspectionResult r = inspect(meta("/v1/messages?beta=true", "Content-Type", "application/json",
                "x-api-key", "not-a-key", "anthropic-version", "2023-06-01"), utf8(message("hello, how are you?")));

        assertThat(r.decision()).isEqualTo(Decision.ALLOW);
        assertThat(r.findings()).isEmpty();
        assertThat(r.failure()).isEmpty();
        assertThat(r.failureDetail()).isEmpty();
        assertThat(r.redacted()).isEmpty();
        assertThat(r.bytesScanned()).isGreaterThan(50);
    }

    @Test
    void theDestinationsOwnKeyInItsAuthHeaderIsAllowedButTheSameKeyInTheBodyIsNot() {
        InspectionPolicy ownKey = new InspectionPolicy(r -> true, Map.of(), Set.of(TestRequests.ANTHROPIC_RULE), false);
        var meta = meta("/v1/messages", "Content-Type", "application/json", "x-api-key", anthropicKey());

        InspectionResult headerOnly = inspect(meta, ownKey, utf8(message("hello")));
        assertThat(headerOnly.decision()).isEqualTo(Decision.ALLOW);
        assertThat(headerOnly.findings()).isEmpty();

        InspectionResult alsoInBody = inspect(meta, ownKey, utf8(message("my key is " + anthropicKey())));
        assertThat(alsoInBody.decision()).isEqualTo(Decision.BLOCK);
        assertThat(alsoInBody.findings()).extracting(Finding::ruleId, Finding::viewPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TestRequests.ANTHROPIC_RULE, "json"));

        InspectionResult notAllowed = inspect(meta, InspectionPolicy.defaults(), utf8(message("hello")));
        assertThat(notAllowed.decision()).isEqualTo(Decision.BLOCK);
        assertThat(notAllowed.findings()).extracting(Finding::viewPath).containsExactly("header:x-api-key");
    }

    @Test
    void theOwnKeyAllowanceCoversOnlyAuthHeaders() {
        InspectionPolicy ownKey = new InspectionPolicy(r -> true, Map.of(), Set.of(TestRequests.ANTHROPIC_RULE), false);
        InspectionResult r = inspect(meta("/v1/messages", "x-debug-note", anthropicKey()), ownKey, new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("header:x-debug-note");
    }

    @Test
    void rulesThatDoNotApplyAreDropped() {
        InspectionPolicy noPii = new InspectionPolicy(r -> !r.id().startsWith("pii."), Map.of(), Set.of(), false);
        InspectionResult r = inspect(json(), noPii, utf8(message("SSN " + SSN)));

        assertThat(r.decision()).isEqualTo(Decision.ALLOW);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aRedactFindingInAHeaderEscalatesToBlock() {
        InspectionResult r = inspect(meta("/v1/messages", "Cookie", "ssn=" + SSN), new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("cookie:ssn");
        assertThat(r.failureDetail()).contains("cookie:ssn").contains("headers cannot be redacted");
        assertThat(r.failure()).isEmpty();
    }

    @Test
    void onlyHeadersSieveConsumesAreSkippedAndEachCookieIsItsOwnNumberedView() {
        InspectionResult r = inspect(meta("/v1/messages", "Proxy-Authorization", "Basic " + SSN,
                "Connection", "x-note", "Content-Length", "0", "Cookie", "a=1", "Cookie", "ssn=" + SSN), new byte[0]);

        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("cookie:ssn");
        assertThat(r.findings().get(0).start()).isEqualTo("ssn=".length());

        InspectionResult twice = inspect(meta("/v1/messages", "Cookie", "ssn=" + SSN + "; x=2",
                "Cookie", "ssn=" + SSN.replace('4', '5')), new byte[0]);
        assertThat(twice.findings()).extracting(Finding::viewPath).containsExactly("cookie:ssn", "cookie:ssn~2");
    }

    @Test
    void contentTypeParametersAndAcceptHeadersAreScanned() {
        for (String header : new String[] {"Content-Type", "Accept", "Accept-Language", "Accept-Encoding", "Expect"}) {
            InspectionResult r = inspect(meta("/v1/messages", header, "text/plain; session=" + GITHUB_PAT), new byte[0]);

            assertThat(r.decision()).as(header).isEqualTo(Decision.BLOCK);
            assertThat(r.findings()).as(header).extracting(Finding::ruleId, Finding::viewPath)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("credential.github-classic-token",
                            "header:" + header.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void aPercentEncodedSecretInACookieIsFoundInItsDecodedValue() {
        StringBuilder encoded = new StringBuilder();
        for (char c : GITHUB_PAT.toCharArray()) {
            encoded.append('%').append(String.format("%02X", (int) c));
        }
        InspectionResult r = inspect(meta("/v1/messages", "Cookie", "theme=dark; session=" + encoded), new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::ruleId, Finding::viewPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("credential.github-classic-token", "cookie:session"));
        assertThat(r.findings().get(0).start()).isEqualTo("session=".length());
    }

    @Test
    void secretsHiddenByInvisibleOrLookAlikeCharactersAreFoundInTheNormalisedViewAndBlocked() {
        String zeroWidthAws = "aws_access_key_id = " + AWS_ID.substring(0, 4) + "\u200B" + AWS_ID.substring(4, 12)
                + "\u2060" + AWS_ID.substring(12);
        String zeroWidthPat = GITHUB_PAT.substring(0, 10) + "\u200D\u00AD" + GITHUB_PAT.substring(10);
        String cyrillicPat = GITHUB_PAT.replace("ghp_", "gh\u0440_").replaceFirst("a", "\u0430");
        for (String hidden : new String[] {zeroWidthAws, zeroWidthPat, cyrillicPat}) {
            InspectionResult r = inspect(json(), utf8(message("deploy with " + hidden + " please")));

            assertThat(r.decision()).as(hidden).isEqualTo(hidden.startsWith("aws") ? Decision.LOG : Decision.BLOCK);
            assertThat(r.findings()).as(hidden).extracting(Finding::viewPath).containsExactly("json|normalized");
        }
    }

    @Test
    void aFullwidthSsnUnderARedactRuleIsFoundButEscalatesToBlock() {
        InspectionResult r = inspect(json(), utf8(message("my SSN is \uFF15\uFF13\uFF16\uFF0D\uFF12\uFF12\uFF0D"
                + "\uFF18\uFF11\uFF17\uFF14")));

        assertThat(r.findings()).extracting(Finding::ruleId, Finding::viewPath, Finding::masked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pii.us-ssn", "json|normalized", "***-**-8174"));
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failureDetail()).contains("json|normalized").contains("normalising");
    }

    @Test
    void aValueTheViewAlreadyShowsIsNotReportedAgainFromItsNormalisedText() {
        InspectionResult r = inspect(json(), overriding("pii.us-ssn", Action.BLOCK),
                utf8(message("\u300C\u8981\u4EF6\u300D SSN " + SSN + " \uFF08\u78BA\u8A8D\uFF09")));

        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("json");
    }

    @Test
    void japaneseAndRussianProseGiveNoFindings() {
        String japanese = "\u672C\u65E5\u306E\u4F1A\u8B70\u306F\uFF11\uFF10\u6642\u304B\u3089\u3067\u3059\u3002"
                + "\u8CC7\u6599\uFF08\uFF12\uFF10\uFF12\uFF14\u5E74\u7248\uFF09\u3092\u3054\u78BA\u8A8D\u304F"
                + "\u3060\u3055\u3044\uFF01";
        String russian = "\u041F\u0440\u0438\u0432\u0435\u0442! \u0421\u043E\u0440\u043E\u043A \u0441\u0435"
                + "\u043C\u044C \u0440\u0443\u0431\u043B\u0435\u0439, \u0437\u0430\u043A\u0430\u0437 \u2116 4521"
                + " \u2014 \u0441\u043F\u0430\u0441\u0438\u0431\u043E.";
        for (String prose : new String[] {japanese, russian}) {
            InspectionResult r = inspect(json(), utf8(message(prose)));
            assertThat(r.findings()).as(prose).isEmpty();
            assertThat(r.decision()).isEqualTo(Decision.ALLOW);
        }
    }

    @Test
    void aRulesActionForTheDestinationClassAppliesAndADestinationOverrideStillWins() throws Exception {
        dev.sieve.dlp.RuleSet rules = dev.sieve.dlp.RuleSet.parse(Map.of("r.yaml", """
                rules:
                  - id: source-code.marker
                    category: source-code
                    severity: medium
                    action: log
                    actions: { model-provider: log, other: block }
                    patterns: ['\\bACME-SECRET-PLAN\\b']
                """));
        try (dev.sieve.dlp.CompiledRules engine = dev.sieve.dlp.Engines.compile(rules, dev.sieve.dlp.EngineKind.JAVA)) {
            Inspector inspector = new Inspector(engine, ViewLimits.defaults());
            java.util.function.Function<InspectionPolicy, InspectionResult> run = policy -> {
                try (Inspection i = inspector.open(json(), policy)) {
                    return i.finish(java.nio.ByteBuffer.wrap(utf8(message("see ACME-SECRET-PLAN"))));
                }
            };

            assertThat(run.apply(InspectionPolicy.defaults()).decision()).isEqualTo(Decision.LOG);
            assertThat(run.apply(InspectionPolicy.defaults().withDestinationClass("model-provider")).decision())
                    .isEqualTo(Decision.LOG);
            InspectionResult other = run.apply(InspectionPolicy.defaults().withDestinationClass("other"));
            assertThat(other.decision()).isEqualTo(Decision.BLOCK);
            assertThat(other.findings()).extracting(Finding::action).containsExactly(Action.BLOCK);
            assertThat(run.apply(overriding("source-code.marker", Action.LOG).withDestinationClass("other"))
                    .decision()).isEqualTo(Decision.LOG);
        }
    }

    @Test
    void aBodyThatDoesNotDecodeIsBlockedAndLoggedWhenFailingOpen() {
        byte[] broken = utf8("{\"messages\": [");

        InspectionResult closed = inspect(json(), broken);
        assertThat(closed.decision()).isEqualTo(Decision.BLOCK);
        assertThat(closed.failure()).contains(FailReason.JSON_INVALID);
        assertThat(closed.failureDetail()).isNotEmpty();

        InspectionResult open = inspect(json(), InspectionPolicy.defaults().withFailOpen(true), broken);
        assertThat(open.decision()).isEqualTo(Decision.LOG);
        assertThat(open.failure()).contains(FailReason.JSON_INVALID);
        assertThat(open.failureDetail()).startsWith("fail-open: ");
    }

    @Test
    void aBodyThatDoesNotParseIsStillScannedAsTextAndItsFindingsBlockEvenWhenFailingOpen() {
        byte[] commented = utf8("{/* GITHUB_TOKEN=" + GITHUB_PAT + " */ \"model\": \"x\", \"messages\": []}");

        InspectionResult closed = inspect(json(), commented);
        assertThat(closed.decision()).isEqualTo(Decision.BLOCK);
        assertThat(closed.failure()).contains(FailReason.JSON_INVALID);
        assertThat(closed.findings()).extracting(Finding::ruleId, Finding::viewPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("credential.github-classic-token", "body"));
        assertThat(closed.failureDetail()).doesNotContain(GITHUB_PAT);

        InspectionResult open = inspect(json(), InspectionPolicy.defaults().withFailOpen(true), commented);
        assertThat(open.decision()).as("the text's finding needs a block").isEqualTo(Decision.BLOCK);
        assertThat(open.failure()).contains(FailReason.JSON_INVALID);

        // gzip is undone first; a secret in the query of such a request is found too
        InspectionResult zipped = inspect(meta("/v1/messages?session=" + GITHUB_PAT, "Content-Type",
                "application/json", "Content-Encoding", "gzip"), InspectionPolicy.defaults().withFailOpen(true),
                TestRequests.gzip(commented));
        assertThat(zipped.decision()).isEqualTo(Decision.BLOCK);
        assertThat(zipped.findings()).extracting(Finding::viewPath).containsExactlyInAnyOrder("query", "body");

        // without a finding, failing open still logs and forwards it
        InspectionResult clean = inspect(json(), InspectionPolicy.defaults().withFailOpen(true),
                utf8("{// an agent's comment\n \"model\": \"x\"}"));
        assertThat(clean.decision()).isEqualTo(Decision.LOG);
        assertThat(clean.findings()).isEmpty();
    }

    @Test
    void aSecretInAPercentEncodedPathSegmentIsFoundInThePathView() {
        String token = "ghp_" + "aZ3kQ9xW2mP7vL4nR8tY1bC6dF0gH5jK2sE9";
        String target = "/v1/files/export%20GITHUB_TOKEN%3D" + token + "/content?x=1";

        InspectionResult r = inspect(meta(target), new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        Finding f = r.findings().get(0);
        assertThat(f.ruleId()).isEqualTo("credential.github-classic-token");
        assertThat(f.viewPath()).isEqualTo(PathView.VIEW);
        PathView path = PathView.of(target);
        assertThat(path.segments()).filteredOn(s -> s.overlaps(f.start(), f.end()))
                .extracting(s -> target.substring(s.from(), s.to()))
                .containsExactly("export%20GITHUB_TOKEN%3D" + token);
    }

    @Test
    void aRedactFindingInThePathEscalatesToBlock() {
        InspectionResult r = inspect(meta("/v1/people/" + SSN + "/profile"), new byte[0]);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::ruleId, Finding::viewPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pii.us-ssn", "path"));
        assertThat(r.failureDetail()).isEqualTo("redact escalated to block: view 'path' (rule pii.us-ssn): the URL"
                + " path cannot be redacted");
        assertThat(r.failureDetail()).doesNotContain(SSN);
    }

    @Test
    void routeSegmentsAloneFindNothing() {
        for (String route : new String[] {"/v1/messages", "/v1beta/models/gemini-1.5-pro:generateContent",
                "/model/anthropic.claude-3-5-sonnet-20241022-v2:0/invoke"}) {
            assertThat(inspect(meta(route), new byte[0]).decision()).as(route).isEqualTo(Decision.ALLOW);
        }
    }

    @Test
    void aPolicysLimitsReplaceTheInspectorsAndTheResultNamesTheLimitHit() {
        byte[] deep = utf8("{\"messages\":" + "[".repeat(80) + "]".repeat(80) + "}");

        InspectionResult byDefault = inspect(json(), deep);
        assertThat(byDefault.decision()).isEqualTo(Decision.BLOCK);
        assertThat(byDefault.failure()).contains(FailReason.JSON_TOO_DEEP);
        assertThat(byDefault.limit()).contains(ViewLimits.Limit.MAX_JSON_DEPTH);
        assertThat(byDefault.toString()).contains("limit=maxJsonDepth");

        ViewLimits deeper = new ViewLimits(64L << 20, 100, 200, 32L << 20, 10_000, 2, 200, 32L << 20,
                java.time.Duration.ofSeconds(2), 1000, 1000);
        InspectionResult raised = inspect(json(), InspectionPolicy.defaults().withLimits(deeper), deep);
        assertThat(raised.decision()).isEqualTo(Decision.ALLOW);
        assertThat(raised.limit()).isEmpty();

        InspectionResult failingOpen = inspect(json(), InspectionPolicy.defaults().withFailOpen(true), deep);
        assertThat(failingOpen.decision()).isEqualTo(Decision.LOG);
        assertThat(failingOpen.limit()).contains(ViewLimits.Limit.MAX_JSON_DEPTH);
    }

    @Test
    void failingOpenNeverLetsAFindingThatWasAlreadyMadeThrough() {
        // the SSN header is scanned before the body fails to decode: redact is impossible, so it blocks
        InspectionResult r = inspect(meta("/v1/messages", "Content-Type", "application/json", "x-note", "SSN " + SSN),
                InspectionPolicy.defaults().withFailOpen(true), utf8("{broken"));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failure()).contains(FailReason.JSON_INVALID);
        assertThat(r.ruleIds()).containsExactly("pii.us-ssn");
    }

    @Test
    void redactInsideAPdfEscalatesToBlock() throws IOException {
        InspectionResult r = inspect(meta("/upload", "Content-Type", "application/pdf"), TestRequests.pdf("SSN " + SSN));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("pdf");
        assertThat(r.failureDetail()).startsWith("redact escalated to block: view 'pdf' cannot be rewritten");
        assertThat(r.redacted()).isEmpty();
    }

    @Test
    void tooManyCandidatesInOneViewBlocks() {
        byte[] body = utf8(("SSN " + SSN + "\n").repeat(10_050));
        InspectionResult r = inspect(meta("/upload", "Content-Type", "text/plain"), body);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failure()).contains(FailReason.SIZE_LIMIT);
        assertThat(r.failureDetail()).contains("view 'body'");
    }

    @Test
    void noResultOrFindingShowsARawValue() {
        String body = message("card " + card() + " SSN " + SSN + " key " + anthropicKey() + " id " + AWS_ID);
        InspectionResult blocked = inspect(json(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        InspectionResult redacted = inspect(json(), utf8(message("card " + card() + " SSN " + SSN)));

        assertThat(blocked.decision()).isEqualTo(Decision.BLOCK);
        assertThat(blocked.findings()).hasSize(4);
        assertThat(redacted.decision()).isEqualTo(Decision.REDACT);
        for (InspectionResult r : new InspectionResult[] {blocked, redacted}) {
            String shown = r + " " + r.findings() + " " + r.redacted().map(Object::toString).orElse("");
            assertThat(shown).doesNotContain(card()).doesNotContain("5362").doesNotContain("536-22")
                    .doesNotContain(anthropicKey().substring(8)).doesNotContain(AWS_ID.substring(4));
        }
        assertThat(blocked.toString()).contains("BLOCK").contains("pii.us-ssn");
    }

    @Test
    void resultRejectsARedactedBodyWithoutRedactDecision() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InspectionResult(Decision.ALLOW,
                        java.util.List.of(), Optional.empty(), "",
                        Optional.of(new RedactedBody(new byte[0], java.util.List.of(), Optional.empty())), 0, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("redacted: true for decision ALLOW (expected: present exactly for REDACT)");
    }
}
