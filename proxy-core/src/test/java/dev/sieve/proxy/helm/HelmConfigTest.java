package dev.sieve.proxy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Composition;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleOverride;
import dev.sieve.dlp.Severity;
import dev.sieve.dlp.inspect.HistoryPolicy;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.EngineKind;
import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.audit.AuditSigning;
import dev.sieve.proxy.audit.OverflowPolicy;
import dev.sieve.proxy.config.ActiveRules;
import dev.sieve.proxy.config.ConfigException;
import dev.sieve.proxy.config.ConfigLoader;
import dev.sieve.proxy.config.ConversationSettings;
import dev.sieve.proxy.config.DestinationInspection;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.config.InspectionLimits;
import dev.sieve.proxy.config.InspectionSettings;
import dev.sieve.proxy.config.RedactionSettings;
import dev.sieve.proxy.config.RulesSettings;
import dev.sieve.proxy.config.LeafKeyType;
import dev.sieve.proxy.audit.webhook.WebhookSettings;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.credentials.CredentialEntry;
import dev.sieve.proxy.credentials.CredentialKind;
import dev.sieve.proxy.credentials.CredentialSettings;
import dev.sieve.proxy.credentials.SecretSource;
import dev.sieve.proxy.helm.HelmChart.Manifests;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart and the program agree on keys: the config the chart renders is loaded by Sieve's own
 * {@link ConfigLoader}. Files the config names must exist at load, so each test lays out a fake pod
 * file system under a temporary root from the Deployment's volumes and mounts (a path the config
 * names that no mount provides fails the test), and points the config at that root.
 */
class HelmConfigTest {

    private static final String POD_PREFIX = "/etc/sieve/";

    @TempDir
    Path root;

    static List<Path> ciValues() {
        return HelmChart.ciValues();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciValues")
    void everyExampleRendersAConfigSieveLoads(Path values) throws IOException {
        SieveConfig config = load(HelmChart.template(values));

        assertThat(config.proxy().listen().port()).isEqualTo(3128);
    }

    @Test
    void defaultsLoadWithTheBuiltInAllowlistAndPodAddresses() throws IOException {
        SieveConfig config = load(HelmChart.template());

        assertThat(config.proxy().listen().host()).isEqualTo("0.0.0.0");
        assertThat(config.proxy().listen().port()).isEqualTo(3128);
        assertThat(config.admin().listen().host()).isEqualTo("0.0.0.0");
        assertThat(config.admin().listen().port()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/sieve"));
        assertThat(config.ca().certFile()).contains(root.resolve("etc/sieve/ca/tls.crt"));
        assertThat(config.ca().keyFile()).contains(root.resolve("etc/sieve/ca/tls.key"));
        assertThat(config.auth().required()).isFalse();
        assertThat(config.auth().tokenFile()).isEmpty();
        assertThat(config.mode()).isEqualTo(EnforcementMode.ENFORCE);
        // The admin listener is off loopback, so the chart always names the token file.
        assertThat(config.admin().tokenFile()).contains(root.resolve("etc/sieve/admin/token"));
        assertThat(config.admin().requiresToken()).isTrue();
        assertThat(config.killSwitch().file()).contains(root.resolve("etc/sieve/killswitch/engaged"));
        assertThat(config.rules().dir()).as("built-in pack").isEmpty();
        // In a cluster the audit goes to stdout for the log shipper, chained with the key every replica shares
        // (from the Secret sieve-audit-key), never with a key each pod creates in its emptyDir.
        assertThat(config.audit().stdout()).isTrue();
        assertThat(config.audit().directory()).isEmpty();
        assertThat(config.audit().hmacKeyFile()).contains(root.resolve("etc/sieve/audit/hmac.key"));
        assertThat(config.refusals().explainInTunnel()).isTrue();
        // An empty config.allow leaves Sieve's built-in list of model endpoints in force.
        assertThat(hosts(config)).isEqualTo(hosts(ConfigLoader.defaults()));
        // Every other value equals Sieve's own default: the chart's defaults do not drift from the program's.
        SieveConfig builtin = ConfigLoader.defaults();
        // Whole sections are compared, so a key added to Sieve later and given another default in the chart fails here.
        assertThat(config.proxy()).usingRecursiveComparison().ignoringFields("listen").isEqualTo(builtin.proxy());
        assertThat(config.ca().leafKeyType()).isEqualTo(builtin.ca().leafKeyType());
        assertThat(config.ca().leafValidity()).isEqualTo(builtin.ca().leafValidity());
        assertThat(config.ca().cacheSize()).isEqualTo(builtin.ca().cacheSize());
        assertThat(config.upstream().pool()).isEqualTo(builtin.upstream().pool());
        assertThat(config.inspection()).isEqualTo(builtin.inspection());
        assertThat(config.rules()).usingRecursiveComparison().ignoringFields("compiledCache").isEqualTo(builtin.rules());
        // The compiled cache is on, in the dataDir emptyDir (writable under the read-only root filesystem).
        assertThat(config.rules().compiledCache()).contains(Path.of("/var/lib/sieve/hyperscan-cache"));
        assertThat(config.audit().maxFileBytes()).isEqualTo(builtin.audit().maxFileBytes());
        assertThat(config.audit().maxFileAge()).isEqualTo(builtin.audit().maxFileAge());
        assertThat(config.audit().queueCapacity()).isEqualTo(builtin.audit().queueCapacity());
        assertThat(config.audit().overflow()).isEqualTo(builtin.audit().overflow());
        // No signing key Secret by default: each pod signs with a key it creates; no anchor file.
        assertThat(config.audit().signing()).isEqualTo(builtin.audit().signing());
        // No redaction key Secret by default: each pod makes its own key (and warns); the rest as Sieve's defaults.
        assertThat(config.redaction()).isEqualTo(builtin.redaction());
        assertThat(config.conversations()).isEqualTo(builtin.conversations());
        assertThat(config.budgets()).isEqualTo(builtin.budgets());
        assertThat(config.state()).isEqualTo(builtin.state());
        assertThat(config.alerts()).isEqualTo(builtin.alerts());
    }

    @Test
    void fleetExampleSharesTheBudgetsThroughRedisWithThePasswordAndCaFromSecrets() throws IOException {
        SieveConfig config = load(HelmChart.template(HelmChart.ci("fleet-values.yaml")));

        assertThat(config.budgets()).isEqualTo(new dev.sieve.proxy.config.BudgetSettings(
                dev.sieve.proxy.config.BudgetLimits.parse("rpm=600,uploadPerHour=1GiB,uploadPerDay=10GiB,connections=32"),
                Map.of("ci-bot", dev.sieve.proxy.config.BudgetLimits.parse("rpm=60,uploadPerHour=100MiB")),
                java.util.List.of(new dev.sieve.proxy.config.BudgetSettings.DestinationBudget("*", "api.openai.com",
                        dev.sieve.proxy.config.BudgetLimits.parse("rpm=120"))), 50));
        dev.sieve.proxy.config.StateSettings.Redis redis = config.state().redis().orElseThrow();
        assertThat(redis.url()).hasToString("rediss://valkey.valkey.svc.cluster.local:6380/0");
        assertThat(redis.passwordFile()).contains(root.resolve("etc/sieve/redis/password"));
        assertThat(redis.caFile()).contains(root.resolve("etc/sieve/redis-ca/ca.crt"));
        assertThat(redis.timeout()).isEqualTo(java.time.Duration.ofMillis(300));
        assertThat(redis.leaseTtl()).isEqualTo(java.time.Duration.ofSeconds(20));
        // One redaction key for every pod: the conversation state is shared too.
        assertThat(config.redaction().keyFile()).contains(root.resolve("etc/sieve/redaction/redaction.key"));
    }

    @Test
    void exportExampleRendersTheSinksWithTheirMountedTlsFiles() throws IOException {
        SieveConfig config = load(HelmChart.template(HelmChart.ci("export-values.yaml")));

        assertThat(config.auditExport()).hasSize(2);
        dev.sieve.proxy.export.ExportSettings siem = config.auditExport().get(0);
        assertThat(siem.name()).isEqualTo("siem");
        assertThat(siem.format()).isEqualTo(dev.sieve.proxy.export.ExportFormat.OCSF);
        assertThat(siem.overflow()).isEqualTo(dev.sieve.proxy.export.ExportSettings.Overflow.FAIL_CLOSED);
        dev.sieve.proxy.export.ExportSettings.Syslog target = siem.syslog().orElseThrow();
        assertThat(target.host()).isEqualTo("syslog.siem.svc.cluster.local");
        assertThat(target.port()).isEqualTo(6514);
        assertThat(target.transport()).isEqualTo(dev.sieve.proxy.export.ExportSettings.Transport.TLS);
        assertThat(target.caFile()).contains(root.resolve("etc/sieve/export/siem/ca/ca.crt"));
        assertThat(target.certFile()).contains(root.resolve("etc/sieve/export/siem/client/tls.crt"));
        assertThat(target.keyFile()).contains(root.resolve("etc/sieve/export/siem/client/tls.key"));
        assertThat(config.auditExport().get(1).type()).isEqualTo(dev.sieve.proxy.export.ExportSettings.Type.STDOUT);
    }

    @Test
    void fullExampleCarriesTheValuesIntoSieve() throws IOException {
        SieveConfig config = load(HelmChart.template(HelmChart.ci("full-values.yaml")));
        // alerts: keys the values set, the others at the chart's (Sieve's) defaults.
        dev.sieve.proxy.behaviour.AlertSettings alerts = ConfigLoader.defaults().alerts();
        assertThat(config.alerts()).isEqualTo(new dev.sieve.proxy.behaviour.AlertSettings(true, alerts.maxAgents(),
                alerts.volume(), new dev.sieve.proxy.behaviour.AlertSettings.Probing(true,
                        java.time.Duration.ofMinutes(5), alerts.probing().refusedDestinations(), 4),
                new dev.sieve.proxy.behaviour.AlertSettings.NewDestinations(true, java.time.Duration.ofHours(1),
                        alerts.newDestinations().maxPerAgent())));

        assertThat(hosts(config)).containsExactly("api.anthropic.com", "api.openai.com", "*.openai.azure.com",
                "llm.internal.example.com", "telemetry.example.org", "mcp.internal.example.com");
        Map<String, AllowRule> byHost = config.allowlist().rules().stream()
                .collect(Collectors.toMap(AllowRule::host, r -> r));
        assertThat(byHost.get("*.openai.azure.com").ports()).isEqualTo(Set.of(443, 8443));
        assertThat(byHost.get("*.openai.azure.com").destinationClass()).isEqualTo("model-provider");
        // The entry's own subdomain keys over the chart's config.subdomains, key by key.
        assertThat(byHost.get("*.openai.azure.com").subdomains())
                .isEqualTo(new dev.sieve.proxy.policy.SubdomainLimits(true, 30, 20, 3.5));
        // A host of the built-in list keeps its class without one; any other host is "other".
        assertThat(byHost.get("api.openai.com").destinationClass()).isEqualTo("model-provider");
        assertThat(byHost.get("llm.internal.example.com").destinationClass()).isEqualTo("other");
        assertThat(byHost.get("api.openai.com").ports()).isEqualTo(Set.of(443));
        assertThat(byHost.get("llm.internal.example.com").privateAddresses()).isTrue();
        assertThat(byHost.get("telemetry.example.org").mode()).isEqualTo(Mode.PASSTHROUGH);
        assertThat(config.mcpFor(byHost.get("mcp.internal.example.com"))).contains(new dev.sieve.proxy.config.ToolPolicy(
                false, Set.of("search_docs", "create_ticket"), Set.of(), Map.of("search_docs", dev.sieve.dlp.Action.REDACT)));
        assertThat(config.mcpFor(byHost.get("api.openai.com"))).isEmpty();
        assertThat(config.upstream().resolve().get("llm.internal.example.com").getHostAddress()).isEqualTo("10.20.30.40");
        assertThat(config.upstream().extraCaFiles()).containsExactly(root.resolve("etc/sieve/upstream-ca/corp-root.pem"));
        assertThat(config.upstream().pool().maxIdlePerHost()).isEqualTo(16);
        assertThat(config.upstream().http2()).isFalse();
        assertThat(config.inspection().maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.proxy().responseTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.proxy().workerThreads()).isEqualTo(4);
        assertThat(config.ca().leafValidity()).isEqualTo(Duration.ofDays(2));
        assertThat(config.ca().leafKeyType()).isEqualTo(LeafKeyType.EC);
        assertThat(config.auth().required()).isTrue();
        assertThat(config.auth().tokenFile()).contains(root.resolve("etc/sieve/auth/tokens"));
        assertThat(config.auth().tokens()).containsOnlyKeys("agent-1");
        assertThat(config.mode()).isEqualTo(EnforcementMode.MONITOR);
        assertThat(config.proxy().headerTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.proxy().minBodyBytesPerSecond()).isEqualTo(4096);
        assertThat(config.proxy().minBodyRateGrace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.proxy().maxConnections()).isEqualTo(20_000);
        assertThat(config.proxy().maxConnectionsPerClient()).isEqualTo(4_000);
        assertThat(config.proxy().http2()).isFalse();
        assertThat(config.proxy().http2MaxConcurrentStreams()).isEqualTo(50);
        assertThat(config.inspection()).isEqualTo(new InspectionSettings(32L * 1024 * 1024, 512L * 1024 * 1024, false,
                96L * 1024 * 1024, Duration.ofSeconds(30), new InspectionLimits(new ViewLimits(128L * 1024 * 1024, 50,
                        32, 48L * 1024 * 1024, 20_000, 1, 500, 64L * 1024 * 1024, Duration.ofSeconds(5), 2_000, 3_000,
                        3, 500, Duration.ofSeconds(3)),
                        InspectionLimits.DEFAULTS.keys()),
                dev.sieve.proxy.config.WebSocketSettings.DEFAULTS,
                new dev.sieve.proxy.config.InspectionWorkers(3, 64, Duration.ofSeconds(10))));
        // A destination's own limits pass through too (1000000 also shows no number is rendered as 1e+06).
        DestinationInspection internal = config.inspectionFor(byHost.get("llm.internal.example.com"));
        assertThat(internal.limits()).hasValueSatisfying(l -> {
            assertThat(l.values().maxViews()).isEqualTo(1_000_000);
            assertThat(l.values().maxPdfPages()).isEqualTo(1_000);
            assertThat(l.values().maxDecodedBytes()).isEqualTo(128L * 1024 * 1024);
        });
        assertThat(config.rules()).isEqualTo(new RulesSettings(Optional.of(root.resolve("etc/sieve/rules")), true,
                List.of("pii.phone-bulk"), Map.of("credential.generic-secret-assignment",
                        new RuleOverride(Optional.of(Action.REDACT), Optional.of(Severity.MEDIUM)),
                        "source-code.company-copyright",
                        new RuleOverride(Optional.empty(), Optional.empty(), Map.of("other", Action.LOG))), false,
                EngineKind.JAVA, Duration.ofSeconds(5)));
        assertThat(config.killSwitch().file()).contains(root.resolve("etc/sieve/killswitch/engaged"));
        assertThat(config.admin().tokenFile()).contains(root.resolve("etc/sieve/admin/token"));
        assertThat(config.audit()).isEqualTo(new AuditSettings(Optional.of(Path.of("/var/lib/sieve/audit")), true,
                128L * 1024 * 1024, Duration.ofHours(12), 20_000, OverflowPolicy.DROP,
                Optional.of(root.resolve("etc/sieve/audit/hmac.key")),
                new AuditSigning(Optional.of(root.resolve("etc/sieve/audit-signing/signing.key")), Duration.ofSeconds(30),
                        Optional.of(Path.of("/var/lib/sieve-anchors/anchors.jsonl")))));
        assertThat(config.conversations()).isEqualTo(new ConversationSettings(true, 8L * 1024 * 1024,
                Duration.ofMinutes(30), new HistoryPolicy(Action.REDACT, Map.of(Category.CREDENTIAL, Action.BLOCK))));
        assertThat(config.redaction()).isEqualTo(new RedactionSettings(
                Optional.of(root.resolve("etc/sieve/redaction/placeholder.key")), true, 8L * 1024 * 1024,
                Duration.ofMinutes(30)));
        DestinationInspection anthropic = config.inspectionFor(byHost.get("api.anthropic.com"));
        assertThat(anthropic.categories()).contains(Set.of(Category.PII, Category.CREDENTIAL));
        assertThat(anthropic.excludeRules()).containsExactly("pii.email-bulk");
        assertThat(anthropic.action("pii.us-ssn", Category.PII)).contains(Action.REDACT);
        assertThat(anthropic.action("credential.aws-access-key-id", Category.CREDENTIAL)).contains(Action.BLOCK);
        assertThat(anthropic.maxBodyBytes()).hasValue(64L * 1024 * 1024);
        assertThat(anthropic.ownCredentials()).containsExactly("credential.anthropic-api-key");
        assertThat(config.destinations()).containsOnlyKeys("api.anthropic.com", "llm.internal.example.com");
    }

    @Test
    void chartRulesAddToThePackAndTheSelectionIsCheckedAgainstThem() throws Exception {
        SieveConfig config = load(HelmChart.template(HelmChart.ci("rules-configmap-values.yaml")));

        // The chart's rule file in the mounted folder, the built-in pack, and the selection compose without problems.
        Composition composition = ActiveRules.compose(config.rules());
        assertThat(composition.problems()).isEmpty();
        assertThat(config.rules().builtin()).isTrue();
        assertThat(config.rules().disable()).containsExactly("pii.phone-bulk");
        assertThat(composition.summary().disabled()).containsExactly("pii.phone-bulk");
        Map<String, Rule> active = composition.rules().stream().collect(Collectors.toMap(Rule::id, r -> r));
        assertThat(active).containsKey("credential.aws-access-key-id").doesNotContainKey("pii.phone-bulk");
        assertThat(active.get("internal.project-codename").action()).isEqualTo(Action.LOG);
        assertThat(active.get("pii.email-bulk").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void aRuleIdNoActiveRuleHasStopsSieveWithTheKey() throws IOException {
        Path values = root.resolve("typo.yaml");
        Files.writeString(values, "config:\n  rules:\n    disable: [pii.phone-bulky]\n");

        assertThatThrownBy(() -> load(HelmChart.template(values)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.disable")
                .hasMessageContaining("pii.phone-bulky");
    }

    @Test
    void anEditedPackReplacesTheBuiltInOneWhenBuiltinIsOff() throws Exception {
        Path values = root.resolve("edited-pack.yaml");
        Files.writeString(values, """
                rules:
                  source: configMap
                  files:
                    pack.yaml: |
                      rules:
                        - id: credential.aws-access-key-id
                          name: AWS access key id
                          category: credential
                          severity: critical
                          patterns: ['\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b']
                          action: block
                config:
                  rules:
                    builtin: false
                    allowEmpty: true
                """);

        SieveConfig config = load(HelmChart.template(values));

        assertThat(config.rules().builtin()).isFalse();
        assertThat(config.rules().allowEmpty()).isTrue();
        Composition composition = ActiveRules.compose(config.rules());
        assertThat(composition.problems()).isEmpty();
        assertThat(composition.rules()).extracting(Rule::id).containsExactly("credential.aws-access-key-id");
    }

    @Test
    void credentialsComeFromTheSecretMountedReadOnly() throws IOException {
        Manifests manifests = HelmChart.template(HelmChart.ci("credentials-values.yaml"));
        SieveConfig config = load(manifests);

        CredentialSettings credentials = config.credentials();
        assertThat(credentials.placeholder()).isEqualTo("sieve-placeholder");
        assertThat(credentials.refreshInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(credentials.entries()).extracting(CredentialEntry::destination, CredentialEntry::kind,
                CredentialEntry::agents, CredentialEntry::requireInjected).containsExactly(
                tuple("api.anthropic.com:443", CredentialKind.ANTHROPIC, Set.of(), true),
                tuple("api.openai.com:443", CredentialKind.OPENAI, Set.of("ci-bot"), false),
                tuple("generativelanguage.googleapis.com:443", CredentialKind.HEADER, Set.of(), true),
                tuple("api.anthropic.com:443", CredentialKind.ANTHROPIC, Set.of(), true));
        assertThat(credentials.entries()).extracting(CredentialEntry::tokenScopes).containsExactly(Set.of(), Set.of(),
                Set.of(), Set.of("team-payments"));
        assertThat(credentials.entries()).extracting(e -> ((SecretSource.File) e.source()).path()).containsExactly(
                root.resolve("etc/sieve/credentials/anthropic"), root.resolve("etc/sieve/credentials/openai-ci"),
                root.resolve("etc/sieve/credentials/gemini"), root.resolve("etc/sieve/credentials/anthropic-payments"));
        JsonNode mount = HelmTemplateTest.mount(manifests.container(), "credentials");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat(mount.has("subPath")).as("a directory mount, so that a rotated Secret reaches the pod").isFalse();
        JsonNode secret = HelmTemplateTest.volume(manifests.podSpec(), "credentials").path("secret");
        assertThat(secret.path("secretName").asText()).isEqualTo("sieve-credentials");
        assertThat(manifests.sieveConfig()).doesNotContain("synthetic");
    }

    @Test
    void webhookUrlsAndKeysComeFromTheSecretMountedReadOnly() throws IOException {
        Manifests manifests = HelmChart.template(HelmChart.ci("webhooks-values.yaml"));
        SieveConfig config = load(manifests);

        assertThat(config.webhooks()).extracting(WebhookSettings::name, w -> w.url().getHost(), WebhookSettings::format,
                WebhookSettings::secretFile).containsExactly(
                tuple("slack", "hooks.slack.com", WebhookSettings.Format.SLACK, Optional.empty()),
                tuple("soar", "soar.example.com", WebhookSettings.Format.JSON,
                        Optional.of(root.resolve("etc/sieve/webhooks/soar-hmac"))));
        assertThat(config.webhooks().get(1).maxAttempts()).isEqualTo(8);
        assertThat(config.webhooks().get(1).backoffMax()).isEqualTo(Duration.ofMinutes(2));
        JsonNode mount = HelmTemplateTest.mount(manifests.container(), "webhooks");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode secret = HelmTemplateTest.volume(manifests.podSpec(), "webhooks").path("secret");
        assertThat(secret.path("secretName").asText()).isEqualTo("sieve-webhooks");
        assertThat(secret.path("items").findValuesAsText("key")).containsExactly("slack-url", "soar-hmac");
        assertThat(manifests.sieveConfig()).as("the Slack URL stays in the Secret").doesNotContain("services/");
    }

    @Test
    void webhookKeysWithoutTheirSecretFailTheInstall() throws IOException {
        Path values = root.resolve("no-webhook-secret.yaml");
        Files.writeString(values, "config:\n  allow:\n    - { host: hooks.slack.com }\n  audit:\n    webhooks:\n"
                + "      - { name: slack, format: slack, urlSecretKey: slack-url }\n");

        assertThatThrownBy(() -> HelmChart.template(values)).hasMessageContaining("webhooks.existingSecret: \"\""
                + " (expected: the name of a Secret holding the keys config.audit.webhooks names");
        assertThat(load(HelmChart.template()).webhooks()).isEmpty();
    }

    @Test
    void credentialEntriesWithoutTheirSecretFailTheInstall() throws IOException {
        Path values = root.resolve("no-secret.yaml");
        Files.writeString(values, "config:\n  credentials:\n    entries:\n"
                + "      - { destination: api.anthropic.com, kind: anthropic, secretKey: anthropic }\n");

        assertThatThrownBy(() -> HelmChart.template(values)).hasMessageContaining("config.credentials.entries: set"
                + " (expected: credentials.existingSecret naming the Secret with the real credentials");
        assertThat(load(HelmChart.template()).credentials().entries()).isEmpty();
    }

    @Test
    void ipv6ListenHostIsBracketed() throws IOException {
        Path values = root.resolve("v6.yaml");
        Files.writeString(values, "config:\n  proxy:\n    listenHost: \"::\"\n  admin:\n    listenHost: \"::\"\n");

        SieveConfig config = load(HelmChart.template(values));

        assertThat(config.proxy().listen().host()).isEqualTo("::");
        assertThat(config.admin().listen().port()).isEqualTo(9090);
    }

    /** Lays out the pod's mounted files under {@link #root}, points the config there and loads it. */
    private SieveConfig load(Manifests manifests) throws IOException {
        JsonNode pod = manifests.podSpec();
        for (JsonNode mount : manifests.container().path("volumeMounts")) {
            JsonNode volume = HelmTemplateTest.volume(pod, mount.path("name").asText());
            JsonNode source = volume.has("secret") ? volume.path("secret") : volume.path("configMap");
            Path dir = root.resolve(mount.path("mountPath").asText().substring(1));
            Files.createDirectories(dir);
            for (JsonNode item : source.path("items")) {
                String path = item.path("path").asText();
                Files.writeString(dir.resolve(path), syntheticContent(path));
            }
            // A whole ConfigMap the chart renders itself (the rule files of rules.source configMap): its real content.
            if (!source.has("items") && source.has("name")) {
                Optional<JsonNode> rendered = manifests.find("ConfigMap", source.path("name").asText());
                if (rendered.isPresent()) {
                    for (Map.Entry<String, JsonNode> file : rendered.get().path("data").properties()) {
                        Files.writeString(dir.resolve(file.getKey()), file.getValue().asText());
                    }
                }
            }
        }
        String yaml = manifests.sieveConfig();
        assertThat(yaml).contains(POD_PREFIX);
        return ConfigLoader.parse(yaml.replace(POD_PREFIX, root + POD_PREFIX), "chart");
    }

    /**
     * Stand-in file content; the files parsed at load get valid synthetic content: the agent token file a line, a
     * webhook URL file ({@code *-url}) an https URL.
     */
    private static String syntheticContent(String fileName) {
        if (fileName.endsWith("-url")) {
            return "https://hooks.slack.com/services/T0/B0/synthetic-" + fileName + "\n";
        }
        if (fileName.equals("tokens")) {
            byte[] token = new byte[16];
            new SecureRandom().nextBytes(token);
            return "# synthetic\nagent-1:" + HexFormat.of().formatHex(token) + "\n";
        }
        return "synthetic " + fileName + "\n";
    }

    private static List<String> hosts(SieveConfig config) {
        return config.allowlist().rules().stream().map(AllowRule::host).toList();
    }
}
