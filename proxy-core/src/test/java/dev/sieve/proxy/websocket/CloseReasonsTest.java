package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseReasonsTest {
    static final String ID = "req_0123456789abcdef01234567/12";

    @Test
    void blockedNamesTheMessageAndItsRules() {
        assertThat(CloseReasons.blocked(ID, List.of("pii.us-ssn", "financial.card-visa")))
                .isEqualTo("blocked by Sieve (req_0123456789abcdef01234567/12): pii.us-ssn, financial.card-visa");
        assertThat(CloseReasons.blocked(ID, List.of())).isEqualTo("blocked by Sieve (" + ID + ")");
    }

    @Test
    void reasonsFitInAControlFrame() {
        String many = CloseReasons.blocked(ID, Collections.nCopies(20, "credential.some-long-rule-id"));
        assertThat(many.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CloseReasons.MAX_BYTES);
        assertThat(many).startsWith("blocked by Sieve (" + ID + "): credential.some-long-rule-id")
                .doesNotEndWith(", ");
        assertThat(CloseReasons.other("x".repeat(200), ID).length()).isEqualTo(CloseReasons.MAX_BYTES);
        assertThat(CloseReasons.tooBig("inspection.websocket.maxMessageBytes", ID))
                .isEqualTo("over inspection.websocket.maxMessageBytes (" + ID + ")");
    }
}
