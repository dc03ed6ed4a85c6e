package dev.sieve.proxy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.config.BudgetLimits;
import dev.sieve.proxy.config.BudgetSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which budgets apply to a request, how config and token combine, and what a refusal says. */
class BudgetsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Budgets budgets(BudgetSettings settings) {
        return new Budgets(settings, new LocalBudgetStore(now::get), new BudgetMetrics(registry, 1));
    }

    private static BudgetSettings settings(String defaults, Map<String, BudgetLimits> agents,
            List<BudgetSettings.DestinationBudget> destinations) {
        return new BudgetSettings(BudgetLimits.parse(defaults), agents, destinations, 1);
    }

    private static BudgetDecision request(Budgets b, String agent, String host, BudgetLimits token, long declared) {
        return b.admitRequest(ImmediateEventExecutor.INSTANCE, agent, host, token, declared).getNow();
    }

    @Test
    void onlyAnAgentNoBudgetCanLimitSkipsTheCheck() {
        Budgets none = budgets(BudgetSettings.NONE);
        assertThat(none.mayLimitRequests("a", BudgetLimits.NONE)).isFalse();
        assertThat(none.mayLimitConnections("a", BudgetLimits.NONE)).isFalse();
        assertThat(none.mayLimitRequests("a", BudgetLimits.parse("rpm=5"))).as("the token's own").isTrue();
        assertThat(none.mayLimitConnections("a", BudgetLimits.parse("rpm=5"))).as("not a connection limit").isFalse();

        Budgets b = budgets(settings("", Map.of("ci", BudgetLimits.parse("uploadPerDay=1GiB")), List.of(
                new BudgetSettings.DestinationBudget("*", "api.example", BudgetLimits.parse("connections=2")),
                new BudgetSettings.DestinationBudget("vip", "api.example", BudgetLimits.parse("rpm=2")))));
        assertThat(b.mayLimitRequests("ci", BudgetLimits.NONE)).isTrue();
        assertThat(b.mayLimitRequests("vip", BudgetLimits.NONE)).as("at one destination").isTrue();
        assertThat(b.mayLimitRequests("other", BudgetLimits.NONE)).isFalse();
        assertThat(b.mayLimitConnections("other", BudgetLimits.NONE)).as("every agent's destination budget").isTrue();
        assertThat(b.mayLimitRequests(null, BudgetLimits.NONE)).isFalse();
        assertThat(request(b, "other", "api.example", BudgetLimits.NONE, -1).allowed()).isTrue();
    }

    @Test
    void aNamedAgentsBudgetReplacesTheDefault() {
        Budgets b = budgets(settings("rpm=1", Map.of("ci", BudgetLimits.parse("rpm=3")), List.of()));
        for (int i = 0; i < 3; i++) {
            assertThat(request(b, "ci", "api.example", BudgetLimits.NONE, -1).allowed()).isTrue();
        }
        assertThat(request(b, "ci", "api.example", BudgetLimits.NONE, -1).allowed()).isFalse();
        assertThat(request(b, "other", "api.example", BudgetLimits.NONE, -1).allowed()).isTrue();
        assertThat(request(b, "other", "api.example", BudgetLimits.NONE, -1).allowed()).isFalse();
    }

    @Test
    void theTokensLimitsNarrowTheConfigBudgetAndNeverWidenIt() {
        Budgets b = budgets(settings("rpm=2", Map.of(), List.of()));
        assertThat(request(b, "a", "h", BudgetLimits.parse("rpm=1"), -1).allowed()).isTrue();
        BudgetDecision refused = request(b, "a", "h", BudgetLimits.parse("rpm=1"), -1);
        assertThat(refused.detail()).startsWith("rpm=1 of agent a is spent");

        Budgets wide = budgets(settings("rpm=1", Map.of(), List.of()));
        assertThat(request(wide, "a", "h", BudgetLimits.parse("rpm=100"), -1).allowed()).isTrue();
        assertThat(request(wide, "a", "h", BudgetLimits.parse("rpm=100"), -1).allowed()).isFalse();
    }

    @Test
    void aDestinationBudgetCountsEachAgentAtThatHostOnItsOwn() {
        Budgets b = budgets(settings("", Map.of(), List.of(
                new BudgetSettings.DestinationBudget("*", "api.example", BudgetLimits.parse("rpm=1")),
                new BudgetSettings.DestinationBudget("vip", "api.example", BudgetLimits.parse("rpm=2")))));
        assertThat(request(b, "a", "api.example", BudgetLimits.NONE, -1).allowed()).isTrue();
        BudgetDecision refused = request(b, "a", "api.example", BudgetLimits.NONE, -1);
        assertThat(refused.detail()).isEqualTo("rpm=1 of agent a at api.example is spent");
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
        assertThat(request(b, "b", "api.example", BudgetLimits.NONE, -1).allowed()).isTrue();
        assertThat(request(b, "a", "elsewhere.example", BudgetLimits.NONE, -1).allowed()).isTrue();
        assertThat(request(b, "vip", "api.example", BudgetLimits.NONE, -1).allowed()).isTrue();
        assertThat(request(b, "vip", "api.example", BudgetLimits.NONE, -1).allowed()).isTrue();
        assertThat(request(b, "vip", "api.example", BudgetLimits.NONE, -1).allowed()).isFalse();
    }

    @Test
    void anUploadRefusalSaysWhatIsLeftAndTheRetryAfterIsTheWindowsEnd() {
        Budgets b = budgets(settings("uploadPerHour=1KiB", Map.of(), List.of()));
        b.chargeUpload("a", "h", BudgetLimits.NONE, 1000);
        BudgetDecision refused = request(b, "a", "h", BudgetLimits.NONE, 100);
        long toNextHour = UploadWindow.HOUR_MILLIS - Math.floorMod(now.get(), UploadWindow.HOUR_MILLIS);
        assertThat(refused.detail()).isEqualTo("uploadPerHour=1KiB of agent a: 24 left, the request declares 100");
        assertThat(refused.retryAfterSeconds()).isEqualTo((toNextHour + 999) / 1000);
    }

    @Test
    void aConnectionLeaseIsReleasedWhenTheConnectionCloses() {
        Budgets b = budgets(settings("connections=1", Map.of(), List.of()));
        Promise<Void> closed = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
        assertThat(b.admitConnection(ImmediateEventExecutor.INSTANCE, closed, "a", "h", BudgetLimits.NONE).getNow()
                .allowed()).isTrue();
        BudgetDecision second = b.admitConnection(ImmediateEventExecutor.INSTANCE,
                new DefaultPromise<>(ImmediateEventExecutor.INSTANCE), "a", "h", BudgetLimits.NONE).getNow();
        assertThat(second.detail()).isEqualTo("connections=1 of agent a are all open");
        assertThat(second.retryAfterSeconds()).isEqualTo(5);
        closed.setSuccess(null);
        assertThat(b.admitConnection(ImmediateEventExecutor.INSTANCE,
                new DefaultPromise<>(ImmediateEventExecutor.INSTANCE), "a", "h", BudgetLimits.NONE).getNow()
                .allowed()).isTrue();
    }

    @Test
    void rejectionsAreCountedByAgentAndLimitWithTheAgentLabelCapped() {
        Budgets b = budgets(settings("rpm=1", Map.of(), List.of())); // label cap 1
        for (String agent : List.of("first", "second", "third")) {
            request(b, agent, "h", BudgetLimits.NONE, -1);
            request(b, agent, "h", BudgetLimits.NONE, -1);
        }
        assertThat(registry.get(BudgetMetrics.REJECTIONS).tag("agent", "first").tag("limit", "rpm").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get(BudgetMetrics.REJECTIONS).tag("agent", "other").tag("limit", "rpm").counter()
                .count()).isEqualTo(2);
        assertThat(registry.find(BudgetMetrics.REJECTIONS).tag("agent", "second").counter()).isNull();
    }

    @Test
    void withoutLimitsNothingIsCounted() {
        Budgets b = budgets(BudgetSettings.NONE);
        for (int i = 0; i < 1000; i++) {
            assertThat(request(b, "a", "h", BudgetLimits.NONE, 1L << 40).allowed()).isTrue();
        }
    }
}
