package dev.sieve.proxy.cli;

import static dev.sieve.proxy.cli.CliRun.run;
import static dev.sieve.proxy.cli.CliRun.sampleRules;
import static dev.sieve.proxy.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SSN = "536-22-8174";
    private static final String TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hm";

    @TempDir
    Path tmp;

    private static String message(String text) {
        ObjectNode body = MAPPER.createObjectNode().put("model", "claude");
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return body.toString();
    }

    private static String inline(String id, String body, String expect, String tags) {
        ObjectNode c = MAPPER.createObjectNode().put("id", id).put("target", "https://api.anthropic.com/v1/messages");
        c.putObject("headers").put("Content-Type", "application/json");
        c.put("body", body);
        try {
            c.set("expect", MAPPER.readTree(expect));
            c.set("tags", MAPPER.readTree(tags));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return c.toString();
    }

    /**
     * Two positives (one detected, one base64-encoded seven times, one more than the decoding graph decodes (6), and
     * missed) and two negatives (one clean, one with an SSN).
     */
    private Path corpus() throws IOException {
        String b64 = "token " + TOKEN;
        for (int i = 0; i < 7; i++) {
            b64 = Base64.getEncoder().encodeToString(b64.getBytes(StandardCharsets.UTF_8));
        }
        return write(tmp, "corpus/manifest.jsonl", String.join("\n",
                inline("ssn-plain", message("SSN " + SSN), "{\"outcome\":\"redact\",\"rules\":[\"pii.us-ssn\"]}",
                        "[\"enc:none\",\"cat:pii\"]"),
                inline("gh-b64", message("note " + b64),
                        "{\"outcome\":\"block\",\"rules\":[\"credential.github-classic-token\"]}",
                        "[\"enc:base64\",\"cat:credential\"]"),
                "",
                inline("neg-uuid", message("id 3f2b1c9e-6d4a-4b8e-9c1d-2a3b4c5d6e7f"), "{\"outcome\":\"allow\"}",
                        "[\"neg:uuid\"]"),
                inline("neg-ssn", message("employee " + SSN), "{}", "[\"neg:planted\"]"))
                + "\n").getParent();
    }

    @Test
    void scoresACorpusListsMissesAndFalsePositivesMaskedAndWritesJson() throws IOException {
        Path corpus = corpus();
        Path json = tmp.resolve("report.json");

        CliRun r = run("eval", "--no-builtin", "--rules", sampleRules().toString(), "--json", json.toString(), corpus.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("4 cases (2 positive, 2 negative)")
                .contains("  MISS gh-b64: expected credential.github-classic-token, credential; found nothing; "
                        + "tags: enc:base64 cat:credential")
                .contains("  FP neg-ssn: pii.us-ssn json@")
                .contains("'***-**-8174'; tags: neg:planted")
                .contains("OUTCOME gh-b64: expected block, got allow (weaker)")
                .contains("recall 0.500 (1/2)  precision 0.500  F1 0.500  false-positive rate 0.500 (1/2)  "
                        + "outcomes 0.667 (2/3)")
                .doesNotContain(SSN).doesNotContain(TOKEN);
        assertThat(r.out().lines().filter(l -> l.startsWith("enc:base64 ")).findFirst().orElseThrow())
                .matches("enc:base64 +1 +0 +0\\.000 +0 +0 +-");
        assertThat(r.out().lines().filter(l -> l.startsWith("pii.us-ssn ")).findFirst().orElseThrow())
                .matches("pii.us-ssn +1 +0 +1 +0\\.500 +1\\.000 +0\\.667");

        JsonNode report = MAPPER.readTree(json.toFile());
        assertThat(report.at("/overall/recall").asDouble()).isEqualTo(0.5);
        assertThat(report.at("/overall/fpRate").asDouble()).isEqualTo(0.5);
        assertThat(report.at("/categories/pii/fp").asInt()).isEqualTo(1);
        assertThat(report.at("/rules/credential.github-classic-token/fn").asInt()).isEqualTo(1);
        assertThat(report.at("/tags/neg:planted/flagged").asInt()).isEqualTo(1);
        assertThat(report.at("/misses/0/id").asText()).isEqualTo("gh-b64");
        assertThat(report.at("/misses/0/line").asInt()).isEqualTo(2);
        assertThat(report.at("/falsePositives/0/masked").asText()).isEqualTo("***-**-8174");
        assertThat(report.at("/rulesWithoutCases").toString()).contains("credential.jwt");
        assertThat(Files.readString(json)).doesNotContain(SSN).doesNotContain(TOKEN);
    }

    @Test
    void aSecretUsedAsAFileNameIsMaskedInTheFalsePositivesViewAsTextAndJson() throws IOException {
        // A Stripe-shaped key as a multipart file name (no sample rule detects it) and a planted SSN in the file:
        // the SSN is a false positive whose view is named after the file, and neither output may print the key.
        String key = "sk_live_" + dev.sieve.proxy.testing.Synthetic.alnum(12, 24);
        ObjectNode c = MAPPER.createObjectNode().put("id", "neg-upload").put("target", "https://api.anthropic.com/v1/files");
        c.putObject("headers").put("Content-Type", "multipart/form-data; boundary=b0undary");
        c.put("body", "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + key + ".txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nemployee " + SSN + "\r\n--b0undary--\r\n");
        c.putObject("expect");
        Path manifest = write(tmp, "upload.jsonl", c + "\n");
        Path json = tmp.resolve("report.json");

        CliRun r = run("eval", "--no-builtin", "--rules", sampleRules().toString(), "--json", json.toString(),
                manifest.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        String view = "multipart:file/{len=" + key.length() + "}.txt";
        assertThat(r.out()).contains("  FP neg-upload: pii.us-ssn " + view + "@").doesNotContain(key).doesNotContain(SSN);
        JsonNode report = MAPPER.readTree(json.toFile());
        assertThat(report.at("/falsePositives/0/view").asText()).isEqualTo(view);
        assertThat(Files.readString(json)).doesNotContain(key).doesNotContain(SSN);
    }

    @Test
    void floorsDecideTheExitStatus() throws IOException {
        String corpus = corpus().toString();
        String rules = sampleRules().toString();

        CliRun met = run("eval", "--no-builtin", "--rules", rules, "--min-recall", "0.5", "--max-fp-rate", "0.5",
                "--min-recall-for", "pii=1", "--min-recall-for", "tag:enc:none=1", corpus);
        assertThat(met.exit()).as(met.err()).isZero();
        assertThat(met.out()).contains("ok   recall 0.500 >= 0.500", "ok   fp-rate 0.500 <= 0.500",
                "ok   recall[pii] 1.000 >= 1.000", "ok   recall[tag:enc:none] 1.000 >= 1.000");

        CliRun missed = run("eval", "--no-builtin", "--rules", rules, "--min-recall", "0.6", "--max-fp-rate-for", "tag:neg:uuid=0",
                "--min-recall-for", "credential.github-classic-token=0.5", corpus);
        assertThat(missed.exit()).isEqualTo(1);
        assertThat(missed.out()).contains("FAIL recall 0.500 >= 0.600", "ok   fp-rate[tag:neg:uuid] 0.000 <= 0.000",
                "FAIL recall[credential.github-classic-token] 0.000 >= 0.500");
    }

    @Test
    void aFloorOverNothingIsAnError() throws IOException {
        String corpus = corpus().toString();

        CliRun tag = run("eval", "--no-builtin", "--rules", sampleRules().toString(), "--min-recall-for", "tag:enc:hex=0.5", corpus);
        assertThat(tag.exit()).isEqualTo(2);
        assertThat(tag.err()).isEqualTo("sieve eval: --min-recall-for tag:enc:hex: nothing to measure: no positive "
                + "case has this tag\n");

        CliRun range = run("eval", "--no-builtin", "--rules", sampleRules().toString(), "--min-recall", "97", corpus);
        assertThat(range.exit()).isEqualTo(2);
        assertThat(range.err()).contains("--min-recall: 97.0 (expected: a fraction between 0 and 1)");

        CliRun category = run("eval", "--no-builtin", "--rules", sampleRules().toString(), "--max-fp-rate-for", "pii=0.1", corpus);
        assertThat(category.exit()).isEqualTo(2);
        assertThat(category.err()).contains("--max-fp-rate-for: 'pii' (expected: tag:NAME");
    }

    @Test
    void aBadManifestExitsTwoNamingFileLineAndField() throws IOException {
        Path manifest = write(tmp, "m.jsonl", inline("ok", message("hi"), "{}", "[]") + "\n"
                + inline("bad", message("hi"), "{\"rules\":[\"credential.nope\"]}", "[]") + "\n");

        CliRun r = run("eval", "--no-builtin", "--rules", sampleRules().toString(), manifest.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sieve eval: " + manifest + ":2: expect.rules[0]: 'credential.nope' "
                + "(expected: a rule id of the loaded rules)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void savedRequestsAreReadLikeScanReadsThem() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(message("SSN " + SSN).getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(("POST https://api.anthropic.com/v1/messages HTTP/1.1\r\nHost: api.anthropic.com\r\n"
                + "Content-Type: application/json\r\nContent-Encoding: gzip\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        file.write(gz.toByteArray());
        Files.createDirectories(tmp.resolve("c/cases"));
        Files.write(tmp.resolve("c/cases/ssn.http"), file.toByteArray());
        write(tmp, "c/cases/broken.http", "POST / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
        write(tmp, "c/manifest.jsonl", "{\"id\":\"gz\",\"request\":\"cases/ssn.http\",\"expect\":{\"rules\":[\"pii.us-ssn\"]},"
                + "\"tags\":[\"container:gzip\"]}\n");

        CliRun r = run("eval", "--no-builtin", "--rules", sampleRules().toString(), tmp.resolve("c").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("recall 1.000 (1/1)");

        write(tmp, "c/manifest.jsonl", "{\"id\":\"b\",\"request\":\"cases/broken.http\",\"expect\":{}}\n");
        CliRun broken = run("eval", "--no-builtin", "--rules", sampleRules().toString(), tmp.resolve("c").toString());
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).startsWith("sieve eval: " + tmp.resolve("c/manifest.jsonl") + ":1: request: ")
                .contains("broken.http: not a valid HTTP request: line 3: not a header field");
    }

    @Test
    void theConfigGivesTheRuleFolderAndEachDestinationsPolicy() throws IOException {
        Path config = write(tmp, "sieve.yaml", "rules:\n  builtin: false\n  dir: " + sampleRules() + "\nallow:\n"
                + "  - host: api.demo.invalid\n    ports: [443]\n    mode: inspect\n    inspection:\n"
                + "      categories: [credential]\n      actions: { credential: log }\n");
        String ssn = "{\"id\":\"%s\",\"target\":\"https://%s/v1\",\"body\":\"SSN " + SSN + "\","
                + "\"expect\":{\"rules\":[\"pii.us-ssn\"]}}";
        String token = "{\"id\":\"tok\",\"target\":\"https://api.demo.invalid/v1\",\"body\":\"token " + TOKEN + "\","
                + "\"expect\":{\"outcome\":\"block\",\"rules\":[\"credential.github-classic-token\"]}}";
        Path manifest = write(tmp, "m.jsonl", String.format(ssn, "ssn-excluded", "api.demo.invalid") + "\n"
                + String.format(ssn, "ssn-elsewhere", "other.demo.invalid") + "\n" + token + "\n");

        CliRun r = run("eval", "--config", config.toString(), manifest.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("  MISS ssn-excluded: expected pii.us-ssn, pii; found nothing")
                .doesNotContain("MISS ssn-elsewhere")
                .contains("OUTCOME tok: expected block, got log (weaker)")
                .contains("recall 0.667 (2/3)");
    }

    @Test
    void theDestinationPolicyApplies_ownApiKeyToItsProviderIsNotAFinding() throws IOException {
        java.util.Random random = new java.util.Random(7);
        StringBuilder body = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        while (body.length() < 93) {
            body.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String key = "sk-ant-api03-" + body + "AA";
        String toAnthropic = "{\"id\":\"own\",\"target\":\"https://api.anthropic.com/v1/messages\","
                + "\"headers\":{\"x-api-key\":\"" + key + "\"},\"expect\":{}}";
        String elsewhere = "{\"id\":\"foreign\",\"target\":\"https://api.demo.invalid/v1/upload\","
                + "\"headers\":{\"x-api-key\":\"" + key + "\"},\"expect\":{}}";
        Path manifest = write(tmp, "own.jsonl", toAnthropic + "\n" + elsewhere + "\n");

        CliRun r = run("eval", manifest.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> fps = r.out().lines().filter(l -> l.startsWith("  FP ")).toList();
        assertThat(fps).hasSize(1);
        assertThat(fps.get(0)).startsWith("  FP foreign: credential.anthropic-api-key header:x-api-key@");
        assertThat(r.out()).doesNotContain(key);
    }
}
