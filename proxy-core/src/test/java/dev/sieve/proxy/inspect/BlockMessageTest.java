package dev.sieve.proxy.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Severity;
import dev.sieve.proxy.error.ErrorResponses;
import dev.sieve.proxy.error.Refusal;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A DLP block tells the agent which rules, where, that the same content is refused again, and what to do. */
class BlockMessageTest {

    private static Finding finding(String rule, Action action, String viewPath) {
        return new Finding(rule, Category.CREDENTIAL, Severity.HIGH, action, viewPath, 3, 23, "ghp_****", 1);
    }

    @Test
    void namesEachBlockingRuleWithTheLocationsOfItsFindings() {
        String detail = BlockMessage.detail(List.of(
                finding("credential.github-token", Action.BLOCK, "json:$.messages[4].content[1].content"),
                finding("pii.email", Action.LOG, "json:$.messages[0].content"),
                finding("credential.github-token", Action.BLOCK, "json:$.messages[6].content"),
                finding("credential.github-token", Action.BLOCK, "json:$.messages[6].content"),
                finding("pii.us-ssn", Action.BLOCK, "header:x-note")));

        assertThat(detail).isEqualTo("credential.github-token at json:$.messages[4].content[1].content, "
                + "json:$.messages[6].content; pii.us-ssn at header:x-note");
    }

    @Test
    void aRedactionEscalatedToBlockNamesTheRedactingRules() {
        assertThat(BlockMessage.detail(List.of(finding("pii.email", Action.LOG, "json:$.a"),
                finding("pii.us-ssn", Action.REDACT, "pdf:text")))).isEqualTo("pii.us-ssn at pdf:text");
    }

    @Test
    void showsAtMostFiveLocationsAndCountsTheRest() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            findings.add(finding("credential.x", Action.BLOCK, "json:$.messages[" + i + "].content"));
        }
        String detail = BlockMessage.detail(findings);
        assertThat(detail).contains("json:$.messages[4].content").doesNotContain("json:$.messages[5].content")
                .endsWith(" (and 3 more places)");
    }

    @Test
    void aNameThatLooksLikeDataIsMaskedInTheLocation() {
        String key = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
        String detail = BlockMessage.detail(List.of(finding("credential.github-token", Action.BLOCK,
                "multipart:" + key + "|filename")));
        assertThat(detail).doesNotContain(key).contains("multipart:{len=" + key.length() + "}|filename");
    }

    @Test
    void theRenderedRefusalSaysRetryingIsRefusedAgainAndHowToProceed() {
        FullHttpResponse r = ErrorResponses.render(UnpooledByteBufAllocator.DEFAULT, Refusal.INSPECTION_BLOCKED,
                BlockMessage.detail(List.of(finding("pii.us-ssn", Action.BLOCK, "json:$.messages[0].content"))),
                "req_0123", List.of("pii.us-ssn"));
        try {
            assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("\"message\":\"Sieve's data loss"
                    + " prevention blocked this request: pii.us-ssn at json:$.messages[0].content. Sending the same"
                    + " content again will be blocked again: remove the value from the request, or ask a Sieve"
                    + " administrator for an exception, quoting request id req_0123\"")
                    .contains("\"rules\":[\"pii.us-ssn\"]");
            assertThat(r.headers().get("Proxy-Status")).isEqualTo("sieve; error=http_request_denied;"
                    + " details=\"inspection_blocked: pii.us-ssn at json:$.messages[0].content\"");
        } finally {
            r.release();
        }
    }
}
