package dev.sieve.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final SieveMetrics metrics = new SieveMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void exportsTheDashboardContractNames() {
        AtomicBoolean engaged = new AtomicBoolean(true);
        metrics.request("blocked", "dlp_block", TimeUnit.MILLISECONDS.toNanos(3));
        metrics.detection("pii.us-ssn", "pii", "block");
        metrics.scanned(4096, TimeUnit.MILLISECONDS.toNanos(1));
        metrics.requestBody(4096);
        metrics.upstreamError("connection_timeout");
        metrics.ruleReload(true, "none");
        metrics.ruleReload(false, "empty");
        metrics.rules(() -> 80, () -> 2, () -> 1, () -> false);
        metrics.connectionOpened();
        metrics.tunnelOpened();
        metrics.bodyBytesInFlight(() -> 777);
        metrics.certificates(() -> 5, () -> 2, () -> 1);
        metrics.auditQueueDepth(() -> 3);
        metrics.auditMetrics().blocked();
        metrics.killSwitch(engaged::get);

        String text = metrics.scrape();

        assertThat(text)
                .contains("sieve_requests_total{decision=\"blocked\",reason=\"dlp_block\"} 1.0")
                .contains("sieve_detections_total{action=\"block\",category=\"pii\",rule=\"pii.us-ssn\"} 1.0")
                .contains("sieve_request_duration_seconds_bucket{le=\"0.005\"} 1")
                .contains("sieve_scan_duration_seconds_count 1")
                .contains("sieve_scan_bytes_total 4096.0")
                .contains("sieve_request_body_bytes_count 1")
                .contains("sieve_open_connections 1.0")
                .contains("sieve_open_tunnels 1.0")
                .contains("sieve_body_bytes_in_flight 777.0")
                .contains("sieve_certificates_total{result=\"hit\"} 5.0")
                .contains("sieve_certificates_total{result=\"mint\"} 2.0")
                .contains("sieve_certificates_total{result=\"failure\"} 1.0")
                .contains("sieve_upstream_errors_total{type=\"connection_timeout\"} 1.0")
                .contains("sieve_rule_reloads_total{reason=\"empty\",result=\"failure\"} 1.0")
                .contains("sieve_rule_reloads_total{reason=\"none\",result=\"success\"} 1.0")
                .contains("sieve_rules_active 80.0").contains("sieve_rules_disabled 2.0")
                .contains("sieve_rules_action_lowered 1.0").contains("sieve_rules_builtin 0.0")
                .contains("sieve_audit_queue_depth 3.0")
                .contains("sieve_audit_blocked_total 1.0")
                .contains("sieve_killswitch_active 1.0")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_")
                .contains("jvm_threads_live_threads")
                .contains("process_cpu_usage")
                .contains("netty_allocator_memory_used");

        engaged.set(false);
        assertThat(metrics.scrape()).contains("sieve_killswitch_active 0.0");
    }

    @Test
    void nettyAllocatorGaugesReadTheAllocatorSieveAllocatesFrom() {
        io.netty.buffer.ByteBuf held = io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(4 << 20);
        try {
            held.writeZero(4 << 20);
            double direct = gauge(metrics.scrape(), "netty_allocator_memory_used", "memory_type=\"direct\"");

            assertThat(direct).as("direct bytes of ByteBufAllocator.DEFAULT").isGreaterThanOrEqualTo(4 << 20);
        } finally {
            held.release();
        }
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double gauge(String scrape, String name, String label) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample " + name + " with " + label);
    }

    @Test
    void certificateCountersKeepReportingAfterGarbageCollection() throws Exception {
        // The suppliers are method references nobody else holds: a weakly held counter lost them at the next GC
        // and sieve_certificates_total stopped moving.
        AtomicLong mints = new AtomicLong(3);
        metrics.certificates(new AtomicLong(4)::get, mints::get, new AtomicLong(0)::get);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        mints.incrementAndGet();

        assertThat(metrics.scrape()).contains("sieve_certificates_total{result=\"hit\"} 4.0")
                .contains("sieve_certificates_total{result=\"mint\"} 4.0")
                .contains("sieve_certificates_total{result=\"failure\"} 0.0");
    }

    @Test
    void gaugesFollowOpenAndClose() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();
        metrics.tunnelOpened();
        metrics.tunnelClosed();

        assertThat(metrics.scrape()).contains("sieve_open_connections 1.0").contains("sieve_open_tunnels 0.0");
    }

    @Test
    void labelValuesPastTheCapAreNotRecorded() {
        for (int i = 0; i < SieveMetrics.MAX_LABEL_VALUES + 10; i++) {
            metrics.upstreamError("type_" + i);
        }

        String text = metrics.scrape();

        assertThat(text).contains("type=\"type_" + (SieveMetrics.MAX_LABEL_VALUES - 1) + "\"")
                .doesNotContain("type=\"type_" + SieveMetrics.MAX_LABEL_VALUES + "\"");
    }

    @Test
    void auditMetricsCountIntoTheirMeters() {
        metrics.auditMetrics().written(3);
        metrics.auditMetrics().dropped();
        metrics.auditMetrics().refused();
        metrics.auditMetrics().rotated();
        metrics.auditMetrics().failed();

        assertThat(metrics.scrape())
                .contains("sieve_audit_records_total 3.0")
                .contains("sieve_audit_dropped_total 1.0")
                .contains("sieve_audit_refused_total 1.0")
                .contains("sieve_audit_rotations_total 1.0")
                .contains("sieve_audit_failures_total 1.0");
    }
}
