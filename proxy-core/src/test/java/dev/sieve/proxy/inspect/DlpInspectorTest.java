package dev.sieve.proxy.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.config.InspectionLimits;
import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.proxy.control.RuleStore;
import dev.sieve.proxy.route.RequestTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DlpInspectorTest {
    @TempDir
    Path dir;

    /** A clock that moves only when the test says so: each reading advances it by {@code step}. */
    static final class FakeNanos {
        final AtomicLong now = new AtomicLong();
        volatile long step = 1_000;

        long read() {
            return now.getAndAdd(step);
        }
    }

    @Test
    void reportsBytesScannedAndOnlyTheTimeSpentScanning() throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - id: test.zebra
                    category: source-code
                    severity: high
                    action: block
                    patterns: ['\\bPROJECT-ZEBRA\\b']
                """);
        List<long[]> scans = new ArrayList<>();
        FakeNanos nanos = new FakeNanos();
        try (RuleStore rules = RuleStore.open(new RulesSettings(Optional.of(dir), false, List.of(),
                Map.of(), false, EngineKind.AUTO, Duration.ofSeconds(2)), set -> Optional.empty(), ViewLimits.defaults(),
                Clock.systemUTC())) {
            DlpInspector inspector = new DlpInspector(rules, host -> InspectionPolicy.defaults(),
                    host -> InspectionLimits.DEFAULTS, false,
                    (bytes, scanNanos) -> scans.add(new long[] {bytes, scanNanos}), dev.sieve.proxy.redaction.Redaction.unkeyed(),
                    DlpInspector.conversationsOff(), nanos::read);
            HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/messages");
            head.headers().set("content-type", "text/plain");
            byte[] text = "about PROJECT-ZEBRA here".getBytes(StandardCharsets.UTF_8);
            ByteBuf body = Unpooled.wrappedBuffer(text);
            try {
                // open: 2 readings; each chunk: 2; finish: 2; 1 us apart (step) within each pair
                RequestInspector.Session session = inspector.open(
                        new ExchangeFacts("req_1", "agent", "127.0.0.1", "api.example.com", 443, true), head,
                        RequestTarget.parse(head.uri()));
                nanos.now.addAndGet(5_000_000_000L);   // the agent takes 5 s to send its body
                session.onContent(body);
                nanos.now.addAndGet(30_000_000_000L);  // and 30 s more before the last byte
                Verdict verdict = session.finish(body);

                assertThat(verdict).isInstanceOf(Verdict.Block.class);
            } finally {
                body.release();
            }
            assertThat(scans).hasSize(1);
            assertThat(scans.get(0)[0]).as("bytes scanned").isGreaterThanOrEqualTo(text.length);
            assertThat(scans.get(0)[1]).as("nanos scanning: the waits excluded").isEqualTo(3_000);
        }
    }
}
