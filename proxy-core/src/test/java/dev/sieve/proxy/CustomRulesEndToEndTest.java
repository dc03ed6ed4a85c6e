package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.Synthetic;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DLP team's own rule folder through a running Sieve (issue 10, rules): the folder adds to the built-in pack, a
 * folder that empties or disappears is a refused reload (the last good set keeps protecting), and reloading
 * when nothing changed is not an error; the config's rules.disable and rules.overrides apply on a config reload and
 * are announced; a category of the team's own works in a destination's policy, metrics and audit; and the CLI
 * sees the same active rule set as the running proxy. Secrets are synthetic, made in code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomRulesEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path rules;
    static ProxyTestEnv env;
    static HttpClient http;
    static HttpClient admin;

    /** Two rules of the team's own, one in a category of its own. */
    static final String TEAM_RULES = """
            rules:
              - id: acme.project-zebra
                category: confidential
                severity: high
                patterns: ['\\bPROJECT-ZEBRA\\b']
              - id: acme.ticket
                category: pii
                severity: low
                action: log
                patterns: ['\\bACME-[0-9]{6}\\b']
            """;

    @BeforeAll
    static void start() throws Exception {
        rules = Files.createDirectories(dir.resolve("team-rules"));
        Files.writeString(rules.resolve("team.yaml"), TEAM_RULES);
        env = new ProxyTestEnv(dir, "rules: { dir: " + rules + ", reloadInterval: 100ms }\n", null);
        http = HttpClient.newBuilder().proxy(ProxySelector.of(env.proxy())).sslContext(env.agentTls())
                .connectTimeout(Duration.ofSeconds(5)).build();
        admin = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(env.apiUrl("/echo"))).timeout(Duration.ofSeconds(30))
                .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> adminCall(String method, String path) throws Exception {
        return admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.admin().getPort() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Long enough for a reload that compiles the whole pack on a busy machine. */
    static final Duration RECOMPILE = Duration.ofSeconds(90);

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + timeout).isTrue();
    }

    @Test
    @Order(1)
    void aCustomFolderAddsToTheBuiltInPack() throws Exception {
        String key = Synthetic.awsAccessKeyId(7);
        String card = Synthetic.visa(7);
        HttpResponse<String> builtIn = post("key " + key + " card " + card);
        HttpResponse<String> team = post("status of PROJECT-ZEBRA");

        // The built-in rules for both redact: the fake upstream echoes what it received.
        assertThat(builtIn.statusCode()).isEqualTo(200);
        assertThat(builtIn.body()).doesNotContain(key).doesNotContain(card)
                .containsPattern("\\[REDACTED:credential\\.aws-access-key-id:[0-9a-f]{8}]");
        assertThat(team.statusCode()).isEqualTo(403);
        assertThat(team.body()).contains("acme.project-zebra");
        JsonNode status = JSON.readTree(adminCall("GET", "/admin/rules").body());
        assertThat(status.path("ids").toString()).contains("acme.project-zebra", "credential.aws-access-key-id");
        assertThat(status.path("builtin").asBoolean()).isTrue();
        assertThat(status.path("folderRules").asInt()).isEqualTo(2);
        assertThat(status.path("categories").toString()).contains("\"confidential\"", "\"credential\"");
        assertThat(adminCall("GET", "/metrics").body())
                .contains("sieve_detections_total{action=\"block\",category=\"confidential\",rule=\"acme.project-zebra\"} 1.0")
                .contains("sieve_rules_builtin 1.0").contains("sieve_rules_disabled 0.0");
        String requestId = team.headers().firstValue("x-sieve-request-id").orElseThrow();
        await(() -> audit().contains(requestId), Duration.ofSeconds(10));
        assertThat(audit()).contains("\"ruleId\":\"acme.project-zebra\",\"category\":\"confidential\"");
    }

    @Test
    @Order(2)
    void reloadWithNothingChangedAnswers200Unchanged() throws Exception {
        HttpResponse<String> r = adminCall("POST", "/admin/rules/reload");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("result").asText()).isEqualTo("unchanged");
    }

    @Test
    @Order(3)
    void anEmptiedFolderIsARefusedReloadAndTheLastGoodSetKeepsBlocking() throws Exception {
        String version = JSON.readTree(adminCall("GET", "/admin/rules").body()).path("version").asText();
        Files.delete(rules.resolve("team.yaml"));
        try {
            await(() -> env.sieve.enforcement().rules().lastError().isPresent(), Duration.ofSeconds(10));

            JsonNode status = JSON.readTree(adminCall("GET", "/admin/rules").body());
            assertThat(status.path("version").asText()).isEqualTo(version);
            assertThat(status.path("lastReloadError").asText()).contains("no rule files").contains("allowEmpty");
            assertThat(post("status of PROJECT-ZEBRA").statusCode()).isEqualTo(403);
            HttpResponse<String> manual = adminCall("POST", "/admin/rules/reload");
            assertThat(manual.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(manual.body()).path("error").path("message").asText()).contains("no rule files");
            assertThat(adminCall("GET", "/metrics").body())
                    .contains("sieve_rule_reloads_total{reason=\"empty\",result=\"failure\"}");
        } finally {
            Files.writeString(rules.resolve("team.yaml"), TEAM_RULES);
        }
        await(() -> env.sieve.enforcement().rules().lastError().isEmpty(), Duration.ofSeconds(10));
    }

    @Test
    @Order(4)
    void aFolderThatDisappearsIsARefusedReload() throws Exception {
        Path moved = dir.resolve("team-rules-moved");
        Files.move(rules, moved);
        try {
            await(() -> env.sieve.enforcement().rules().lastError().isPresent(), Duration.ofSeconds(10));

            assertThat(env.sieve.enforcement().rules().lastError().get()).contains("cannot read rule folder");
            assertThat(post("status of PROJECT-ZEBRA").statusCode()).isEqualTo(403);
            assertThat(adminCall("GET", "/readyz").statusCode()).isEqualTo(200);
        } finally {
            Files.move(moved, rules);
        }
        await(() -> env.sieve.enforcement().rules().lastError().isEmpty(), Duration.ofSeconds(10));
    }

    @Test
    @Order(5)
    void disableAndOverridesApplyOnConfigReloadAndAreAnnounced() throws Exception {
        String yaml = Files.readString(env.configFile);
        String rulesLine = "rules: { dir: " + rules + ", reloadInterval: 100ms }";
        assertThat(yaml).contains(rulesLine);
        String key = Synthetic.awsAccessKeyId(11);
        Files.writeString(env.configFile, yaml.replace(rulesLine, "rules: { dir: " + rules + ", reloadInterval: 100ms,"
                + " disable: [credential.aws-access-key-id], overrides: { acme.ticket: { action: block },"
                + " acme.project-zebra: { action: log, actions: { model-provider: log } } } }"));
        try {
            await(() -> env.sieve.enforcement().rules().current().rules().rule("credential.aws-access-key-id")
                    .isEmpty(), RECOMPILE);

            JsonNode status = JSON.readTree(adminCall("GET", "/admin/rules").body());
            assertThat(status.path("disabled").toString()).isEqualTo("[\"credential.aws-access-key-id\"]");
            assertThat(status.path("overrides").path("acme.project-zebra").path("action").asText()).isEqualTo("log");
            assertThat(status.path("overrides").path("acme.project-zebra").path("lowersAction").asBoolean()).isTrue();
            assertThat(status.path("overrides").path("acme.project-zebra").path("actions").toString())
                    .isEqualTo("{\"model-provider\":\"log\"}");
            assertThat(status.path("overrides").path("acme.ticket").has("actions")).isFalse();
            assertThat(status.path("overrides").path("acme.ticket").path("lowersAction").asBoolean()).isFalse();
            assertThat(adminCall("GET", "/metrics").body()).contains("sieve_rules_disabled 1.0")
                    .contains("sieve_rules_action_lowered 1.0");
            assertThat(dev.sieve.proxy.testing.CapturingAppender.all())
                    .contains("rules: 1 rule(s) switched off by rules.disable: credential.aws-access-key-id")
                    .contains("rules: rules.overrides lower the action of 1 rule(s): acme.project-zebra (to log)");
            assertThat(post("ticket ACME-123456").statusCode()).isEqualTo(403);
            assertThat(post("status of PROJECT-ZEBRA").statusCode()).isEqualTo(200);
            assertThat(post("key " + key).body()).contains(key);
        } finally {
            Files.writeString(env.configFile, yaml);
        }
        await(() -> env.sieve.enforcement().rules().current().rules().rule("credential.aws-access-key-id")
                .isPresent(), RECOMPILE);
        assertThat(post("key " + key).body()).doesNotContain(key);
    }

    @Test
    @Order(6)
    void aDestinationCanSelectTheTeamsOwnCategory() throws Exception {
        String yaml = Files.readString(env.configFile);
        String entry = "  - { host: api.sieve.test, ports: [" + env.api.port() + "], privateAddresses: true }";
        assertThat(yaml).contains(entry);
        String key = Synthetic.awsAccessKeyId(12);
        Files.writeString(env.configFile, yaml.replace(entry, "  - host: api.sieve.test\n    ports: ["
                + env.api.port() + "]\n    privateAddresses: true\n    inspection: { categories: [confidential] }"));
        try {
            await(() -> {
                try {
                    return post("key " + key).body().contains(key);
                } catch (Exception e) {
                    return false;
                }
            }, RECOMPILE);
            assertThat(post("status of PROJECT-ZEBRA").statusCode()).isEqualTo(403);
        } finally {
            Files.writeString(env.configFile, yaml);
        }
        await(() -> {
            try {
                return !post("key " + key).body().contains(key);
            } catch (Exception e) {
                return false;
            }
        }, RECOMPILE);
    }

    @Test
    @Order(7)
    void theCliSeesTheSameActiveRulesAsTheProxy() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = dev.sieve.proxy.cli.SieveCli.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));

        int exit = cli.execute("rules", "test", "--engine", "java", "--config", env.configFile.toString());

        assertThat(exit).as(out.toString()).isZero();
        java.util.List<String> cliIds = out.toString().lines().filter(l -> l.startsWith("PASS "))
                .map(l -> l.split(" ")[1]).sorted().toList();
        java.util.List<String> proxyIds = new java.util.ArrayList<>();
        JSON.readTree(adminCall("GET", "/admin/rules").body()).path("ids").forEach(n -> proxyIds.add(n.asText()));
        assertThat(cliIds).isEqualTo(proxyIds.stream().sorted().toList()).contains("acme.project-zebra");
    }

    static String audit() {
        Path auditDir = dir.resolve("data").resolve("audit");
        StringBuilder all = new StringBuilder();
        try (java.util.stream.Stream<Path> files = Files.list(auditDir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                all.append(Files.readString(f));
            }
        } catch (java.io.IOException e) {
            return "";
        }
        return all.toString();
    }
}
