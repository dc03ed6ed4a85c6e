package dev.sieve.proxy.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorResponsesTest {

    /** Every 503 is a "retry shortly": it says when, so agents' HTTP clients back off instead of hammering. */
    @ParameterizedTest
    @EnumSource(Refusal.class)
    void everyServiceUnavailableRefusalCarriesRetryAfter(Refusal refusal) {
        FullHttpResponse r = ErrorResponses.render(UnpooledByteBufAllocator.DEFAULT, refusal, null, "req_1");
        try {
            String retryAfter = r.headers().get(HttpHeaderNames.RETRY_AFTER);
            if (refusal.status().code() == 503) {
                assertThat(retryAfter).as(refusal.name()).isNotNull();
                assertThat(Integer.parseInt(retryAfter)).isPositive();
            } else {
                assertThat(retryAfter).as(refusal.name()).isNull();
            }
        } finally {
            r.release();
        }
    }
}
