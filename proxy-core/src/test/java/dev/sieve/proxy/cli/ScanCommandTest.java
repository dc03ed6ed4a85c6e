package dev.sieve.proxy.cli;

import static dev.sieve.proxy.cli.CliRun.run;
import static dev.sieve.proxy.cli.CliRun.sampleRules;
import static dev.sieve.proxy.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SSN = "536-22-8174";

    @TempDir
    Path tmp;

    private static String request(String body) {
        return "POST /v1/messages HTTP/1.1\r\nHost: api.anthropic.com\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String message(String text) {
        return "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /** A Visa number with a valid Luhn check digit, computed here. */
    private static String card() {
        String prefix = "453952601815908";
        int sum = 0;
        for (int i = 0; i < prefix.length(); i++) {
            int d = prefix.charAt(prefix.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return prefix + (10 - sum % 10) % 10;
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : out.strip().split("\n")) {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }

    /** The views of the findings {@code sieve scan} reports for the saved request {@code raw}; exit code first. */
    private List<String> scannedViews(String raw) throws IOException {
        Path file = write(tmp, "parts.http", raw);
        CliRun r = run("scan", "--no-builtin", "--rules", sampleRules().toString(), "--json", file.toString());
        assertThat(r.out()).doesNotContain(SSN);
        List<String> views = new java.util.ArrayList<>(List.of(String.valueOf(r.exit())));
        lines(r.out()).get(0).get("findings").forEach(f -> views.add(f.get("view").asText()));
        return views;
    }

    @Test
    void theUserinfoFragmentAndTrailersOfASavedRequestAreScannedAsTheirOwnPlaces() throws IOException {
        String body = message("hello");
        assertThat(scannedViews("POST https://" + SSN + ":x@api.anthropic.com/v1/messages HTTP/1.1\r\n"
                + "Host: api.anthropic.com\r\nContent-Type: application/json\r\n\r\n" + body))
                .containsExactly("1", "target:userinfo");
        assertThat(scannedViews("POST /v1/messages#ssn=" + SSN + " HTTP/1.1\r\nHost: api.anthropic.com\r\n"
                + "Content-Type: application/json\r\n\r\n" + body))
                .containsExactly("1", "target:fragment");
        assertThat(scannedViews("POST /v1/messages HTTP/1.1\r\nHost: api.anthropic.com\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nTrailer: X-Note\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\nX-Note: ssn " + SSN + "\r\n\r\n"))
                .containsExactly("1", "trailer:x-note");
    }

    @Test
    void ordinaryTrailersAnAtSignInThePathAndAnEncodedHashHaveNoFinding() throws IOException {
        String body = message("hello");
        assertThat(scannedViews("POST https://api.anthropic.com/users/@me?tag=%23ops HTTP/1.1\r\n"
                + "Host: api.anthropic.com\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\nServer-Timing: total;dur=12\r\n"
                + "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n\r\n"))
                .containsExactly("0");
    }

    @Test
    void aSavedRequestWithAnSsnInItsJsonBodyExitsOneAndReportsTheRuleAsJson() throws IOException {
        Path file = write(tmp, "req.http", request(message("my SSN is " + SSN)));

        CliRun r = run("scan", "--no-builtin", "--rules", sampleRules().toString(), "--json", file.toString());

        assertThat(r.exit()).isEqualTo(1);
        JsonNode line = lines(r.out()).get(0);
        assertThat(line.get("input").asText()).isEqualTo(file.toString());
        assertThat(line.get("error").isNull()).isTrue();
        assertThat(line.get("findings")).hasSize(1);
        JsonNode finding = line.get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("pii.us-ssn");
        assertThat(finding.get("category").asText()).isEqualTo("pii");
        assertThat(finding.get("severity").asText()).isEqualTo("high");
        assertThat(finding.get("action").asText()).isEqualTo("redact");
        assertThat(finding.get("view").asText()).isEqualTo("json");
        assertThat(finding.get("offset").asLong()).isPositive();
        assertThat(finding.get("location").asText()).isEqualTo("$.messages[0].content");
        assertThat(finding.get("locationOffset").asLong()).isEqualTo("my SSN is ".length());
        assertThat(finding.get("masked").asText()).isEqualTo("***-**-8174");
        assertThat(r.out()).doesNotContain(SSN);
    }

    /** A multipart upload of one file named {@code fileName} holding {@code text}. */
    private static String multipartRequest(String fileName, String text) {
        String body = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n--b0undary--\r\n";
        return "POST /v1/files HTTP/1.1\r\nHost: api.anthropic.com\r\n"
                + "Content-Type: multipart/form-data; boundary=b0undary\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void aSecretUsedAsAFileNameIsMaskedInTheViewOfTheFindingsInItsFile() throws IOException {
        // A Stripe-shaped key as the file name (no sample rule detects it): the SSN inside the file is found in a
        // view named after the file, and that view must not print the key.
        String key = "sk_live_" + dev.sieve.proxy.testing.Synthetic.alnum(11, 24);
        Path file = write(tmp, "upload.http", multipartRequest(key + ".txt", "SSN " + SSN));

        CliRun json = run("scan", "--no-builtin", "--rules", sampleRules().toString(), "--json", file.toString());
        CliRun table = run("scan", "--no-builtin", "--rules", sampleRules().toString(), file.toString());

        assertThat(json.exit()).as(json.err()).isEqualTo(1);
        JsonNode finding = lines(json.out()).get(0).get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("pii.us-ssn");
        assertThat(finding.get("view").asText()).isEqualTo("multipart:file/{len=" + key.length() + "}.txt");
        assertThat(json.out()).doesNotContain(key).doesNotContain(SSN);
        assertThat(table.exit()).as(table.err()).isEqualTo(1);
        assertThat(table.out()).contains("pii.us-ssn", "multipart:file/{len=" + key.length() + "}.txt")
                .doesNotContain(key).doesNotContain(SSN);
    }

    @Test
    void aCleanFileExitsZero() throws IOException {
        Path file = write(tmp, "notes.txt", "nothing sensitive in here\n");

        CliRun r = run("scan", "--no-builtin", "--rules", sampleRules().toString(), file.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(file + ": no findings\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aMissingFileExitsTwoWithAnErrorLine() throws IOException {
        String missing = tmp.resolve("nope.txt").toString();

        CliRun json = run("scan", "--no-builtin", "--rules", sampleRules().toString(), "--json", missing);
        assertThat(json.exit()).isEqualTo(2);
        JsonNode line = lines(json.out()).get(0);
        assertThat(line.get("input").asText()).isEqualTo(missing);
        assertThat(line.get("findings")).isEmpty();
        assertThat(line.get("error").asText()).isEqualTo("no such file or directory");

        CliRun table = run("scan", "--no-builtin", "--rules", sampleRules().toString(), missing);
        assertThat(table.exit()).isEqualTo(2);
        assertThat(table.err()).isEqualTo("sieve scan: " + missing + ": no such file or directory\n");
    }

    @Test
    void aFolderIsScannedRecursivelyInOneRun() throws IOException {
        write(tmp, "a/clean.txt", "hello\n");
        write(tmp, "b/deep/card.txt", "pay with card " + card() + " exp 04/29\n");

        CliRun r = run("scan", "--no-builtin", "--rules", sampleRules().toString(), "--json", tmp.toString());

        assertThat(r.exit()).isEqualTo(1);
        List<JsonNode> lines = lines(r.out());
        assertThat(lines).extracting(n -> Path.of(n.get("input").asText()).getFileName().toString())
                .containsExactly("clean.txt", "card.txt");
        assertThat(lines.get(0).get("findings")).isEmpty();
        assertThat(lines.get(1).get("findings").get(0).get("rule").asText()).isEqualTo("financial.card-visa-mc");
        assertThat(lines.get(1).get("findings").get(0).get("view").asText()).isEqualTo("body");
    }

    @Test
    void theTablePrintsMaskedValuesOnly() throws IOException {
        Path file = write(tmp, "req.http", request(message("card " + card() + " and SSN " + SSN)));

        CliRun r = run("scan", "--no-builtin", "--rules", sampleRules().toString(), file.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith(file + ": 2 findings\n")
                .contains("RULE", "CATEGORY", "SEVERITY", "ACTION", "VIEW", "OFFSET", "WHERE", "MASKED")
                .contains("$.messages[0].content@5", "$.messages[0].content@" + ("card " + card() + " and SSN ").length())
                .contains("financial.card-visa-mc", "pii.us-ssn", "***-**-8174", "************" + card().substring(12))
                .doesNotContain(card()).doesNotContain(SSN);
    }

    @Test
    void gzipBodiesAndChunkedRequestsAreDecoded() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(message("SSN " + SSN).getBytes(StandardCharsets.UTF_8));
        }
        Path gzFile = Files.write(tmp.resolve("body.json.gz"), gz.toByteArray());
        String body = message("SSN " + SSN);
        String chunked = "POST https://api.anthropic.com/v1/messages?beta=true HTTP/1.1\nHost: api.anthropic.com\n"
                + "Content-Type: application/json\nTransfer-Encoding: chunked\n\n"
                + Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
                + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n";
        Path chunkedFile = write(tmp, "chunked.http", chunked);

        CliRun r = run("scan", "--no-builtin", "--rules", sampleRules().toString(), "--json", gzFile.toString(), chunkedFile.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(lines(r.out())).allSatisfy(line -> {
            assertThat(line.get("error").isNull()).as(line.toString()).isTrue();
            assertThat(line.get("findings").get(0).get("view").asText()).isEqualTo("json");
        });
    }

    @Test
    void anUndecodableRequestIsAnErrorNamingTheReason() throws IOException {
        Path file = write(tmp, "broken.http", request("{\"messages\": ["));

        CliRun r = run("scan", "--no-builtin", "--rules", sampleRules().toString(), "--json", file.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(lines(r.out()).get(0).get("error").asText()).startsWith("JSON_INVALID: ");
    }

    @Test
    void aRuleFolderThatDoesNotLoadExitsTwoNamingFileAndLine() throws IOException {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        write(rules, "bad.yaml", "rules:\n  - id: x.bad\n    category: pii\n    severity: high\n");
        Path file = write(tmp, "notes.txt", "hello\n");

        CliRun r = run("scan", "--rules", rules.toString(), file.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("sieve: bad.yaml:2: rule 'x.bad': patterns: missing");
    }

    @Test
    void withoutRulesTheDefaultPackIsUsed() throws IOException {
        String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hm";
        CliRun r = run("scan", "--json", write(tmp, "notes.txt", "deploy with token " + token + "\n").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"category\":\"credential\"").doesNotContain(token);
    }

    @Test
    void scanUsesTheActiveRulesOfTheConfigLikeTheProxy() throws IOException {
        write(tmp, "rules/zebra.yaml", """
                rules:
                  - id: acme.zebra
                    category: confidential
                    severity: high
                    patterns: ['\\bPROJECT-ZEBRA\\b']
                """);
        Path config = write(tmp, "sieve.yaml", "rules:\n  dir: rules\n  disable: [credential.github-pat]\n");
        String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hm";
        String key = dev.sieve.proxy.testing.Synthetic.awsAccessKeyId(3);
        Path file = write(tmp, "notes.txt", "PROJECT-ZEBRA ships with " + key + " and " + token + "\n");

        CliRun withConfig = run("scan", "--json", "--config", config.toString(), file.toString());
        CliRun folderOnly = run("scan", "--json", "--no-builtin", "--rules", tmp.resolve("rules").toString(),
                file.toString());

        assertThat(withConfig.exit()).as(withConfig.err()).isEqualTo(1);
        assertThat(lines(withConfig.out()).get(0).get("findings").findValuesAsText("rule"))
                .containsExactlyInAnyOrder("acme.zebra", "credential.aws-access-key-id");
        assertThat(withConfig.out()).contains("\"category\":\"confidential\"").doesNotContain(key).doesNotContain(token);
        assertThat(lines(folderOnly.out()).get(0).get("findings").findValuesAsText("rule")).containsExactly("acme.zebra");
    }

    @Test
    void theConfigsInspectionLimitsDecideWhatDecodes() throws IOException {
        Path file = write(tmp, "deep.json", "{\"a\":".repeat(6) + "1" + "}".repeat(6));
        Path config = write(tmp, "sieve.yaml", "dataDir: " + tmp.resolve("data")
                + "\ninspection:\n  limits:\n    maxJsonDepth: 4\n");

        CliRun defaults = run("scan", "--json", "--engine", "java", file.toString());
        CliRun limited = run("scan", "--json", "--engine", "java", "--config", config.toString(), file.toString());

        assertThat(lines(defaults.out()).get(0).get("error").isNull()).as(defaults.out()).isTrue();
        assertThat(lines(limited.out()).get(0).get("error").asText()).as(limited.out()).contains("maxJsonDepth");
    }

    @Test
    void destinationAndClassJudgeFindingsWithTheRulesPerClassActions() throws IOException {
        Path file = write(tmp, "Billing.java", "// Copyright (c) 2024 ExampleCorp. All rights reserved.\npackage x;\n");
        Path config = write(tmp, "sieve.yaml", "dataDir: " + tmp.resolve("data") + "\nallow:\n"
                + "  - { host: api.anthropic.com }\n  - { host: code.example.com, class: other }\n");

        assertThat(action(run("scan", "--json", "--engine", "java", file.toString()))).isEqualTo("block");
        assertThat(action(run("scan", "--json", "--engine", "java", "--class", "model-provider", file.toString())))
                .isEqualTo("log");
        assertThat(action(run("scan", "--json", "--engine", "java", "--class", "other", file.toString())))
                .isEqualTo("block");
        assertThat(action(run("scan", "--json", "--engine", "java", "--config", config.toString(), "--destination",
                "API.anthropic.com", file.toString()))).isEqualTo("log");
        assertThat(action(run("scan", "--json", "--engine", "java", "--config", config.toString(), "--destination",
                "code.example.com", file.toString()))).isEqualTo("block");

        CliRun notAllowed = run("scan", "--engine", "java", "--config", config.toString(), "--destination",
                "elsewhere.example.com", file.toString());
        assertThat(notAllowed.exit()).isEqualTo(2);
        assertThat(notAllowed.err()).contains("--destination: elsewhere.example.com is not on the config's allowlist");
        CliRun badClass = run("scan", "--engine", "java", "--class", "Other", file.toString());
        assertThat(badClass.exit()).isEqualTo(2);
        assertThat(badClass.err()).contains("--class: 'Other' (expected: model-provider, other");
    }

    private static String action(CliRun r) throws IOException {
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        // the header is also proprietary-license's (a company copyright with no open-source licence): same actions
        JsonNode finding = null;
        for (JsonNode f : lines(r.out()).get(0).get("findings")) {
            if (f.get("rule").asText().equals("source-code.company-copyright")) {
                finding = f;
            }
        }
        assertThat(finding).as(r.out()).isNotNull();
        return finding.get("action").asText();
    }
}
