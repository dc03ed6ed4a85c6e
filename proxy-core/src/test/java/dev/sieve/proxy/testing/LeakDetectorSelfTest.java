package dev.sieve.proxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak detector the suite relies on really reports a dropped buffer (then forgets it). */
class LeakDetectorSelfTest {

    @Test
    void aDroppedBufferIsReported() throws Exception {
        leakOne();
        boolean reported = false;
        for (int i = 0; i < 20 && !reported; i++) {
            System.gc();
            Thread.sleep(20);
            UnpooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            reported = LeakDetectorExtension.drainForSelfTest() > 0;
        }
        assertThat(reported).as("paranoid leak detection reported the dropped buffer").isTrue();
    }

    private static void leakOne() {
        ByteBuf leaked = UnpooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
