package dev.sieve.proxy;

import static dev.sieve.proxy.testing.Agents.assertAtRest;
import static dev.sieve.proxy.testing.Agents.assertRefusal;
import static dev.sieve.proxy.testing.Agents.eventually;
import static dev.sieve.proxy.testing.Agents.postHead;
import static dev.sieve.proxy.testing.Agents.tunnel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.Agents;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RawClient;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-flight budget for held bodies cannot be starved: a chunked body reserves as it arrives, one agent
 * holds at most its share, and a request waits a bounded time for room (then 503 with Retry-After). Budget
 * here: 4 MiB in all, 1 MiB per agent (25 %), bodies up to 1 MiB, a 1 s wait.
 */
class BodyBudgetEndToEndTest {
    private static final int MIB = 1024 * 1024;
    private static final List<String> AGENTS = List.of("hog", "other", "a1", "a2", "a3", "a4",
            "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8");

    @TempDir
    static Path dir;

    static ProxyTestEnv env;

    private final List<RawClient> holders = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, "", Agents.tokensYaml(AGENTS) + """
                inspection:
                  maxBodyBytes: 1MiB
                  maxBodyBytesInFlight: 4MiB
                  maxBodyBytesInFlightPerAgent: 25%
                  budgetWait: 1s
                """, RequestInspector.PASS_THROUGH);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @AfterEach
    void closeHolders() throws Exception {
        for (RawClient c : holders) {
            c.close();
        }
        holders.clear();
        assertAtRest(env);
    }

    /** A tunnel of {@code agent} with a request head sent whose body never comes. */
    private RawClient holding(String agent, InetAddress from, String framing) throws Exception {
        RawClient c = tunnel(env, agent, from);
        holders.add(c);
        c.send(postHead(env, framing));
        return c;
    }

    private static RawClient.Response upload(String agent, InetAddress from, int bytes) throws Exception {
        try (RawClient c = tunnel(env, agent, from)) {
            return c.request(postHead(env, "Content-Length: " + bytes) + "u".repeat(bytes));
        }
    }

    private static void awaitReserved(long bytes) throws InterruptedException {
        eventually(5000, () -> env.sieve.bodyBudget().reserved() >= bytes);
    }

    @Test
    void silentChunkedRequestsDoNotTakeTheBudgetFromATwoBytePost() throws Exception {
        for (int i = 1; i <= 8; i++) {
            holding("s" + i, null, "Transfer-Encoding: chunked");
        }
        eventually(5000, () -> env.sieve.bodyBudget().reserved() > 0);

        RawClient.Response r = upload("other", null, 2);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("uu");
        assertThat(env.sieve.bodyBudget().reserved()).as("8 silent chunked bodies hold a step each, not 1 MiB")
                .isLessThanOrEqualTo(2L * MIB);
    }

    @Test
    void oneAgentsSlowUploadsHoldOnlyItsShareAndAnotherAgentUploadsAtOnce() throws Exception {
        List<RawClient> hog = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hog.add(holding("hog", null, "Content-Length: " + MIB));
        }
        awaitReserved(MIB);

        RawClient.Response other = upload("other", null, 512 * 1024);

        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).hasSize(512 * 1024);
        // The hog's first upload holds its whole share; the others waited the bounded time and were refused.
        eventually(5000, () -> env.sieve.bodyBudget().waiting() == 0);
        int refused = 0;
        for (RawClient c : hog) {
            c.readTimeout(1500);
            try {
                RawClient.Response r = c.readResponse(false);
                assertRefusal(r, 503, "proxy_internal_error", "body_budget_exhausted");
                assertThat(r.header("retry-after")).isEqualTo("5");
                refused++;
            } catch (java.net.SocketTimeoutException e) {
                // the one upload that holds the share (its body never comes)
            }
        }
        assertThat(refused).isEqualTo(3);
        assertThat(env.sieve.bodyBudget().peak()).isLessThanOrEqualTo(4L * MIB);
    }

    @Test
    void aRequestThatFindsNoRoomGets503WithRetryAfterInsteadOfWaitingForever() throws Exception {
        for (String agent : List.of("a1", "a2", "a3", "a4")) {
            holding(agent, null, "Content-Length: " + MIB);
        }
        awaitReserved(4L * MIB);

        long start = System.nanoTime();
        RawClient.Response r = upload("other", null, 100 * 1024);

        assertRefusal(r, 503, "proxy_internal_error", "body_budget_exhausted");
        assertThat(r.header("retry-after")).isEqualTo("5");
        assertThat(r.header("proxy-status")).contains("inspection.budgetWait");
        assertThat((System.nanoTime() - start) / 1_000_000).as("answered after the 1 s wait").isLessThan(8000);
    }

    @Test
    void withoutProxyAuthTheClientAddressIsTheAgent() throws Exception {
        InetAddress second = InetAddress.getByName("127.0.0.2");
        assumeThat(Agents.isLocal(second)).as("127.0.0.2 is a local address (Linux)").isTrue();
        holding(null, null, "Content-Length: " + MIB);
        awaitReserved(MIB);
        RawClient sameClient = holding(null, null, "Content-Length: " + (MIB / 2));

        RawClient.Response otherClient = upload(null, second, 512 * 1024);

        assertThat(otherClient.status()).isEqualTo(200);
        assertRefusal(sameClient.readResponse(false), 503, "proxy_internal_error", "body_budget_exhausted");
    }
}
