package dev.sieve.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.bench.load.Http1Connection.Reply;
import dev.sieve.bench.load.SoakRequests.Kind;
import dev.sieve.bench.load.SoakRequests.Request;
import dev.sieve.bench.load.SoakRequests.Result;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's request mix and how an answer is judged (no network: replies are built here). */
class SoakRequestsTest {

    private static final SoakRequests REQUESTS = new SoakRequests(64 * 1024);
    private static final String BLOCKED = "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":"
            + "\"Sieve's data loss prevention blocked this request\",\"reason\":\"inspection_blocked\","
            + "\"request_id\":\"r1\",\"rules\":[\"credential.github-pat\"]}}";
    private static final String MESSAGE = "{\"id\":\"msg_01bench\",\"type\":\"message\",\"role\":\"assistant\"}";

    @Test
    void theMixIsSeventyCleanTenSecretFifteenSseFiveUpload() {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (long i = 0; i < 2000; i++) {
            counts.merge(SoakRequests.kind(i), 1, Integer::sum);
        }

        assertThat(counts).containsEntry(Kind.CLEAN, 1400).containsEntry(Kind.SECRET, 200)
                .containsEntry(Kind.SSE, 300).containsEntry(Kind.UPLOAD, 100);
    }

    @Test
    void everySmallRequestIsFreshAndAnAgentConversation() {
        Request a = REQUESTS.request(1);
        Request b = REQUESTS.request(2);
        Request secret = REQUESTS.request(3);
        Request secretLater = REQUESTS.request(23);

        assertThat(a.kind()).isEqualTo(Kind.CLEAN);
        assertThat(a.path()).isEqualTo("/v1/messages");
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).contains("\"messages\":[", "\"role\":\"assistant\"",
                "\"tool_result\"");
        assertThat(a.body()).isNotEqualTo(b.body());
        assertThat(secret.kind()).isEqualTo(Kind.SECRET);
        assertThat(new String(secret.body(), StandardCharsets.UTF_8)).contains("ghp_", "AKIA");
        assertThat(new String(secret.body(), StandardCharsets.UTF_8))
                .isNotEqualTo(new String(secretLater.body(), StandardCharsets.UTF_8));
        assertThat(REQUESTS.request(3).body()).isEqualTo(secret.body());
    }

    @Test
    void uploadsAlternateBetweenADocumentAndAMultipartFile() {
        Request first = REQUESTS.request(0);
        Request second = REQUESTS.request(20);

        assertThat(first.kind()).isEqualTo(Kind.UPLOAD);
        assertThat(first.contentType()).isEqualTo("application/json");
        assertThat(second.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(first.body()).hasSize(64 * 1024);
        assertThat(second.body()).hasSize(64 * 1024);
    }

    @Test
    void aBlockedSecretIsBlockedAndAnAllowedOneIsAMiss() {
        Request secret = REQUESTS.request(3);

        assertThat(SoakRequests.check(secret, reply(403, BLOCKED)).result()).isEqualTo(Result.BLOCKED);
        assertThat(SoakRequests.check(secret, reply(200, MESSAGE)).result()).isEqualTo(Result.MISSED_BLOCK);
        assertThat(SoakRequests.check(secret, reply(403, "{\"reason\":\"kill_switch\"}")).result())
                .isEqualTo(Result.BAD_STATUS);
    }

    @Test
    void aCleanRequestMustBeAnsweredByTheEndpoint() {
        Request clean = REQUESTS.request(1);

        assertThat(SoakRequests.check(clean, reply(200, MESSAGE)).result()).isEqualTo(Result.OK);
        assertThat(SoakRequests.check(clean, reply(403, BLOCKED)).result()).isEqualTo(Result.FALSE_BLOCK);
        assertThat(SoakRequests.check(clean, reply(502, "{}")).result()).isEqualTo(Result.BAD_STATUS);
        assertThat(SoakRequests.check(clean, reply(200, "{}")).result()).isEqualTo(Result.BAD_ANSWER);
    }

    @Test
    void anSseAnswerNeedsAllSixEventsAndAnUploadItsFullLength() {
        Request sse = REQUESTS.request(5);
        Request upload = REQUESTS.request(0);
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            events.append("event: content_block_delta\ndata: {\"index\":").append(i).append("}\n\n");
        }

        assertThat(SoakRequests.check(sse, reply(200, events.toString())).result()).isEqualTo(Result.OK);
        assertThat(SoakRequests.check(sse, reply(200, events.substring(0, events.length() / 2))).result())
                .isEqualTo(Result.BAD_ANSWER);
        assertThat(SoakRequests.check(upload, reply(200, "{\"received\":65536}")).result()).isEqualTo(Result.OK);
        assertThat(SoakRequests.check(upload, reply(200, "{\"received\":65535}")).detail())
                .isEqualTo("upload answer {\"received\":65535} (expected: received 65536)");
    }

    private static Reply reply(int status, String body) {
        return new Reply(status, false, body.getBytes(StandardCharsets.UTF_8));
    }
}
