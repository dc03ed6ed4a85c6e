package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.rules.DefaultRulePack;
import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.audit.AuditVerification;
import dev.sieve.proxy.audit.AuditVerifier;
import dev.sieve.proxy.testing.AnthropicClients;
import dev.sieve.proxy.testing.CapturingAppender;
import dev.sieve.proxy.testing.FakeModelServer;
import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.Synthetic;
import java.io.ByteArrayOutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DLP enforcement through a running Sieve with the default rule pack: real clients, real TLS,
 * a local fake model endpoint that counts what it receives. Secrets are synthetic, made in code.
 */
class EnforcementEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SSN = "536-22-8174";

    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, null, null);
        http = HttpClient.newBuilder().proxy(ProxySelector.of(env.proxy())).sslContext(env.agentTls())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder().uri(URI.create(env.apiUrl(path)))
                .timeout(Duration.ofSeconds(30)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String message(String text) {
        return "{\"model\":\"claude-test\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.valueToTree(text) + "}]}";
    }

    static void assertBlocked(HttpResponse<String> r, String ruleId) throws Exception {
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("proxy-status")).get().asString().startsWith("sieve; error=http_request_denied");
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("reason").asText()).isEqualTo("inspection_blocked");
        assertThat(error.get("rules").toString()).contains(ruleId);
        assertThat(error.get("request_id").asText()).startsWith("req_");
    }

    @Test
    void ssnInJsonIsBlockedAndNothingReachesUpstream() throws Exception {
        int before = env.api.received().size();
        HttpResponse<String> r = post("/v1/messages", "application/json",
                message("Please file the form for Dana Roe, SSN " + SSN).getBytes(StandardCharsets.UTF_8));
        assertBlocked(r, "pii.us-ssn");
        assertThat(r.body()).doesNotContain(SSN).doesNotContain("8174");
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void cardNumberUnderARedactRuleIsRewrittenAndTheRestIsUnchanged() throws Exception {
        String card = Synthetic.visa(7);
        String body = message("Charge card " + card + " for the March invoice, thanks!");
        HttpResponse<String> r = post("/v1/messages", "application/json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(FakeModelServer.MESSAGE_JSON);
        FakeModelServer.Received got = env.api.last();
        assertThat(got.bodyText()).doesNotContain(card);
        assertThat(got.header("Content-Length")).isEqualTo(String.valueOf(got.body().length));
        ObjectNode sent = (ObjectNode) JSON.readTree(body);
        ObjectNode received = (ObjectNode) JSON.readTree(got.body());
        String text = received.at("/messages/0/content").asText();
        assertThat(text).startsWith("Charge card ").endsWith(" for the March invoice, thanks!")
                .contains(card.substring(12));
        ((ObjectNode) sent.at("/messages/0")).put("content", text);
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void awsKeyInsideABase64DocumentBlockIsBlocked() throws Exception {
        String doc = "deploy notes\ncredentials: " + Synthetic.awsAccessKeyId(3) + ", " + Synthetic.awsSecret(3) + "\n";
        String body = "{\"model\":\"claude-test\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"text/plain\",\"data\":\""
                + Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8)) + "\"}},"
                + "{\"type\":\"text\",\"text\":\"summarize this\"}]}]}";
        int before = env.api.received().size();
        assertBlocked(post("/v1/messages", "application/json", body.getBytes(StandardCharsets.UTF_8)),
                "credential.aws-key-pair");
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void gzipEncodedJsonIsDecodedAndBlocked() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(message("ssn: " + SSN).getBytes(StandardCharsets.UTF_8));
        }
        int before = env.api.received().size();
        assertBlocked(post("/v1/messages", "application/json", gz.toByteArray(), "content-encoding", "gzip"),
                "pii.us-ssn");
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void multipartUploadIsBlocked() throws Exception {
        String boundary = "sieve-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hr.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nemployee ssn " + SSN + "\r\n--" + boundary + "--\r\n";
        int before = env.api.received().size();
        assertBlocked(post("/v1/files", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8)), "pii.us-ssn");
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void docxWithAnAwsKeyUploadedAsMultipartIsBlocked() throws Exception {
        String id = Synthetic.awsAccessKeyId(5);
        String secret = Synthetic.awsSecret(5);
        // Word splits text into runs; the key pair is cut in the middle of the secret, as after an edit.
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas."
                + "openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Deploy notes</w:t></w:r></w:p>"
                + "<w:p><w:r><w:t xml:space=\"preserve\">credentials: " + id + ", " + secret.substring(0, 10)
                + "</w:t></w:r><w:r><w:t>" + secret.substring(10) + "</w:t></w:r></w:p></w:body></w:document>";
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(docx)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
            zip.write(document.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(new String(docx.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain(id);
        String boundary = "sieve-docx-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.docx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(docx.toByteArray());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        int before = env.api.received().size();
        HttpResponse<String> r = post("/v1/files", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertBlocked(r, "credential.aws-key-pair");
        assertThat(r.body()).doesNotContain(id).doesNotContain(secret);
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void secretInTheUrlQueryIsBlocked() throws Exception {
        int before = env.api.received().size();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder()
                .uri(URI.create(env.apiUrl("/v1/search?q=ssn%20" + SSN))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertBlocked(r, "pii.us-ssn");
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void cleanRequestPassesByteIdentical() throws Exception {
        byte[] body = ("{ \"model\" : \"claude-test\",\n  \"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Refactor this loop: for (int i = 0; i < n; i++) { sum += a[i]; }\"}] ,\"max_tokens\":16}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/v1/messages", "application/json", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(env.api.last().body()).isEqualTo(body);
    }

    @Test
    void anthropicSdkSurfacesTheBlockAndItsOwnKeyPasses() throws Exception {
        String ownKey = Synthetic.anthropicKey(11);
        AnthropicClient client = anthropic(ownKey);
        try {
            // The SDK's own key, in its auth header to api.anthropic.com, is not a leak.
            Message ok = client.messages().create(MessageCreateParams.builder().model("claude-test").maxTokens(16)
                    .addUserMessage("hello").build());
            assertThat(ok.content().get(0).text().orElseThrow().text()).isEqualTo("hello from upstream");

            int before = env.anthropic.received().size();
            assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("claude-test")
                    .maxTokens(16).addUserMessage("my ssn is " + SSN).build()))
                    .isInstanceOf(AnthropicServiceException.class)
                    // which rule, where, that the same content is refused again, and what to do, quoting the id
                    // (the location is the finding's JSON path)
                    .hasMessageMatching("(?s).*blocked this request: pii\\.us-ssn at \\$\\.messages\\[0]\\.content\\."
                            + " Sending the same content"
                            + " again will be blocked again: remove the value from the request, or ask a Sieve"
                            + " administrator for an exception, quoting request id req_[0-9a-f]{24}\".*")
                    .hasMessageNotContaining(SSN);
            // The same key pasted into a prompt is a finding.
            assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("claude-test")
                    .maxTokens(16).addUserMessage("use this key: " + ownKey).build()))
                    .isInstanceOf(AnthropicServiceException.class)
                    .hasMessageContaining("credential.anthropic-api-key");
            assertThat(env.anthropic.received()).hasSize(before);
        } finally {
            client.close();
        }
    }

    private AnthropicClient anthropic(String apiKey) throws Exception {
        return AnthropicClients.through(env, apiKey);
    }

    @Test
    void everyDecisionIsAuditedVerifiablyAndNoSecretLeaksIntoAuditOrLogs() throws Exception {
        String card = Synthetic.visa(99);
        String awsId = Synthetic.awsAccessKeyId(5);
        String awsSecret = Synthetic.awsSecret(5);
        List<String> secrets = List.of(SSN, card, awsId, awsSecret);
        assertBlocked(post("/v1/messages", "application/json", message("ssn " + SSN).getBytes(StandardCharsets.UTF_8)),
                "pii.us-ssn");
        assertThat(post("/v1/messages", "application/json",
                message("card " + card).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        HttpResponse<String> last = post("/v1/messages", "application/json",
                message("keys " + awsId + ", " + awsSecret).getBytes(StandardCharsets.UTF_8));
        assertBlocked(last, "credential.aws-key-pair");
        String lastId = last.headers().firstValue("x-sieve-request-id").orElseThrow();

        Path auditDir = dir.resolve("data").resolve("audit");
        String audit = awaitAudit(auditDir, lastId);
        assertThat(audit).contains("\"decision\":\"blocked\"").contains("\"decision\":\"redacted\"")
                .contains("pii.us-ssn").contains("financial.card-visa");
        for (String secret : secrets) {
            assertThat(audit).doesNotContain(secret);
            assertThat(CapturingAppender.all()).doesNotContain(secret);
        }
        byte[] key = AuditKeys.load(dir.resolve("data").resolve("audit.key"));
        AuditVerification verification = AuditVerifier.verify(auditFiles(auditDir), key);
        assertThat(verification.ok()).as(verification.describe()).isTrue();
    }

    @Test
    void noSecretOfTheRulePackReachesAuditLogsOrMetrics() throws Exception {
        // Every rule's own match examples, through the proxy; the raw matched values are found by
        // the engine itself, so the search below looks for exactly what a leak would contain.
        RuleSet pack = DefaultRulePack.load();
        List<String> raw = new java.util.ArrayList<>();
        String lastId = null;
        try (CompiledRules engine = Engines.compile(pack, EngineKind.JAVA)) {
            for (Rule rule : pack.rules()) {
                for (String example : rule.examples().match()) {
                    byte[] bytes = example.getBytes(StandardCharsets.ISO_8859_1);
                    for (Finding f : engine.scan("body", java.nio.ByteBuffer.wrap(bytes))) {
                        String value = new String(bytes, (int) f.start(), (int) (f.end() - f.start()),
                                StandardCharsets.ISO_8859_1);
                        if (value.length() >= 8) {
                            raw.add(value);
                        }
                    }
                }
                String text = String.join("\n", rule.examples().match());
                HttpResponse<String> r = post("/v1/messages", "application/json",
                        message(text).getBytes(StandardCharsets.UTF_8));
                assertThat(r.statusCode()).isIn(200, 403);
                lastId = r.headers().firstValue("x-sieve-request-id").orElse(lastId);
            }
        }
        assertThat(raw).hasSizeGreaterThan(100);
        String audit = awaitAudit(dir.resolve("data").resolve("audit"), lastId);
        String metrics = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + env.admin().getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String logs = CapturingAppender.all();
        for (String value : raw) {
            assertThat(audit).as("audit").doesNotContain(value);
            assertThat(logs).as("logs").doesNotContain(value);
            assertThat(metrics).as("metrics").doesNotContain(value);
        }
    }

    @Test
    void undecodableBodyFailsClosed() throws Exception {
        int before = env.api.received().size();
        HttpResponse<String> r = post("/v1/messages", "application/json",
                "this is not gzip".getBytes(StandardCharsets.UTF_8), "content-encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).at("/error/reason").asText()).isEqualTo("inspection_failed");
        assertThat(env.api.received()).hasSize(before);
    }

    @Test
    void aLogRuleForwardsUntouched() throws Exception {
        byte[] body = message("CONFIDENTIAL - internal use only: the Q3 plan").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/echo", "application/json", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(env.api.last().body()).isEqualTo(body);
    }

    @Test
    void curlGetsTheBlockAsJson() throws Exception {
        Path caFile = dir.resolve("sieve-ca.pem");
        Files.writeString(caFile, env.sieve.ca().certificatePem());
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", "-x",
                "http://127.0.0.1:" + env.proxy().getPort(), "--cacert", caFile.toString(),
                "-H", "content-type: application/json", "--data", message("ssn " + SSN), env.apiUrl("/v1/messages"))
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(JSON.readTree(out).at("/error/rules/0").asText()).isEqualTo("pii.us-ssn");
    }

    @Test
    void redactionKeepsStreamingResponsesStreaming() throws Exception {
        String card = Synthetic.visa(21);
        AnthropicClient client = anthropic(Synthetic.anthropicKey(12));
        try (var stream = client.messages().createStreaming(MessageCreateParams.builder().model("claude-test")
                .maxTokens(16).addUserMessage("bill card " + card).build())) {
            var events = stream.stream().iterator();
            assertThat(events.next().isMessageStart()).isTrue();
            env.anthropic.releaseStream();
            StringBuilder text = new StringBuilder();
            events.forEachRemaining(e -> e.contentBlockDelta().flatMap(d -> d.delta().text())
                    .ifPresent(t -> text.append(t.text())));
            assertThat(text.toString()).isEqualTo("hello streamed");
        } finally {
            client.close();
        }
        assertThat(env.anthropic.last().bodyText()).doesNotContain(card).contains(card.substring(12));
    }

    @Test
    void tamperingWithTheProxysAuditLogIsDetected() throws Exception {
        HttpResponse<String> r = post("/v1/messages", "application/json",
                message("ssn " + SSN).getBytes(StandardCharsets.UTF_8));
        Path auditDir = dir.resolve("data").resolve("audit");
        awaitAudit(auditDir, r.headers().firstValue("x-sieve-request-id").orElseThrow());
        Path copy = Files.createDirectories(dir.resolve("audit-copy"));
        List<Path> copies = new java.util.ArrayList<>();
        for (Path f : auditFiles(auditDir)) {
            copies.add(Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        }
        byte[] key = AuditKeys.load(dir.resolve("data").resolve("audit.key"));
        assertThat(AuditVerifier.verify(copies, key).ok()).isTrue();
        Path last = copies.get(copies.size() - 1);
        Files.writeString(last, Files.readString(last).replaceFirst("\"decision\":\"blocked\"",
                "\"decision\":\"allowed\""));
        AuditVerification tampered = AuditVerifier.verify(copies, key);
        assertThat(tampered.ok()).isFalse();
        assertThat(tampered.describe()).containsIgnoringCase("edited");
    }

    @Test
    void aBlockNamesTheJsonPathOfTheFindingInTheErrorBodyAndTheAudit() throws Exception {
        String body = "{\"model\":\"claude-test\",\"max_tokens\":64,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"read the form\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                + "\"content\":\"name: Dana Roe\\nssn: " + SSN + "\"}]}]}";
        HttpResponse<String> r = post("/v1/messages", "application/json", body.getBytes(StandardCharsets.UTF_8));

        assertBlocked(r, "pii.us-ssn");
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("locations").toString()).isEqualTo("[\"$.messages[1].content[0].content\"]");
        assertThat(error.get("message").asText()).contains("at $.messages[1].content[0].content");
        String id = r.headers().firstValue("x-sieve-request-id").orElseThrow();
        String audit = awaitAudit(dir.resolve("data").resolve("audit"), id);
        JsonNode record = null;
        for (String line : audit.split("\n")) {
            if (line.contains("\"requestId\":\"" + id + "\"")) {
                record = JSON.readTree(line);
            }
        }
        assertThat(record).isNotNull();
        JsonNode finding = record.get("findings").get(0);
        assertThat(finding.get("location").asText()).isEqualTo("$.messages[1].content[0].content");
        assertThat(finding.get("offset").asLong()).isEqualTo("name: Dana Roe\nssn: ".length());
    }

    private static String awaitAudit(Path auditDir, String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            StringBuilder all = new StringBuilder();
            if (Files.isDirectory(auditDir)) {
                for (Path f : auditFiles(auditDir)) {
                    all.append(Files.readString(f));
                }
            }
            if (all.indexOf(requestId) >= 0 || System.nanoTime() > deadline) {
                return all.toString();
            }
            Thread.sleep(50);
        }
    }

    private static List<Path> auditFiles(Path auditDir) throws Exception {
        try (Stream<Path> files = Files.list(auditDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }
}
