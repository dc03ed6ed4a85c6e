package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.HandlerFailures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs {@link FrontendFuzzTest} found, as explicit cases with the behaviour that was fixed. */
class FrontendRegressionTest {
    @TempDir
    static Path dir;

    static FrontendHarness harness;
    static HandlerFailures failures;

    @BeforeAll
    static void start() throws Exception {
        harness = new FrontendHarness(dir);
        failures = new HandlerFailures();
    }

    @AfterAll
    static void stop() {
        failures.close();
        harness.close();
    }

    private static FrontendHarness.Outcome run(String input) {
        FrontendHarness.Outcome outcome = harness.run(input.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(failures.drain()).isEmpty();
        assertThat(outcome.leaks()).isEmpty();
        return outcome;
    }

    @Test
    void anAgentThatStallsMidBodyIsDisconnectedAfterTheIdleTimeoutAndItsBudgetReturned() {
        // Was: the exchange ignored idle events while reading a body, so the connection and the
        // body's reservation in the process-wide budget were held until the agent went away.
        FrontendHarness.Outcome outcome = run("POST http://fuzz.sieve.test/x HTTP/1.1\r\nHost: fuzz.sieve.test\r\n"
                + "Content-Length: 10\r\n\r\nabc");
        assertThat(outcome.closed()).isTrue();
        assertThat(harness.reservedBodyBytes()).isZero();
    }
}
