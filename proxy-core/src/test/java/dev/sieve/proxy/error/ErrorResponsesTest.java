package dev.sieve.proxy.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorResponsesTest {

    /**
     * Every 503 is a "retry shortly": it says when, so agents' HTTP clients back off instead of hammering; so does a
     * budget's 429.
     */
    @ParameterizedTest
    @EnumSource(Refusal.class)
    void everyServiceUnavailableRefusalCarriesRetryAfter(Refusal refusal) {
        FullHttpResponse r = ErrorResponses.render(UnpooledByteBufAllocator.DEFAULT, refusal, null, "req_1");
        try {
            String retryAfter = r.headers().get(HttpHeaderNames.RETRY_AFTER);
            if (refusal.status().code() == 503 || refusal == Refusal.BUDGET_EXCEEDED) {
                assertThat(retryAfter).as(refusal.name()).isNotNull();
                assertThat(Integer.parseInt(retryAfter)).isPositive();
            } else {
                assertThat(retryAfter).as(refusal.name()).isNull();
            }
        } finally {
            r.release();
        }
    }

    @Test
    void aBudgetRefusalCarriesItsOwnRetryAfterAndItsDetailsSayBudget() {
        FullHttpResponse r = ErrorResponses.render(UnpooledByteBufAllocator.DEFAULT, Refusal.BUDGET_EXCEEDED,
                "rpm=60 of agent a1 is spent", "req_1", List.of(), List.of(), 7);
        try {
            assertThat(r.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("7");
            assertThat(r.headers().get("Proxy-Status")).isEqualTo(
                    "sieve; error=http_request_denied; details=\"budget: rpm=60 of agent a1 is spent\"");
            assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("\"reason\":\"budget_exceeded\"");
        } finally {
            r.release();
        }
    }
}
