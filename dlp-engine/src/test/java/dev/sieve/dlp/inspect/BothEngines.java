package dev.sieve.dlp.inspect;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import java.nio.ByteBuffer;

/**
 * Both engines over the sample rules ({@link TestRequests#RULES}), for tests that run every case through each:
 * Hyperscan ({@link TestRequests#INSPECTOR}, the module's shared one; the Java engine where Hyperscan cannot run)
 * and the pure-Java engine, compiled here. A test class keeps one in a static field and closes it after all its
 * tests ({@code @AfterAll}).
 */
final class BothEngines implements AutoCloseable {

    private final CompiledRules java = Engines.compile(TestRequests.RULES, EngineKind.JAVA);
    private final Inspector javaInspector = new Inspector(java, ViewLimits.defaults());

    /** The whole inspection of {@code body} sent as {@code meta}, under the default policy, by one engine. */
    InspectionResult inspect(boolean hyperscan, RequestMeta meta, byte[] body) {
        Inspector inspector = hyperscan ? TestRequests.INSPECTOR : javaInspector;
        try (Inspection inspection = inspector.open(meta, InspectionPolicy.defaults())) {
            return inspection.finish(ByteBuffer.wrap(body));
        }
    }

    /** Frees the Java engine; the Hyperscan one is shared by the module's tests and stays. */
    @Override
    public void close() {
        java.close();
    }
}
