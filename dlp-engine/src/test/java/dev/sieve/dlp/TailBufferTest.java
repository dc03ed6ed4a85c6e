package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TailBufferTest {

    @Test
    void keepsTheNewestBytesAtTheirAbsoluteOffsetsWhileGrowing() {
        int capacity = 5000;
        TailBuffer tail = new TailBuffer(capacity);
        Random random = new Random(42);
        byte[] stream = new byte[40_000];
        random.nextBytes(stream);
        int at = 0;
        while (at < stream.length) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(700));
            ByteBuffer chunk = ByteBuffer.wrap(stream, at, n);
            int position = chunk.position();
            tail.append(chunk);
            assertThat(chunk.position()).isEqualTo(position);
            at += n;
            long start = Math.max(0, at - capacity);
            assertThat(tail.start()).isEqualTo(start);
            assertThat(tail.end()).isEqualTo(at);
            // Any retained range reads back exactly.
            long from = start + random.nextInt((int) (at - start));
            long to = from + random.nextInt((int) (at - from) + 1);
            byte[] out = new byte[(int) (to - from)];
            tail.copy(from, to, out, 0);
            assertThat(out).isEqualTo(Arrays.copyOfRange(stream, (int) from, (int) to));
        }
    }

    @Test
    void refusesRangesNoLongerRetained() {
        TailBuffer tail = new TailBuffer(16);
        tail.append(ByteBuffer.wrap(new byte[40]));
        assertThatThrownBy(() -> tail.copy(10, 30, new byte[20], 0)).isInstanceOf(IllegalStateException.class);
    }
}
