package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {
    private final MessageAssembler assembler = new MessageAssembler(10, 3);

    static String text(MessageAssembler.Step step) {
        ByteBuf message = ((MessageAssembler.Step.Complete) step).message();
        try {
            return message.toString(StandardCharsets.UTF_8);
        } finally {
            message.release();
        }
    }

    @Test
    void singleFrameIsAWholeMessage() {
        MessageAssembler.Step step = assembler.add(new TextWebSocketFrame("hello"));
        assertThat(((MessageAssembler.Step.Complete) step).text()).isTrue();
        assertThat(((MessageAssembler.Step.Complete) step).fragments()).isEqualTo(1);
        assertThat(text(step)).isEqualTo("hello");
        assertThat(assembler.inProgress()).isFalse();
    }

    @Test
    void fragmentsAreJoinedInOrder() {
        assertThat(assembler.add(new BinaryWebSocketFrame(false, 0, Unpooled.copiedBuffer("ab", StandardCharsets.UTF_8))))
                .isInstanceOf(MessageAssembler.Step.Incomplete.class);
        assertThat(assembler.inProgress()).isTrue();
        assertThat(assembler.add(new ContinuationWebSocketFrame(false, 0, "cd")))
                .isInstanceOf(MessageAssembler.Step.Incomplete.class);
        MessageAssembler.Step step = assembler.add(new ContinuationWebSocketFrame(true, 0, "ef"));
        assertThat(((MessageAssembler.Step.Complete) step).text()).isFalse();
        assertThat(((MessageAssembler.Step.Complete) step).fragments()).isEqualTo(3);
        assertThat(text(step)).isEqualTo("abcdef");
    }

    @Test
    void oneByteOverTheSizeLimitIsTooBigWhateverTheFragments() {
        assertThat(assembler.add(new TextWebSocketFrame("12345678901")))
                .isEqualTo(new MessageAssembler.Step.TooBig("inspection.websocket.maxMessageBytes"));
        assertThat(text(assembler.add(new TextWebSocketFrame("1234567890")))).hasSize(10);

        assembler.add(new TextWebSocketFrame(false, 0, "123456"));
        assertThat(assembler.add(new ContinuationWebSocketFrame(true, 0, "78901")))
                .isEqualTo(new MessageAssembler.Step.TooBig("inspection.websocket.maxMessageBytes"));
        assertThat(assembler.inProgress()).as("nothing of it is kept").isFalse();
    }

    @Test
    void oneFragmentOverTheLimitIsTooBig() {
        assembler.add(new TextWebSocketFrame(false, 0, "a"));
        assembler.add(new ContinuationWebSocketFrame(false, 0, "b"));
        assembler.add(new ContinuationWebSocketFrame(false, 0, "c"));
        assertThat(assembler.add(new ContinuationWebSocketFrame(true, 0, "d")))
                .isEqualTo(new MessageAssembler.Step.TooBig("inspection.websocket.maxFragments"));
        assertThat(assembler.inProgress()).isFalse();
    }

    @Test
    void framesOutOfOrderAreRefused() {
        assertThat(assembler.add(new ContinuationWebSocketFrame(true, 0, "x")))
                .isInstanceOf(MessageAssembler.Step.OutOfOrder.class);
        assembler.add(new TextWebSocketFrame(false, 0, "a"));
        assertThat(assembler.add(new TextWebSocketFrame("b"))).isInstanceOf(MessageAssembler.Step.OutOfOrder.class);
        assertThat(assembler.inProgress()).isFalse();
    }

    @Test
    void releaseFreesAnUnfinishedMessage() {
        assembler.add(new TextWebSocketFrame(false, 0, "half"));
        assembler.release();
        assembler.release();
        assertThat(assembler.inProgress()).isFalse();
    }
}
