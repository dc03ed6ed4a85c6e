package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionLanes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.decision.DecisionRecorder;
import dev.sieve.proxy.metrics.SieveMetrics;
import dev.sieve.proxy.route.Router;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idle timeout acts in every state of an exchange; here while routing, which a test cannot stall end to end. */
class ExchangeIdleTest {
    private final SieveMetrics metrics = new SieveMetrics();
    private final ProxyServices services = new ProxyServices(
            new ProxyServices.Limits(8192, 32768, Duration.ofSeconds(1), Duration.ofSeconds(7), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), 1024, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            null, null, null, null, null, null, DecisionRecorder.NOOP, new BodyBudget(4096, 4096), host -> 1024,
            agent -> false, null, metrics, null, null, true,
            dev.sieve.proxy.config.WebSocketSettings.DEFAULTS, InspectionLanes.on(Runnable::run, 1, 1),
            Duration.ofSeconds(1));
    /** A resolver that never answers. */
    private final ExchangeHandler.TargetSelector hanging = new ExchangeHandler.TargetSelector() {
        @Override
        public Future<Router.Routed> select(ChannelHandlerContext ctx, HttpRequest request,
                dev.sieve.proxy.route.RequestTarget target, String requestId) {
            return ctx.executor().newPromise();
        }

        @Override
        public dev.sieve.proxy.auth.Grant grant(HttpRequest request) {
            return dev.sieve.proxy.auth.Grant.of(ProxyRequestHandler.ANONYMOUS);
        }
    };
    private final HeaderDeadline deadline = new HeaderDeadline(Duration.ofSeconds(1).toNanos(), metrics);
    private final EmbeddedChannel channel = new EmbeddedChannel(deadline,
            new ExchangeHandler(services, hanging, "127.0.0.1:5000", null, deadline));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        metrics.close();
    }

    @Test
    void aRouteThatNeverComesIsAnsweredWhenTheIdleTimeoutFires() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "http://slow.example/");
        request.headers().set("Host", "slow.example");
        channel.writeInbound(request);
        assertThat((Object) channel.readOutbound()).as("still routing").isNull();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status().code()).isEqualTo(504);
            assertThat(response.headers().get("Proxy-Status"))
                    .isEqualTo("sieve; error=dns_timeout; details=\"dns_timeout: no answer within proxy.idleTimeout 7s\"");
        } finally {
            response.release();
        }
        assertThat(channel.isOpen()).isFalse();
    }
}
