package dev.sieve.proxy.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The response side of restore, without a network: JSON and event-stream bodies cut every possible way. */
class RestorersTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String P1 = "[REDACTED:credential.aws-access-key-id:0a1b2c3d]";
    static final String P2 = "[REDACTED:pii.us-ssn:99887766]";
    static final String UNKNOWN = "[REDACTED:credential.aws-access-key-id:ffffffff]";
    static final PlaceholderLookup LOOKUP = p -> Optional.ofNullable(Map.of(
            P1, "AKIAEXAMPLEEXAMPLE12".getBytes(StandardCharsets.UTF_8),
            P2, "say \"hi\"\\\n\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8)).get(p));

    static String run(BodyRestorer r, List<String> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String piece : pieces) {
            out.writeBytes(r.feed(piece.getBytes(StandardCharsets.UTF_8)));
        }
        out.writeBytes(r.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every way of cutting {@code s} in two. */
    static List<List<String>> cuts(String s) {
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i <= s.length(); i++) {
            all.add(List.of(s.substring(0, i), s.substring(i)));
        }
        return all;
    }

    @Test
    void aJsonBodyGetsTheOriginalsEscapedWhereverTheChunksAreCut() throws Exception {
        String body = "{\"content\":[{\"type\":\"text\",\"text\":\"key " + P1 + ", note " + P2 + ", other " + UNKNOWN
                + "\"}]}";
        for (List<String> cut : cuts(body)) {
            String out = run(new JsonRestorer(LOOKUP, true), cut);

            JsonNode text = JSON.readTree(out).at("/content/0/text");
            assertThat(text.asText()).as("cut %s", cut)
                    .isEqualTo("key AKIAEXAMPLEEXAMPLE12, note say \"hi\"\\\n\u00e9t\u00e9, other " + UNKNOWN);
        }
    }

    @Test
    void aCutOffStartThatNeverCompletesIsSentUnchanged() {
        assertThat(run(new JsonRestorer(LOOKUP, true), List.of("{\"t\":\"[REDACTED:cred", "ential\"}")))
                .isEqualTo("{\"t\":\"[REDACTED:credential\"}");
        assertThat(run(new JsonRestorer(LOOKUP, true), List.of("[REDA"))).isEqualTo("[REDA");
        // What cannot be a placeholder is not held back at all.
        assertThat(new String(new JsonRestorer(LOOKUP, true).feed("x [REDACTED:Upper".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("x [REDACTED:Upper");
    }

    @Test
    void partialStartFindsOnlyProperPrefixes() {
        assertThat(PlaceholderText.partialStart("abc [REDACTED:credential.aws-access-key-id:0a1b")).isEqualTo(4);
        assertThat(PlaceholderText.partialStart("abc [")).isEqualTo(4);
        assertThat(PlaceholderText.partialStart("abc [REDACTED:r:0a1b2c3d")).isEqualTo(4);
        assertThat(PlaceholderText.partialStart("abc " + P1)).isEqualTo(-1);
        assertThat(PlaceholderText.partialStart("abc [REDACTED:r:0a1b2c3d0")).isEqualTo(-1);
        assertThat(PlaceholderText.partialStart("abc [REDACTED::")).isEqualTo(-1);
        assertThat(PlaceholderText.partialStart("abc [x")).isEqualTo(-1);
    }

    static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    static String delta(String text) throws Exception {
        return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                + "\"text_delta\",\"text\":" + JSON.writeValueAsString(text) + "}}");
    }

    /** The text an SSE client assembles from the deltas of block 0, checking every data line is JSON. */
    static String assembled(String sse) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data:")) {
                JsonNode event = JSON.readTree(line.substring(5));
                if (event.path("type").asText().equals("content_block_delta")) {
                    text.append(event.at("/delta/text").asText());
                }
            }
        }
        return text.toString();
    }

    @Test
    void aPlaceholderSplitAcrossTwoDeltasIsRestoredWhereverTheNetworkCutsTheStream() throws Exception {
        int cutAt = 22;
        String stream = event("message_start", "{\"type\":\"message_start\"}")
                + delta("key " + P1.substring(0, cutAt)) + delta(P1.substring(cutAt) + " and " + P2 + ".")
                + delta(" unknown " + UNKNOWN) + event("message_stop", "{\"type\":\"message_stop\"}");
        for (List<String> cut : cuts(stream)) {
            String out = run(new SseRestorer(LOOKUP), cut);

            assertThat(assembled(out)).as("cut %s", cut.get(0).length())
                    .isEqualTo("key AKIAEXAMPLEEXAMPLE12 and say \"hi\"\\\n\u00e9t\u00e9. unknown " + UNKNOWN);
            assertThat(out).contains("event: message_start\n").endsWith(
                    event("message_stop", "{\"type\":\"message_stop\"}"));
            assertThat(out.split("\n\n")).hasSize(5);
        }
    }

    @Test
    void aPlaceholderSplitOverThreeDeltasIsRestored() throws Exception {
        String stream = delta("a [REDACTED:cred") + delta("ential.aws-access-key-id") + delta(":0a1b2c3d] b");

        assertThat(assembled(run(new SseRestorer(LOOKUP), List.of(stream))))
                .isEqualTo("a AKIAEXAMPLEEXAMPLE12 b");
    }

    @Test
    void aHeldDeltaWhoseContinuationNeverComesGoesOutUnchanged() throws Exception {
        String start = delta("a [REDACTED:cred");
        String other = event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");

        assertThat(run(new SseRestorer(LOOKUP), List.of(start, other))).isEqualTo(start + other);
        assertThat(run(new SseRestorer(LOOKUP), List.of(start))).isEqualTo(start);
        // Events of another content block do not continue it.
        String otherBlock = event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                + "{\"type\":\"text_delta\",\"text\":\"ential.aws-access-key-id:0a1b2c3d]\"}}");
        assertThat(run(new SseRestorer(LOOKUP), List.of(start + otherBlock))).isEqualTo(start + otherBlock);
    }

    @Test
    void linesWithoutPlaceholdersKeepTheirBytes() {
        String stream = "event: ping\ndata: {\"type\":\"ping\",  \"spaced\" : true}\r\n\r\n: comment\ndata: [DONE]\n\n";

        assertThat(run(new SseRestorer(LOOKUP), List.of(stream))).isEqualTo(stream);
    }

    @Test
    void onlyIdentityEncodedJsonAndEventStreamsAreRestored() {
        assertThat(Restorers.forResponse("application/json; charset=utf-8", null, LOOKUP)).containsInstanceOf(
                JsonRestorer.class);
        assertThat(Restorers.forResponse("application/problem+json", "identity", LOOKUP))
                .containsInstanceOf(JsonRestorer.class);
        assertThat(Restorers.forResponse("text/event-stream", null, LOOKUP)).containsInstanceOf(SseRestorer.class);
        assertThat(Restorers.forResponse("application/json", "gzip", LOOKUP)).isEmpty();
        assertThat(Restorers.forResponse("text/plain", null, LOOKUP)).isEmpty();
        assertThat(Restorers.forResponse(null, null, LOOKUP)).isEmpty();
    }
}
