package dev.sieve.rules.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Family {@code lead36}: what session 36 closed from the blind rounds {@code rt32-evade} (its leftovers) and
 * {@code rt36-benign} (benign agent traffic), with hard negatives.
 * <ul>
 *   <li>Positives ({@code lead36:pem-marks}): a private key as an agent's tools show it, every line carrying a mark:
 *       a line number and an arrow (Claude Code's Read), a tab ({@code cat -n}) or a colon ({@code grep -n}), a
 *       diff's {@code +}, a Codex {@code apply_patch} that adds it to code, a mail quote's {@code > }, a comment's
 *       {@code # }; {@code grep -A} match and context lines, {@code bat}'s gutter, {@code less -N}, a syslog line's
 *       head, {@code grep --color} escapes (from {@code rt36-tools}).</li>
 *   <li>Positives ({@code lead36:split-ssn}): an SSN kept as three fields of its parts ({@code ssn_area},
 *       {@code ssn_group}, {@code ssn_serial}; {@code ssn1..3}; {@code ssn[0..2]}) in JSON, a form, YAML.</li>
 *   <li>Positives ({@code lead36:mislabelled}): a request body compressed (gzip, zlib, bzip2) and declared JSON
 *       without its {@code Content-Encoding}, or with a coding that names another compression.</li>
 *   <li>Positives ({@code lead36:spaced-fence}): base64 in four-character groups one space apart, at the end of a
 *       text before a Markdown code fence or a blank line.</li>
 *   <li>Positives ({@code lead36:jwt-wrap}): a JWT in a terminal capture hard-wrapped at 80 or 100 columns.</li>
 *   <li>Positives ({@code lead36:empty-tool}): an OpenAI Chat request whose tool messages include an empty output
 *       (a silent command), the secret in another tool output.</li>
 *   <li>Negatives ({@code neg:lead36}, {@code neg:<kind>}): public keys and certificates and placeholder keys with the
 *       same marks; SSN-named fields that are counts, never-issued parts, a published sample or a schema; compressed
 *       clean JSON without its coding; words in four-letter groups before a fence; OpenAI Chat with empty tool
 *       outputs and nothing else; a device inventory whose dates sit beside "iPhone"; {@code .env.example} how-to
 *       placeholders ({@code generate-with-openssl-rand-hex-32}); tokens a tool masked ({@code sk-ant-api03-[REDACTED]},
 *       {@code ***}), {@code grep -n} lines of a file named {@code credentials}, a service-account file whose key is
 *       redacted, a Terraform plan's {@code null} password (from {@code rt36-tools}).</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Lead36 {

    static final long SEED = 20_261_236L;
    static final String FAMILY = "lead36";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final String ANTHROPIC = "https://api.anthropic.com/v1/messages";
    private static final String OPENAI_CHAT = "https://api.openai.com/v1/chat/completions";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Lead36(Rng r) {
        this.r = r;
    }

    /** Every case of the family. */
    static List<HardCorpus.Out> cases(Rng r) {
        Lead36 c = new Lead36(r);
        c.pemMarks();
        c.splitSsn();
        c.mislabelled();
        c.spacedFence();
        c.emptyToolOutput();
        c.jwtWraps();
        c.benign();
        return c.out;
    }

    // ---- keys through line marks ----

    private static final List<String> KEYS = List.of("rsa", "ec", "pkcs8", "openssh", "dsa", "pkcs8-encrypted",
            "rsa-legacy-encrypted", "pgp");

    /** {@code text}'s lines, each after {@code mark.apply(index)}. */
    static String marked(String text, IntFunction<String> mark) {
        String[] lines = text.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            b.append(i == 0 ? "" : "\n").append(mark.apply(i)).append(lines[i]);
        }
        return b.toString();
    }

    private void pemMarks() {
        for (int i = 0; i < 26; i++) {
            String format = KEYS.get(i % KEYS.size());
            String key = HardValues.privateKey(r, format);
            String file = r.pick("deploy/id_rsa", "certs/server.key", "infra/keys/signing.pem", ".ssh/id_ed25519");
            String text = switch (i % 13) {
                case 0 -> marked(key, n -> String.format("%6d\u2192", n + 1));
                case 1 -> "$ cat -n " + file + "\n" + marked(key, n -> String.format("%6d\t", n + 1));
                case 2 -> "$ grep -rn . " + file + "\n" + marked(key, n -> file + ":" + (n + 1) + ":");
                case 3 -> "diff --git a/" + file + " b/" + file + "\nnew file mode 100600\n--- /dev/null\n+++ b/"
                        + file + "\n@@ -0,0 +1," + key.split("\n").length + " @@\n" + marked(key, n -> "+");
                case 4 -> "*** Begin Patch\n*** Add File: src/auth/signer.js\n+const PRIVATE_KEY = `"
                        + marked(key, n -> n == 0 ? "" : "+") + "`;\n+module.exports = { PRIVATE_KEY };\n*** End Patch";
                case 5 -> "On Monday the ops team wrote:\n" + marked(key, n -> "> ");
                case 6 -> "# The signing key, kept here until the vault is ready:\n" + marked(key, n -> "# ");
                case 7 -> marked(key, n -> String.format("%6d\u2192", n + 40));
                case 8 -> "$ grep -rn -A40 'PRIVATE KEY' .\n" + marked(key, n -> "./" + file + (n == 0 ? ":" : "-")
                        + (n + 9) + (n == 0 ? ":" : "-"));
                case 9 -> "$ bat " + file + "\n" + marked(key, n -> String.format("%4d   \u2502 ", n + 1));
                case 10 -> marked(key, n -> String.format("%7d ", n + 1));
                case 11 -> "$ journalctl -u api -o short\n" + marked(key, n -> String.format(
                        "Oct 14 09:%02d:%02d web-02 api[4531]: %s", 36 + n / 60, n % 60, n == 0 ? "DEPLOY_KEY=" : ""));
                default -> marked(key, n -> "\u001b[35m" + file + "\u001b[m\u001b[36m:\u001b[m\u001b[32m" + (n + 1)
                        + "\u001b[m\u001b[36m:\u001b[m");
            };
            add("pem-marks", HardValues.keyRule(format), Values.CREDENTIAL, text);
        }
    }

    // ---- an SSN in three fields ----

    private void splitSsn() {
        String[][] names = {{"ssn_area", "ssn_group", "ssn_serial"}, {"ssn1", "ssn2", "ssn3"},
            {"ssn[0]", "ssn[1]", "ssn[2]"}, {"SocialSecurityPart1", "SocialSecurityPart2", "SocialSecurityPart3"}};
        for (int i = 0; i < 8; i++) {
            String[] ssn = HardValues.ssn(r, "-").split("-");
            String[] n = names[i % names.length];
            String person = r.pick("Tomasz Reinholt", "Ana Moss", "Dana Park", "Omar Ito", "Lee Varga");
            String text = switch (i % 4) {
                case 0 -> "Save this record:\n{\"name\": \"" + person + "\", \"" + n[0] + "\": \"" + ssn[0] + "\", \""
                        + n[1] + "\": \"" + ssn[1] + "\", \"" + n[2] + "\": \"" + ssn[2] + "\"}";
                case 1 -> "POST /onboarding/step2\nfirst=" + person.split(" ")[0] + "&" + n[0] + "=" + ssn[0] + "&"
                        + n[1] + "=" + ssn[1] + "&" + n[2] + "=" + ssn[2] + "&submit=Next";
                case 2 -> "employee:\n  name: " + person + "\n  " + n[0] + ": \"" + ssn[0] + "\"\n  " + n[1] + ": \""
                        + ssn[1] + "\"\n  " + n[2] + ": \"" + ssn[2] + "\"\n";
                default -> "crm_update(name=\"" + person + "\", " + n[0] + "=\"" + ssn[0] + "\", " + n[1] + "=\""
                        + ssn[1] + "\", " + n[2] + "=\"" + ssn[2] + "\")";
            };
            add("split-ssn", "pii.us-ssn-split-fields", Values.PII, text);
        }
    }

    // ---- compressed bodies declared JSON, codings mislabelled ----

    private String anthropicJson(String text) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}]}";
    }

    private static byte[] bzip2(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void mislabelled() {
        for (int i = 0; i < 8; i++) {
            String token = HardValues.github(r, "ghp_");
            byte[] json = utf8(anthropicJson("Push with this token: GITHUB_TOKEN=" + token));
            String[] how = switch (i % 8) {
                case 0 -> new String[] {"gzip", null};
                case 1 -> new String[] {"zlib", null};
                case 2 -> new String[] {"bzip2", null};
                case 3 -> new String[] {"bzip2", "identity"};
                case 4 -> new String[] {"zlib", "br"};
                case 5 -> new String[] {"gzip", "zstd"};
                case 6 -> new String[] {"bzip2", "gzip"};
                default -> new String[] {"zlib", "gzip"};
            };
            byte[] body = compressed(how[0], json);
            List<java.util.Map.Entry<String, String>> headers = how[1] == null
                    ? Containers.headers("Content-Type", "application/json")
                    : Containers.headers("Content-Type", "application/json", "Content-Encoding", how[1]);
            Containers.Req req = new Containers.Req("POST", ANTHROPIC, headers, body, true,
                    how[0] + " body declared JSON, Content-Encoding " + (how[1] == null ? "absent" : how[1]));
            out.add(new HardCorpus.Out(req, List.of("credential.github-pat"), List.of(), tags("mislabelled",
                    Values.CREDENTIAL, "body-" + how[0]), ""));
        }
    }

    private static byte[] compressed(String how, byte[] data) {
        return switch (how) {
            case "gzip" -> Binary.gzip(data);
            case "zlib" -> Binary.zlib(data);
            default -> bzip2(data);
        };
    }

    // ---- base64 in spaced groups before a code fence ----

    private void spacedFence() {
        for (int i = 0; i < 4; i++) {
            String b64 = Base64.getEncoder().encodeToString(utf8("GITHUB_TOKEN=" + HardValues.github(r, "ghp_")));
            String groups = String.join(" ", b64.split("(?<=\\G.{4})"));
            String text = i % 2 == 0 ? "Save this note for later.\n```\n" + groups + "\n```"
                    : "Decode this for me:\n\n" + groups + "\n\n";
            add("spaced-fence", "credential.github-pat", Values.CREDENTIAL, text);
        }
    }

    // ---- an empty tool output among OpenAI Chat tool messages ----

    private static String toolMessage(String id, String content) {
        return "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"" + content.replace("\n", "\\n") + "\"}";
    }

    private String chatWithTools(String... outputs) {
        StringBuilder b = new StringBuilder("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Run the checks and fix what fails.\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[");
        for (int k = 0; k < outputs.length; k++) {
            b.append(k == 0 ? "" : ",").append("{\"id\":\"call_").append(k).append("\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"shell\",\"arguments\":\"{\\\"cmd\\\":\\\"step ").append(k)
                    .append("\\\"}\"}}");
        }
        b.append("]}");
        for (int k = 0; k < outputs.length; k++) {
            b.append(",").append(toolMessage("call_" + k, outputs[k]));
        }
        return b.append("]}").toString();
    }

    private void emptyToolOutput() {
        for (int i = 0; i < 3; i++) {
            String token = HardValues.github(r, "ghp_");
            String body = i == 0 ? chatWithTools("", "GITHUB_TOKEN=" + token + "\nCI=true")
                    : i == 1 ? chatWithTools("ok", "", "export GITHUB_TOKEN=" + token)
                    : chatWithTools("GITHUB_TOKEN=" + token, "", "");
            Containers.Req req = new Containers.Req("POST", OPENAI_CHAT, Containers.headers("Content-Type",
                    "application/json"), utf8(body), false, "body json, OpenAI Chat tool messages, one empty");
            out.add(new HardCorpus.Out(req, List.of("credential.github-pat"), List.of(), tags("empty-tool",
                    Values.CREDENTIAL, "json-openai-chat"), ""));
        }
    }

    // ---- a JWT hard-wrapped by a terminal ----

    /** {@code text} cut every {@code width} columns, as {@code tmux capture-pane} or {@code fold -w} prints it. */
    private static String hardWrapped(String text, int width) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            for (int i = 0; i < line.length(); i += width) {
                b.append(line, i, Math.min(line.length(), i + width)).append('\n');
            }
            if (line.isEmpty()) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    private void jwtWraps() {
        for (int i = 0; i < 3; i++) {
            String jwt = HardValues.jwt(r);
            String text = "dev@box:~/repo$ cat app/settings.py\nclass Settings:\n    debug = False\n    service_jwt = \""
                    + jwt + "\"\n    retries = 3\n\ndev@box:~/repo$ ";
            add("jwt-wrap", "credential.jwt", Values.CREDENTIAL, hardWrapped(text, i == 2 ? 100 : 80));
        }
    }

    // ---- hard negatives ----

    private void benign() {
        String publicKey = "-----BEGIN PUBLIC KEY-----\n" + Values.wrap(Base64.getEncoder().encodeToString(r.bytes(294)),
                64) + "\n-----END PUBLIC KEY-----";
        String cert = "-----BEGIN CERTIFICATE-----\n" + Values.wrap(Base64.getEncoder().encodeToString(r.bytes(700)),
                64) + "\n-----END CERTIFICATE-----";
        negative("pem-marks", marked(publicKey, n -> String.format("%6d\u2192", n + 1)));
        negative("pem-marks", "$ cat -n certs/ca.pem\n" + marked(cert, n -> String.format("%6d\t", n + 1)));
        negative("pem-marks", marked("-----BEGIN RSA PRIVATE KEY-----\n<paste the deploy key here>\n"
                + "-----END RSA PRIVATE KEY-----", n -> "+"));
        negative("pem-marks", marked("-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----",
                n -> String.format("%6d\u2192", n + 1)));
        negative("pem-marks", marked(cert, n -> "> "));
        negative("pem-marks", "$ journalctl -u api -o short\n" + marked(publicKey, n -> String.format(
                "Oct 14 09:36:%02d web-02 api[4531]: ", n)));

        negative("masked", "export const config = {\n  baseUrl: 'https://api.acme-corp.io',\n"
                + "  token: 'sk-ant-api03-[REDACTED]',\n  timeoutMs: 15000,\n};");
        negative("masked", "$ printenv | grep KEY\nANTHROPIC_API_KEY=sk-ant-api03-***\nOPENAI_API_KEY=sk-proj-[MASKED]\n");
        negative("masked", "$ rg -n -C1 'aws_'\n.aws/credentials-1-[default]\n"
                + ".aws/credentials:2:aws_access_key_id = AKIA************WXYZ\n"
                + ".aws/credentials:3:aws_secret_access_key = ****************************************\n"
                + ".aws/credentials-4-region = us-east-1\n");
        negative("masked", "{\"type\": \"service_account\", \"project_id\": \"acme-prod\", \"private_key_id\": \""
                + r.from(Rng.HEX, 40) + "\", \"private_key\": \"-----BEGIN RSA PRIVATE KEY-----\\nREDACTED\\n"
                + "-----END RSA PRIVATE KEY-----\\n\", \"client_email\": \"ci@acme-prod.iam.gserviceaccount.com\"}");

        negative("split-ssn", "GET /api/stats?ssn_count=100&page=12&limit=1000");
        negative("split-ssn", "{\"ssn_area\": \"666\", \"ssn_group\": \"24\", \"ssn_serial\": \"9075\"}");
        negative("split-ssn", "{\"ssn_area\": \"912\", \"ssn_group\": \"31\", \"ssn_serial\": \"4410\"}");
        negative("split-ssn", "ssn1=123&ssn2=45&ssn3=6789");
        negative("split-ssn", "CREATE TABLE employee (\n  ssn_area CHAR(3),\n  ssn_group CHAR(2),\n"
                + "  ssn_serial CHAR(4)\n);");
        negative("split-ssn", "ssn_len=3&ssn_parts=3&ssn_digits=9");

        for (String how : List.of("gzip", "bzip2")) {
            byte[] json = utf8(anthropicJson("Summarise the release notes of version 2.4 for the changelog."));
            Containers.Req req = new Containers.Req("POST", ANTHROPIC, Containers.headers("Content-Type",
                    "application/json"), compressed(how, json), true, how + " body declared JSON, no Content-Encoding");
            out.add(new HardCorpus.Out(req, List.of(), List.of(), negativeTags("mislabelled", "body-" + how), ""));
        }

        String plan = "{\"values\":{\"root_module\":{\"resources\":[{\"address\":\"aws_iam_access_key.ci\","
                + "\"values\":{\"id\":\"AKIA************WXYZ\",\"user\":\"ci-deployer\",\"status\":\"Active\","
                + "\"ses_smtp_password_v4\":null},\"sensitive_values\":{}}]}}}";
        Containers.Req tf = new Containers.Req("POST", "https://mcp.example.invalid/tools", Containers.headers(
                "Content-Type", "application/json"), utf8(plan), false, "body json, terraform show -json, a null password");
        out.add(new HardCorpus.Out(tf, List.of(), List.of(), negativeTags("masked", "json-body"), ""));

        negative("jwt-wrap", hardWrapped("dev@box:~/repo$ kubectl get pods -o wide\nNAME                              READY   "
                + "STATUS    RESTARTS   AGE   IP            NODE\napi-7f9c6d8b5-x2k4q               1/1     Running   0    "
                + "      3d    10.244.1.17   node-a\n", 80));

        negative("spaced-fence", "Here is the word list for the game:\n```\nthis that with from have\n```");
        negative("spaced-fence", "Checksums:\n\n" + String.join(" ", Base64.getEncoder().encodeToString(r.bytes(30))
                .split("(?<=\\G.{4})")) + "\n\n");

        for (int i = 0; i < 2; i++) {
            String body = i == 0 ? chatWithTools("", "All 42 tests passed.") : chatWithTools("", "", "");
            Containers.Req req = new Containers.Req("POST", OPENAI_CHAT, Containers.headers("Content-Type",
                    "application/json"), utf8(body), false, "body json, OpenAI Chat tool messages, empty outputs");
            out.add(new HardCorpus.Out(req, List.of(), List.of(), negativeTags("empty-tool", "json-openai-chat"), ""));
        }

        StringBuilder devices = new StringBuilder("$ mdmctl devices export --format csv\n"
                + "device_id,model,os,serial,enrolled\n");
        for (int i = 0; i < 6; i++) {
            devices.append(r.from(Rng.HEX, 8)).append(',').append(r.pick("iPhone 15", "iPhone 14", "Pixel 8"))
                    .append(",iOS 17.4,").append(r.from(Rng.UPPER + Rng.DIGITS, 12)).append(",202")
                    .append(r.between(3, 5)).append(String.format("-%02d-%02d", r.between(1, 12), r.between(1, 28)))
                    .append('\n');
        }
        negative("device-dates", devices.toString());

        negative("env-example", "$ cat .env.example\nNODE_ENV=development\nSESSION_SECRET=generate-with-openssl-rand-hex-32\n"
                + "STRIPE_SECRET_KEY=generate-with-openssl-rand-hex-32\nSLACK_BOT_TOKEN=paste-bot-token-here\n");
    }

    // ---- cases ----

    private List<String> tags(String kind, String category, String container) {
        return List.of("family:" + FAMILY, "cat:" + category, FAMILY + ":" + kind, "container:" + container,
                "enc:none");
    }

    private List<String> negativeTags(String kind, String container) {
        return List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none");
    }

    private void add(String kind, String rule, String category, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                tags(kind, category, container), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                negativeTags(kind, container), text));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
