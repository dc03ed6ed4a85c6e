package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.error.Refusal;
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
import java.util.function.Function;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class HeldBodyTest {

    /** Records what the body shows it; answers {@link #finish} with a fixed function. */
    private static class FakeSession implements RequestInspector.Session {
        final List<String> seen = new ArrayList<>();
        final Function<ByteBuf, Verdict> verdict;
        String finishedWith;
        int finishes;
        int aborts;

        FakeSession(Function<ByteBuf, Verdict> verdict) {
            this.verdict = verdict;
        }

        @Override
        public void onContent(ByteBuf chunk) {
            seen.add(chunk.toString(StandardCharsets.US_ASCII));
        }

        @Override
        public Verdict finish(ByteBuf body) {
            finishes++;
            finishedWith = body.toString(StandardCharsets.US_ASCII);
            return verdict.apply(body);
        }

        @Override
        public void abort() {
            aborts++;
        }
    }

    private final FakeSession allowing = new FakeSession(b -> Verdict.ALLOW);

    private static HeldBody held(FakeSession session, long maxBytes) {
        return new HeldBody(session, "req-1", maxBytes, -1);
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static HttpRequest post() {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/upload?x=1");
    }

    /** Inspects on this thread (a direct pool and loop) and returns the verdict. */
    private static Verdict finish(HeldBody body) {
        Verdict[] verdict = new Verdict[1];
        body.inspect(InspectionPool.on(Runnable::run, 1, 1), ImmediateEventExecutor.INSTANCE, v -> verdict[0] = v);
        return verdict[0];
    }

    @Test
    void holdsChunksUpToTheLimitAndShowsTheWholeBodyToTheInspectionAtTheEnd() {
        HeldBody body = held(allowing, 10);
        ByteBuf a = ascii("hello");
        ByteBuf b = ascii("world");

        assertThat(body.add(a)).isTrue();
        assertThat(body.add(b)).isTrue(); // exactly at the limit
        assertThat(a.refCnt()).isEqualTo(1); // copied: the caller's reference is its own
        assertThat(body.readableBytes()).isEqualTo(10);
        assertThat(allowing.seen).as("the event loop only copies").isEmpty();

        assertThat(finish(body)).isSameAs(Verdict.ALLOW);
        assertThat(allowing.finishedWith).isEqualTo("helloworld");
        assertThat(allowing.seen).as("fed whole, on the worker").containsExactly("helloworld");

        a.release();
        b.release();
        body.release();
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
        assertThat(allowing.aborts).isZero(); // finished, so not aborted
    }

    @Test
    void aDeclaredLengthIsHeldInOneArrayOfExactlyThatSize() {
        int[] arrayLength = new int[1];
        FakeSession session = new FakeSession(b -> {
            arrayLength[0] = b.hasArray() ? b.array().length : -1;
            return Verdict.ALLOW;
        });
        HeldBody body = new HeldBody(session, "req-1", 1 << 20, 10);
        ByteBuf a = ascii("hello");
        ByteBuf b = ascii("world");
        body.add(a);
        body.add(b);

        finish(body);

        assertThat(session.finishedWith).isEqualTo("helloworld");
        assertThat(arrayLength[0]).as("no slack, no second array").isEqualTo(10);
        a.release();
        b.release();
        body.release();
    }

    @Test
    void aBodyOfUnknownLengthGrowsUpToTheLimit() {
        HeldBody body = held(allowing, 20_000);
        ByteBuf chunk = Unpooled.wrappedBuffer(new byte[5_000]);
        for (int i = 0; i < 4; i++) {
            assertThat(body.add(chunk)).isTrue();
        }
        assertThat(body.add(chunk)).isFalse();
        assertThat(body.readableBytes()).isEqualTo(20_000);
        chunk.release();
        body.release();
    }

    @Test
    void aChunkOverTheLimitIsNeitherHeldNorInspected() {
        HeldBody body = held(allowing, 8);
        ByteBuf a = ascii("hello");
        ByteBuf tooMuch = ascii("world");
        body.add(a);

        assertThat(body.add(tooMuch)).isFalse();
        assertThat(tooMuch.refCnt()).isEqualTo(1);
        assertThat(body.readableBytes()).isEqualTo(5);
        assertThat(finish(body)).isSameAs(Verdict.ALLOW);
        assertThat(allowing.seen).containsExactly("hello");

        tooMuch.release();
        a.release();
        body.release();
        assertThat(a.refCnt()).isZero();
    }

    @Test
    void emptyChunksAreAcceptedButNotShownToTheInspection() {
        HeldBody body = held(allowing, 0);
        assertThat(body.add(Unpooled.EMPTY_BUFFER)).isTrue();
        assertThat(allowing.seen).isEmpty();
        assertThat(finish(body).report()).isEqualTo(Verdict.Report.NONE);
        assertThat(allowing.finishedWith).isEmpty();
        body.release();
    }

    @Test
    void releaseIsIdempotentAndAbortsAnUnfinishedInspectionOnce() {
        HeldBody body = held(allowing, 100);
        ByteBuf a = ascii("abc");
        body.add(a);
        a.release();
        assertThat(a.refCnt()).isZero(); // the body holds a copy, not the chunk

        body.release();
        body.release();

        assertThat(allowing.aborts).isEqualTo(1);
        assertThat(allowing.finishes).isZero();
        assertThat(body.readableBytes()).isZero();
        assertThatThrownBy(body::bytes).isInstanceOf(IllegalStateException.class)
                .hasMessage("body: released (expected: held)");
    }

    @Test
    void aThrowingInspectionBecomesAnInspectionFailedBlockAndIsNotAborted() {
        FakeSession failing = new FakeSession(b -> {
            throw new IllegalStateException("engine broke on secret-looking input");
        });
        HeldBody body = held(failing, 100);

        Verdict verdict = finish(body);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Block.class, block -> {
            assertThat(block.refusal()).isEqualTo(Refusal.INSPECTION_FAILED);
            assertThat(block.detail()).isEqualTo("internal inspection error");
            assertThat(block.report().reasons()).containsExactly("internal_error");
        });
        body.release();
        assertThat(failing.aborts).isZero();
    }

    @Test
    void replaceSwapsTheBodyReleasingTheOldOneAndRewritesTheRequest() {
        Verdict.Replace redaction = new Verdict.Replace("he[REDACTED]".getBytes(StandardCharsets.US_ASCII),
                List.of(Map.entry("X-Sieve-Redacted", "1")), Optional.of("/v1/upload"), Verdict.Report.NONE);
        FakeSession redacting = new FakeSession(b -> redaction);
        HeldBody body = held(redacting, 100);
        ByteBuf original = ascii("hello");
        body.add(original);
        original.release();
        HttpRequest request = post();

        Verdict verdict = finish(body);
        body.replace((Verdict.Replace) verdict, request);

        assertThat(original.refCnt()).isZero();
        assertThat(body.readableBytes()).isEqualTo(12);
        ByteBuf forwarded = body.bytes().retainedDuplicate();
        assertThat(forwarded.toString(StandardCharsets.US_ASCII)).isEqualTo("he[REDACTED]");
        forwarded.release();
        assertThat(request.headers().get("X-Sieve-Redacted")).isEqualTo("1");
        assertThat(request.uri()).isEqualTo("/v1/upload");
        body.release();
        assertThat(body.readableBytes()).isZero();
    }

    @Test
    void replaceWithoutATargetKeepsTheRequestTarget() {
        Verdict.Replace redaction = new Verdict.Replace(new byte[0], List.of(), Optional.empty(), Verdict.Report.NONE);
        HeldBody body = held(new FakeSession(b -> redaction), 100);
        HttpRequest request = post();

        body.replace(redaction, request);

        assertThat(request.uri()).isEqualTo("/v1/upload?x=1");
        assertThat(body.readableBytes()).isZero();
        body.release();
    }

    @Test
    void aRetainedDuplicateOutlivesTheHolder() {
        HeldBody body = held(allowing, 100);
        ByteBuf a = ascii("abc");
        body.add(a);
        a.release();
        finish(body);

        ByteBuf forwarded = body.bytes().retainedDuplicate();
        body.release();

        assertThat(forwarded.refCnt()).isEqualTo(1);
        assertThat(forwarded.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        forwarded.release();
        assertThat(a.refCnt()).isZero();
    }

    /** A pool whose jobs wait until the test runs them. */
    private static final class HandDriven {
        final List<Runnable> tasks = new ArrayList<>();
        final InspectionPool pool = InspectionPool.on((Executor) tasks::add, 1, 1);

        void runAll() {
            List<Runnable> now = List.copyOf(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void aBodyReleasedWhileItsInspectionIsQueuedAbandonsItOnceAndFreesTheBytes() {
        HandDriven threads = new HandDriven();
        HeldBody body = held(allowing, 100);
        ByteBuf a = ascii("abc");
        body.add(a);
        a.release();
        List<Verdict> verdicts = new ArrayList<>();
        InspectionPool.Pending pending = body.inspect(threads.pool, ImmediateEventExecutor.INSTANCE, verdicts::add);

        assertThat(pending.cancel()).as("no worker took it yet").isTrue();
        body.release();
        body.release();
        threads.runAll(); // the dequeued task finds its job abandoned

        assertThat(allowing.aborts).isEqualTo(1);
        assertThat(allowing.finishes).isZero();
        assertThat(verdicts).as("an abandoned job never answers").isEmpty();
        assertThat(threads.pool.queued()).isZero();
    }

    @Test
    void aBodyReleasedWhileAWorkerReadsItKeepsItsBytesUntilTheWorkerIsDone() {
        ByteBuf[] seenByWorker = new ByteBuf[1];
        HeldBody[] holder = new HeldBody[1];
        FakeSession session = new FakeSession(b -> {
            seenByWorker[0] = b;
            holder[0].release(); // the client goes away mid-inspection
            assertThat(b.refCnt()).as("the worker's reference keeps the bytes").isEqualTo(1);
            assertThat(b.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
            return Verdict.ALLOW;
        });
        HandDriven threads = new HandDriven();
        HeldBody body = held(session, 100);
        holder[0] = body;
        ByteBuf a = ascii("abc");
        body.add(a);
        a.release();
        List<Verdict> verdicts = new ArrayList<>();
        body.inspect(threads.pool, ImmediateEventExecutor.INSTANCE, verdicts::add);

        threads.runAll();

        assertThat(seenByWorker[0].refCnt()).as("freed once the worker let go").isZero();
        assertThat(session.aborts).as("a session the worker finished is not aborted").isZero();
        assertThat(session.finishes).isEqualTo(1);
        assertThat(verdicts).containsExactly(Verdict.ALLOW);
    }

    @Test
    void anInspectionIsHandedOverOnce() {
        HeldBody body = held(allowing, 100);
        finish(body);
        assertThatThrownBy(() -> finish(body)).isInstanceOf(IllegalStateException.class)
                .hasMessage("inspection: handed over (expected: open)");
        body.release();
        assertThat(allowing.aborts).isZero();
    }

    /** Adds {@code n} copies of {@code c} to {@code body}. */
    private static void add(HeldBody body, char c, int n) {
        ByteBuf chunk = ascii(String.valueOf(c).repeat(n));
        assertThat(body.add(chunk)).isTrue();
        chunk.release();
    }

    /** A session that proves clean all it was shown but the last 10 bytes (or claims {@code overclaim} more). */
    private static final class Proving extends FakeSession {
        long shown;
        long overclaim;

        Proving() {
            super(b -> Verdict.ALLOW);
        }

        @Override
        public void onContent(ByteBuf chunk) {
            super.onContent(chunk);
            shown += chunk.readableBytes();
        }

        @Override
        public long cleanThrough() {
            return Math.max(0, shown - 10 + overclaim);
        }
    }

    @Test
    void aLargeBodyIsShownAsItArrivesEachByteOnceAndTheLastJobShowsOnlyTheRest() {
        HandDriven threads = new HandDriven();
        Proving session = new Proving();
        HeldBody body = held(session, 1 << 20);
        List<Long> cleanAfterFeeds = new ArrayList<>();
        Runnable onFed = () -> cleanAfterFeeds.add(body.cleanThrough());

        add(body, 'a', HeldBody.FEED_FROM - 1);
        assertThat(body.wantsFeed()).as("below FEED_FROM the body is held whole").isFalse();
        add(body, 'a', 1);
        assertThat(body.wantsFeed()).isTrue();
        body.feed(threads.pool, ImmediateEventExecutor.INSTANCE, onFed);
        add(body, 'b', HeldBody.FEED_FROM);
        assertThat(body.wantsFeed()).as("one feed job at a time").isFalse();
        threads.runAll();
        assertThat(body.wantsFeed()).isTrue();
        body.feed(threads.pool, ImmediateEventExecutor.INSTANCE, onFed);
        threads.runAll();
        add(body, 'c', 500);
        assertThat(body.wantsFeed()).as("less than FEED_FROM new bytes wait for more").isFalse();
        List<Verdict> verdicts = new ArrayList<>();
        body.inspect(threads.pool, ImmediateEventExecutor.INSTANCE, verdicts::add);
        threads.runAll();

        assertThat(session.seen).extracting(String::length).containsExactly(HeldBody.FEED_FROM, HeldBody.FEED_FROM,
                500);
        assertThat(session.seen.get(1)).isEqualTo("b".repeat(HeldBody.FEED_FROM));
        assertThat(session.finishedWith).hasSize(2 * HeldBody.FEED_FROM + 500);
        assertThat(cleanAfterFeeds).containsExactly(HeldBody.FEED_FROM - 10L, 2L * HeldBody.FEED_FROM - 10);
        assertThat(verdicts).containsExactly(Verdict.ALLOW);
        body.release();
        assertThat(session.aborts).isZero();
    }

    @Test
    void aCleanPrefixIsNeverMoreThanTheBytesShown() {
        HandDriven threads = new HandDriven();
        Proving session = new Proving();
        session.overclaim = 1_000_000;
        HeldBody body = held(session, 1 << 20);
        add(body, 'a', HeldBody.FEED_FROM);
        body.feed(threads.pool, ImmediateEventExecutor.INSTANCE, () -> {});
        threads.runAll();

        assertThat(body.cleanThrough()).isEqualTo(HeldBody.FEED_FROM);
        body.release();
    }

    @Test
    void aBodyReleasedWhileAFeedRunsLeavesTheSessionToTheJobWhichAbortsItOnce() {
        HandDriven threads = new HandDriven();
        HeldBody[] holder = new HeldBody[1];
        FakeSession session = new FakeSession(b -> Verdict.ALLOW) {
            @Override
            public void onContent(ByteBuf chunk) {
                holder[0].release(); // the client goes away while a worker reads
                assertThat(aborts).as("not aborted under the worker").isZero();
                super.onContent(chunk);
            }
        };
        HeldBody body = held(session, 1 << 20);
        holder[0] = body;
        add(body, 'a', HeldBody.FEED_FROM);
        List<String> fed = new ArrayList<>();
        body.feed(threads.pool, ImmediateEventExecutor.INSTANCE, () -> fed.add("fed"));
        threads.runAll();

        assertThat(session.seen).singleElement().asString().hasSize(HeldBody.FEED_FROM);
        assertThat(session.aborts).isEqualTo(1);
        assertThat(fed).as("a released body does not call back").isEmpty();
        body.release();
        assertThat(session.aborts).isEqualTo(1);
    }

    @Test
    void aBodyReleasedWhileAFeedIsQueuedAbandonsItAndAbortsTheSessionOnce() {
        HandDriven threads = new HandDriven();
        HeldBody body = held(allowing, 1 << 20);
        add(body, 'a', HeldBody.FEED_FROM);
        List<String> fed = new ArrayList<>();
        body.feed(threads.pool, ImmediateEventExecutor.INSTANCE, () -> fed.add("fed"));
        body.release();
        threads.runAll();

        assertThat(allowing.seen).isEmpty();
        assertThat(allowing.aborts).isEqualTo(1);
        assertThat(fed).isEmpty();
    }

    @Test
    void aFeedThatThrowsMakesTheVerdictAnInspectionFailedBlock() {
        HandDriven threads = new HandDriven();
        FakeSession session = new FakeSession(b -> Verdict.ALLOW) {
            @Override
            public void onContent(ByteBuf chunk) {
                throw new IllegalStateException("engine bug");
            }
        };
        HeldBody body = held(session, 1 << 20);
        add(body, 'a', HeldBody.FEED_FROM);
        List<String> fed = new ArrayList<>();
        body.feed(threads.pool, ImmediateEventExecutor.INSTANCE, () -> fed.add("fed"));
        threads.runAll();

        assertThat(fed).containsExactly("fed");
        assertThat(body.feedFailure()).get().extracting(Verdict.Block::refusal).isEqualTo(Refusal.INSPECTION_FAILED);
        assertThat(body.cleanThrough()).isZero();
        assertThat(body.wantsFeed()).isFalse();
        assertThatThrownBy(() -> body.inspect(threads.pool, ImmediateEventExecutor.INSTANCE, v -> {}))
                .isInstanceOf(IllegalStateException.class).hasMessage("inspection: failed (expected: open)");
        body.release();
        assertThat(session.aborts).isEqualTo(1);
        assertThat(session.finishes).isZero();
    }
}
