package dev.sieve.proxy.testing;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.route.RequestTarget;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the engine's streaming contract ({@link RequestInspector.Session#cleanThrough()}): it proves clean
 * every byte shown so far except the last {@link #HOLD_BACK} (where a marker could still begin) and except anything
 * from the first marker on. At the end, a body holding {@link #BLOCK} is blocked, one holding {@link #REDACT} is
 * redacted (each occurrence becomes {@link #REDACTED}, a different length), one holding {@link #REWRITE} is "redacted"
 * against the contract (see there); anything else is allowed. It also counts
 * sessions used by two threads at once ({@link #overlaps()}), which must never happen.
 */
public final class HoldBackInspector implements RequestInspector {
    public static final String BLOCK = "BLOCK-ME";
    public static final String REDACT = "REDACT-ME";
    public static final String REDACTED = "[redacted]";
    /**
     * A broken engine: a body holding this is "redacted" into something that does not start with what was proven
     * clean (every byte becomes {@code z}), which the inspection contract forbids.
     */
    public static final String REWRITE = "REWRITE-ALL";
    /** Longer than either marker, less one byte. */
    public static final int HOLD_BACK = 16;

    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger contentCalls = new AtomicInteger();

    private final List<Integer> pieces = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The size of every piece shown ({@code onContent}), over all sessions, in order. */
    public List<Integer> pieces() {
        return pieces;
    }

    /** Times a session was entered while another thread was in it. */
    public int overlaps() {
        return overlaps.get();
    }

    /** Calls of {@code onContent} over all sessions (more than one per body once bodies are fed as they arrive). */
    public int contentCalls() {
        return contentCalls.get();
    }

    @Override
    public Session open(ExchangeFacts facts, HttpRequest head, RequestTarget target) {
        return new Session() {
            private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
            private final AtomicInteger inside = new AtomicInteger();
            private long clean;
            /** As in the engine: nothing is clean unless asked for before the first chunk. */
            private boolean tracking;

            private void enter() {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
            }

            @Override
            public void onContent(ByteBuf chunk) {
                enter();
                try {
                    contentCalls.incrementAndGet();
                    pieces.add(chunk.readableBytes());
                    byte[] b = new byte[chunk.readableBytes()];
                    chunk.getBytes(chunk.readerIndex(), b);
                    shown.writeBytes(b);
                    String text = shown.toString(StandardCharsets.ISO_8859_1);
                    long limit = text.length() - HOLD_BACK;
                    for (String marker : List.of(BLOCK, REDACT)) {
                        int at = text.indexOf(marker);
                        if (at >= 0) {
                            limit = Math.min(limit, at);
                        }
                    }
                    clean = Math.max(clean, limit);
                } finally {
                    inside.decrementAndGet();
                }
            }

            @Override
            public void trackClean() {
                tracking |= shown.size() == 0;
            }

            @Override
            public long cleanThrough() {
                return tracking ? clean : 0;
            }

            @Override
            public Verdict finish(ByteBuf body) {
                enter();
                try {
                    String text = body.toString(StandardCharsets.ISO_8859_1);
                    if (!text.equals(shown.toString(StandardCharsets.ISO_8859_1))) {
                        throw new IllegalStateException("finish: the body differs from what was shown");
                    }
                    if (text.contains(BLOCK)) {
                        return new Verdict.Block(Refusal.INSPECTION_BLOCKED, "rule test.block", List.of("test.block"),
                                new Verdict.Report("blocked", List.of("test.block"), List.of(), "test", text.length(),
                                        false));
                    }
                    if (text.contains(REWRITE)) {
                        byte[] out = "z".repeat(text.length()).getBytes(StandardCharsets.ISO_8859_1);
                        return new Verdict.Replace(out, List.of(), Optional.empty(), new Verdict.Report("redacted",
                                List.of("test.rewrite"), List.of(), "test", text.length(), false));
                    }
                    if (text.contains(REDACT)) {
                        byte[] out = text.replace(REDACT, REDACTED).getBytes(StandardCharsets.ISO_8859_1);
                        return new Verdict.Replace(out, List.of(Map.entry("Content-Length", String.valueOf(out.length))),
                                Optional.empty(), new Verdict.Report("redacted", List.of("test.redact"), List.of(),
                                        "test", text.length(), false));
                    }
                    return Verdict.ALLOW;
                } finally {
                    inside.decrementAndGet();
                }
            }
        };
    }
}
