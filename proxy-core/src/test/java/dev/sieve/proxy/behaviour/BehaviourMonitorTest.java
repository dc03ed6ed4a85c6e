package dev.sieve.proxy.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.audit.AuditRecord;
import dev.sieve.proxy.metrics.SieveMetrics;
import dev.sieve.proxy.testing.MetricsScrape;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hand-off from the event loop: the detector runs on its own thread, a full queue never makes
 * {@link BehaviourMonitor#accept} wait but is counted, and closing lets the detector finish what it holds.
 */
class BehaviourMonitorTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final AlertSettings SETTINGS = new AlertSettings(true, 100,
            new AlertSettings.Volume(false, 24, 10, 1, 1, 1),
            new AlertSettings.Probing(false, Duration.ofMinutes(10), 5, 3),
            new AlertSettings.NewDestinations(true, Duration.ZERO, 100));

    static AuditRecord used(int i) {
        return new AuditRecord(T0, String.format("req_%024x", i), "agent-1", null, "POST", "d" + i + ".example.net",
                443, "/", "allowed", List.of(), List.of(), 0, 0, null, "enforce", 1);
    }

    /** Alerts as a queue; while {@code hold} is up, the detector thread waits in its first raise. */
    static final class HeldAlerts implements BehaviourMonitor.Alerts {
        final BlockingQueue<AlertEntry> raised = new LinkedBlockingQueue<>();
        final CountDownLatch hold = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final SieveMetrics metrics;

        HeldAlerts(SieveMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void raise(AlertEntry alert) throws InterruptedException {
            entered.countDown();
            hold.await();
            raised.add(alert);
            metrics.alert(alert.alert(), alert.severity(), alert.ttdMillis());
        }

        @Override
        public void dropped() {
            metrics.alertEventDropped();
        }
    }

    @Test
    void aFullQueueNeverBlocksTheCallerIsCountedAndWhatWasQueuedIsStillDetected() throws Exception {
        try (SieveMetrics metrics = new SieveMetrics()) {
            HeldAlerts alerts = new HeldAlerts(metrics);
            BehaviourMonitor monitor = new BehaviourMonitor(SETTINGS, Clock.fixed(T0, ZoneOffset.UTC), alerts, 2);
            monitor.accept(used(1));
            assertThat(alerts.entered.await(10, TimeUnit.SECONDS)).as("the detector holds the first alert").isTrue();
            long start = System.nanoTime();
            for (int i = 2; i <= 6; i++) {
                monitor.accept(used(i)); // two fit, three are skipped
            }
            assertThat(System.nanoTime() - start).as("accept never waits").isLessThan(TimeUnit.SECONDS.toNanos(5));
            MetricsScrape scrape = MetricsScrape.parse(metrics.scrape());
            assertThat(scrape.total("sieve_alert_events_dropped_total")).isEqualTo(3);

            alerts.hold.countDown();
            monitor.close();
            assertThat(alerts.raised).extracting(AlertEntry::summary).containsExactly(
                    "first use of d1.example.net:443", "first use of d2.example.net:443",
                    "first use of d3.example.net:443");
            scrape = MetricsScrape.parse(metrics.scrape());
            assertThat(scrape.value("sieve_alerts_total{kind=\"new_destination\",severity=\"low\"}")).isEqualTo(3);
            assertThat(scrape.total("sieve_alert_time_to_detect_seconds")).isEqualTo(3);
        }
    }

    /** The detector drains the queue in batches (at most 256, a pause after a partial one): none lost or reordered. */
    @Test
    void aBurstLargerThanABatchIsDetectedWholeAndInOrder() throws Exception {
        try (SieveMetrics metrics = new SieveMetrics()) {
            HeldAlerts alerts = new HeldAlerts(metrics);
            alerts.hold.countDown();
            BehaviourMonitor monitor = new BehaviourMonitor(SETTINGS, Clock.fixed(T0, ZoneOffset.UTC), alerts, 2_000);
            for (int i = 1; i <= 1_000; i++) {
                monitor.accept(used(i));
            }
            for (int i = 1; i <= 1_000; i++) {
                AlertEntry alert = alerts.raised.poll(10, TimeUnit.SECONDS);
                assertThat(alert).as("alert " + i).isNotNull();
                assertThat(alert.summary()).isEqualTo("first use of d" + i + ".example.net:443");
            }
            monitor.close();
            assertThat(alerts.raised).as("nothing twice").isEmpty();
        }
    }
}
