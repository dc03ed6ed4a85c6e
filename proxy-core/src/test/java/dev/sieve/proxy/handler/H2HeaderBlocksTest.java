package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.H2Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class H2HeaderBlocksTest {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] BLOCK = H2Wire.request("GET", "api.sieve.test:443", "/");

    static void feed(H2HeaderBlocks blocks, byte[]... parts) {
        ByteBuf buf = Unpooled.wrappedBuffer(H2Wire.concat(parts));
        blocks.feed(buf);
        assertThat(buf.readerIndex()).as("the bytes are only looked at").isZero();
        buf.release();
    }

    @Test
    void aHeadersFrameWithEndHeadersIsOneWholeBlock() {
        H2HeaderBlocks blocks = new H2HeaderBlocks();
        feed(blocks, PREFACE, H2Wire.encode(H2Wire.SETTINGS, 0, 0, new byte[0]));
        assertThat(blocks.inBlock()).isFalse();
        feed(blocks, H2Wire.encode(H2Wire.HEADERS, H2Wire.END_HEADERS | H2Wire.END_STREAM, 1, BLOCK));
        assertThat(blocks.inBlock()).isFalse();
        assertThat(blocks.completed()).isEqualTo(1);
    }

    @Test
    void aBlockIsOpenFromItsFirstFrameHeaderToTheEndOfTheFrameWithEndHeaders() {
        H2HeaderBlocks blocks = new H2HeaderBlocks();
        feed(blocks, PREFACE);
        byte[] headers = H2Wire.encode(H2Wire.HEADERS, 0, 1, new byte[] {1, 2, 3});
        feed(blocks, java.util.Arrays.copyOf(headers, 9)); // the frame header alone
        assertThat(blocks.inBlock()).isTrue();
        feed(blocks, java.util.Arrays.copyOfRange(headers, 9, headers.length));
        assertThat(blocks.inBlock()).as("no END_HEADERS yet").isTrue();
        feed(blocks, H2Wire.encode(H2Wire.CONTINUATION, 0, 1, new byte[] {4}));
        assertThat(blocks.inBlock()).isTrue();
        byte[] last = H2Wire.encode(H2Wire.CONTINUATION, H2Wire.END_HEADERS, 1, new byte[] {5, 6});
        feed(blocks, java.util.Arrays.copyOf(last, last.length - 1));
        assertThat(blocks.inBlock()).as("its last byte is still missing").isTrue();
        feed(blocks, new byte[] {last[last.length - 1]});
        assertThat(blocks.inBlock()).isFalse();
        assertThat(blocks.completed()).isEqualTo(1);
    }

    @Test
    void payloadsOfOtherFramesAreSkippedWhateverTheyContain() {
        H2HeaderBlocks blocks = new H2HeaderBlocks();
        // DATA whose payload looks like a HEADERS frame header without END_HEADERS.
        byte[] lookalike = H2Wire.encode(H2Wire.HEADERS, 0, 3, new byte[100]);
        feed(blocks, PREFACE, H2Wire.encode(H2Wire.HEADERS, H2Wire.END_HEADERS, 1, BLOCK),
                H2Wire.encode(H2Wire.DATA, 0, 1, lookalike), H2Wire.encode(H2Wire.WINDOW_UPDATE, 0, 0, new byte[4]));
        assertThat(blocks.inBlock()).isFalse();
        assertThat(blocks.completed()).isEqualTo(1);
    }

    @Test
    void byteByByteGivesTheSameAnswerAsOneBuffer() {
        byte[] all = H2Wire.concat(PREFACE, H2Wire.encode(H2Wire.HEADERS, H2Wire.END_HEADERS, 1, BLOCK),
                H2Wire.encode(H2Wire.DATA, H2Wire.END_STREAM, 1, new byte[40]),
                H2Wire.encode(H2Wire.HEADERS, 0, 3, BLOCK), H2Wire.encode(H2Wire.CONTINUATION, 0, 3, new byte[0]));
        H2HeaderBlocks whole = new H2HeaderBlocks();
        feed(whole, all);
        H2HeaderBlocks bytes = new H2HeaderBlocks();
        for (byte b : all) {
            feed(bytes, new byte[] {b});
        }
        assertThat(whole.inBlock()).isTrue();
        assertThat(bytes.inBlock()).isTrue();
        assertThat(bytes.completed()).isEqualTo(whole.completed()).isEqualTo(1);
    }
}
