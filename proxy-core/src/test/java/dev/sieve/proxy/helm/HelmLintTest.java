package dev.sieve.proxy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} and the values schema: good values pass, wrong types and unknown keys fail. */
class HelmLintTest {

    @TempDir
    Path scratch;

    static List<Path> ciValues() {
        return HelmChart.ciValues();
    }

    @Test
    void defaultsPassStrictLint() throws IOException {
        LintResult result = HelmChart.lint(scratch, Optional.empty());

        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciValues")
    void everyExampleValuesFilePassesStrictLint(Path values) throws IOException {
        LintResult result = HelmChart.lint(scratch, Optional.of(values));

        assertThat(result.isFailed()).as("%s: %s", values.getFileName(), result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void exampleFilesCoverEveryFeature() {
        assertThat(HelmChart.ciValues()).extracting(p -> p.getFileName().toString()).contains(
                "full-values.yaml", "cert-manager-values.yaml", "rules-configmap-values.yaml",
                "rules-existing-values.yaml", "autoscaling-values.yaml", "monitoring-values.yaml",
                "agent-networkpolicy-values.yaml", "tcp-probes-values.yaml", "auth-values.yaml",
                "nodelocal-dns-values.yaml");
    }

    @Test
    void lintFailsOnAWrongType() throws IOException {
        LintResult result = HelmChart.lint(scratch, Optional.of(values("replicaCount: \"two\"\n")));

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replicaCount");
    }

    @Test
    void schemaRejectsAStringReplicaCount() throws IOException {
        Path bad = values("replicaCount: \"two\"\n");

        assertThatThrownBy(() -> HelmChart.template(bad))
                .hasMessageContaining("schema")
                .hasMessageContaining("replicaCount");
    }

    @Test
    void schemaRejectsAnUnknownTopLevelKey() throws IOException {
        Path bad = values("replicas: 3\n");

        assertThatThrownBy(() -> HelmChart.template(bad))
                .hasMessageContaining("schema")
                .hasMessageContaining("replicas");
    }

    @Test
    void schemaRejectsAnUnknownSieveConfigKey() throws IOException {
        // Sieve's loader would reject it at start; the schema says so at install time.
        Path bad = values("config:\n  inspection:\n    maxBodyByte: 1MiB\n");

        assertThatThrownBy(() -> HelmChart.template(bad)).hasMessageContaining("maxBodyByte");
    }

    @Test
    void schemaRejectsInlineAgentTokens() throws IOException {
        // Tokens belong in a Secret (auth.existingSecret), never in values that land in a ConfigMap.
        Path bad = values("config:\n  auth:\n    tokens:\n      agent-1: abcdefghijklmnopqrstuvwxyz\n");

        assertThatThrownBy(() -> HelmChart.template(bad)).hasMessageContaining("tokens");
    }

    @Test
    void schemaRejectsABadSizeAndDuration() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  inspection:\n    maxBodyBytes: 10 megs\n")))
                .hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  proxy:\n    idleTimeout: 2 minutes\n")))
                .hasMessageContaining("idleTimeout");
    }

    @Test
    void schemaChecksTheRuleSelection() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  rules:\n    disable: [PII phone]\n")))
                .hasMessageContaining("/config/rules/disable/0");
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  rules:\n    overrides:\n      pii.us-ssn: { action: allow }\n")))
                .hasMessageContaining("/config/rules/overrides/pii.us-ssn/action");
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  rules:\n    overrides:\n      pii.us-ssn: { severity: urgent }\n")))
                .hasMessageContaining("/config/rules/overrides/pii.us-ssn/severity");
        // An override must change something, and only action and severity can be changed.
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  rules:\n    overrides:\n      pii.us-ssn: {}\n")))
                .hasMessageContaining("/config/rules/overrides/pii.us-ssn");
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  rules:\n    overrides:\n      pii.us-ssn: { enabled: false }\n")))
                .hasMessageContaining("enabled");
    }

    @Test
    void anAdminListenerOffLoopbackNeedsItsTokenSecretAtInstall() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values("admin:\n  token:\n    existingSecret: \"\"\n")))
                .hasMessageContaining("admin.token.existingSecret: \"\"")
                .hasMessageContaining("not loopback");
        // On loopback (a sidecar-less test install) no token is needed, so none is asked for.
        assertThat(HelmChart.template(values(
                "admin:\n  token:\n    existingSecret: \"\"\nconfig:\n  admin:\n    listenHost: 127.0.0.1\n"))
                .sieveConfig()).doesNotContain("tokenFile");
    }

    @Test
    void schemaChecksClassesSubdomainsAndCategoryNames() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  allow:\n    - { host: api.example.com, class: Model-Provider }\n")))
                .hasMessageContaining("/config/allow/0/class");
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  allow:\n    - { host: \"*.example.com\", subdomains: { maxLabelLength: 99 } }\n")))
                .hasMessageContaining("maxLabelLength");
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  subdomains:\n    maxEntropy: 9\n")))
                .hasMessageContaining("maxEntropy");
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  allow:\n    - { host: api.example.com, inspection: { categories: [Customer Data] } }\n")))
                .hasMessageContaining("/config/allow/0/inspection/categories/0");
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  rules:\n    overrides:\n      pii.us-ssn: { actions: { other: stop } }\n")))
                .hasMessageContaining("/config/rules/overrides/pii.us-ssn/actions/other");
    }

    @Test
    void schemaChecksTheNewLimitsAndTimeouts() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  inspection:\n    maxBodyBytesInFlightPerAgent: quarter\n")))
                .hasMessageContaining("maxBodyBytesInFlightPerAgent");
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  inspection:\n    limits:\n      maxJsonDepht: 10\n")))
                .hasMessageContaining("maxJsonDepht");
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  inspection:\n    limits:\n      maxBase64Depth: 17\n")))
                .hasMessageContaining("maxBase64Depth");
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  allow:\n    - host: api.openai.com\n      inspection:\n        limits: { maxPdfTime: 2 seconds }\n")))
                .hasMessageContaining("maxPdfTime");
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  proxy:\n    headerTimeout: 30\n")))
                .hasMessageContaining("headerTimeout");
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  proxy:\n    maxConnections: 0\n")))
                .hasMessageContaining("maxConnections");
    }

    @Test
    void perClientConnectionsAboveTheTotalFailWithAnActionableMessage() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values(
                "config:\n  proxy:\n    maxConnections: 100\n    maxConnectionsPerClient: 200\n")))
                .hasMessageContaining("config.proxy.maxConnectionsPerClient: 200 (expected: at most"
                        + " config.proxy.maxConnections, 100)");
    }

    @Test
    void builtinOffWithoutMountedRulesFailsWithAnActionableMessage() throws IOException {
        // Sieve would refuse to start without rules; the install says so first.
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  rules:\n    builtin: false\n")))
                .hasMessageContaining("config.rules.builtin: false (expected: true unless rules.source is configMap or"
                        + " existingConfigMap");
    }

    @Test
    void aFleetRedisWithoutItsPlaceForTheNetworkPolicyFailsWithAnActionableMessage() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values("state:\n  redis:\n    url: redis://valkey:6379\n")))
                .hasMessageContaining("state.redis.networkPolicy: {} (expected: namespaceSelector and/or podSelector"
                        + " of the Redis pods, or the cidr of a Redis outside the cluster");
    }

    @Test
    void aRedisUrlWithAPasswordIsRefusedWithoutShowingIt() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values(
                "state:\n  redis:\n    url: redis://user:secret-pass@valkey:6379\n    networkPolicy: { cidr: 10.0.0.5/32 }\n")))
                .hasMessageContaining("state.redis.url: (not shown) (expected: redis://host:port[/db]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-pass"));
    }

    @Test
    void requiredAuthWithoutATokenSecretFailsWithAnActionableMessage() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values("config:\n  auth:\n    required: true\n")))
                .hasMessageContaining("config.auth.required: true (expected: auth.existingSecret");
    }

    @Test
    void certManagerWithoutAnIssuerFailsWithAnActionableMessage() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values("ca:\n  certManager:\n    enabled: true\n")))
                .hasMessageContaining("ca.certManager.issuerRef.name");
    }

    @Test
    void noCaSourceFailsWithAnActionableMessage() throws IOException {
        assertThatThrownBy(() -> HelmChart.template(values("ca:\n  existingSecret: \"\"\n")))
                .hasMessageContaining("ca.existingSecret: \"\" (expected:");
    }

    @Test
    void noAuditKeySecretFailsWithTheFix() throws IOException {
        // Without it each pod would create its own key in its emptyDir, lost with the pod: chains unverifiable.
        assertThatThrownBy(() -> HelmChart.template(values("audit:\n  hmacKey:\n    existingSecret: \"\"\n")))
                .hasMessageContaining("audit.hmacKey.existingSecret: \"\" (expected: the name of a Secret with the"
                        + " audit HMAC key that every replica shares")
                .hasMessageContaining("kubectl -n egress create secret generic sieve-audit-key --from-file=hmac.key");
        // One replica is refused too: its key would die with the pod's emptyDir.
        assertThatThrownBy(() -> HelmChart.template(values(
                "replicaCount: 1\naudit:\n  hmacKey:\n    existingSecret: \"\"\n")))
                .hasMessageContaining("audit.hmacKey.existingSecret: \"\" (expected:");
    }

    @Test
    void schemaRejectsANodeLocalDnsAddressThatIsNoIpAddress() throws IOException {
        Path bad = values("networkPolicy:\n  dns:\n    nodeLocalDNS:\n      address: node-local-dns.kube-system\n");

        assertThatThrownBy(() -> HelmChart.template(bad))
                .hasMessageContaining("/networkPolicy/dns/nodeLocalDNS/address")
                .hasMessageContaining("'node-local-dns.kube-system' does not match pattern");
    }

    @Test
    void namedTemplatesAreDefinedInHelpersOnly() throws IOException {
        // Helm shares every define across files; keeping them in _helpers.tpl keeps them findable.
        Path templates = HelmChart.dir().resolve("templates");
        try (var files = Files.list(templates)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("_")).toList()) {
                assertThat(Files.readString(file)).as("%s", file.getFileName()).doesNotContainPattern("\\{\\{-?\\s*define ");
            }
        }
        assertThat(Files.readString(templates.resolve("_helpers.tpl")))
                .contains("define \"sieve.configFile\"", "define \"sieve.listenHost\"");
    }

    private Path values(String yaml) throws IOException {
        Path file = Files.createTempFile(scratch, "values", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
