package dev.sieve.proxy.testing;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.proxy.SieveServer;
import dev.sieve.proxy.config.ConfigLoader;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.inspect.RequestInspector;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * A running Sieve in front of local fake model endpoints, all on 127.0.0.1, with real TLS:
 * <ul>
 *   <li>{@code api.sieve.test} - the model endpoint (cert from the upstream test CA, trusted via extraCaFiles)</li>
 *   <li>{@code badname.sieve.test} - serves a certificate for another name</li>
 *   <li>{@code untrusted.sieve.test} - serves a certificate from a CA Sieve does not trust</li>
 *   <li>{@code down.sieve.test} - nothing listens there</li>
 *   <li>{@code private.sieve.test} - allowlisted but without {@code privateAddresses}</li>
 *   <li>{@code plain.sieve.test} - plain HTTP allowed</li>
 *   <li>{@code pinned.sieve.test} - passthrough mode</li>
 *   <li>{@code faulty.sieve.test} - misbehaves as told ({@link GarbageServer#act})</li>
 *   <li>{@code h2.sieve.test} - resolved to 127.0.0.1 only: a test starts its own {@link H2Upstream}s there and
 *       allows their ports ({@code extraAllow})</li>
 * </ul>
 */
public final class ProxyTestEnv implements AutoCloseable {
    public final Path dir;
    public final CertificateAuthority upstreamCa;
    public final FakeModelServer api;
    public final FakeModelServer badName;
    public final FakeModelServer untrusted;
    public final FakeModelServer plain;
    public final FakeModelServer pinned;
    /** Serves a certificate for {@code api.anthropic.com}, reached through an upstream.resolve override. */
    public final FakeModelServer anthropic;
    /** {@code garbage.sieve.test}: answers with bytes that are not HTTP. */
    public final GarbageServer garbage;
    /** {@code hangup.sieve.test}: reads a request and closes the connection without answering. */
    public final GarbageServer hangup;
    /** {@code faulty.sieve.test}: a {@link GarbageServer} whose fault a test chooses. */
    public final GarbageServer faulty;
    public final int downPort;
    private final java.net.Socket down;
    public final SieveServer sieve;
    /** The config file Sieve watches: rewrite it to change the allowlist at run time. */
    public final Path configFile;
    /** Every name Sieve looked up in DNS (names in {@code upstream.resolve} are answered without a lookup). */
    public final java.util.Queue<String> dnsLookups = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public ProxyTestEnv(Path dir, String extraYaml, RequestInspector inspector) throws Exception {
        this(dir, "", extraYaml, inspector);
    }

    /** Stands for the port of {@link #api} in a test's {@code extraYaml} (known only once the env made it). */
    public static final String API_PORT = "${api.port}";
    /** Stands for the port of {@link #anthropic} in a test's {@code extraYaml}. */
    public static final String ANTHROPIC_PORT = "${anthropic.port}";
    /** Stands for the port of {@link #plain} in a test's {@code extraYaml}. */
    public static final String PLAIN_PORT = "${plain.port}";

    /**
     * @param proxyYaml extra keys of the {@code proxy:} section, one per line without indentation (e.g.
     *                  {@code headerTimeout: 1s}), or empty
     * @param extraYaml further top-level sections, or {@code null}
     */
    public ProxyTestEnv(Path dir, String proxyYaml, String extraYaml, RequestInspector inspector) throws Exception {
        this(dir, proxyYaml, extraYaml, "", inspector);
    }

    /**
     * @param extraAllow further allow entries, one flow mapping per line without indentation (e.g.
     *                   <code>- { host: "*.x.sieve.test", ports: [443] }</code>), appended to the test allowlist
     */
    public ProxyTestEnv(Path dir, String proxyYaml, String extraYaml, String extraAllow, RequestInspector inspector)
            throws Exception {
        this.dir = dir;
        upstreamCa = TestTls.newCa(dir.resolve("upstream-ca"));
        CertificateAuthority rogueCa = TestTls.newCa(dir.resolve("rogue-ca"));
        api = FakeModelServer.https(TestTls.serverContext(upstreamCa, "api.sieve.test"));
        badName = FakeModelServer.https(TestTls.serverContext(upstreamCa, "someone-else.example"));
        untrusted = FakeModelServer.https(TestTls.serverContext(rogueCa, "untrusted.sieve.test"));
        plain = FakeModelServer.http();
        pinned = FakeModelServer.https(TestTls.serverContext(upstreamCa, "pinned.sieve.test"));
        anthropic = FakeModelServer.https(TestTls.serverContext(upstreamCa, "api.anthropic.com"));
        garbage = new GarbageServer(TestTls.serverContext(upstreamCa, "garbage.sieve.test"));
        hangup = GarbageServer.hangingUp(TestTls.serverContext(upstreamCa, "hangup.sieve.test"));
        faulty = new GarbageServer(TestTls.serverContext(upstreamCa, "faulty.sieve.test"));
        // Bound and never listening: a connection to it is refused, and no listener bound later (this environment's
        // own, another test's) can be given the port while it is held. A port freed after a probe could be.
        down = new java.net.Socket();
        down.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
        downPort = down.getLocalPort();
        String yaml = """
                admin:
                  listen: 127.0.0.1:0
                proxy:
                  listen: 127.0.0.1:0
                  %s
                dataDir: %s
                upstream:
                  extraCaFiles: [%s]
                  resolve:
                    api.sieve.test: 127.0.0.1
                    badname.sieve.test: 127.0.0.1
                    untrusted.sieve.test: 127.0.0.1
                    down.sieve.test: 127.0.0.1
                    private.sieve.test: 127.0.0.1
                    plain.sieve.test: 127.0.0.1
                    pinned.sieve.test: 127.0.0.1
                    api.anthropic.com: 127.0.0.1
                    garbage.sieve.test: 127.0.0.1
                    hangup.sieve.test: 127.0.0.1
                    faulty.sieve.test: 127.0.0.1
                    mcp.sieve.test: 127.0.0.1
                    ws.sieve.test: 127.0.0.1
                    wsz.sieve.test: 127.0.0.1
                    nows.sieve.test: 127.0.0.1
                    wsplain.sieve.test: 127.0.0.1
                    h2.sieve.test: 127.0.0.1
                allow:
                  - { host: api.sieve.test, ports: [%d], privateAddresses: true }
                  - { host: badname.sieve.test, ports: [%d], privateAddresses: true }
                  - { host: untrusted.sieve.test, ports: [%d], privateAddresses: true }
                  - { host: down.sieve.test, ports: [%d], privateAddresses: true }
                  - { host: private.sieve.test, ports: [%d] }
                  - { host: plain.sieve.test, ports: [%d], plainHttp: true, privateAddresses: true }
                  - { host: pinned.sieve.test, ports: [%d], mode: passthrough, privateAddresses: true }
                  - { host: api.anthropic.com, ports: [%d], privateAddresses: true }
                  - { host: garbage.sieve.test, ports: [%d], privateAddresses: true }
                  - { host: hangup.sieve.test, ports: [%d], privateAddresses: true }
                  - { host: faulty.sieve.test, ports: [%d], privateAddresses: true }
                  %s
                %s
                """.formatted(proxyKeys(proxyYaml), dir.resolve("data"),
                upstreamCa.certificateFile().orElseThrow(), api.port(),
                badName.port(), untrusted.port(), downPort, api.port(), plain.port(), pinned.port(),
                anthropic.port(), garbage.port(), hangup.port(), faulty.port(), extraAllow.strip().replace("\n", "\n  "),
                extraYaml == null ? "" : extraYaml.replace(API_PORT, String.valueOf(api.port()))
                        .replace(ANTHROPIC_PORT, String.valueOf(anthropic.port()))
                        .replace(PLAIN_PORT, String.valueOf(plain.port())));
        shareCompiledCache(dir.resolve("data"));
        configFile = java.nio.file.Files.writeString(dir.resolve("sieve.yaml"), yaml);
        SieveConfig config = ConfigLoader.load(java.util.Optional.of(configFile));
        sieve = SieveServer.start(config, java.util.Optional.of(configFile), inspector, name -> {
            dnsLookups.add(name);
            return dev.sieve.proxy.policy.HostLookup.system().lookup(name);
        });
    }

    /**
     * Points {@code <dataDir>/hyperscan-cache} (the default {@code rules.compiledCache.directory}) at one directory
     * shared by every test Sieve of this build, so the built-in pack is compiled once per build instead of at every
     * start: a real cache read, through a symbolic link the cache follows. A test that sets its own
     * {@code rules.compiledCache} is not affected.
     */
    private static void shareCompiledCache(Path dataDir) throws java.io.IOException {
        Path shared = java.nio.file.Files.createDirectories(SHARED_COMPILED_CACHE);
        java.nio.file.Files.createDirectories(dataDir);
        Path link = dataDir.resolve("hyperscan-cache");
        if (!java.nio.file.Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            java.nio.file.Files.createSymbolicLink(link, shared);
        }
    }

    private static final Path SHARED_COMPILED_CACHE = Path.of("target", "test-hyperscan-cache").toAbsolutePath();

    /** The proxy section's keys: the test's, then the test defaults it does not set. */
    private static String proxyKeys(String proxyYaml) {
        StringBuilder keys = new StringBuilder(proxyYaml.strip());
        for (String fallback : new String[] {"connectTimeout: 3s", "responseTimeout: 10s"}) {
            if (!proxyYaml.contains(fallback.substring(0, fallback.indexOf(':') + 1))) {
                keys.append('\n').append(fallback);
            }
        }
        return keys.toString().strip().replace("\n", "\n  ");
    }

    /** The admin listener (health, metrics, rules, kill switch). */
    public InetSocketAddress admin() {
        return sieve.enforcement().operations().admin().address();
    }

    public InetSocketAddress proxy() {
        return sieve.proxyAddress();
    }

    /** An HTTP client that goes through Sieve and trusts its CA, as an agent configured per the README does. */
    public java.net.http.HttpClient agentClient() throws Exception {
        return java.net.http.HttpClient.newBuilder().proxy(java.net.ProxySelector.of(proxy())).sslContext(agentTls())
                .connectTimeout(java.time.Duration.ofSeconds(5)).build();
    }

    /** The directory of Sieve's rotating audit files. */
    public Path auditDir() {
        return dir.resolve("data").resolve("audit");
    }

    /** Every audit line written so far, the files in name (so chain) order. */
    public String auditText() throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        if (java.nio.file.Files.isDirectory(auditDir())) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(auditDir())) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                    all.append(java.nio.file.Files.readString(f));
                }
            }
        }
        return all.toString();
    }

    /** The audit line that contains {@code text}, once the writer has written it (10 s at most). */
    public String awaitAuditLine(String text) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : auditText().split("\n")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit line with " + text + " within 10 s");
    }

    /** A client context that trusts Sieve's CA (what an agent configured per the README has). */
    public SSLContext agentTls() throws Exception {
        return TestTls.clientContext(sieve.ca().certificate());
    }

    public String apiUrl(String path) {
        return "https://api.sieve.test:" + api.port() + path;
    }

    @Override
    public void close() {
        sieve.close();
        api.close();
        badName.close();
        untrusted.close();
        plain.close();
        pinned.close();
        anthropic.close();
        try {
            garbage.close();
            hangup.close();
            faulty.close();
            down.close();
        } catch (java.io.IOException e) {
            // closing a test server
        }
    }
}
