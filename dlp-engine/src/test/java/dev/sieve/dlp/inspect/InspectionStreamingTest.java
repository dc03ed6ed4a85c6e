package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.str;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.ScanException;
import dev.sieve.dlp.ScanSession;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.FailReason;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class InspectionStreamingTest {

    private static final RequestMeta TEXT = meta("/upload", "Content-Type", "text/plain; charset=utf-8");

    /** Delegates to the real engine, records every session opened, and can make sessions fail. */
    private static final class RecordingEngine implements CompiledRules {
        final List<String> opened = new ArrayList<>();
        final boolean failFeed;

        RecordingEngine(boolean failFeed) {
            this.failFeed = failFeed;
        }

        @Override
        public RuleSet rules() {
            return TestRequests.ENGINE.rules();
        }

        @Override
        public String engineName() {
            return "recording";
        }

        @Override
        public ScanSession open(String viewPath) {
            opened.add(viewPath);
            ScanSession real = TestRequests.ENGINE.open(viewPath);
            return new ScanSession() {
                @Override
                public void feed(ByteBuffer chunk) {
                    if (failFeed) {
                        throw new ScanException("engine failed");
                    }
                    real.feed(chunk);
                }

                @Override
                public List<Finding> finish() {
                    return real.finish();
                }

                @Override
                public long codeHint() {
                    return real.codeHint();
                }

                @Override
                public long firstOpenStart(Predicate<Rule> counts) {
                    return real.firstOpenStart(counts);
                }

                @Override
                public int reach() {
                    return real.reach();
                }

                @Override
                public long bytesScanned() {
                    return real.bytesScanned();
                }

                @Override
                public boolean truncated() {
                    return real.truncated();
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static InspectionResult streamed(Inspector inspector, RequestMeta meta, byte[] fed, byte[] whole, int chunk) {
        try (Inspection inspection = inspector.open(meta, InspectionPolicy.defaults())) {
            for (int i = 0; i < fed.length; i += chunk) {
                ByteBuffer piece = ByteBuffer.wrap(fed, i, Math.min(chunk, fed.length - i));
                inspection.feed(piece);
                assertThat(piece.position()).as("feed must not move the caller's position").isEqualTo(i);
            }
            return inspection.finish(ByteBuffer.wrap(whole));
        }
    }

    @Test
    void aPlainTextBodyIsScannedWhileItArrivesAndNotAgainAtFinish() {
        RecordingEngine engine = new RecordingEngine(false);
        byte[] body = utf8("deploy notes\naws_access_key_id = " + TestRequests.AWS_ID + "\nthanks\n");

        InspectionResult r = streamed(new Inspector(engine, ViewLimits.defaults()), TEXT, body, body, 7);

        assertThat(r.decision()).isEqualTo(Decision.LOG);
        assertThat(r.findings()).extracting(Finding::ruleId, Finding::viewPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("credential.aws-access-key-id", "body"));
        assertThat(engine.opened).as("the body as it arrived, its Content-Type header and the URL path at finish, not the body again")
                .containsExactly("body", "header:content-type", "path");
        assertThat(r).isEqualTo(TestRequests.inspect(TEXT, body));
    }

    @Test
    void aStreamedBodyIsRedactedAndTheRewriteIsRescanned() {
        RecordingEngine engine = new RecordingEngine(false);
        byte[] body = utf8("notes for the claim\nSSN " + SSN + "\nthanks\n");

        InspectionResult r = streamed(new Inspector(engine, ViewLimits.defaults()), TEXT, body, body, 7);

        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        assertThat(str(r.redacted().orElseThrow().body())).isEqualTo("notes for the claim\nSSN ***-**-8174\nthanks\n");
        assertThat(engine.opened).as("the streamed scan, the Content-Type header, the URL path, then the rescan of the rewritten body")
                .containsExactly("body", "header:content-type", "path", "body");
    }

    @Test
    void theWholeBodyDecidesWhenItDiffersFromWhatWasFed() {
        byte[] clean = utf8("nothing to see here, just text.");
        byte[] withSsn = utf8("nothing to see here, SSN " + SSN);

        assertThat(streamed(TestRequests.INSPECTOR, TEXT, clean, withSsn, 5).ruleIds()).containsExactly("pii.us-ssn");
        assertThat(streamed(TestRequests.INSPECTOR, TEXT, withSsn, clean, 5).decision()).isEqualTo(Decision.ALLOW);
        assertThat(streamed(TestRequests.INSPECTOR, TEXT, new byte[0], withSsn, 5).ruleIds())
                .containsExactly("pii.us-ssn");
    }

    @Test
    void anUndeclaredJsonBodyIsReportedOnceFromItsJsonView() {
        RequestMeta untyped = meta("/v1/messages");
        byte[] body = utf8(TestRequests.message("SSN " + SSN));

        InspectionResult r = streamed(TestRequests.INSPECTOR, untyped, body, body, 16);

        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("json");
    }

    @Test
    void anEngineErrorWhileStreamingBlocksAtFinishWithoutThrowing() {
        Inspector failing = new Inspector(new RecordingEngine(true), ViewLimits.defaults());
        byte[] body = utf8("hello");

        InspectionResult r = streamed(failing, TEXT, body, body, 2);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failure()).contains(FailReason.INTERNAL_ERROR);
        assertThat(r.failureDetail()).isEqualTo("scan error (ScanException)");
    }

    @Test
    void anEngineErrorOnAStructuredBodyBlocksWithoutThrowing() {
        Inspector failing = new Inspector(new RecordingEngine(true), ViewLimits.defaults());
        try (Inspection inspection = failing.open(TestRequests.json(), InspectionPolicy.defaults())) {
            InspectionResult r = inspection.finish(ByteBuffer.wrap(utf8(TestRequests.message("hi"))));
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThat(r.failure()).contains(FailReason.INTERNAL_ERROR);
        }
    }

    @Test
    void noBodySessionIsOpenedWithoutABodyOrForAPdf() throws java.io.IOException {
        RecordingEngine engine = new RecordingEngine(false);
        Inspector inspector = new Inspector(engine, ViewLimits.defaults());

        streamed(inspector, TEXT, new byte[0], new byte[0], 4);
        assertThat(engine.opened).as("only the Content-Type header and the URL path")
                .containsExactly("header:content-type", "path");

        byte[] pdf = TestRequests.pdf("SSN " + SSN);
        InspectionResult r = streamed(inspector, meta("/upload"), pdf, pdf, 1024);
        assertThat(engine.opened).containsExactly("header:content-type", "path", "path", "pdf");
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("pdf");
    }

    @Test
    void lifecycle() {
        Inspection inspection = TestRequests.INSPECTOR.open(TEXT, InspectionPolicy.defaults());
        InspectionResult first = inspection.finish(ByteBuffer.wrap(utf8("hi")));
        assertThat(inspection.finish(ByteBuffer.wrap(utf8("SSN " + SSN)))).isSameAs(first);
        assertThatThrownBy(() -> inspection.feed(ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("inspection: finished (expected: feed before finish and close)");
        inspection.close();
        inspection.close();

        Inspection closed = TestRequests.INSPECTOR.open(TEXT, InspectionPolicy.defaults());
        closed.close();
        InspectionResult r = closed.finish(ByteBuffer.allocate(0));
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failure()).contains(FailReason.INTERNAL_ERROR);
    }
}
