package dev.sieve.proxy.testing;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel allocator that remembers every buffer it hands out, so that a test can check right
 * after an input that each one was released (the paranoid leak detector only reports after a GC,
 * too late to name the input that leaked). Not thread-safe: one channel, one thread.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {
    private final UnpooledByteBufAllocator delegate = new UnpooledByteBufAllocator(false, true);
    private final List<ByteBuf> handedOut = new ArrayList<>();

    public TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.heapBuffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.directBuffer(initialCapacity, maxCapacity));
    }

    /** Also tracks a buffer made elsewhere (a test's input). */
    public ByteBuf track(ByteBuf buf) {
        handedOut.add(buf);
        return buf;
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** The buffers still referenced, as descriptions; empty when everything was released. */
    public List<String> unreleased() {
        List<String> out = new ArrayList<>();
        for (ByteBuf b : handedOut) {
            if (b.refCnt() > 0) {
                out.add(b.getClass().getSimpleName() + "(refCnt=" + b.refCnt() + ", capacity=" + b.capacity()
                        + ", starts " + io.netty.buffer.ByteBufUtil.hexDump(b, 0, Math.min(b.writerIndex(), 32)) + ")");
            }
        }
        return out;
    }

    /** Forgets every buffer handed out so far (each leak is reported once, for the input that caused it). */
    public void reset() {
        handedOut.clear();
    }
}
