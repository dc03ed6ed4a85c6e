package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.RuleOverride;
import dev.sieve.dlp.Severity;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.audit.AuditSigning;
import dev.sieve.proxy.audit.OverflowPolicy;
import dev.sieve.proxy.audit.webhook.WebhookSettings;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Mode;
import dev.sieve.proxy.policy.SubdomainLimits;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The documented example config and the fixtures that set every key stay in step with the code. */
class ExampleConfigTest {

    private static final Path HOME = Path.of("/home/agent");
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of(), HOME, Path.of("/work"));

    @Test
    void exampleAtRepositoryRootEqualsTheDefaults() throws Exception {
        Path example = Path.of("..", "sieve.example.yaml").toAbsolutePath().normalize();

        SieveConfig fromExample = LOADER.parse(Files.readString(example), "sieve.example.yaml", example.getParent());

        assertThat(fromExample).isEqualTo(LOADER.parse("", "defaults", Path.of("/work")));
        assertThat(fromExample.allowlist().size()).isEqualTo(62);
    }

    @Test
    void defaultAllowlistNamesEveryRequiredEndpoint() {
        SieveConfig defaults = LOADER.parse("", "defaults", Path.of("/work"));

        for (String host : List.of("api.anthropic.com", "api.openai.com", "generativelanguage.googleapis.com",
                "my-resource.openai.azure.com", "bedrock-runtime.us-east-1.amazonaws.com",
                "bedrock-runtime.us-east-2.amazonaws.com", "bedrock-runtime.us-west-2.amazonaws.com",
                "bedrock-runtime.eu-central-1.amazonaws.com", "bedrock-runtime.eu-west-1.amazonaws.com",
                "bedrock-runtime.eu-west-3.amazonaws.com", "bedrock-runtime.ap-northeast-1.amazonaws.com",
                "bedrock-runtime.ap-southeast-2.amazonaws.com", "api.mistral.ai", "api.cohere.com", "api.cohere.ai",
                "api.groq.com", "api.together.xyz", "api.deepseek.com", "api.x.ai", "openrouter.ai",
                "aiplatform.googleapis.com", "us-central1-aiplatform.googleapis.com",
                "europe-west4-aiplatform.googleapis.com")) {
            assertThat(defaults.allowlist().match(host)).as(host).get()
                    .satisfies(rule -> {
                        assertThat(rule.ports()).containsExactly(443);
                        assertThat(rule.mode()).isEqualTo(Mode.INSPECT);
                        assertThat(rule.destinationClass()).isEqualTo(AllowRule.MODEL_PROVIDER);
                    });
        }
    }

    @Test
    void enforcementDefaultsResolveAgainstTheDataDirectory() {
        SieveConfig defaults = LOADER.parse("", "defaults", Path.of("/work"));
        Path dataDir = HOME.resolve(".sieve");

        assertThat(defaults.mode()).isEqualTo(EnforcementMode.ENFORCE);
        assertThat(defaults.admin().tokenFile()).isEmpty();
        assertThat(defaults.admin().requiresToken()).isFalse();
        assertThat(defaults.rules()).isEqualTo(new RulesSettings(Optional.empty(), true, List.of(), Map.of(), false,
                EngineKind.AUTO, Duration.ofSeconds(2), Optional.of(dataDir.resolve("hyperscan-cache"))));
        assertThat(defaults.killSwitch()).isEqualTo(new KillSwitchSettings(dataDir.resolve("killswitch.json"),
                Optional.empty()));
        assertThat(defaults.audit()).isEqualTo(new AuditSettings(Optional.of(dataDir.resolve("audit")), false,
                64L * 1024 * 1024, Duration.ofHours(24), 10_000, OverflowPolicy.BLOCK, Optional.empty()));
        assertThat(defaults.webhooks()).as("no webhook unless configured").isEmpty();
        assertThat(defaults.inspection()).isEqualTo(new InspectionSettings(32L * 1024 * 1024, 256L * 1024 * 1024, false,
                64L * 1024 * 1024, Duration.ofSeconds(15)));
        assertThat(defaults.inspection().limits().values()).as("the built-in limits are the engine's defaults")
                .isEqualTo(ViewLimits.defaults());
        assertThat(defaults.destinations()).isEmpty();
        assertThat(defaults.redaction()).isEqualTo(RedactionSettings.DEFAULTS);
        assertThat(defaults.refusals()).isEqualTo(new RefusalSettings(true));
        assertThat(defaults.budgets()).isEqualTo(BudgetSettings.NONE);
        assertThat(defaults.state()).isEqualTo(StateSettings.LOCAL);
    }

    @Test
    void stdoutOnlyAuditHasNoDirectory() {
        SieveConfig config = LOADER.parse("audit:\n  files: false\n  stdout: true\n", "stdout.yaml", Path.of("/work"));

        assertThat(config.audit().directory()).isEmpty();
        assertThat(config.audit().stdout()).isTrue();
    }

    @Test
    void tokenFileRequiresTheTokenOnLoopbackToo() {
        assertThat(new AdminSettings(new ListenAddress("127.0.0.1", 9090), Optional.empty()).requiresToken()).isFalse();
        assertThat(new AdminSettings(new ListenAddress("localhost", 9090), Optional.empty()).requiresToken()).isFalse();
        assertThat(new AdminSettings(new ListenAddress("::1", 9090), Optional.empty()).requiresToken()).isFalse();
        assertThat(new AdminSettings(new ListenAddress("127.0.0.1", 9090), Optional.of(Path.of("/t"))).requiresToken())
                .isTrue();
        assertThat(new AdminSettings(new ListenAddress("0.0.0.0", 9090), Optional.of(Path.of("/t"))).requiresToken())
                .isTrue();
        assertThat(new AdminSettings(new ListenAddress("admin.example", 9090), Optional.of(Path.of("/t")))
                .requiresToken()).isTrue();
    }

    @Test
    void fullFixtureSetsEveryKey() throws Exception {
        Path file = Path.of(getClass().getClassLoader().getResource("config/valid/full.yaml").toURI());
        Path dir = file.getParent();

        SieveConfig config = LOADER.parse(Files.readString(file), "full.yaml", dir);

        assertThat(config.proxy()).isEqualTo(new ProxySettings(new ListenAddress("0.0.0.0", 8080), 16384, 65536,
                Duration.ofMillis(1500), Duration.ofMinutes(2), Duration.ofHours(1), 4, Duration.ofSeconds(5), 4096,
                Duration.ofSeconds(10), 2000, 200, false, 64));
        assertThat(config.admin()).isEqualTo(new AdminSettings(new ListenAddress("::1", 9091),
                Optional.of(dir.resolve("files/admin-token"))));
        assertThat(config.admin().requiresToken()).isTrue();
        assertThat(config.mode()).isEqualTo(EnforcementMode.MONITOR);
        assertThat(config.rules()).isEqualTo(new RulesSettings(Optional.of(dir.resolve("team-rules")), false,
                List.of("acme.customer-number"), Map.of("acme.project-code-name",
                        new RuleOverride(Optional.of(Action.REDACT), Optional.of(Severity.CRITICAL))),
                true, EngineKind.JAVA, Duration.ofMillis(500), Optional.of(dir.resolve("state/hs-cache"))));
        assertThat(config.killSwitch()).isEqualTo(new KillSwitchSettings(dir.resolve("state/ks.json"),
                Optional.of(dir.resolve("files/killswitch"))));
        assertThat(config.audit()).isEqualTo(new AuditSettings(Optional.of(Path.of("/var/log/sieve")), true,
                1024 * 1024, Duration.ofHours(1), 100, OverflowPolicy.DROP, Optional.of(dir.resolve("files/audit.key")),
                new AuditSigning(Optional.of(dir.resolve("files/audit-signing.key")), Duration.ofSeconds(30),
                        Optional.of(Path.of("/tmp/sieve-anchors.jsonl")))));
        assertThat(config.webhooks()).containsExactly(new WebhookSettings("secops",
                java.net.URI.create("https://llm.internal.example/hooks/sieve"), WebhookSettings.Format.SLACK,
                Optional.of(dir.resolve("files/webhook.key")), Set.of(WebhookSettings.Kind.values()),
                Duration.ofSeconds(5), 3, Duration.ofMillis(500), Duration.ofSeconds(30), 50,
                WebhookSettings.Overflow.FAIL_CLOSED, Optional.of(dir.resolve("files/extra-ca.pem"))));
        assertThat(config.auditExport()).containsExactly(
                new dev.sieve.proxy.export.ExportSettings("siem", dev.sieve.proxy.export.ExportSettings.Type.SYSLOG,
                        dev.sieve.proxy.export.ExportFormat.OCSF, Optional.of(new dev.sieve.proxy.export.ExportSettings
                                .Syslog("siem.example.com", 6514, dev.sieve.proxy.export.ExportSettings.Transport.TLS,
                                Optional.of(dir.resolve("files/ca.pem")), Optional.of(dir.resolve("files/extra-ca.pem")),
                                Optional.of(dir.resolve("files/ca.key")), Optional.of("syslog.example.com"),
                                "sieve-proxy", 19)),
                        Set.of(dev.sieve.proxy.export.RecordKind.DECISIONS, dev.sieve.proxy.export.RecordKind.FINDINGS,
                                dev.sieve.proxy.export.RecordKind.ALERTS),
                        500, dev.sieve.proxy.export.ExportSettings.Overflow.FAIL_CLOSED),
                new dev.sieve.proxy.export.ExportSettings("stdout-1", dev.sieve.proxy.export.ExportSettings.Type.STDOUT,
                        dev.sieve.proxy.export.ExportFormat.JSON, Optional.empty(),
                        java.util.EnumSet.allOf(dev.sieve.proxy.export.RecordKind.class),
                        dev.sieve.proxy.export.ExportSettings.DEFAULT_QUEUE_CAPACITY,
                        dev.sieve.proxy.export.ExportSettings.Overflow.BLOCK));
        assertThat(config.redaction()).isEqualTo(new RedactionSettings(Optional.of(dir.resolve("files/audit.key")), true,
                1024 * 1024, Duration.ofMinutes(30)));
        assertThat(config.refusals()).isEqualTo(new RefusalSettings(false));
        assertThat(config.credentials().entries()).extracting(e -> e.tokenScopes())
                .containsExactly(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("team-a"), java.util.Set.of());
        assertThat(config.budgets()).isEqualTo(new BudgetSettings(
                BudgetLimits.parse("rpm=600,uploadPerHour=1GiB,uploadPerDay=10GiB,connections=32"),
                Map.of("ci-bot", BudgetLimits.parse("rpm=60,uploadPerHour=100MiB")),
                List.of(new BudgetSettings.DestinationBudget("*", "api.openai.com",
                                BudgetLimits.parse("rpm=120,uploadPerDay=2GiB")),
                        new BudgetSettings.DestinationBudget("ci-bot", "api.openai.com",
                                BudgetLimits.parse("connections=2"))), 50));
        assertThat(config.state()).isEqualTo(new StateSettings(Optional.of(new StateSettings.Redis(
                java.net.URI.create("rediss://sieve@valkey.sieve.svc:6380/2"),
                Optional.of(dir.resolve("files/redis-password")), Optional.of(dir.resolve("files/ca.pem")),
                Duration.ofSeconds(1), Duration.ofMinutes(1)))));
        assertThat(config.alerts()).isEqualTo(new dev.sieve.proxy.behaviour.AlertSettings(true, 500,
                new dev.sieve.proxy.behaviour.AlertSettings.Volume(false, 48, 5, 20L * 1024 * 1024, 2L * 1024 * 1024, 4),
                new dev.sieve.proxy.behaviour.AlertSettings.Probing(true, Duration.ofMinutes(5), 8, 4),
                new dev.sieve.proxy.behaviour.AlertSettings.NewDestinations(true, Duration.ofHours(1), 200)));
        assertThat(config.destinations()).containsOnlyKeys("api.anthropic.com");
        DestinationInspection anthropic = config.inspectionFor(config.allowlist().rules().get(0));
        ViewLimits global = new ViewLimits(96L * 1024 * 1024, 50, 128, 48L * 1024 * 1024, 500, 1, 50,
                8L * 1024 * 1024, Duration.ofMillis(1500), 20, 300, 3, 200, Duration.ofMillis(750));
        ViewLimits own = new ViewLimits(256L * 1024 * 1024, 50, 128, 48L * 1024 * 1024, 500, 1, 400,
                8L * 1024 * 1024, Duration.ofMillis(1500), 20, 5000, 6, 200, Duration.ofMillis(750));
        assertThat(anthropic.limits()).get().extracting(InspectionLimits::values).isEqualTo(own);
        assertThat(anthropic.limits().orElseThrow().describe(ViewLimits.Limit.MAX_DECODED_BYTES))
                .isEqualTo("allow[0].inspection.limits.maxDecodedBytes (256MiB)");
        assertThat(anthropic.limits().orElseThrow().describe(ViewLimits.Limit.MAX_PDF_PAGES))
                .isEqualTo("allow[0].inspection.limits.maxPdfPages (400)");
        assertThat(anthropic.limits().orElseThrow().describe(ViewLimits.Limit.MAX_ARCHIVE_ENTRIES))
                .isEqualTo("allow[0].inspection.limits.maxArchiveEntries (5000)");
        assertThat(config.inspection().limits().describe(ViewLimits.Limit.MAX_ARCHIVE_ENTRIES))
                .isEqualTo("inspection.limits.maxArchiveEntries (300)");
        assertThat(anthropic.limits().orElseThrow().describe(ViewLimits.Limit.MAX_PDF_TIME))
                .isEqualTo("inspection.limits.maxPdfTime (1500ms)");
        assertThat(anthropic.limits().orElseThrow().describe(ViewLimits.Limit.MAX_DECODE_DEPTH))
                .isEqualTo("allow[0].inspection.limits.maxDecodeDepth (6)");
        assertThat(anthropic.limits().orElseThrow().describe(ViewLimits.Limit.MAX_DECODE_TIME))
                .isEqualTo("inspection.limits.maxDecodeTime (750ms)");
        Category confidential = Category.of("confidential");
        assertThat(anthropic).isEqualTo(new DestinationInspection(Optional.of(Set.of(confidential)),
                Set.of("acme.customer-number"), Map.of("acme.customer-number", Action.BLOCK),
                Map.of(confidential, Action.REDACT), OptionalLong.of(100L * 1024 * 1024), Optional.of(false),
                Set.of("acme.customer-number"), anthropic.limits()));
        assertThat(anthropic.applies("acme.project-code-name", confidential)).isTrue();
        assertThat(anthropic.applies("acme.customer-number", confidential)).isFalse();
        assertThat(anthropic.applies("financial.card", Category.FINANCIAL)).isFalse();
        assertThat(anthropic.action("acme.project-code-name", confidential)).contains(Action.REDACT);
        assertThat(anthropic.action("acme.customer-number", confidential)).contains(Action.BLOCK);
        assertThat(anthropic.action("credential.github-token", Category.CREDENTIAL)).isEmpty();
        assertThat(anthropic.failOpen(config.inspection())).isFalse();
        assertThat(config.inspectionFor(config.allowlist().rules().get(1))).isEqualTo(DestinationInspection.DEFAULTS);
        assertThat(DestinationInspection.DEFAULTS.maxBodyBytes(config.inspection())).isEqualTo(50_000_000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/sieve"));
        assertThat(config.ca()).isEqualTo(new CaSettings(Optional.of(dir.resolve("files/ca.pem")),
                Optional.of(dir.resolve("files/ca.key")), LeafKeyType.RSA, Duration.ofDays(1), 500));
        assertThat(config.upstream()).isEqualTo(new UpstreamSettings(List.of(dir.resolve("files/extra-ca.pem")),
                Map.of("llm.internal.example", InetAddress.getByName("10.20.30.40")),
                new PoolSettings(0, Duration.ofSeconds(30)), false));
        assertThat(config.auth().required()).isTrue();
        assertThat(config.auth().tokens()).containsOnlyKeys("ci-runner");
        assertThat(config.auth().tokenFile()).contains(dir.resolve("files/tokens.txt"));
        assertThat(config.inspection().limits().values()).isEqualTo(global);
        assertThat(config.inspection().limits().describe(ViewLimits.Limit.MAX_DECOMPRESSION_RATIO))
                .isEqualTo("inspection.limits.maxDecompressionRatio (50)");
        assertThat(config.inspectionFor(config.allowlist().rules().get(1)).limits(config.inspection()))
                .isEqualTo(config.inspection().limits());
        assertThat(config.inspection()).isEqualTo(new InspectionSettings(50_000_000, 1024L * 1024 * 1024, true,
                256L * 1024 * 1024, Duration.ofSeconds(3), config.inspection().limits(),
                new WebSocketSettings(2L * 1024 * 1024, 100, 4L * 1024 * 1024), InspectionWorkers.DEFAULTS));
        SubdomainLimits subdomains = new SubdomainLimits(true, 32, 20, 3.9);
        assertThat(config.allowlist().rules()).containsExactly(
                new AllowRule("api.anthropic.com", Set.of(443), Mode.INSPECT, false, false, AllowRule.MODEL_PROVIDER,
                        subdomains),
                new AllowRule("*.openai.azure.com", Set.of(443, 8443), Mode.INSPECT, false, false,
                        AllowRule.MODEL_PROVIDER, new SubdomainLimits(true, 50, 20, 3.9)),
                new AllowRule("llm.internal.example", Set.of(80, 443), Mode.INSPECT, true, true, "internal-llm",
                        subdomains, true),
                new AllowRule("pinned.example.org", Set.of(443), Mode.PASSTHROUGH, false, false, AllowRule.OTHER,
                        subdomains),
                new AllowRule("10.1.2.3", Set.of(443), Mode.INSPECT, true, false, AllowRule.OTHER, subdomains),
                new AllowRule("2606:4700::1111", Set.of(443), Mode.INSPECT, false, false, AllowRule.OTHER, subdomains));
    }
}
