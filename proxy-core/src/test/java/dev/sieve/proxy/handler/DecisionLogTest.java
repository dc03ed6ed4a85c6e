package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.Verdict;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
    private static final Verdict.Report INSPECTED =
            new Verdict.Report("blocked", List.of("rule_a"), List.of(), "rules-v7", 42, true);

    @Test
    void anInspectionRefusalKeepsTheInspectionsReasonsAfterTheRefusalCode() {
        Verdict.Report r = DecisionLog.refusalReport(Refusal.INSPECTION_BLOCKED, INSPECTED);

        assertThat(r.decision()).isEqualTo("blocked");
        assertThat(r.reasons()).containsExactly(Refusal.INSPECTION_BLOCKED.code(), "rule_a");
        assertThat(r.ruleSetVersion()).isEqualTo("rules-v7");
        assertThat(r.bytesScanned()).isEqualTo(42);
        assertThat(r.monitored()).isTrue();
    }

    @Test
    void anyOtherRefusalIsADenialWithItsCodeOnly() {
        Verdict.Report r = DecisionLog.refusalReport(Refusal.UPSTREAM_CLOSED, INSPECTED);

        assertThat(r.decision()).isEqualTo("denied");
        assertThat(r.reasons()).containsExactly(Refusal.UPSTREAM_CLOSED.code());
        assertThat(r.ruleSetVersion()).isEmpty();
        assertThat(r.monitored()).isFalse();
    }

    @Test
    void anMcpToolDenialIsADenialThatKeepsTheInspectionsReasons() {
        Verdict.Report r = DecisionLog.refusalReport(Refusal.MCP_TOOL_DENIED, INSPECTED);

        assertThat(r.decision()).isEqualTo("denied");
        assertThat(r.reasons()).containsExactly(Refusal.MCP_TOOL_DENIED.code(), "rule_a");
        assertThat(r.ruleSetVersion()).isEqualTo("rules-v7");
    }

    @Test
    void anUnreadableMcpBodyIsBlocked() {
        Verdict.Report r = DecisionLog.refusalReport(Refusal.MCP_INVALID_MESSAGE, INSPECTED);

        assertThat(r.decision()).isEqualTo("blocked");
        assertThat(r.reasons()).containsExactly(Refusal.MCP_INVALID_MESSAGE.code(), "rule_a");
    }

    @Test
    void anInspectionRefusalWithoutAReportIsStillBlocked() {
        Verdict.Report r = DecisionLog.refusalReport(Refusal.INSPECTION_FAILED, null);

        assertThat(r.decision()).isEqualTo("blocked");
        assertThat(r.reasons()).containsExactly(Refusal.INSPECTION_FAILED.code());
    }

    @Test
    void authorityHostIsTheNormalizedHostHeaderOrEmpty() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        assertThat(DecisionLog.authorityHost(request)).isEmpty();

        request.headers().set("Host", "API.Example.com:8443");
        assertThat(DecisionLog.authorityHost(request)).isEqualTo("api.example.com");

        request.headers().set("Host", "bad host:x");
        assertThat(DecisionLog.authorityHost(request)).isEmpty();
    }
}
