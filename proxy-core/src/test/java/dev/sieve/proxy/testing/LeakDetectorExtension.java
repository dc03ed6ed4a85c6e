package dev.sieve.proxy.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer. Auto-registered for every test (see
 * {@code junit-platform.properties}); the JVM runs with {@code -Dio.netty.leakDetection.level=paranoid}.
 * It installs a leak-detector factory before any Netty buffer class initializes, records every
 * report, and after each class forces collection so that leaks surface while it still runs.
 */
public final class LeakDetectorExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        assertNoLeaks(context.getDisplayName());
    }

    /**
     * Installs the recording leak-detector factory (this class's initializer), for test classes of another engine than
     * Jupiter, which does not load this extension for them: call before anything touches a Netty buffer class (a
     * static initializer of the test class), or the detector in use is Netty's own and reports reach no test.
     */
    public static void install() {
        // Calling this initializes the class: its static initializer installs the factory.
    }

    /**
     * Fails when Netty reported a leaked buffer since the last check: for test classes of another engine than
     * Jupiter (jqwik's {@code @AfterContainer}), which this extension does not reach.
     */
    public static void assertNoLeaks(String testClass) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            // Leaks are reported when a tracked resource is allocated after collection.
            io.netty.buffer.ByteBuf probe = io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(16);
            probe.release();
            io.netty.buffer.ByteBuf unpooled = io.netty.buffer.UnpooledByteBufAllocator.DEFAULT.buffer(16);
            unpooled.release();
        }
        if (!LEAKS.isEmpty()) {
            String report = String.join("\n---\n", LEAKS);
            LEAKS.clear();
            throw new AssertionError("Netty reported leaked buffers in " + testClass + ":\n" + report);
        }
    }

    /** For {@link LeakDetectorSelfTest}: the number of reports so far, cleared. */
    static int drainForSelfTest() {
        int n = LEAKS.size();
        LEAKS.clear();
        return n;
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add(resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add(resourceType + " (untraced)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
