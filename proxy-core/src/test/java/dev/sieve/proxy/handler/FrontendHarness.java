package dev.sieve.proxy.handler;

import dev.sieve.proxy.inspect.InspectionLanes;
import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCache;
import dev.sieve.certs.LeafMinter;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.config.ConfigLoader;
import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.control.ConnectionRegistry;
import dev.sieve.proxy.control.PolicyHolder;
import dev.sieve.proxy.control.RuleStore;
import dev.sieve.proxy.decision.DecisionRecorder;
import dev.sieve.proxy.inspect.DestinationPolicies;
import dev.sieve.proxy.inspect.DlpInspector;
import dev.sieve.proxy.metrics.SieveMetrics;
import dev.sieve.proxy.auth.AgentAuthenticator;
import dev.sieve.proxy.policy.UpstreamResolver;
import dev.sieve.proxy.route.Router;
import dev.sieve.proxy.testing.TestTls;
import dev.sieve.proxy.testing.TrackingAllocator;
import dev.sieve.proxy.tls.ServerTls;
import dev.sieve.proxy.tls.UpstreamTrust;
import dev.sieve.proxy.upstream.UpstreamConnector;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent side of Sieve as the listener builds it ({@link FrontendInitializer#compose}), on an
 * {@link EmbeddedChannel}, with real services (config, policy, router, authenticator, DLP
 * inspector with two rules, body budget, leaf minting) and no network: DNS is a
 * config override, and an upstream connection cannot be made from an embedded event loop, so a
 * forwarded request is answered 502 at once. The allowlist has {@code fuzz.sieve.test} (plain
 * http on 80, intercepted on 443) and {@code pinned.sieve.test:8443} (passthrough); agent {@code fuzz-agent} has token
 * {@code fuzz-token-0123456789}, and agent {@code killed} is stopped by the kill switch.
 */
final class FrontendHarness implements AutoCloseable {
    static final String CONFIG = """
            proxy:
              listen: 127.0.0.1:0
              connectTimeout: 1s
              idleTimeout: 5s
              responseTimeout: 5s
              headerTimeout: 5s
              minBodyRateGrace: 5s
            admin:
              listen: 127.0.0.1:0
            upstream:
              resolve: { fuzz.sieve.test: 127.0.0.1, pinned.sieve.test: 127.0.0.1 }
            inspection:
              maxBodyBytes: 64KiB
              maxBodyBytesInFlight: 1MiB
            allow:
              - { host: fuzz.sieve.test, ports: [80, 443], plainHttp: true, privateAddresses: true }
              - { host: pinned.sieve.test, ports: [8443], mode: passthrough, privateAddresses: true }
            """;

    /** Two rules (one blocks, one redacts) on the Java engine: compiled in milliseconds, unlike the pack. */
    static final String RULES = """
            rules:
              - id: fuzz.block
                name: Fuzz block marker
                category: credential
                severity: high
                action: block
                patterns: ['\\bSIEVE-BLOCK-[0-9]{4}\\b']
                tests: { match: ['x SIEVE-BLOCK-1234 y'], no_match: ['SIEVE-BLOCK-12'] }
              - id: fuzz.redact
                name: Fuzz redact marker
                category: pii
                severity: medium
                action: redact
                patterns: ['\\bSIEVE-REDACT-[0-9]{4}\\b']
                tests: { match: ['SIEVE-REDACT-1234'], no_match: ['SIEVE-REDACT-'] }
            """;

    /** What became of one connection's input. */
    record Outcome(List<String> responses, boolean closed, List<String> leaks) {}

    private final SieveConfig config;
    private final RuleStore rules;
    private final ProxyServices services;
    private final TrackingAllocator alloc = new TrackingAllocator();

    FrontendHarness(Path dir) throws Exception {
        config = ConfigLoader.parse(CONFIG + "dataDir: " + dir + "\n", "fuzz.yaml");
        CertificateAuthority ca = TestTls.newCa(Files.createDirectories(dir.resolve("ca")));
        Path ruleDir = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(ruleDir.resolve("fuzz.yaml"), RULES);
        rules = RuleStore.open(new RulesSettings(Optional.of(ruleDir), false, List.of(), Map.of(), false, EngineKind.JAVA,
                Duration.ofSeconds(2)), set -> Optional.empty(), ViewLimits.defaults(), Clock.systemUTC());
        PolicyHolder policy = new PolicyHolder(config.allowlist());
        DestinationPolicies destinations = new DestinationPolicies(() -> config, policy, () -> rules.current().rules());
        var proxy = config.proxy();
        LeafCache leaves = new LeafCache(new LeafMinter(ca, Clock.systemUTC()), Runnable::run);
        services = new ProxyServices(
                new ProxyServices.Limits(proxy.maxInitialLineBytes(), proxy.maxHeaderBytes(), proxy.connectTimeout(),
                        proxy.idleTimeout(), proxy.responseTimeout(), proxy.headerTimeout(),
                        proxy.minBodyBytesPerSecond(), proxy.minBodyRateGrace(), config.inspection().budgetWait()),
                new Router(policy, new UpstreamResolver(config.upstream().resolve(), name -> {
                    throw new UnknownHostException(name); // only overridden names pass the allowlist
                }), Runnable::run),
                new AgentAuthenticator(false, Map.of("fuzz-agent", "fuzz-token-0123456789", "killed", "fuzz-token-0123456789")),
                new ServerTls(leaves, 16, Duration.ofHours(1)),
                new UpstreamConnector(UpstreamTrust.clientContext(UpstreamTrust.trustManagerFactory(List.of())), null, NioSocketChannel.class,
                        proxy.connectTimeout(), Duration.ofSeconds(60), 4),
                NioSocketChannel.class,
                new DlpInspector(rules, destinations::forHost, destinations::limits, false, (bytes, nanos) -> { }),
                DecisionRecorder.NOOP,
                new BodyBudget(config.inspection().maxBodyBytesInFlight(),
                        config.inspection().maxBodyBytesInFlightPerAgent()),
                destinations::maxBodyBytes,
                "killed"::equals,
                new ConnectionRegistry(),
                new SieveMetrics(),
                Runnable::run,
                new ConnectionLimiter(config.proxy().maxConnections(), config.proxy().maxConnectionsPerClient()),
                config.refusals().explainInTunnel(), config.inspection().websocket(),
                InspectionLanes.on(Runnable::run, 1, 1), config.inspection().workers().queueWait());
    }

    /**
     * Opens a connection, delivers {@code input} in pieces of varying size, lets every timer run
     * out (idle, response, linger), then has the agent hang up, and reports what came back.
     */
    Outcome run(byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel(false, false);
        ch.config().setAllocator(alloc).setAutoRead(false);
        FrontendInitializer.compose(ch, services);
        try {
            ch.register();
        } catch (Exception e) {
            throw new IllegalStateException("embedded channel did not register", e);
        }
        int[] pieces = {17, 1, 512, 3, 4096};
        for (int at = 0, i = 0; at < input.length && ch.isOpen(); i++) {
            int n = Math.min(pieces[i % pieces.length], input.length - at);
            ByteBuf buf = alloc.track(alloc.heapBuffer(n));
            buf.writeBytes(input, at, n);
            at += n;
            ch.writeInbound(buf);
            ch.runPendingTasks();
            discardAtTail(ch);
        }
        for (int s = 0; s < 4 && ch.isOpen(); s++) {
            ch.advanceTimeBy(longestTimer() + 1_000, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
            ch.runPendingTasks();
            discardAtTail(ch);
        }
        boolean closedByProxy = !ch.isOpen();
        ch.finish(); // the agent hangs up (a no-op when Sieve closed first)
        discardAtTail(ch);
        List<String> responses = new ArrayList<>();
        for (Object out; (out = ch.readOutbound()) != null; ) {
            if (out instanceof ByteBuf b) {
                String text = b.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.startsWith("HTTP/1.1 ")) {
                    responses.add(text.substring(0, Math.min(text.length(), 12)));
                }
            }
            ReferenceCountUtil.release(out);
        }
        List<String> leaks = alloc.unreleased();
        alloc.reset();
        return new Outcome(responses, closedByProxy, leaks);
    }

    /**
     * Releases what reached the end of the pipeline, as a real channel's tail does (an
     * {@code EmbeddedChannel} keeps it for {@code readInbound}): for instance the body of a CONNECT,
     * which the tunnel phase passes on unread.
     */
    private static void discardAtTail(EmbeddedChannel ch) {
        for (Object in; (in = ch.readInbound()) != null; ) {
            ReferenceCountUtil.release(in);
        }
    }

    /** The longest of the timers that end a stalled connection (idle, response, header, body rate, budget wait). */
    private long longestTimer() {
        ProxyServices.Limits l = services.limits();
        return java.util.stream.LongStream.of(l.idleTimeout().toMillis(), l.responseTimeout().toMillis(),
                l.headerTimeout().toMillis(), l.minBodyRateGrace().toMillis(), l.budgetWait().toMillis()).max().orElseThrow();
    }

    /** Body bytes reserved in the process-wide budget right now. */
    long reservedBodyBytes() {
        return services.budget().reserved();
    }

    @Override
    public void close() {
        services.upstream().close();
        rules.close();
    }
}
