package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.WholeBodyInspection;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageInspectionTest {
    static final Verdict.Report REDACTED = new Verdict.Report("redacted", List.of("financial.card-visa"), List.of(),
            "v1", 10, false);
    static final ExchangeFacts FACTS = new ExchangeFacts("req_1", "agent-a", "127.0.0.1:5000", "api.example.com", 443,
            true);
    static final HttpRequest HANDSHAKE = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
            "https://api.example.com/v1/realtime?model=m&key=secret");

    static Verdict.Replace replace(byte[] body) {
        return new Verdict.Replace(body, List.of(Map.entry("Content-Length", "3")), Optional.empty(), REDACTED);
    }

    @Test
    void redactionRewritesTextOnly() {
        assertThat(MessageInspection.outcome(replace("a **** b".getBytes(StandardCharsets.UTF_8)), true))
                .isInstanceOf(MessageInspection.Outcome.Replace.class);

        MessageInspection.Outcome binary = MessageInspection.outcome(replace(new byte[] {1, 2, 3}), false);
        assertThat(binary).isInstanceOf(MessageInspection.Outcome.Block.class);
        assertThat(binary.report().decision()).isEqualTo("blocked");
        assertThat(binary.report().reasons()).containsExactly("binary_not_redactable", "financial.card-visa");
    }

    @Test
    void aRewriteThatIsNotUtf8IsBlocked() {
        MessageInspection.Outcome o = MessageInspection.outcome(replace(new byte[] {'a', (byte) 0xc3}), true);
        assertThat(o).isInstanceOf(MessageInspection.Outcome.Block.class);
        assertThat(o.report().reasons()).startsWith("redaction_not_text");
    }

    @Test
    void utf8IsCheckedAsStrictlyAsTheJdkDecoder() {
        byte[][] samples = {
            "plain ascii".getBytes(StandardCharsets.UTF_8),
            "caf\u00e9 \u20ac \ud83d\ude00".getBytes(StandardCharsets.UTF_8), // 2-, 3- and 4-byte sequences
            {},
            {(byte) 0xc0, (byte) 0x80}, // overlong NUL
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // overlong '/'
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a UTF-16 surrogate
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
            {'a', (byte) 0xe2, (byte) 0x82}, // truncated at the end
            {(byte) 0x80}, // a lone continuation byte
            {(byte) 0xff},
        };
        for (byte[] sample : samples) {
            boolean decodes;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(sample));
                decodes = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                decodes = false;
            }
            assertThat(MessageInspection.isUtf8(sample)).as(java.util.HexFormat.of().formatHex(sample))
                    .isEqualTo(decodes);
        }
    }

    @Test
    void blockAndAllowPassThrough() {
        Verdict.Block block = new Verdict.Block(Refusal.INSPECTION_BLOCKED, "pii.us-ssn", List.of("pii.us-ssn"),
                new Verdict.Report("blocked", List.of("pii.us-ssn"), List.of(), "v1", 5, false));
        assertThat(MessageInspection.outcome(block, true))
                .isEqualTo(new MessageInspection.Outcome.Block(List.of("pii.us-ssn"), block.report()));
        assertThat(MessageInspection.outcome(Verdict.ALLOW, false))
                .isEqualTo(new MessageInspection.Outcome.Forward(Verdict.Report.NONE));
    }

    @Test
    void eachMessageIsARequestOfItsOwnWithoutTheHandshakeQuery() {
        List<String> seen = new ArrayList<>();
        RequestInspector recording = (facts, head, target) -> {
            seen.add(facts.requestId() + " " + head.method() + " " + head.uri() + " " + head.headers().get("Content-Type"));
            return new RequestInspector.Session() {
                @Override
                public void onContent(ByteBuf chunk) {
                    seen.add(chunk.toString(StandardCharsets.UTF_8));
                }

                @Override
                public Verdict finish(ByteBuf body) {
                    return Verdict.ALLOW;
                }
            };
        };
        MessageInspection inspection = new MessageInspection(recording, FACTS, HANDSHAKE);
        ByteBuf text = Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8);
        ByteBuf binary = Unpooled.wrappedBuffer(new byte[] {'b'});
        try {
            WholeBodyInspection.finish(inspection.open("req_1/1", true), text, "req_1/1");
            WholeBodyInspection.finish(inspection.open("req_1/2", false), binary, "req_1/2");
        } finally {
            text.release();
            binary.release();
        }
        assertThat(seen).containsExactly("req_1/1 WEBSOCKET /v1/realtime text/plain; charset=utf-8", "hi",
                "req_1/2 WEBSOCKET /v1/realtime null", "b");
        assertThat(inspection.path()).isEqualTo("/v1/realtime");
    }

    @Test
    void anInspectionThatThrowsBlocks() {
        RequestInspector.Session broken = new RequestInspector.Session() {
            @Override
            public void onContent(ByteBuf chunk) {
                throw new IllegalStateException("boom");
            }

            @Override
            public Verdict finish(ByteBuf body) {
                return Verdict.ALLOW;
            }
        };
        ByteBuf text = Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8);
        try {
            MessageInspection.Outcome o = MessageInspection.outcome(
                    WholeBodyInspection.finish(broken, text, "req_1/1"), true);
            assertThat(o).isInstanceOf(MessageInspection.Outcome.Block.class);
            assertThat(o.report().reasons()).containsExactly("inspection_failed", "internal_error");
        } finally {
            text.release();
        }
    }
}
