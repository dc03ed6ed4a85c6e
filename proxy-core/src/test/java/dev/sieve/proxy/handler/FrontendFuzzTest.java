package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sieve.proxy.testing.HandlerFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Raw bytes from an agent into the real agent-side pipeline ({@link FrontendHarness}): plain
 * absolute-form requests, CONNECT and what follows it, pipelined requests, bodies. The contract:
 * the connection always ends (a response and/or a close, once the timers have run out), no
 * exception escapes the pipeline or reaches a handler's {@code exceptionCaught} (but the TLS
 * handler's verdict on bytes that are not TLS), and every buffer is released by then.
 *
 * <p>Seeds: {@code src/test/resources/dev/sieve/proxy/handler/FrontendFuzzTestInputs/agentBytes}.
 */
class FrontendFuzzTest {
    static Path dir;
    static FrontendHarness harness;
    static HandlerFailures failures;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("sieve-frontend-fuzz");
        harness = new FrontendHarness(dir);
        failures = new HandlerFailures();
    }

    @AfterAll
    static void stop() {
        if (failures != null) {
            failures.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    /**
     * What an agent that is not speaking TLS (or sends a malformed ClientHello) inside an intercepted tunnel gets:
     * the TLS handler's own error.
     */
    private static final Pattern TLS_FAILURE = Pattern.compile(
            "NotSslRecordException|javax\\.net\\.ssl\\.SSL\\w*Exception|OpenSsl\\w*Exception");

    @FuzzTest(maxDuration = "20s")
    void agentBytes(byte[] input) {
        FrontendHarness.Outcome outcome = harness.run(input);
        assertThat(failures.drain()).as("exceptions caught by the handlers")
                .allMatch(failure -> TLS_FAILURE.matcher(failure).find());
        assertThat(outcome.leaks()).as("buffers not released").isEmpty();
        assertThat(outcome.closed()).as("Sieve ended the connection (responses: %s)", outcome.responses()).isTrue();
    }
}
