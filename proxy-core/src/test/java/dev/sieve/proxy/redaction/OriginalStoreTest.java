package dev.sieve.proxy.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OriginalStoreTest {

    static final String P = "[REDACTED:credential.aws-access-key-id:0a1b2c3d]";
    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static String text(java.util.Optional<byte[]> b) {
        return b.map(x -> new String(x, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void anOriginalIsFoundOnlyInItsOwnScope() {
        OriginalStore store = new OriginalStore(1 << 20, Duration.ofHours(1), ticker);
        store.put("agent:alice", P, utf8("AKIA-alice"));

        assertThat(text(store.original("agent:alice", P))).isEqualTo("AKIA-alice");
        assertThat(store.original("agent:bob", P)).isEmpty();
        assertThat(store.original("client:127.0.0.1", P)).isEmpty();
        assertThat(store.original("agent:alice", "[REDACTED:credential.aws-access-key-id:ffffffff]")).isEmpty();
    }

    @Test
    void entriesExpireAfterTheTtlSinceTheyWereLastWritten() {
        OriginalStore store = new OriginalStore(1 << 20, Duration.ofMinutes(10), ticker);
        store.put("agent:a", P, utf8("v"));
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        store.put("agent:a", P, utf8("v")); // the next turn redacts it again
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());

        assertThat(text(store.original("agent:a", P))).isEqualTo("v");
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(store.original("agent:a", P)).isEmpty();
    }

    @Test
    void theStoreStaysWithinItsByteBound() {
        long max = 64 * 1024;
        OriginalStore store = new OriginalStore(max, Duration.ofHours(1), ticker);
        String value = "x".repeat(1000);
        for (int i = 0; i < 1000; i++) {
            store.put("agent:a", "[REDACTED:r:" + String.format("%08x", i) + "]", utf8(value));
        }
        long perEntry = 12 + value.length() + 16 + 2L * ("agent:a".length() + 21) + OriginalStore.ENTRY_OVERHEAD;

        assertThat(store.size()).isPositive().isLessThanOrEqualTo(max / perEntry);
        long found = java.util.stream.IntStream.range(0, 1000)
                .filter(i -> store.original("agent:a", "[REDACTED:r:" + String.format("%08x", i) + "]").isPresent())
                .count();
        assertThat(found).isEqualTo(store.size());
    }

    @Test
    void theStoreHoldsCiphertextNotTheValue() throws Exception {
        OriginalStore store = new OriginalStore(1 << 20, Duration.ofHours(1), ticker);
        store.put("agent:a", P, utf8("AKIAPLAINTEXTVALUE00"));

        java.lang.reflect.Field f = OriginalStore.class.getDeclaredField("sealed");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        var cache = (com.github.benmanes.caffeine.cache.Cache<Object, byte[]>) f.get(store);
        assertThat(cache.asMap().values()).singleElement()
                .satisfies(b -> assertThat(new String(b, StandardCharsets.ISO_8859_1)).doesNotContain("AKIAPLAINTEXT"));
    }
}
