package dev.sieve.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void aDetailIsReportedWithoutMakingTheProxyUnready() {
        Readiness readiness = new Readiness();
        AtomicReference<String> degraded = new AtomicReference<>();
        readiness.detail("budgets", () -> Optional.ofNullable(degraded.get()));
        readiness.check("rules", () -> Optional.empty());

        assertThat(readiness.details()).isEmpty();
        degraded.set("per-replica limits: Redis unavailable");
        assertThat(readiness.details()).containsExactly("budgets: per-replica limits: Redis unavailable");
        assertThat(readiness.notReadyReasons()).isEmpty();
    }

    @Test
    void aDetailThatThrowsNamesOnlyTheExceptionClass() {
        Readiness readiness = new Readiness();
        readiness.detail("budgets", () -> {
            throw new IllegalStateException("internal text");
        });
        assertThat(readiness.details()).containsExactly("budgets: check failed (IllegalStateException)");
    }
}
