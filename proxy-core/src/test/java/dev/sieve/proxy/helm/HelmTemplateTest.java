package dev.sieve.proxy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.helm.HelmChart.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm template} output, parsed: the hardened pod, probes, secrets, network policies and optional parts. */
class HelmTemplateTest {

    private static final Manifests DEFAULTS = HelmChart.template();
    private static final Manifests FULL = HelmChart.template(HelmChart.ci("full-values.yaml"));

    @TempDir
    Path scratch;

    static List<Path> ciValues() {
        return HelmChart.ciValues();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciValues")
    void everyExampleRendersAHardenedPod(Path values) {
        Manifests manifests = HelmChart.template(values);

        assertHardened(manifests.podSpec());
    }

    @Test
    void defaultPodIsHardened() {
        assertHardened(DEFAULTS.podSpec());
        JsonNode sa = DEFAULTS.get("ServiceAccount", HelmChart.RELEASE);
        assertThat(sa.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(DEFAULTS.podSpec().path("serviceAccountName").asText()).isEqualTo(HelmChart.RELEASE);
    }

    private static void assertHardened(JsonNode pod) {
        JsonNode podSc = pod.path("securityContext");
        assertThat(podSc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(podSc.path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(podSc.path("runAsGroup").asInt()).isEqualTo(10001);
        assertThat(podSc.path("fsGroup").asInt()).isEqualTo(10001);
        assertThat(podSc.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();

        JsonNode container = pod.path("containers").path(0);
        JsonNode sc = container.path("securityContext");
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.path("privileged").asBoolean(true)).isFalse();
        assertThat(texts(sc.path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(sc.path("capabilities").has("add")).isFalse();
        assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");

        // The read-only root needs a writable /tmp, backed by a bounded emptyDir.
        assertThat(mountPath(container, "tmp")).isEqualTo("/tmp");
        assertThat(volume(pod, "tmp").path("emptyDir").path("sizeLimit").asText()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciValues")
    void everyExampleMountsOneSharedAuditKeyThatThePodsRead(Path values) throws IOException {
        JsonNode hmacKey = HelmChart.values(values).path("audit").path("hmacKey");

        assertReadsSharedAuditKey(HelmChart.template(values), hmacKey.path("existingSecret").asText(),
                hmacKey.path("key").asText());
    }

    @Test
    void defaultPodsReadTheAuditKeyFromTheSecretSieveAuditKey() throws IOException {
        // A key per pod would live in the pod's emptyDir: no chain could be verified off the pod or after it.
        assertReadsSharedAuditKey(DEFAULTS, "sieve-audit-key", "hmac.key");
        assertReadsSharedAuditKey(HelmChart.template(values("replicaCount: 1\n")), "sieve-audit-key", "hmac.key");
    }

    /** Every replica (one pod template) mounts the same Secret, and Sieve's config names the mounted file. */
    private static void assertReadsSharedAuditKey(Manifests manifests, String secret, String key) throws IOException {
        JsonNode volume = volume(manifests.podSpec(), "audit-key").path("secret");
        assertThat(volume.path("secretName").asText()).isEqualTo(secret);
        assertThat(texts(volume.path("items"), "key")).containsExactly(key);
        assertThat(texts(volume.path("items"), "path")).containsExactly(key);
        JsonNode mount = mount(manifests.container(), "audit-key");
        assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/sieve/audit");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode audit = HelmChart.YAML.readTree(manifests.sieveConfig()).path("audit");
        assertThat(audit.path("hmacKeyFile").asText()).isEqualTo("/etc/sieve/audit/" + key);
    }

    @Test
    void probesUseTheAdminEndpoints() {
        JsonNode container = DEFAULTS.container();

        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("admin");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("admin");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(port(container, "admin")).isEqualTo(9090);
        assertThat(port(container, "proxy")).isEqualTo(3128);
    }

    @Test
    void tcpProbesReplaceTheAdminProbes() {
        JsonNode container = HelmChart.template(HelmChart.ci("tcp-probes-values.yaml")).container();

        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.path(probe).has("httpGet")).as(probe).isFalse();
            assertThat(container.path(probe).path("tcpSocket").path("port").asText()).as(probe).isEqualTo("proxy");
        }
    }

    @Test
    void shutdownLetsTheSlowestRequestFinish() {
        JsonNode pod = DEFAULTS.podSpec();
        JsonNode preStop = DEFAULTS.container().path("lifecycle").path("preStop").path("exec").path("command");

        assertThat(texts(preStop)).containsExactly("sleep", "10");
        // preStop sleep (10s) + proxy.responseTimeout (300s) fit in the grace period.
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(310);
    }

    @Test
    void containerRunsTheJarWithTheMountedConfig() {
        JsonNode container = DEFAULTS.container();

        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/sieve-dev/sieve:0.1.0");
        assertThat(texts(container.path("args"))).containsExactly("run", "--config", "/etc/sieve/config/sieve.yaml");
        assertThat(mountPath(container, "config")).isEqualTo("/etc/sieve/config");
        assertThat(volume(DEFAULTS.podSpec(), "config").path("configMap").path("name").asText()).isEqualTo("sieve-config");
        assertThat(env(container, "JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=60", "-Djava.io.tmpdir=/tmp",
                "-XX:+UseG1GC", "-Djna.tmpdir=/tmp/jna");
    }

    @Test
    void aCollectorInTheExtraOptionsReplacesG1(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("zgc.yaml");
        Files.writeString(values, "jvm:\n  extraOptions: \"-XX:+UseZGC -Xss1m\"\n");

        String options = env(HelmChart.template(values).container(), "JAVA_TOOL_OPTIONS");

        assertThat(options).contains("-XX:+UseZGC -Xss1m", "-Djna.tmpdir=/tmp/jna").doesNotContain("G1");
    }

    @Test
    void replicasSpreadOverNodesAndZones() {
        JsonNode spread = DEFAULTS.podSpec().path("topologySpreadConstraints");

        assertThat(StreamSupport.stream(spread.spliterator(), false).map(c -> c.path("topologyKey").asText()))
                .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(spread.path(0).path("labelSelector").path("matchLabels").path("app.kubernetes.io/instance").asText())
                .isEqualTo(HelmChart.RELEASE);
        assertThat(DEFAULTS.deployment().path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void configChecksumRollsPodsOnConfigChangesOnly() throws IOException {
        String base = checksum(DEFAULTS);
        String otherLimit = checksum(HelmChart.template(values("config:\n  inspection:\n    maxBodyBytes: 20MiB\n")));
        String killSwitchFlipped = checksum(HelmChart.template(values("killSwitch:\n  engaged: true\n")));

        assertThat(base).matches("[0-9a-f]{64}");
        assertThat(otherLimit).isNotEqualTo(base);
        // The kill switch and the rules are reloaded in place: flipping them must not restart the fleet.
        assertThat(killSwitchFlipped).isEqualTo(base);
    }

    @Test
    void proxyServiceExposesOnlyTheProxyPort() {
        JsonNode ports = DEFAULTS.get("Service", HelmChart.RELEASE).path("spec").path("ports");

        assertThat(ports).hasSize(1);
        assertThat(ports.path(0).path("port").asInt()).isEqualTo(3128);
        assertThat(ports.path(0).path("targetPort").asText()).isEqualTo("proxy");
        assertThat(DEFAULTS.find("Service", HelmChart.RELEASE + "-admin")).isEmpty();
    }

    @Test
    void adminServiceIsClusterIpWhenEnabled() {
        JsonNode admin = FULL.get("Service", HelmChart.RELEASE + "-admin");

        assertThat(admin.path("spec").path("type").asText()).isEqualTo("ClusterIP");
        assertThat(admin.path("spec").path("ports").path(0).path("targetPort").asText()).isEqualTo("admin");
        assertThat(admin.path("metadata").path("labels").path("app.kubernetes.io/component").asText()).isEqualTo("admin");
    }

    @Test
    void secretsAreReferencedNeverRendered() {
        JsonNode pod = FULL.podSpec();
        JsonNode container = FULL.container();

        assertThat(FULL.ofKind("Secret")).isEmpty();
        assertThat(DEFAULTS.ofKind("Secret")).isEmpty();
        assertThat(volume(pod, "ca").path("secret").path("secretName").asText()).isEqualTo("sieve-ca");
        assertThat(volume(pod, "audit-key").path("secret").path("secretName").asText()).isEqualTo("sieve-audit");
        assertThat(volume(pod, "admin-token").path("secret").path("secretName").asText()).isEqualTo("sieve-admin");
        assertThat(volume(pod, "auth").path("secret").path("secretName").asText()).isEqualTo("sieve-agent-tokens");
        assertThat(mountPath(container, "ca")).isEqualTo("/etc/sieve/ca");
        assertThat(mountPath(container, "audit-key")).isEqualTo("/etc/sieve/audit");
        assertThat(mountPath(container, "admin-token")).isEqualTo("/etc/sieve/admin");
        assertThat(mountPath(container, "auth")).isEqualTo("/etc/sieve/auth");
        for (String name : List.of("ca", "audit-key", "admin-token", "auth")) {
            assertThat(volume(pod, name).path("secret").path("defaultMode").asInt()).as(name).isEqualTo(0440);
        }
        // Without the optional agent tokens nothing is mounted for them.
        assertThat(volumeNames(DEFAULTS.podSpec())).doesNotContain("auth");
        // The admin token is always needed: the admin listener is off loopback.
        assertThat(volume(DEFAULTS.podSpec(), "admin-token").path("secret").path("secretName").asText())
                .isEqualTo("sieve-admin-token");
    }

    @Test
    void noConfigMapHoldsSecretMaterial() throws IOException {
        for (Manifests manifests : List.of(DEFAULTS, FULL, HelmChart.template(HelmChart.ci("auth-values.yaml")))) {
            for (JsonNode configMap : manifests.ofKind("ConfigMap")) {
                String data = configMap.path("data").toString();
                // File paths such as audit.hmacKeyFile: /etc/sieve/audit/hmac.key are fine; a key named hmac.key is not.
                assertThat(data).doesNotContain("PRIVATE KEY", "BEGIN CERTIFICATE", "tokens:", "\"hmac.key\":");
            }
            JsonNode config = HelmChart.YAML.readTree(manifests.sieveConfig());
            assertThat(config.path("auth").has("tokens")).isFalse();
            assertThat(manifests.container().path("env").toString()).doesNotContain("secretKeyRef");
        }
    }

    @Test
    void certManagerIssuesTheCaIntoTheMountedSecret() {
        Manifests manifests = HelmChart.template(HelmChart.ci("cert-manager-values.yaml"));
        JsonNode cert = manifests.get("Certificate", HelmChart.RELEASE + "-ca");

        assertThat(cert.path("apiVersion").asText()).isEqualTo("cert-manager.io/v1");
        assertThat(cert.path("spec").path("isCA").asBoolean()).isTrue();
        assertThat(cert.path("spec").path("secretName").asText()).isEqualTo("sieve-ca");
        assertThat(cert.path("spec").path("privateKey").path("algorithm").asText()).isEqualTo("ECDSA");
        assertThat(cert.path("spec").path("issuerRef").path("name").asText()).isEqualTo("corp-intermediate");
        assertThat(volume(manifests.podSpec(), "ca").path("secret").path("secretName").asText()).isEqualTo("sieve-ca");
        assertThat(DEFAULTS.ofKind("Certificate")).isEmpty();
    }

    @Test
    void networkPolicyAdmitsAgentsAndMonitoringAndLetsOutOnlyDnsAndHttps() {
        JsonNode spec = DEFAULTS.get("NetworkPolicy", HelmChart.RELEASE).path("spec");

        assertThat(spec.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText()).isEqualTo("sieve");
        assertThat(texts(spec.path("policyTypes"))).containsExactly("Ingress", "Egress");
        JsonNode ingress = spec.path("ingress");
        assertThat(ingress).hasSize(2);
        assertThat(ingress.path(0).path("from").path(0).path("namespaceSelector").path("matchLabels")
                .path("sieve.dev/egress-client").asText()).isEqualTo("true");
        assertThat(ingress.path(0).path("ports").path(0).path("port").asText()).isEqualTo("proxy");
        assertThat(ingress.path(1).path("from").path(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText()).isEqualTo("monitoring");
        assertThat(texts(ingress.path(1).path("ports"), "port")).containsExactly("admin");

        JsonNode egress = spec.path("egress");
        assertThat(egress).hasSize(2);
        assertThat(texts(egress.path(0).path("ports"), "port")).containsExactly("53", "53");
        assertThat(texts(egress.path(0).path("ports"), "protocol")).containsExactly("UDP", "TCP");
        assertThat(egress.path(0).path("to").path(0).path("podSelector").path("matchLabels").path("k8s-app").asText())
                .isEqualTo("kube-dns");
        assertThat(egress.path(0).path("to")).as("only the kube-dns pods by default").hasSize(1);
        JsonNode internet = egress.path(1);
        assertThat(texts(internet.path("ports"), "port")).containsExactly("443");
        JsonNode v4 = internet.path("to").path(0).path("ipBlock");
        assertThat(v4.path("cidr").asText()).isEqualTo("0.0.0.0/0");
        assertThat(texts(v4.path("except"))).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
        assertThat(texts(internet.path("to").path(1).path("ipBlock").path("except"))).contains("fc00::/7", "fe80::/10");
    }

    @Test
    void networkPolicyOpensEveryAllowlistedPortAndExtraEgress() {
        JsonNode egress = FULL.get("NetworkPolicy", HelmChart.RELEASE).path("spec").path("egress");

        assertThat(egress).hasSize(3);
        assertThat(texts(egress.path(1).path("ports"), "port")).containsExactly("443", "8443");
        assertThat(egress.path(2).path("to").path(0).path("ipBlock").path("cidr").asText()).isEqualTo("10.20.30.40/32");
    }

    @Test
    void networkPolicyLetsSieveReachTheFleetsRedisOnItsPortOnly() {
        Manifests fleet = HelmChart.template(HelmChart.ci("fleet-values.yaml"));
        JsonNode egress = fleet.get("NetworkPolicy", HelmChart.RELEASE).path("spec").path("egress");

        JsonNode redis = egress.path(egress.size() - 1);
        assertThat(texts(redis.path("ports"), "port")).containsExactly("6380");
        assertThat(redis.path("to").path(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText()).isEqualTo("valkey");
        assertThat(redis.path("to").path(0).path("podSelector").path("matchLabels")
                .path("app.kubernetes.io/name").asText()).isEqualTo("valkey");
        assertThat(volume(fleet.podSpec(), "redis-password").path("secret").path("secretName").asText())
                .isEqualTo("sieve-valkey");
        assertThat(volume(fleet.podSpec(), "redis-ca").path("secret").path("secretName").asText())
                .isEqualTo("sieve-valkey-ca");
        assertThat(mountPath(fleet.container(), "redis-password")).isEqualTo("/etc/sieve/redis");
        // Without state.redis no rule is added.
        assertThat(DEFAULTS.get("NetworkPolicy", HelmChart.RELEASE).path("spec").path("egress")).hasSize(2);
    }

    @Test
    void auditExportMountsItsSecretsAndTheNetworkPolicyLetsSieveReachTheSyslogTargetOnItsPortOnly() {
        Manifests export = HelmChart.template(HelmChart.ci("export-values.yaml"));
        JsonNode egress = export.get("NetworkPolicy", HelmChart.RELEASE).path("spec").path("egress");

        JsonNode syslog = egress.path(egress.size() - 1);
        assertThat(texts(syslog.path("ports"), "port")).containsExactly("6514");
        assertThat(syslog.path("to").path(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText()).isEqualTo("siem");
        assertThat(egress).as("no rule for the stdout sink").hasSize(3);
        assertThat(volume(export.podSpec(), "export-siem-ca").path("secret").path("secretName").asText())
                .isEqualTo("siem-ca");
        assertThat(volume(export.podSpec(), "export-siem-client").path("secret").path("secretName").asText())
                .isEqualTo("sieve-siem-client");
        assertThat(mountPath(export.container(), "export-siem-ca")).isEqualTo("/etc/sieve/export/siem/ca");
    }

    @Test
    void dnsEgressAdmitsNodeLocalDnsCacheAndExtraResolversWhenConfigured() {
        Manifests manifests = HelmChart.template(HelmChart.ci("nodelocal-dns-values.yaml"));
        JsonNode sieveDns = manifests.get("NetworkPolicy", HelmChart.RELEASE).path("spec").path("egress").path(0);
        JsonNode agentDns = manifests.get("NetworkPolicy", HelmChart.RELEASE + "-agent-egress").path("spec")
                .path("egress").path(1);

        for (JsonNode dns : List.of(sieveDns, agentDns)) {
            JsonNode to = dns.path("to");
            assertThat(to).hasSize(3);
            // The kube-dns pods stay admitted (the cache forwards misses to them, and they serve when it is down).
            assertThat(to.path(0).path("podSelector").path("matchLabels").path("k8s-app").asText()).isEqualTo("kube-dns");
            // NodeLocal DNSCache runs with hostNetwork on a link-local address: no pod selector matches it.
            assertThat(to.path(1).path("ipBlock").path("cidr").asText()).isEqualTo("169.254.20.10/32");
            assertThat(to.path(2).path("ipBlock").path("cidr").asText()).isEqualTo("10.96.0.10/32");
            assertThat(texts(dns.path("ports"), "port")).containsExactly("53", "53");
            assertThat(texts(dns.path("ports"), "protocol")).containsExactly("UDP", "TCP");
        }
        // Link-local stays closed for upstream traffic: the cache is reachable on port 53 only.
        JsonNode internet = manifests.get("NetworkPolicy", HelmChart.RELEASE).path("spec").path("egress").path(1);
        assertThat(texts(internet.path("to").path(0).path("ipBlock").path("except"))).contains("169.254.0.0/16");
    }

    @Test
    void nodeLocalDnsOnAnIpv6AddressIsASingleHostBlock() throws IOException {
        Manifests manifests = HelmChart.template(values(
                "networkPolicy:\n  dns:\n    nodeLocalDNS:\n      enabled: true\n      address: \"fd00::a\"\n"));
        JsonNode to = manifests.get("NetworkPolicy", HelmChart.RELEASE).path("spec").path("egress").path(0).path("to");

        assertThat(to.path(1).path("ipBlock").path("cidr").asText()).isEqualTo("fd00::a/128");
    }

    @Test
    void agentNamespacesMayReachOnlySieveAndDns() {
        List<JsonNode> policies = FULL.ofKind("NetworkPolicy").stream()
                .filter(p -> p.path("metadata").path("name").asText().endsWith("-agent-egress")).toList();

        assertThat(policies).extracting(p -> p.path("metadata").path("namespace").asText())
                .containsExactly("agents-prod", "agents-dev");
        JsonNode spec = policies.get(0).path("spec");
        assertThat(texts(spec.path("policyTypes"))).containsExactly("Egress");
        assertThat(spec.path("egress")).hasSize(2);
        JsonNode toSieve = spec.path("egress").path(0);
        assertThat(toSieve.path("to").path(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText()).isEqualTo(HelmChart.NAMESPACE);
        assertThat(toSieve.path("to").path(0).path("podSelector").path("matchLabels")
                .path("app.kubernetes.io/instance").asText()).isEqualTo(HelmChart.RELEASE);
        assertThat(texts(toSieve.path("ports"), "port")).containsExactly("3128");
        assertThat(texts(spec.path("egress").path(1).path("ports"), "port")).containsExactly("53", "53");
        assertThat(spec.path("egress").path(1).path("to")).hasSize(1);
        assertThat(DEFAULTS.ofKind("NetworkPolicy")).hasSize(1);
    }

    @Test
    void builtinRulesMountNothing() {
        assertThat(DEFAULTS.find("ConfigMap", HelmChart.RELEASE + "-rules")).isEmpty();
        assertThat(volumeNames(DEFAULTS.podSpec())).doesNotContain("rules");
    }

    @Test
    void chartRulesLandInAConfigMapMountedAsAWatchableDirectory() {
        Manifests manifests = HelmChart.template(HelmChart.ci("rules-configmap-values.yaml"));
        JsonNode rules = manifests.get("ConfigMap", HelmChart.RELEASE + "-rules");

        assertThat(rules.path("data").path("internal.yaml").asText()).contains("id: internal.project-codename");
        assertThat(volume(manifests.podSpec(), "rules").path("configMap").path("name").asText()).isEqualTo("sieve-rules");
        JsonNode mount = mount(manifests.container(), "rules");
        assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/sieve/rules");
        // A subPath mount would never see ConfigMap updates, and hot reload would read stale rules.
        assertThat(mount.has("subPath")).isFalse();
    }

    @Test
    void existingRulesConfigMapOfTheDlpTeamIsMounted() {
        Manifests manifests = HelmChart.template(HelmChart.ci("rules-existing-values.yaml"));

        assertThat(manifests.find("ConfigMap", HelmChart.RELEASE + "-rules")).isEmpty();
        assertThat(volume(manifests.podSpec(), "rules").path("configMap").path("name").asText()).isEqualTo("dlp-team-rules");
        assertThat(mount(manifests.container(), "rules").has("subPath")).isFalse();
    }

    @Test
    void killSwitchIsAConfigMapKeyEveryPodMounts() throws IOException {
        JsonNode chartOwned = DEFAULTS.get("ConfigMap", HelmChart.RELEASE + "-killswitch");
        Manifests engaged = HelmChart.template(values("killSwitch:\n  engaged: true\n"));

        assertThat(chartOwned.path("data").path("engaged").asText()).isEqualTo("false");
        assertThat(engaged.get("ConfigMap", HelmChart.RELEASE + "-killswitch").path("data").path("engaged").asText())
                .isEqualTo("true");
        assertThat(volume(DEFAULTS.podSpec(), "killswitch").path("configMap").path("name").asText())
                .isEqualTo("sieve-killswitch");
        assertThat(mountPath(DEFAULTS.container(), "killswitch")).isEqualTo("/etc/sieve/killswitch");
        assertThat(mount(DEFAULTS.container(), "killswitch").has("subPath")).isFalse();
        // An operations-owned ConfigMap replaces the chart's.
        assertThat(FULL.find("ConfigMap", HelmChart.RELEASE + "-killswitch")).isEmpty();
        assertThat(volume(FULL.podSpec(), "killswitch").path("configMap").path("name").asText())
                .isEqualTo("sieve-ops-killswitch");
    }

    @Test
    void autoscalerOwnsReplicasWhenEnabled() {
        Manifests manifests = HelmChart.template(HelmChart.ci("autoscaling-values.yaml"));
        JsonNode hpa = manifests.get("HorizontalPodAutoscaler", HelmChart.RELEASE).path("spec");

        assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo(HelmChart.RELEASE);
        assertThat(hpa.path("minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.path("maxReplicas").asInt()).isEqualTo(20);
        assertThat(hpa.path("metrics")).hasSize(2);
        assertThat(manifests.deployment().path("spec").has("replicas")).isFalse();
        assertThat(DEFAULTS.ofKind("HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void disruptionBudgetOnlyWhenMoreThanOneReplicaExists() throws IOException {
        JsonNode pdb = DEFAULTS.get("PodDisruptionBudget", HelmChart.RELEASE).path("spec");

        assertThat(pdb.path("minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.path("selector").path("matchLabels").path("app.kubernetes.io/name").asText()).isEqualTo("sieve");
        assertThat(HelmChart.template(values("replicaCount: 1\n")).ofKind("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void serviceMonitorNeedsTheOperatorsApi() {
        // helm template knows only built-in APIs: enabled, but without monitoring.coreos.com/v1, nothing renders.
        Manifests manifests = HelmChart.template(HelmChart.ci("monitoring-values.yaml"));

        assertThat(manifests.ofKind("ServiceMonitor")).isEmpty();
        assertThat(manifests.find("Service", HelmChart.RELEASE + "-admin")).isPresent();
    }

    @Test
    void grafanaDashboardShowsTheSecurityKpis() throws IOException {
        Manifests manifests = HelmChart.template(HelmChart.ci("monitoring-values.yaml"));
        JsonNode configMap = manifests.get("ConfigMap", HelmChart.RELEASE + "-dashboard");

        assertThat(configMap.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode dashboard = new ObjectMapper().readTree(configMap.path("data").path("sieve.json").asText());
        List<String> titles = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
        }
        assertThat(titles).contains("Decisions per second by outcome", "Detections by rule (top 10)",
                "Detections by category and action", "Blocks per 1,000 requests", "Added latency percentiles",
                "Scan throughput", "Upstream errors by type", "Kill switch");
        String all = String.join("\n", queries);
        assertThat(all).contains("sum by (decision) (rate(sieve_requests_total",
                "sum by (rule) (rate(sieve_detections_total", "sum by (category, action) (rate(sieve_detections_total",
                "decision=\"blocked\"", "histogram_quantile(0.99, sum by (le) (rate(sieve_request_duration_seconds_bucket",
                "rate(sieve_scan_bytes_total", "sum by (type) (rate(sieve_upstream_errors_total", "sieve_killswitch_active");
        assertThat(DEFAULTS.find("ConfigMap", HelmChart.RELEASE + "-dashboard")).isEmpty();
    }

    @Test
    void notesTellHowToPointAgentsAtTheServiceAndTrustTheCa() {
        String notes = HelmChart.notes();

        assertThat(notes).contains("HTTPS_PROXY=http://sieve.egress.svc.cluster.local:3128",
                "NO_PROXY=localhost,127.0.0.1,::1,.svc,.svc.cluster.local",
                "kubectl label namespace AGENT_NS sieve.dev/egress-client=true\n",
                "get secret sieve-ca -o jsonpath='{.data.tls\\.crt}'");
        assertThat(notes).doesNotContain("tls\\.key}");
    }

    @Test
    void notesNameTheSecretsThePodsWaitForAndWhatTheKillSwitchDoes() {
        String notes = HelmChart.notes();

        assertThat(notes).contains("The pods start once these Secrets exist in egress",
                "\n     sieve-ca: the CA\n", "\n     sieve-admin-token: the admin API token\n",
                "\n     sieve-audit-key: the audit HMAC key every replica chains with",
                "Engaged, every replica refuses new requests and closes open tunnels at once;", "No pod restarts.");
        // Enforcement has shipped: nothing in the notes may say it is still to come.
        assertThat(notes).doesNotContainIgnoringCase("once Sieve's enforcement features ship")
                .doesNotContainIgnoringCase("enforcement release");
    }

    private Path values(String yaml) throws IOException {
        Path file = Files.createTempFile(scratch, "values", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String checksum(Manifests manifests) {
        return manifests.deployment().path("spec").path("template").path("metadata").path("annotations")
                .path("checksum/config").asText();
    }

    static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name + " in " + volumeNames(pod));
    }

    static List<String> volumeNames(JsonNode pod) {
        return texts(pod.path("volumes"), "name");
    }

    static JsonNode mount(JsonNode container, String name) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (name.equals(m.path("name").asText())) {
                return m;
            }
        }
        throw new AssertionError("no volumeMount " + name + " in " + texts(container.path("volumeMounts"), "name"));
    }

    private static String mountPath(JsonNode container, String name) {
        return mount(container, name).path("mountPath").asText();
    }

    private static int port(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port " + name);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
