package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.AWS_ID;
import static dev.sieve.dlp.inspect.TestRequests.AWS_SECRET;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.anthropicKey;
import static dev.sieve.dlp.inspect.TestRequests.inspect;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.TargetParts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The places of a request a raw client can hide a value in although HTTP never sends them: the userinfo of an
 * absolute-form target, a fragment, and trailer fields. Each is its own view, scanned like a header.
 */
class TargetPartsInspectionTest {

    /** A synthetic GitHub token with a valid checksum (as in InspectorTest). */
    private static final String GITHUB_PAT = "ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd";

    private static final List<Map.Entry<String, String>> JSON = List.of(Map.entry("Host", "api.anthropic.com"),
            Map.entry("Content-Type", "application/json"));

    private static RequestMeta meta(String pathAndQuery, String userinfo, List<Map.Entry<String, String>> trailers) {
        return new RequestMeta("POST", pathAndQuery, JSON, userinfo, trailers);
    }

    private static InspectionResult inspectClean(RequestMeta meta) {
        return inspect(meta, utf8(message("hello")));
    }

    @Test
    void aTokenInTheUserinfoIsFoundInItsOwnView() {
        InspectionResult r = inspectClean(meta("/v1/messages", "x-access-token:" + GITHUB_PAT, List.of()));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly(TargetParts.USERINFO_VIEW);
        assertThat(r.ruleIds()).containsExactly("credential.github-classic-token");
    }

    @Test
    void aPercentEncodedKeyPairInTheUserinfoIsReadAsUserAndPassword() {
        String secret = AWS_SECRET.replace("/", "%2F").replace("+", "%2B");
        InspectionResult r = inspectClean(meta("/v1/messages", AWS_ID + ":" + secret, List.of()));

        assertThat(r.ruleIds()).contains("credential.aws-access-key-id", "credential.aws-secret-access-key");
        assertThat(r.findings()).extracting(Finding::viewPath).containsOnly(TargetParts.USERINFO_VIEW);
        assertThat(new String(TargetParts.userinfoText(AWS_ID + ":" + secret), StandardCharsets.UTF_8))
                .isEqualTo("user: " + AWS_ID + "\npassword: " + AWS_SECRET);
    }

    @Test
    void aUserinfoWithoutASecretHasNoFinding() {
        assertThat(inspectClean(meta("/v1/messages", "agent", List.of())).findings()).isEmpty();
        assertThat(inspectClean(meta("/v1/messages", "build:pass", List.of())).findings()).isEmpty();
        assertThat(TargetParts.userinfoText("")).isNull();
    }

    @Test
    void aFragmentIsItsOwnViewAndNeverPartOfTheQuery() {
        InspectionResult r = inspectClean(meta("/v1/messages?beta=true#k=" + GITHUB_PAT, "", List.of()));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly(TargetParts.FRAGMENT_VIEW);
    }

    @Test
    void aPercentEncodedFragmentIsDecodedOnce() {
        InspectionResult r = inspectClean(meta("/v1/messages#ssn%3D" + SSN.replace("-", "%2D"), "", List.of()));

        assertThat(r.findings()).extracting(Finding::viewPath, Finding::ruleId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TargetParts.FRAGMENT_VIEW, "pii.us-ssn"));
        // A redact rule in the fragment cannot be redacted: the request is blocked.
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failureDetail()).contains("target:fragment").contains("cannot be redacted");
    }

    @Test
    void aTargetWithoutAFragmentOrWithAnEncodedHashHasNoFragmentView() {
        assertThat(TargetParts.fragment("/v1/messages?q=a%23b")).isNull();
        assertThat(TargetParts.fragmentText("/v1/messages#")).isNull();
        assertThat(inspectClean(meta("/users/@me?q=%23tag", "", List.of())).findings()).isEmpty();
    }

    @Test
    void trailerFieldsAreScannedLikeHeadersAndNumberedWhenRepeated() {
        InspectionResult r = inspectClean(meta("/v1/messages", "", List.of(Map.entry("Server-Timing", "db;dur=53"),
                Map.entry("X-Note", "fine"), Map.entry("X-Note", "token " + GITHUB_PAT))));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("trailer:x-note~2");
    }

    @Test
    void ordinaryTrailersPass() {
        InspectionResult r = inspectClean(meta("/v1/messages", "", List.of(Map.entry("Server-Timing", "total;dur=12.5"),
                Map.entry("X-Checksum-Sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
                Map.entry("Content-MD5", "Q2hlY2sgSW50ZWdyaXR5IQ=="))));

        assertThat(r.decision()).isEqualTo(Decision.ALLOW);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aFieldSieveConsumesInTheHeadIsStillScannedAsATrailer() {
        // Host and Content-Length are routing and framing in the head; in a trailer they are just text.
        InspectionResult r = inspectClean(meta("/v1/messages", "", List.of(Map.entry("Host", GITHUB_PAT))));

        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("trailer:host");
    }

    @Test
    void anOwnApiKeyPassesInItsHeaderButNotInATrailer() {
        InspectionPolicy ownKey = new InspectionPolicy(rule -> true, Map.of(), Set.of(TestRequests.ANTHROPIC_RULE),
                false);
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Host", "api.anthropic.com"),
                Map.entry("Content-Type", "application/json"), Map.entry("x-api-key", anthropicKey()));

        InspectionResult inHeader = inspect(new RequestMeta("POST", "/v1/messages", headers, "", List.of()), ownKey,
                utf8(message("hello")));
        InspectionResult inTrailer = inspect(new RequestMeta("POST", "/v1/messages", JSON, "",
                List.of(Map.entry("x-api-key", anthropicKey()))), ownKey, utf8(message("hello")));

        assertThat(inHeader.findings()).isEmpty();
        assertThat(inTrailer.findings()).extracting(Finding::viewPath).containsExactly("trailer:x-api-key");
        assertThat(inTrailer.decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void trailersGivenAfterTheBodyAreScannedAtFinish() {
        try (Inspection inspection = TestRequests.INSPECTOR.open(meta("/v1/messages", "", List.of()),
                InspectionPolicy.defaults())) {
            byte[] body = utf8(message("hello"));
            inspection.feed(ByteBuffer.wrap(body));
            inspection.trailers(List.of(Map.entry("X-Api-Key", GITHUB_PAT)));
            InspectionResult r = inspection.finish(ByteBuffer.wrap(body));

            assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("trailer:x-api-key");
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThatThrownBy(() -> inspection.trailers(List.of())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aBase64ValueInATrailerIsDecodedLikeOneInAHeader() {
        String encoded = java.util.Base64.getEncoder().encodeToString(utf8("token=" + GITHUB_PAT));
        InspectionResult r = inspectClean(meta("/v1/messages", "", List.of(Map.entry("X-Trace", encoded))));

        assertThat(r.findings()).extracting(Finding::viewPath).singleElement().asString()
                .startsWith("trailer:x-trace|");
    }
}
