package dev.sieve.proxy.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Severity;
import dev.sieve.dlp.conversation.Conversation;
import dev.sieve.dlp.inspect.HistoryPolicy;
import dev.sieve.proxy.config.ConversationSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConversationTrackerTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private ConversationTracker tracker(long maxBytes) {
        return new ConversationTracker(new ConversationSettings(true, maxBytes, Duration.ofMinutes(10),
                HistoryPolicy.DEFAULT), ticker, new byte[32]);
    }

    private final ConversationTracker tracker = tracker(1024 * 1024);

    private static byte[] body(String system, String... messages) {
        StringBuilder b = new StringBuilder("{\"model\":\"m\"");
        if (system != null) {
            b.append(",\"system\":\"").append(system).append('"');
        }
        b.append(",\"messages\":[");
        for (int i = 0; i < messages.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"").append(messages[i]).append("\"}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private ConversationTracker.Turn observe(String agent, byte[] body) {
        return tracker.observe(agent, "/v1/messages", body);
    }

    private static Finding finding(String rule, String fingerprint) {
        return new Finding(rule, Category.CREDENTIAL, Severity.HIGH, Action.BLOCK, "json", 1, 5, "ab**", 1)
                .withLocation(Optional.empty(), fingerprint);
    }

    @Test
    void aLaterTurnIsRecognisedAsExtendingTheEarlierOne() {
        ConversationTracker.Turn one = observe("agent:a", body("be brief", "hi"));
        ConversationTracker.Turn two = observe("agent:a", body("be brief", "hi", "hello", "more"));
        ConversationTracker.Turn three = observe("agent:a", body("be brief", "hi", "hello", "more", "ok", "last"));

        assertThat(one.seenUnits()).isZero();
        assertThat(two.seenUnits()).isEqualTo(2); // system + "hi" (string contents: one unit a message)
        assertThat(three.seenUnits()).isEqualTo(4);
        assertThat(two.conversationId()).isEqualTo(one.conversationId()).isEqualTo(three.conversationId());
        assertThat(one.conversationId()).matches("[0-9a-f]{32}");
    }

    @Test
    void theLastMessageIsAlwaysNewSoAnUnchangedRetryIsJudgedAgain() {
        observe("agent:a", body(null, "hi", "hello", "secret"));

        ConversationTracker.Turn retry = observe("agent:a", body(null, "hi", "hello", "secret"));

        assertThat(retry.seenUnits()).isEqualTo(2);
        assertThat(retry.history(HistoryPolicy.DEFAULT).seenUnits()).isEqualTo(2);
    }

    @Test
    void aBlockAppendedToTheLastMessageExtendsTheTurnButTheRetriedBlockIsNew() {
        String result = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\","
                + "\"content\":\"KEY=1\"}";
        byte[] blocked = ("{\"messages\":[{\"role\":\"user\",\"content\":\"go\"}," + result + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] merged = ("{\"messages\":[{\"role\":\"user\",\"content\":\"go\"}," + result
                + ",{\"type\":\"text\",\"text\":\"carry on\"}]}]}").getBytes(StandardCharsets.UTF_8);
        observe("agent:a", blocked);

        ConversationTracker.Turn retried = observe("agent:a", blocked);
        ConversationTracker.Turn next = observe("agent:a", merged);

        // Units: [0] message 0, [1] message 1's head, [2] its tool_result block, [3] the appended text block.
        assertThat(retried.seenUnits()).isEqualTo(2);
        assertThat(next.seenUnits()).isEqualTo(3);
        Conversation c = next.conversation().orElseThrow();
        assertThat(c.unitAt(new Finding.Location("json", "$.messages[1].content[0].content", 4))).isEqualTo(2);
        assertThat(c.unitAt(new Finding.Location("json", "$.messages[1].content[1].text", 0))).isEqualTo(3);
        assertThat(c.unitAt(new Finding.Location("json", "$.messages[1].role", 0))).isEqualTo(1);
    }

    @Test
    void anotherAgentSendingTheSameMessagesStartsItsOwnConversation() {
        ConversationTracker.Turn a = observe("agent:a", body(null, "hi"));
        ConversationTracker.Turn b = observe("agent:b", body(null, "hi", "hello", "more"));

        assertThat(b.seenUnits()).isZero();
        assertThat(b.conversationId()).isNotEqualTo(a.conversationId());
    }

    @Test
    void conversationsThatShareOnlyTheSystemPromptStayApart() {
        ConversationTracker.Turn first = observe("agent:a", body("be brief", "question one"));
        ConversationTracker.Turn second = observe("agent:a", body("be brief", "question two"));

        assertThat(second.seenUnits()).isEqualTo(1); // the system prompt was sent before
        assertThat(second.conversationId()).isNotEqualTo(first.conversationId());
    }

    @Test
    void aFindingAlreadyReportedInTheConversationIsARepeatOfItsFirstSighting() {
        ConversationTracker.Turn one = observe("agent:a", body(null, "hi", "hello", "key"));
        List<Finding> first = tracker.deduplicate(one, "req_1",
                List.of(finding("credential.x", "f1"), finding("credential.x", "f1")));
        ConversationTracker.Turn two = observe("agent:a", body(null, "hi", "hello", "key", "ok", "more"));
        List<Finding> second = tracker.deduplicate(two, "req_2",
                List.of(finding("credential.x", "f1"), finding("credential.y", "f1"), finding("credential.x", "f2")));
        ConversationTracker.Turn other = observe("agent:a", body(null, "something else"));
        List<Finding> elsewhere = tracker.deduplicate(other, "req_3", List.of(finding("credential.x", "f1")));

        assertThat(first).noneMatch(Finding::repeat);
        assertThat(second).extracting(Finding::firstRequestId).containsExactly("req_1", "", "");
        assertThat(elsewhere).noneMatch(Finding::repeat);
    }

    @Test
    void requestsWithoutAConversationAndADisabledTrackerChangeNothing() {
        ConversationTracker.Turn none = tracker.observe("agent:a", "/v1/embeddings", body(null, "hi"));
        assertThat(none).isEqualTo(ConversationTracker.Turn.NONE);
        assertThat(tracker.deduplicate(none, "req_1", List.of(finding("r", "f")))).noneMatch(Finding::repeat);

        ConversationTracker off = new ConversationTracker(new ConversationSettings(false, 1024 * 1024,
                Duration.ofMinutes(10), HistoryPolicy.DEFAULT), ticker, new byte[32]);
        assertThat(off.observe("agent:a", "/v1/messages", body(null, "hi"))).isEqualTo(ConversationTracker.Turn.NONE);
    }

    @Test
    void theStateStaysWithinItsBound() {
        ConversationTracker small = tracker(64 * 1024);
        for (int i = 0; i < 2000; i++) {
            small.observe("agent:a", "/v1/messages", body(null, "conversation " + i, "reply", "next"));
        }

        assertThat(small.entries() * ConversationTracker.ENTRY_BYTES).isLessThanOrEqualTo(64 * 1024);
        assertThat(small.entries()).isPositive();
    }

    @Test
    void aConversationNotSeenForTheIdleExpiryIsForgotten() {
        observe("agent:a", body(null, "hi"));
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());

        assertThat(observe("agent:a", body(null, "hi", "hello", "more")).seenUnits()).isZero();
    }
}
