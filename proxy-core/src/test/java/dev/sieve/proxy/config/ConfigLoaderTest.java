package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Mode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Path HOME = Path.of("/home/agent");
    private static final Path CWD = Path.of("/work/dir");

    private static ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, HOME, CWD);
    }

    private static SieveConfig parse(String yaml) {
        return loader(Map.of()).parse(yaml, "sieve.yaml", CWD);
    }

    @Test
    void agentSharePercentageIsRaisedToTheLargestBodyLimit() {
        SieveConfig config = parse("""
                inspection:
                  maxBodyBytesInFlight: 200MiB
                  maxBodyBytesInFlightPerAgent: 25%
                allow:
                  - { host: api.anthropic.com, inspection: { maxBodyBytes: 100MiB, limits: { maxDecodedBytes: 128MiB } } }
                """);

        assertThat(config.inspection().maxBodyBytesInFlightPerAgent()).isEqualTo(100L * 1024 * 1024);
        assertThat(parse("inspection:\n  maxBodyBytesInFlightPerAgent: 50%\n").inspection()
                .maxBodyBytesInFlightPerAgent()).isEqualTo(128L * 1024 * 1024);
    }

    @Test
    void defaults() {
        SieveConfig config = parse("");

        assertThat(config.proxy()).isEqualTo(new ProxySettings(new ListenAddress("127.0.0.1", 3128), 8192, 32768,
                Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(300), 0, Duration.ofSeconds(30),
                1024, Duration.ofSeconds(30), 8192, 1024, true, 100));
        assertThat(config.admin().listen()).isEqualTo(new ListenAddress("127.0.0.1", 9090));
        assertThat(config.dataDir()).isEqualTo(HOME.resolve(".sieve"));
        assertThat(config.ca()).isEqualTo(new CaSettings(Optional.empty(), Optional.empty(), LeafKeyType.EC,
                Duration.ofDays(7), 10_000));
        assertThat(config.upstream()).isEqualTo(new UpstreamSettings(List.of(), Map.of(),
                new PoolSettings(128, Duration.ofSeconds(60)), true));
        assertThat(config.auth()).isEqualTo(new AuthSettings(false, Map.of(), Optional.empty(),
                TokenSettings.defaults(HOME.resolve(".sieve"))));
        assertThat(config.inspection().maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
    }

    @Test
    void defaultAllowlistHasMajorModelEndpoints() {
        SieveConfig config = parse("");

        assertThat(config.allowlist().match("api.anthropic.com"))
                .contains(new AllowRule("api.anthropic.com", Set.of(443), Mode.INSPECT, false, false,
                        AllowRule.MODEL_PROVIDER, dev.sieve.proxy.policy.SubdomainLimits.DEFAULTS));
        assertThat(config.allowlist().match("api.openai.com")).isPresent();
        assertThat(config.allowlist().match("myres.openai.azure.com")).isPresent();
        assertThat(config.allowlist().match("bedrock-runtime.eu-central-1.amazonaws.com")).isPresent();
        assertThat(config.allowlist().match("us-central1-aiplatform.googleapis.com")).isPresent();
        assertThat(config.allowlist().match("storage.googleapis.com")).isEmpty();
        assertThat(config.allowlist().match("s3.amazonaws.com")).isEmpty();
        assertThat(config.allowlist().rules()).allSatisfy(rule -> {
            assertThat(rule.ports()).containsExactly(443);
            assertThat(rule.mode()).isEqualTo(Mode.INSPECT);
            assertThat(rule.privateAddresses()).isFalse();
            assertThat(rule.plainHttp()).isFalse();
        });
        assertThat(ConfigLoader.defaults()).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void userFileOverridesKeyByKeyAndReplacesAllowlist() {
        SieveConfig config = parse("""
                proxy:
                  listen: "[::1]:8080"
                  maxHeaderBytes: 64KiB
                ca:
                allow:
                  - host: "*.example.com"
                    ports: [443, 8443]
                    mode: passthrough
                  - host: LLM.Internal.
                    privateAddresses: true
                    plainHttp: true
                    ports: [80]
                """);

        assertThat(config.proxy().listen()).isEqualTo(new ListenAddress("::1", 8080));
        assertThat(config.proxy().listen().toString()).isEqualTo("[::1]:8080");
        assertThat(config.proxy().maxHeaderBytes()).isEqualTo(65536);
        assertThat(config.proxy().maxInitialLineBytes()).isEqualTo(8192);
        assertThat(config.ca().cacheSize()).isEqualTo(10_000);
        assertThat(config.allowlist().rules()).containsExactly(
                new AllowRule("*.example.com", Set.of(443, 8443), Mode.PASSTHROUGH, false, false),
                new AllowRule("llm.internal", Set.of(80), Mode.INSPECT, true, true));
        assertThat(config.allowlist().match("api.anthropic.com")).isEmpty();
    }

    @Test
    void emptyAllowListDeniesEverything() {
        assertThat(parse("allow: []").allowlist().size()).isZero();
    }

    @Test
    void dataDirFromEnvironmentUnlessFileSetsIt() {
        Map<String, String> env = Map.of("SIEVE_DATA_DIR", "state");

        assertThat(loader(env).parse("", "sieve.yaml", Path.of("/etc/sieve")).dataDir()).isEqualTo(CWD.resolve("state"));
        assertThat(loader(env).parse("dataDir: ~/x", "sieve.yaml", Path.of("/etc/sieve")).dataDir())
                .isEqualTo(HOME.resolve("x"));
        assertThat(loader(env).parse("dataDir: data", "sieve.yaml", Path.of("/etc/sieve")).dataDir())
                .isEqualTo(Path.of("/etc/sieve/data"));
    }

    @Test
    void tildeAndTheDefaultDataDirFollowHomeFromTheEnvironment(@TempDir Path tmp) throws Exception {
        // Java's user.home comes from the password database, not $HOME: a shell (or a container) that sets
        // HOME elsewhere expects ~ to be there, like every other tool it runs.
        Path shellHome = Path.of("/home/shell-user");
        Path tokens = Files.writeString(tmp.resolve("tokens"), "agent-1:0123456789abcdef0123456789\n");
        ConfigLoader loader = new ConfigLoader(Map.of("HOME", shellHome.toString()), HOME, CWD);

        assertThat(loader.parse("", "sieve.yaml", CWD).dataDir()).isEqualTo(shellHome.resolve(".sieve"));
        assertThat(loader.parse("dataDir: ~/state", "sieve.yaml", CWD).dataDir()).isEqualTo(shellHome.resolve("state"));
        assertThat(loader.parse("dataDir: \"~\"", "sieve.yaml", CWD).dataDir()).isEqualTo(shellHome);
        assertThat(new ConfigLoader(Map.of("HOME", tmp.toString()), HOME, CWD)
                .parse("auth: { tokenFile: ~/tokens }", "sieve.yaml", CWD).auth().tokenFile()).contains(tokens);
        // Without HOME (or with an unusable one) the JVM's idea of home applies.
        assertThat(new ConfigLoader(Map.of(), HOME, CWD).parse("", "sieve.yaml", CWD).dataDir())
                .isEqualTo(HOME.resolve(".sieve"));
        assertThat(new ConfigLoader(Map.of("HOME", ""), HOME, CWD).parse("", "sieve.yaml", CWD).dataDir())
                .isEqualTo(HOME.resolve(".sieve"));
        assertThat(new ConfigLoader(Map.of("HOME", "relative/home"), HOME, CWD).parse("", "sieve.yaml", CWD).dataDir())
                .isEqualTo(HOME.resolve(".sieve"));
    }

    @Test
    void resolveOverridesCarryHostName() throws Exception {
        SieveConfig config = parse("""
                upstream:
                  resolve:
                    API.example.com: 10.0.0.5
                    v6.example.com: "[fd00::1]"
                """);

        InetAddress address = config.upstream().resolve().get("api.example.com");
        assertThat(address).isEqualTo(InetAddress.getByName("10.0.0.5"));
        assertThat(address.getHostName()).isEqualTo("api.example.com");
        assertThat(config.upstream().resolve().get("v6.example.com")).isEqualTo(InetAddress.getByName("fd00::1"));
    }

    @Test
    void filesAreResolvedAgainstTheConfigFileAndMustExist(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("extra.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(dir.resolve("ca.pem"), "x");
        Files.writeString(dir.resolve("ca.key"), "x");
        String token = "t0k3n-" + "a".repeat(20);
        Files.writeString(dir.resolve("tokens"), "# agents\nci:" + token + "\n");
        Path file = dir.resolve("sieve.yaml");
        Files.writeString(file, """
                ca: { certFile: ca.pem, keyFile: ca.key }
                upstream: { extraCaFiles: [extra.pem] }
                auth: { required: true, tokenFile: tokens }
                """);

        SieveConfig config = loader(Map.of()).loadFrom(Optional.of(file));

        assertThat(config.ca().certFile()).contains(dir.resolve("ca.pem"));
        assertThat(config.ca().keyFile()).contains(dir.resolve("ca.key"));
        assertThat(config.upstream().extraCaFiles()).containsExactly(dir.resolve("extra.pem"));
        assertThat(config.auth().tokens()).containsExactly(Map.entry("ci", token));
        assertThat(config.auth().tokenFile()).contains(dir.resolve("tokens"));
        assertThat(config.toString()).doesNotContain(token).contains("agents=[ci]");
    }

    @Test
    void configFileFromEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("from-env.yaml");
        Files.writeString(file, "proxy: { workerThreads: 4 }\n");

        SieveConfig config = loader(Map.of("SIEVE_CONFIG", file.toString())).loadFrom(Optional.empty());

        assertThat(config.proxy().workerThreads()).isEqualTo(4);
    }

    @Test
    void missingFileIsAConfigError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> loader(Map.of()).loadFrom(Optional.of(missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot read config file (NoSuchFileException)");
    }

    @Test
    void exceptionCarriesSourceAndLine() {
        assertThatThrownBy(() -> parse("proxy:\n  workerThreads: -1\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.sourceName()).isEqualTo("sieve.yaml");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e).hasMessage("sieve.yaml:2: proxy.workerThreads: -1 (expected: 0-1024)");
                });
    }

    @Test
    void inlineTokensAreValidatedWithoutShowingThem() {
        String shortToken = "abc" + "123";
        assertThatThrownBy(() -> parse("auth:\n  tokens:\n    ci: " + shortToken + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sieve.yaml:3: auth.tokens: token: <not shown> (expected: at least 16 characters, no whitespace)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortToken));
    }
}
