package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.RsyslogServer;
import dev.sieve.proxy.testing.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No raw value in any export: a real Sieve with the default rules, three export sinks (syslog JSON and syslog OCSF
 * to a real rsyslogd, OCSF to standard output) and two alert webhooks (signed JSON and Slack, to a real HTTPS
 * receiver) handles synthetic secrets and PII in bodies, query strings and paths (blocked, redacted or logged by the
 * rules, and raising behaviour alerts); every sink's output is then searched for every corpus value.
 */
class ExportNoRawValuesEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void noCorpusValueReachesAnyExportSink() throws Exception {
        assumeTrue(RsyslogServer.installed(), "rsyslogd is not installed at " + RsyslogServer.EXECUTABLE
                + " (.ci/run installs it): skipping the export end-to-end test");
        Map<String, String> values = PathSecretsEndToEndTest.corpus();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        List<String> webhookBodies = new ArrayList<>();
        List<String> syslog;
        String audit;
        Path hookKey = java.nio.file.Files.writeString(dir.resolve("webhook.key"), "synthetic-webhook-key-0123456789\n");
        try (RsyslogServer rsyslog = RsyslogServer.tcp(dir.resolve("rsyslog"));
                WebhookReceiver hooks = new WebhookReceiver(dir.resolve("hook-ca"))) {
            String hook = "https://127.0.0.1:" + hooks.port();
            String yaml = """
                    audit:
                      export:
                        - { name: siem-json, type: syslog, address: "%1$s", format: json, appName: sieve-json }
                        - { name: siem-ocsf, type: syslog, address: "%1$s", format: ocsf, appName: sieve-ocsf }
                        - { name: console, type: stdout, format: ocsf }
                      webhooks:
                        - { name: soc, url: "%2$s/json", format: json, secretFile: %3$s, caFile: %4$s,
                            records: [alerts, blocks, admin] }
                        - { name: chat, url: "%2$s/slack", format: slack, caFile: %4$s, records: [alerts, blocks] }
                    """.formatted(rsyslog.address(), hook, hookKey, hooks.caFile());
            PrintStream original = System.out;
            ProxyTestEnv env;
            // The stdout sink takes System.out when Sieve starts.
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            try {
                env = new ProxyTestEnv(dir.resolve("env"), "", yaml,
                        "- { host: 127.0.0.1, ports: [" + hooks.port() + "], privateAddresses: true }", null);
            } finally {
                System.setOut(original);
            }
            try {
                HttpClient http = env.agentClient();
                int i = 0;
                for (Map.Entry<String, String> v : values.entrySet()) {
                    String value = v.getValue();
                    String body = JSON.writeValueAsString(Map.of("model", "m", "messages",
                            List.of(Map.of("role", "user", "content", "please keep this: " + value))));
                    send(http, HttpRequest.newBuilder(URI.create(env.apiUrl("/v1/messages?n=" + i)))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json"));
                    send(http, HttpRequest.newBuilder(URI.create(env.apiUrl("/v1/models?token="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8)))).GET());
                    send(http, HttpRequest.newBuilder(URI.create(env.apiUrl("/v1/files/"
                            + PathSecretsEndToEndTest.inPath(value) + "/content"))).GET());
                    i++;
                }
            } finally {
                env.close(); // seals the log; the export sinks send what they hold before it returns
            }
            audit = env.auditText();
            syslog = rsyslog.received();
            long refusals = audit.lines().filter(l -> l.contains("\"decision\":\"blocked\"")
                    || l.contains("\"decision\":\"denied\"")).count();
            long alerts = audit.lines().filter(l -> l.contains("\"decision\":\"alert\"")).count();
            assertThat(alerts).as("the repeated blocks raise behaviour alerts").isPositive();
            // Each refusal and alert goes to both webhooks (the json one also takes admin lines, there are none).
            List<WebhookReceiver.Request> deliveries = hooks.await((int) (2 * (refusals + alerts)));
            for (WebhookReceiver.Request d : deliveries) {
                webhookBodies.add(new String(d.body(), StandardCharsets.UTF_8));
            }
            assertThat(webhookBodies).anyMatch(b -> b.contains("\"blocks\"")).anyMatch(b -> b.contains("\"alert\""));
        }
        String console = stdout.toString(StandardCharsets.UTF_8);

        List<String> json = messages(syslog, "sieve-json");
        List<String> ocsf = messages(syslog, "sieve-ocsf");
        long auditLines = audit.lines().filter(l -> !l.isBlank()).count();
        assertThat(json).as("the JSON sink got every audit line").hasSize((int) auditLines);
        assertThat(String.join("\n", json) + "\n").isEqualTo(audit);
        List<JsonNode> events = new ArrayList<>();
        for (String m : ocsf) {
            events.add(JSON.readTree(m));
        }
        assertThat(events.stream().filter(e -> e.path("class_uid").asInt() == 4002).count())
                .isGreaterThanOrEqualTo(values.size() * 3L);
        long findings = events.stream().filter(e -> e.path("class_uid").asInt() == 2004).count();
        assertThat(findings).as("DLP findings exported").isGreaterThan(values.size() / 2);
        assertThat(console.lines().filter(l -> l.startsWith("{\"class_uid\":")).count())
                .as("the stdout sink got the same OCSF events").isEqualTo(events.stream()
                        .filter(e -> e.has("class_uid")).count());
        assertThat(audit).contains("\"decision\":\"blocked\"");

        String everything = String.join("\n", syslog) + "\n" + console + "\n" + String.join("\n", webhookBodies);
        for (Map.Entry<String, String> v : values.entrySet()) {
            for (String form : List.of(v.getValue(), PathSecretsEndToEndTest.inPath(v.getValue()),
                    URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8))) {
                assertThat(everything).as("exports: %s", v.getKey()).doesNotContain(form);
            }
        }
    }

    private static void send(HttpClient http, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isIn(200, 403, 404);
    }

    private static List<String> messages(List<String> syslog, String appName) {
        return syslog.stream().map(l -> l.split("\\|", 5)).filter(p -> p[1].equals(appName)).map(p -> p[4]).toList();
    }
}
