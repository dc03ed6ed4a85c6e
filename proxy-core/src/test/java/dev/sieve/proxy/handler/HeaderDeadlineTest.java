package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.metrics.SieveMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The header-read deadline on an {@link EmbeddedChannel} whose clock the test advances. */
class HeaderDeadlineTest {
    private final SieveMetrics metrics = new SieveMetrics();
    private final List<Object> events = new ArrayList<>();
    private final HeaderDeadline deadline = new HeaderDeadline(TimeUnit.SECONDS.toNanos(1), metrics);
    private final EmbeddedChannel channel = new EmbeddedChannel(deadline, new ChannelInboundHandlerAdapter() {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    });

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        metrics.close();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private void send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
    }

    private double timeouts() {
        return metrics.registry().find(SieveMetrics.CLIENT_TIMEOUTS).tag("type", "header").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aHeadThatStartedButDidNotFinishInTimeExpires() {
        send("CONN");
        advance(600);
        send("ECT ");
        assertThat(events).isEmpty();
        advance(500);
        assertThat(events).containsExactly(HeaderDeadline.EXPIRED);
        assertThat(channel.isActive()).as("the HTTP handler answers and closes").isTrue();
        assertThat(timeouts()).isEqualTo(1);
    }

    @Test
    void aConnectionThatSentNothingIsClosedWithoutAnEvent() {
        advance(1100);
        assertThat(events).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aHeadReceivedInTimeStopsTheClock() {
        send("GET / HTTP/1.1\r\n\r\n");
        deadline.headReceived();
        advance(5000);
        assertThat(events).isEmpty();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void betweenRequestsTheClockStartsWithTheNextByte() {
        deadline.headReceived();
        deadline.awaitHead();
        advance(10_000);
        assertThat(channel.isActive()).as("idle between requests is the idle timeout's business").isTrue();
        send("G");
        advance(900);
        assertThat(events).isEmpty();
        advance(200);
        assertThat(events).containsExactly(HeaderDeadline.EXPIRED);
    }
}
