package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionLanes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.config.WebSocketSettings;
import dev.sieve.proxy.decision.DecisionRecord;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.metrics.SieveMetrics;
import dev.sieve.proxy.pipeline.PipelineNames;
import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.route.Target;
import dev.sieve.proxy.upstream.H2ResponseSplitter;
import dev.sieve.proxy.upstream.UpstreamCall;
import dev.sieve.proxy.upstream.UpstreamPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import dev.sieve.proxy.testing.HoldBackInspector;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exchange's state machine on {@link EmbeddedChannel}s, with no sockets: the agent connection is an embedded
 * channel with flow-control and the {@link ExchangeHandler} (HTTP objects in, HTTP objects out: the HTTP codec is not
 * the subject), and each upstream connection an embedded channel with Netty's real {@link HttpClientCodec}, handed out
 * by a {@link UpstreamPool} of this test, so that the upstream's bytes are exactly what a test writes. Time is the
 * embedded event loop's, moved on by the test. Real TLS and real sockets (a pooled connection the upstream closed
 * while idle, TLS failures) are covered end to end over 127.0.0.1 instead: ProxyEndToEndTest, FaultsEndToEndTest.
 */
class ExchangeStateMachineTest {
    private static final Target TARGET = new Target("api.example", 443, InetAddress.getLoopbackAddress(), true);

    private final SieveMetrics metrics = new SieveMetrics();
    private final List<DecisionRecord> decisions = new CopyOnWriteArrayList<>();
    private final Pool pool = new Pool();
    /** The body limit of every destination. */
    private long maxBodyBytes = 64 * 1024;
    /** Where inspections run: on the calling thread unless a test holds them ({@link #heldInspections}). */
    private java.util.concurrent.Executor inspectionThreads = Runnable::run;
    private final List<Runnable> heldInspections = new ArrayList<>();
    /** The inspector of the requests a test sends (pass-through unless it sets one). */
    private RequestInspector inspector = RequestInspector.PASS_THROUGH;
    private final ProxyServices services = new ProxyServices(
            new ProxyServices.Limits(8192, 32768, Duration.ofSeconds(1), Duration.ofSeconds(60),
                    Duration.ofSeconds(5), Duration.ofSeconds(10), 1, Duration.ofSeconds(10), Duration.ofSeconds(1)),
            null, null, null, pool, null, (facts, head, target) -> inspector.open(facts, head, target), decisions::add, new BodyBudget(1 << 24, 1 << 24),
            host -> maxBodyBytes, agent -> false, null, metrics, null, null, true, WebSocketSettings.DEFAULTS,
            InspectionLanes.on(r -> inspectionThreads.execute(r), 1, 1), Duration.ofSeconds(1));
    private final HeaderDeadline deadline = new HeaderDeadline(Duration.ofSeconds(10).toNanos(), metrics);
    private final EmbeddedChannel agent = new EmbeddedChannel(false, false);

    ExchangeStateMachineTest() throws Exception {
        agent.config().setAutoRead(false);
        agent.pipeline().addLast(PipelineNames.HEADER_DEADLINE, deadline)
                .addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler())
                .addLast(PipelineNames.EXCHANGE, new ExchangeHandler(services, new Fixed(), "127.0.0.1:5000", null,
                        deadline));
        agent.register();
    }

    @AfterEach
    void close() {
        agent.finishAndReleaseAll();
        for (EmbeddedChannel u : pool.handedOut) {
            u.finishAndReleaseAll();
        }
        metrics.close();
    }

    @Test
    void aPostIsSentUpstreamWithItsBodyAndItsResponseRelayedThenTheConnectionTakesTheNext() {
        pool.offer(upstream());
        agent.writeInbound(post("/v1/a", "hello"), body("hello", true));
        EmbeddedChannel up = pool.handedOut.get(0);
        assertThat(sent(up)).startsWith("POST /v1/a HTTP/1.1").contains("content-length: 5").endsWith("\r\n\r\nhello");

        respond(up, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(agentResponse()).isEqualTo("200 ok");
        assertThat(pool.released).containsExactly(up);
        assertThat(decisions).hasSize(1);
        assertThat(agent.isOpen()).isTrue();
    }

    @Test
    void aLargeBodyGoesUpstreamASliceAtATimeEachOnceTheSocketTookThePrevious() {
        maxBodyBytes = 1 << 20;
        SlowSocket socket = new SlowSocket();
        EmbeddedChannel up = upstream();
        up.pipeline().addFirst(socket);
        pool.offer(up);
        String text = "x".repeat(2 * UpstreamCall.BODY_SLICE + 100);
        agent.writeInbound(post("/upload", text), body(text, true));

        String first = sent(up);
        assertThat(first).startsWith("POST /upload HTTP/1.1");
        assertThat(first.length() - first.indexOf("\r\n\r\n") - 4).as("one slice until the socket took it")
                .isEqualTo(UpstreamCall.BODY_SLICE);
        StringBuilder all = new StringBuilder(first);
        for (int slice = 2; slice <= 3; slice++) {
            socket.takeWritten(up);
            String next = sent(up);
            assertThat(next.length()).as("slice " + slice).isBetween(1, UpstreamCall.BODY_SLICE);
            all.append(next);
        }
        assertThat(all.toString()).endsWith("\r\n\r\n" + text);
        socket.takeWritten(up);
        respond(up, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(agentResponse()).isEqualTo("200 ok");
        assertThat(pool.released).containsExactly(up);
    }

    @Test
    void anUpstreamThatAnswersBeforeTheWholeBodyWentOutIsNotReusedAndGetsNoMoreOfIt() {
        maxBodyBytes = 1 << 20;
        SlowSocket socket = new SlowSocket();
        EmbeddedChannel up = upstream();
        up.pipeline().addFirst(socket);
        pool.offer(up);
        String text = "y".repeat(3 * UpstreamCall.BODY_SLICE);
        agent.writeInbound(post("/upload", text), body(text, true));
        releaseOutbound(up);

        respond(up, "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n");
        assertThat(agentResponse()).isEqualTo("413 ");
        socket.takeWritten(up);
        assertThat(sent(up)).as("no slice after the answer").isEmpty();
        assertThat(pool.released).isEmpty();
        assertThat(pool.discarded).containsExactly(up);
    }

    @Test
    void anHttp11UpstreamsOwnXHttp2FieldsAreRelayed() {
        pool.offer(upstream());
        agent.writeInbound(get("/h1"), LastHttpContent.EMPTY_LAST_CONTENT);
        EmbeddedChannel up = pool.handedOut.get(0);
        assertThat(sent(up)).startsWith("GET /h1 HTTP/1.1");

        respond(up, "HTTP/1.1 200 OK\r\nx-http2-scheme: https\r\nx-http2-stream-id: 7\r\nContent-Length: 2\r\n\r\nok");
        HttpResponse head = agent.readOutbound();
        assertThat(head.headers().get("x-http2-scheme")).isEqualTo("https");
        assertThat(head.headers().get("x-http2-stream-id")).isEqualTo("7");
        for (Object o; (o = agent.readOutbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
        assertThat(pool.released).containsExactly(up);
    }

    @Test
    void pipelinedRequestsAreTakenOneAtATimeAndAnsweredInOrder() {
        pool.offer(upstream());
        pool.offer(upstream());
        // Both requests arrive in one read: the second waits in flow-control until the first is answered.
        agent.writeInbound(get("/one"), LastHttpContent.EMPTY_LAST_CONTENT, get("/two"),
                LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(pool.handedOut).as("only the first is forwarded while it is open").hasSize(1);
        assertThat(sent(pool.handedOut.get(0))).startsWith("GET /one ");

        respond(pool.handedOut.get(0), "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
        assertThat(agentResponse()).isEqualTo("200 one");
        assertThat(pool.handedOut).hasSize(2);
        assertThat(sent(pool.handedOut.get(1))).startsWith("GET /two ");
        respond(pool.handedOut.get(1), "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo");
        assertThat(agentResponse()).isEqualTo("200 two");
        assertThat(decisions).hasSize(2);
    }

    @Test
    void expectContinueIsAnsweredBySieveAndNotSentUpstream() {
        pool.offer(upstream());
        HttpRequest head = post("/upload", "abc");
        head.headers().set(HttpHeaderNames.EXPECT, "100-continue");
        agent.writeInbound(head);
        FullHttpResponse cont = agent.readOutbound();
        try {
            assertThat(cont.status().code()).as("Sieve asks for the body itself").isEqualTo(100);
        } finally {
            cont.release();
        }
        assertThat(pool.handedOut).as("nothing upstream before the body is inspected").isEmpty();

        agent.writeInbound(body("abc", true));
        assertThat(sent(pool.handedOut.get(0))).doesNotContainIgnoringCase("expect").endsWith("\r\n\r\nabc");
        respond(pool.handedOut.get(0), "HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(agentResponse()).isEqualTo("204 ");
    }

    @Test
    void informationalResponsesEndInSieveAndTheFinalResponseIsRelayed() {
        pool.offer(upstream());
        agent.writeInbound(get("/"), LastHttpContent.EMPTY_LAST_CONTENT);
        EmbeddedChannel up = pool.handedOut.get(0);
        sent(up);
        respond(up, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n");
        assertThat((Object) agent.readOutbound()).as("no 1xx reaches the agent").isNull();
        respond(up, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
        assertThat(agentResponse()).isEqualTo("200 done");
    }

    @Test
    void aStalePooledConnectionIsRetriedOnceOnAFreshOneForAnIdempotentRequest() {
        EmbeddedChannel stale = upstream();
        pool.reused.add(stale);
        pool.offer(stale);
        pool.offer(upstream());
        agent.writeInbound(get("/r"), LastHttpContent.EMPTY_LAST_CONTENT);
        sent(stale);
        stale.close(); // the upstream had closed it while it was pooled: no response at all

        assertThat(pool.discarded).contains(stale);
        assertThat(pool.handedOut).as("retried on a fresh connection").hasSize(2);
        EmbeddedChannel fresh = pool.handedOut.get(1);
        assertThat(sent(fresh)).startsWith("GET /r ");
        respond(fresh, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        assertThat(agentResponse()).isEqualTo("200 x");
    }

    @Test
    void aStreamedPostWhoseStalePooledConnectionFailsBeforeItsEndIsSentAgainOnAFreshOne() {
        streamed();
        EmbeddedChannel stale = upstream();
        pool.reused.add(stale);
        pool.offer(stale);
        pool.offer(upstream());
        String text = "s".repeat(200 * 1024);
        agent.writeInbound(post("/p", text), body(text.substring(0, 100 * 1024), false));
        agent.runPendingTasks();
        assertThat(sent(stale)).startsWith("POST /p HTTP/1.1").contains("transfer-encoding: chunked")
                .doesNotContain("content-length");
        stale.close(); // the upstream had closed it while it was pooled; it never got the request's end

        assertThat(pool.handedOut).as("sent again: the upstream cannot have processed a request it never got whole")
                .hasSize(2);
        EmbeddedChannel fresh = pool.handedOut.get(1);
        String first = sent(fresh);
        assertThat(first).startsWith("POST /p HTTP/1.1").contains("transfer-encoding: chunked");
        agent.writeInbound(body(text.substring(100 * 1024), true));
        agent.runPendingTasks();
        String all = first + sent(fresh);
        assertThat(all).endsWith("\r\n0\r\n\r\n");
        assertThat(dechunk(all.substring(all.indexOf("\r\n\r\n") + 4))).isEqualTo(text);
        respond(fresh, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(agentResponse()).isEqualTo("200 ok");
    }

    @Test
    void aBlockedStreamedRequestClosesItsUpstreamConnectionBeforeTheTerminatingChunk() {
        streamed();
        EmbeddedChannel up = upstream();
        pool.offer(up);
        String text = "c".repeat(150 * 1024) + HoldBackInspector.BLOCK + "c".repeat(50 * 1024);
        agent.writeInbound(post("/p", text), body(text.substring(0, 100 * 1024), false));
        agent.runPendingTasks();
        String streamed = sent(up);
        agent.writeInbound(body(text.substring(100 * 1024), true));
        agent.runPendingTasks();
        streamed += sent(up);

        assertThat(refusal()).isEqualTo("403 inspection_blocked");
        assertThat(pool.discarded).containsExactly(up);
        assertThat(up.isOpen()).isFalse();
        assertThat(streamed).doesNotContain("\r\n0\r\n\r\n").doesNotContain(HoldBackInspector.BLOCK);
        assertThat(text).startsWith(dechunk(streamed.substring(streamed.indexOf("\r\n\r\n") + 4)));
    }

    @Test
    void anUpstreamFailureWhileStreamingIsReportedOnlyOnceTheVerdictAllows() {
        streamed();
        EmbeddedChannel up = upstream();
        pool.offer(up);
        String text = "f".repeat(200 * 1024);
        agent.writeInbound(post("/p", text), body(text.substring(0, 100 * 1024), false));
        agent.runPendingTasks();
        releaseOutbound(up);
        up.close(); // a fresh connection: not retried

        assertThat(agent.outboundMessages()).as("nothing for the agent before the verdict").isEmpty();
        agent.writeInbound(body(text.substring(100 * 1024), true));
        agent.runPendingTasks();
        assertThat(refusal()).isEqualTo("502 upstream_closed");
    }

    @Test
    void readingPausesWhileInspectionFallsBehindTheBodyAndResumesWhenItCatchesUp() {
        streamed();
        HoldBackInspector holdBack = (HoldBackInspector) inspector;
        maxBodyBytes = 16 << 20;
        inspectionThreads = heldInspections::add;
        EmbeddedChannel up = upstream();
        pool.offer(up);
        int chunk = 256 * 1024;
        String text = "l".repeat(40 * chunk);
        agent.writeInbound(post("/big", text));
        for (int i = 0; i < 40; i++) {
            agent.writeInbound(body(text.substring(i * chunk, (i + 1) * chunk), i == 39));
        }
        agent.runPendingTasks();
        for (int rounds = 0; !heldInspections.isEmpty() && rounds < 100; rounds++) {
            List<Runnable> now = List.copyOf(heldInspections);
            heldInspections.clear();
            now.forEach(Runnable::run);
            agent.runPendingTasks();
            releaseOutbound(up);
        }

        List<Integer> pieces = holdBack.pieces();
        assertThat(pieces.get(0)).as("the first feed").isEqualTo(chunk);
        assertThat(pieces.get(1)).as("what was read while the first feed waited: reading paused past the lag bound")
                .isGreaterThan(ExchangeHandler.MAX_FEED_LAG - chunk).isLessThanOrEqualTo(ExchangeHandler.MAX_FEED_LAG + chunk);
        assertThat(pieces.stream().mapToInt(Integer::intValue).sum()).as("every byte shown once").isEqualTo(text.length());
        respond(up, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(agentResponse()).isEqualTo("200 ok");
    }

    /** Requests are inspected by a {@link HoldBackInspector}, and bodies up to 1 MiB taken: large ones stream. */
    private void streamed() {
        inspector = new HoldBackInspector();
        maxBodyBytes = 1 << 20;
    }

    /** The data of an HTTP/1.1 chunked body, complete or not (a chunk cut short counts as far as it goes). */
    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(i, eol), 16);
            int start = eol + 2;
            out.append(chunked, start, Math.min(chunked.length(), start + size));
            i = start + size + 2;
        }
        return out.toString();
    }

    @Test
    void aStalePooledConnectionIsNotRetriedForAPost() {
        EmbeddedChannel stale = upstream();
        pool.reused.add(stale);
        pool.offer(stale);
        agent.writeInbound(post("/p", "b"), body("b", true));
        sent(stale);
        stale.close();

        assertThat(pool.handedOut).as("a POST the upstream may have processed is never repeated").hasSize(1);
        assertThat(refusal()).isEqualTo("502 upstream_closed");
    }

    @Test
    void noResponseHeadWithinTheResponseTimeoutIs504AndTheConnectionCloses() {
        pool.offer(upstream());
        agent.writeInbound(get("/slow"), LastHttpContent.EMPTY_LAST_CONTENT);
        sent(pool.handedOut.get(0));

        agent.advanceTimeBy(5, TimeUnit.SECONDS);
        agent.runScheduledPendingTasks();

        assertThat(refusal()).isEqualTo("504 upstream_response_timeout");
        assertThat(pool.discarded).containsExactly(pool.handedOut.get(0));
        agent.runPendingTasks();
        assertThat(agent.isOpen()).isFalse();
    }

    @Test
    void anUpstreamThatFailsMidResponseEndsTheAgentConnectionAndIsRecorded() {
        pool.offer(upstream());
        agent.writeInbound(get("/stream"), LastHttpContent.EMPTY_LAST_CONTENT);
        EmbeddedChannel up = pool.handedOut.get(0);
        sent(up);
        respond(up, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
        HttpResponse head = agent.readOutbound();
        assertThat(head.status().code()).isEqualTo(200);
        HttpContent part = agent.readOutbound();
        assertThat(part.content().toString(StandardCharsets.US_ASCII)).isEqualTo("half");
        part.release();

        up.close();
        agent.runPendingTasks();

        assertThat(agent.isOpen()).as("the agent has part of a response: only closing is left").isFalse();
        assertThat(decisions).singleElement().satisfies(d ->
                assertThat(d.reasons()).contains("upstream_closed_mid_response"));
        assertThat(pool.released).isEmpty();
    }

    @Test
    void anUpstreamThatCannotBeReachedIsRefusedBeforeAnyResponse() {
        pool.failNext = new ConnectException("Connection refused");
        agent.writeInbound(get("/"), LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(refusal()).isEqualTo("502 connection_refused");
    }

    // Client abort at every phase: nothing leaks (the leak detector and finishAndReleaseAll check the buffers), the
    // budget is given back, and an upstream connection in use is discarded, never pooled.

    @Test
    void clientAbortBetweenExchanges() {
        agent.close();
        assertThat(pool.handedOut).isEmpty();
        assertThat(services.budget().reserved()).isZero();
    }

    @Test
    void clientAbortWhileTheBodyIsRead() {
        agent.writeInbound(post("/p", "0123456789"), new DefaultHttpContent(ascii("01234")));
        assertThat(services.budget().reserved()).as("the declared body is reserved").isEqualTo(10);
        agent.close();
        assertThat(services.budget().reserved()).isZero();
        assertThat(pool.handedOut).as("an unfinished body never goes upstream").isEmpty();
    }

    @Test
    void clientAbortWhileWaitingForTheUpstreamConnection() {
        pool.hold = true;
        agent.writeInbound(post("/p", "ab"), body("ab", true));
        agent.close();
        assertThat(services.budget().reserved()).isZero();
        EmbeddedChannel late = upstream();
        pool.completeHeld(late);
        assertThat(pool.released).as("a connection that arrives after the agent left goes back unused")
                .containsExactly(late);
        assertThat(sent(late)).isEmpty();
    }

    @Test
    void clientAbortWhileWaitingForTheResponseHead() {
        pool.offer(upstream());
        agent.writeInbound(post("/p", "ab"), body("ab", true));
        EmbeddedChannel up = pool.handedOut.get(0);
        sent(up);
        agent.close();
        assertThat(pool.discarded).containsExactly(up);
        assertThat(up.isOpen()).isFalse();
        assertThat(services.budget().reserved()).isZero();
        agent.advanceTimeBy(10, TimeUnit.SECONDS);
        agent.runScheduledPendingTasks(); // the response timeout was cancelled with the call
        assertThat(decisions).isEmpty();
    }

    @Test
    void clientAbortMidResponse() {
        pool.offer(upstream());
        agent.writeInbound(get("/stream"), LastHttpContent.EMPTY_LAST_CONTENT);
        EmbeddedChannel up = pool.handedOut.get(0);
        sent(up);
        respond(up, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        agent.close();
        assertThat(pool.discarded).as("a connection with an unread response is never pooled").containsExactly(up);
        assertThat(up.isOpen()).isFalse();
        assertThat(pool.released).isEmpty();
    }

    @Test
    void aSecondMessageIsNeverTakenWhileTheExchangeIsNotReadyForIt() {
        // The read-gating guard: however often a read is asked for (handler added, TLS handshake end), flow-control
        // hands over one message per read, so the body waits while the request is routed.
        Fixed.pending = agent.eventLoop().newPromise();
        try {
            agent.writeInbound(post("/p", "ab"), body("ab", true));
            // The handshake's end asks for a read again while the head is being routed.
            agent.pipeline().fireUserEventTriggered(io.netty.handler.ssl.SslHandshakeCompletionEvent.SUCCESS);
            agent.runPendingTasks();
            assertThat(agent.isOpen()).isTrue();
            pool.offer(upstream());
            Fixed.pending.setSuccess(new Router.Routed.Route(TARGET, null));
            agent.runPendingTasks();
            assertThat(sent(pool.handedOut.get(0))).endsWith("\r\n\r\nab");
        } finally {
            Fixed.pending = null;
        }
    }

    // An h2 upstream: the exchange gets a stream whose codec turns frames into the same HttpObjects.

    @Test
    void overAnH2StreamTheRequestLosesConnectionSpecificFieldsAndAHeadersOnlyResponseIsRelayedOnce() {
        pool.offer(h2Stream());
        HttpRequest head = get("/h2");
        head.headers().set(HttpHeaderNames.CONNECTION, "keep-alive, x-hop").set("x-hop", "1")
                .set(HttpHeaderNames.KEEP_ALIVE, "timeout=5").set(HttpHeaderNames.TE, "trailers")
                .set("x-kept", "yes");
        agent.writeInbound(head, LastHttpContent.EMPTY_LAST_CONTENT);
        EmbeddedChannel up = pool.handedOut.get(0);
        Http2Headers sentHead = ((Http2HeadersFrame) up.readOutbound()).headers();
        releaseOutbound(up);
        assertThat(sentHead.method().toString()).isEqualTo("GET");
        assertThat(sentHead.path().toString()).isEqualTo("/h2");
        assertThat(sentHead.authority().toString()).isEqualTo("api.example");
        assertThat(sentHead.get("x-kept").toString()).isEqualTo("yes");
        for (String name : List.of("connection", "x-hop", "keep-alive", "te", "host", "transfer-encoding")) {
            assertThat(sentHead.contains(name)).as(name).isFalse();
        }

        up.writeInbound(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("204"), true));
        agent.runPendingTasks();
        HttpResponse relayed = agent.readOutbound();
        assertThat(relayed.status().code()).isEqualTo(204);
        assertThat(relayed.headers().names()).noneMatch(name -> name.startsWith("x-http2"));
        LastHttpContent end = agent.readOutbound();
        assertThat(end.content().readableBytes()).isZero();
        end.release();
        assertThat((Object) agent.readOutbound()).isNull();
        assertThat(pool.released).containsExactly(up);
    }

    @Test
    void anH2StreamResetBeforeTheResponseHeadIs502() {
        pool.offer(h2Stream());
        agent.writeInbound(post("/p", "ab"), body("ab", true));
        EmbeddedChannel up = pool.handedOut.get(0);
        releaseOutbound(up);

        up.pipeline().fireUserEventTriggered(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
        agent.runPendingTasks();

        assertThat(refusal()).isEqualTo("502 upstream_closed");
        assertThat(pool.discarded).containsExactly(up);
        assertThat(pool.handedOut).as("a reset stream may have been processed: a POST is not repeated").hasSize(1);
    }

    @Test
    void aRefusedH2StreamIsRetriedOnceEvenForAPostAndASecondRefusalIs502() {
        pool.offer(h2Stream());
        pool.offer(h2Stream());
        agent.writeInbound(post("/p", "ab"), body("ab", true));
        EmbeddedChannel first = pool.handedOut.get(0);
        releaseOutbound(first);
        first.pipeline().fireUserEventTriggered(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
        agent.runPendingTasks();

        assertThat(pool.handedOut).as("refused unprocessed (RFC 9113 8.7): sent again").hasSize(2);
        EmbeddedChannel second = pool.handedOut.get(1);
        assertThat(((Http2HeadersFrame) second.readOutbound()).headers().method().toString()).isEqualTo("POST");
        Http2DataFrame data = second.readOutbound();
        assertThat(data.content().toString(StandardCharsets.US_ASCII)).isEqualTo("ab");
        data.release();
        second.pipeline().fireUserEventTriggered(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
        agent.runPendingTasks();

        assertThat(pool.handedOut).as("once only").hasSize(2);
        assertThat(refusal()).isEqualTo("502 upstream_closed");
    }

    @Test
    void aStreamBeyondAGoAwayIsSentAgainOnlyOnceTheGoAwayIsHandled() {
        // Netty hands a GOAWAY to the streams it refuses before the connection's own handler sees it: a stream asked
        // for at that moment would come from the same connection and be closed with it (a 502 after one retry).
        pool.offer(h2Stream());
        pool.offer(h2Stream());
        agent.writeInbound(post("/p", "ab"), body("ab", true));
        EmbeddedChannel first = pool.handedOut.get(0);
        releaseOutbound(first);
        first.pipeline().fireUserEventTriggered(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));

        assertThat(pool.handedOut).as("not while the GOAWAY is being handled").hasSize(1);
        agent.runPendingTasks();
        assertThat(pool.handedOut).as("then on another stream").hasSize(2);
        theRetryOnTheSecondStreamIsAnswered();
    }

    @Test
    void anH2StreamRefusedAtItsFirstWriteByAGoAwayIsSentAgainEvenForAPost() {
        // What Netty's stream channel does when the connection received a GOAWAY after the pool handed the stream
        // out: the HEADERS write fails at once with REFUSED_STREAM, later writes fail, and the stream closes in a
        // later task (closed below: an EmbeddedChannel would run a close task inside the write that asked for it);
        // nothing reached the upstream.
        EmbeddedChannel refused = h2Stream();
        refused.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            private boolean first = true;

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
                if (first) {
                    first = false;
                    promise.setFailure(Http2Exception.streamError(3, Http2Error.REFUSED_STREAM,
                            "Cannot create stream %d greater than Last-Stream-ID %d from GOAWAY.", 3, 1));
                } else {
                    promise.setFailure(new ClosedChannelException());
                }
            }
        });
        pool.offer(refused);
        pool.offer(h2Stream());
        agent.writeInbound(post("/p", "ab"), body("ab", true));
        refused.close();
        agent.runPendingTasks();

        assertThat(pool.handedOut).as("never sent (RFC 9113 8.7): sent again on another stream").hasSize(2);
        theRetryOnTheSecondStreamIsAnswered();
    }

    /** The POST of "ab" went again on the second stream handed out, whose 204 reaches the agent. */
    private void theRetryOnTheSecondStreamIsAnswered() {
        EmbeddedChannel second = pool.handedOut.get(1);
        assertThat(((Http2HeadersFrame) second.readOutbound()).headers().method().toString()).isEqualTo("POST");
        Http2DataFrame data = second.readOutbound();
        assertThat(data.content().toString(StandardCharsets.US_ASCII)).isEqualTo("ab");
        data.release();
        second.writeInbound(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("204"), true));
        agent.runPendingTasks();

        HttpResponse response = agent.readOutbound();
        assertThat(response.status().code()).isEqualTo(204);
        ReferenceCountUtil.release(response);
        releaseOutbound(agent);
    }

    @Test
    void anH2ResponseStreamsInDataFramesAndAResetMidResponseEndsTheAgentConnection() {
        pool.offer(h2Stream());
        agent.writeInbound(get("/sse"), LastHttpContent.EMPTY_LAST_CONTENT);
        EmbeddedChannel up = pool.handedOut.get(0);
        releaseOutbound(up);
        up.writeInbound(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                .set("content-type", "text/event-stream"), false), new DefaultHttp2DataFrame(ascii("data: 1\n\n")));
        agent.runPendingTasks();
        HttpResponse relayed = agent.readOutbound();
        assertThat(relayed.status().code()).isEqualTo(200);
        assertThat(HttpUtil.isTransferEncodingChunked(relayed)).isTrue();
        HttpContent event = agent.readOutbound();
        assertThat(event.content().toString(StandardCharsets.US_ASCII)).isEqualTo("data: 1\n\n");
        event.release();

        up.pipeline().fireUserEventTriggered(new DefaultHttp2ResetFrame(Http2Error.CANCEL));
        agent.runPendingTasks();

        assertThat(agent.isOpen()).as("the agent has part of a response: only closing is left").isFalse();
        assertThat(decisions).singleElement().satisfies(d ->
                assertThat(d.reasons()).contains("upstream_closed_mid_response"));
        assertThat(pool.discarded).containsExactly(up);
    }

    @Test
    void aTargetWithAUserinfoOrAFragmentIsRefusedForTheFirstOfThemAndAnOrdinaryOneIsNot() {
        assertThat(ExchangeHandler.hiddenTargetRefusal(RequestTarget.parse("https://u:pw@api.example.com/v1")))
                .isEqualTo(dev.sieve.proxy.error.Refusal.TARGET_USERINFO);
        assertThat(ExchangeHandler.hiddenTargetRefusal(RequestTarget.parse("https://u@api.example.com/v1#part")))
                .isEqualTo(dev.sieve.proxy.error.Refusal.TARGET_USERINFO);
        assertThat(ExchangeHandler.hiddenTargetRefusal(RequestTarget.parse("/v1/messages#part")))
                .isEqualTo(dev.sieve.proxy.error.Refusal.TARGET_FRAGMENT);
        assertThat(ExchangeHandler.hiddenTargetRefusal(RequestTarget.parse("https://api.example.com/v1?a=b"))).isNull();
        assertThat(ExchangeHandler.hiddenTargetRefusal(RequestTarget.parse("/v1/messages"))).isNull();
    }

    // --- helpers

    private static HttpRequest get(String path) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        r.headers().set(HttpHeaderNames.HOST, TARGET.host());
        return r;
    }

    private static HttpRequest post(String path, String body) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path);
        r.headers().set(HttpHeaderNames.HOST, TARGET.host());
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length());
        return r;
    }

    private static HttpContent body(String text, boolean last) {
        return last ? new DefaultLastHttpContent(ascii(text)) : new DefaultHttpContent(ascii(text));
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    /** An upstream connection: the real client codec, and a tail named as in Sieve's upstream pipeline. */
    private static EmbeddedChannel upstream() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpClientCodec())
                .addLast(PipelineNames.UPSTREAM_TAIL, releasingTail());
        return ch;
    }

    /** An upstream h2 stream as the pool hands it out: the real frame codec (client side), the splitter, the tail. */
    private static EmbeddedChannel h2Stream() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new Http2StreamFrameToHttpObjectCodec(false))
                .addLast(PipelineNames.H2_SPLIT, H2ResponseSplitter.INSTANCE)
                .addLast(PipelineNames.UPSTREAM_TAIL, releasingTail());
        return ch;
    }

    private static ChannelInboundHandlerAdapter releasingTail() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        };
    }

    private static void releaseOutbound(EmbeddedChannel up) {
        for (Object o; (o = up.readOutbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
    }

    /** Everything written to {@code up} so far, as text. */
    private static String sent(EmbeddedChannel up) {
        StringBuilder out = new StringBuilder();
        for (Object o; (o = up.readOutbound()) != null; ) {
            out.append(((ByteBuf) o).toString(StandardCharsets.US_ASCII));
            ReferenceCountUtil.release(o);
        }
        return out.toString();
    }

    private void respond(EmbeddedChannel up, String bytes) {
        up.writeInbound(ascii(bytes));
        agent.runPendingTasks();
    }

    /** The relayed response the agent got: status and body text. */
    private String agentResponse() {
        HttpResponse head = agent.readOutbound();
        assertThat(head).as("a response head").isNotNull();
        StringBuilder body = new StringBuilder(head.status().code() + " ");
        if (head instanceof FullHttpResponse full) {
            body.append(full.content().toString(StandardCharsets.US_ASCII));
            full.release();
            return body.toString();
        }
        for (Object o; (o = agent.readOutbound()) != null; ) {
            HttpContent c = (HttpContent) o;
            body.append(c.content().toString(StandardCharsets.US_ASCII));
            boolean last = c instanceof LastHttpContent;
            c.release();
            if (last) {
                break;
            }
        }
        return body.toString();
    }

    /** Sieve's own refusal: status and the error type in its Proxy-Status. */
    private String refusal() {
        FullHttpResponse r = agent.readOutbound();
        try {
            String status = r.headers().get("Proxy-Status");
            String details = status.substring(status.indexOf("details=\"") + 9);
            return r.status().code() + " " + details.substring(0, details.indexOf(':'));
        } finally {
            r.release();
        }
    }

    /** Every request goes to {@link #TARGET}, at once unless a test holds the route. */
    private static final class Fixed implements ExchangeHandler.TargetSelector {
        static io.netty.util.concurrent.Promise<Router.Routed> pending;

        @Override
        public Future<Router.Routed> select(ChannelHandlerContext ctx, HttpRequest request,
                RequestTarget target, String requestId) {
            return pending != null ? pending : ctx.executor().newSucceededFuture(new Router.Routed.Route(TARGET, null));
        }

        @Override
        public dev.sieve.proxy.auth.Grant grant(HttpRequest request) {
            return dev.sieve.proxy.auth.Grant.of(ProxyRequestHandler.ANONYMOUS);
        }
    }

    /** A socket that takes written bytes only when the test says: write promises complete on {@link #takeWritten}. */
    private static final class SlowSocket extends io.netty.channel.ChannelOutboundHandlerAdapter {
        private final List<io.netty.channel.ChannelPromise> untaken = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
            untaken.add(promise);
            ctx.write(msg);
        }

        /** Completes the writes so far, then runs the loop's tasks (what a write's completion scheduled). */
        void takeWritten(EmbeddedChannel ch) {
            List<io.netty.channel.ChannelPromise> taken = List.copyOf(untaken);
            untaken.clear();
            taken.forEach(io.netty.channel.ChannelPromise::trySuccess);
            ch.runPendingTasks();
        }
    }

    /** Hands out the embedded upstream connections a test offered, in order, and records what came back. */
    private static final class Pool implements UpstreamPool {
        final Deque<EmbeddedChannel> offered = new ArrayDeque<>();
        final List<EmbeddedChannel> handedOut = new ArrayList<>();
        final Set<Channel> reused = new HashSet<>();
        final List<Channel> released = new ArrayList<>();
        final List<Channel> discarded = new ArrayList<>();
        Throwable failNext;
        boolean hold;
        io.netty.util.concurrent.Promise<Channel> held;

        void offer(EmbeddedChannel ch) {
            offered.add(ch);
        }

        void completeHeld(EmbeddedChannel ch) {
            handedOut.add(ch);
            held.setSuccess(ch);
        }

        @Override
        public Future<Channel> acquire(EventLoop loop, Target target, boolean http1Only) {
            if (failNext != null) {
                Throwable cause = failNext;
                failNext = null;
                return loop.newFailedFuture(cause);
            }
            if (hold) {
                held = loop.newPromise();
                return held;
            }
            EmbeddedChannel ch = offered.poll();
            assertThat(ch).as("an upstream connection offered by the test").isNotNull();
            handedOut.add(ch);
            return loop.newSucceededFuture(ch);
        }

        @Override
        public boolean wasReused(Channel ch) {
            return reused.contains(ch);
        }

        @Override
        public void release(Channel ch) {
            released.add(ch);
        }

        @Override
        public void discard(Channel ch) {
            discarded.add(ch);
            ch.close();
        }

        @Override
        public void takeOver(Channel ch) {}

        @Override
        public void close() {}
    }
}
