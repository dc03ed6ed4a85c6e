package dev.sieve.rules.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Family {@code lead39}: a secret store read by an agent's tool, its output in the next message. The agent runs a
 * command that prints one stored secret ({@code vault kv get -field=...}, {@code op read}, {@code gcloud secrets versions
 * access}, {@code aws secretsmanager get-secret-value ... --output text}, {@code kubectl ... | base64 -d}, {@code
 * security find-generic-password -w}, {@code az keyvault secret show -o tsv}, {@code pass show}) and the tool returns
 * the bare value: a password without a vendor prefix. The call and its result are different messages of the
 * transcript, as each API writes them: Anthropic {@code tool_use}/{@code tool_result}, OpenAI Chat {@code tool_calls}
 * and a {@code tool} message, OpenAI Responses {@code function_call}/{@code function_call_output} (Codex's command
 * array and its JSON output wrapper) and Gemini {@code functionCall}/{@code functionResponse}.
 * <ul>
 *   <li>Positives ({@code lead39:<api>}): the value is found by {@code credential.command-output-secret} in view
 *       {@code json:$|joined-exchange}.</li>
 *   <li>Negatives ({@code neg:lead39}): the same commands whose output is an error, a placeholder or a JSON listing;
 *       ordinary commands whose output is one token ({@code git rev-parse HEAD}, {@code pwd}, {@code ls},
 *       {@code date}).</li>
 * </ul>
 * <p>Also ({@code lead39:vendor}): New Relic license keys (36 hex and NRAL) and Intercom access tokens (base64 of
 * {@code tok:<id>:1:0}) read from a secret store without a command or a vendor word, against near misses.
 * Written with the fix, so not held out.
 */
final class Lead39 {

    static final long SEED = 20_261_239L;
    static final String FAMILY = "lead39";
    private static final String RULE = "credential.command-output-secret";

    private final FamilyCases cases;
    private final Rng r;

    private Lead39(Rng r) {
        this.r = r;
        this.cases = new FamilyCases(FAMILY, List.of("text"), r, FAMILY);
    }

    static List<HardCorpus.Out> cases(Rng r) {
        Lead39 c = new Lead39(r);
        c.positives();
        c.negatives();
        c.vendorShapes();
        return c.cases.all();
    }

    private static String q(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private String secretRead() {
        String name = r.pick("prod-db", "stripe", "smtp", "deploy", "ldap-bind", "redis");
        return switch (r.nextInt(8)) {
            case 0 -> "vault kv get -field=password secret/" + name;
            case 1 -> "op read 'op://" + r.pick("Engineering", "Prod", "Private") + "/" + name + "/credential'";
            case 2 -> "gcloud secrets versions access latest --secret=" + name + "-password";
            case 3 -> "aws secretsmanager get-secret-value --secret-id prod/" + name
                    + " --query SecretString --output text";
            case 4 -> "kubectl get secret " + name + " -n " + r.pick("prod", "payments") + " -o jsonpath='{.data.password}'"
                    + " | base64 -d";
            case 5 -> "security find-generic-password -a " + r.pick("dana", "ci") + " -s '" + name + "' -w";
            case 6 -> "az keyvault secret show --vault-name acme-kv -n " + name + " --query value -o tsv";
            default -> "pass show work/" + name;
        };
    }

    /** The transcript of one call and its output, as {@code api} writes it. */
    private Containers.Req exchange(String api, String command, String output) {
        String id = "call_" + r.from(Rng.ALNUM, 24);
        String body = switch (api) {
            case "anthropic" -> "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"why does the deploy fail with 401?\"},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Let me check the stored credential.\"},"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_" + r.from(Rng.ALNUM, 24) + "\",\"name\":\"Bash\",\"input\":"
                    + "{\"command\":" + q(command) + ",\"description\":\"Read the stored credential\"}}]},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_x\",\"content\":"
                    + (r.nextInt(2) == 0 ? q(output) : "[{\"type\":\"text\",\"text\":" + q(output) + "}]") + "}]}]}";
            case "openai-chat" -> "{\"model\":\"gpt-4.1\",\"messages\":["
                    + "{\"role\":\"system\",\"content\":\"You are a coding agent in the user's terminal.\"},"
                    + "{\"role\":\"user\",\"content\":\"debug the deploy\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"" + id + "\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"run_shell\",\"arguments\":" + q("{\"cmd\": " + q(command) + "}") + "}}]},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":" + q(output) + "}]}";
            case "openai-responses" -> "{\"model\":\"gpt-5-codex\",\"input\":["
                    + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"why does the integration 401?\"}]},"
                    + "{\"type\":\"function_call\",\"call_id\":\"" + id + "\",\"name\":\"shell\",\"arguments\":"
                    + q("{\"command\": [\"bash\", \"-lc\", " + q(command) + "]}") + "},"
                    + "{\"type\":\"function_call_output\",\"call_id\":\"" + id + "\",\"output\":"
                    + q("{\"output\": " + q(output) + ", \"metadata\": {\"exit_code\": 0, \"duration_seconds\": 0.3}}")
                    + "}]}";
            default -> "{\"contents\":["
                    + "{\"role\":\"user\",\"parts\":[{\"text\":\"check the service credential\"}]},"
                    + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"run_command\",\"args\":{\"command\":"
                    + q(command) + "}}}]},"
                    + "{\"role\":\"function\",\"parts\":[{\"functionResponse\":{\"name\":\"run_command\",\"response\":"
                    + "{\"stdout\":" + q(output) + "}}}]}]}";
        };
        String target = switch (api) {
            case "anthropic" -> "https://api.anthropic.com/v1/messages";
            case "openai-chat" -> "https://api.openai.com/v1/chat/completions";
            case "openai-responses" -> "https://api.openai.com/v1/responses";
            default -> "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent";
        };
        return new Containers.Req("POST", target, Containers.headers("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), false, "body json, " + api + " tool call and its result");
    }

    private static final List<String> APIS = List.of("anthropic", "openai-chat", "openai-responses", "gemini");

    private void positives() {
        for (int i = 0; i < 24; i++) {
            String api = APIS.get(i % APIS.size());
            String output = HardValues.password(r) + (r.nextInt(2) == 0 ? "\n" : "");
            cases.positive(api, List.of(RULE), exchange(api, secretRead(), output), "json-" + api);
        }
    }

    /** A tool result of a secret store read through an MCP server or a file: no command to read it by. */
    private String bareRead(String value) {
        return r.pick("Contents of /run/secrets/" + r.pick("nr", "support-bot", "ingest") + ":\n\n",
                "The secret-manager tool returned:\n", "") + value + "\n";
    }

    /** New Relic's current license key and Intercom's access token, whose shapes need no keyword. */
    private void vendorShapes() {
        String hex = "0123456789abcdef";
        for (int i = 0; i < 4; i++) {
            cases.text("vendor", "credential.saas-api-token", bareRead(r.from(hex, 36) + "NRAL"));
        }
        for (int i = 0; i < 4; i++) {
            String id = (i % 2 == 0 ? r.from("abcdef", 1) : r.from("0123456789", 1)) + r.from(hex, 7) + "_"
                    + r.from(hex, 4) + "_4" + r.from(hex, 3) + "_" + r.from("89ab", 1) + r.from(hex, 3) + "_"
                    + r.from(hex, 12);
            String token = java.util.Base64.getEncoder().encodeToString(("tok:" + id + ":1:0")
                    .getBytes(StandardCharsets.UTF_8));
            cases.text("vendor", "credential.business-api-token", bareRead(token));
        }
        cases.neg("vendor", "NRAL=" + r.from(hex, 35) + "NRAL and the ticket NRAL-" + r.digits(4));
        cases.neg("vendor", "Intercom tokens start with dG9rOj (base64 of 'tok:'): dG9rOj<your-token>");
    }

    private void negatives() {
        for (int i = 0; i < 16; i++) {
            String api = APIS.get(i % APIS.size());
            String[] pair = switch (i % 8) {
                case 0 -> new String[] {secretRead(), "Error: secret not found (404)"};
                case 1 -> new String[] {secretRead(), "${DB_PASSWORD}"};
                case 2 -> new String[] {secretRead(), "<your-password-here>"};
                case 3 -> new String[] {"aws secretsmanager list-secrets --output json",
                    "{\n  \"SecretList\": [{\"Name\": \"prod/app\", \"ARN\": \"arn:aws:secretsmanager:eu-west-1:"
                            + r.digits(12) + ":secret:prod/app-" + r.from(Rng.ALNUM, 6) + "\"}]\n}"};
                case 4 -> new String[] {"git rev-parse HEAD", r.from("0123456789abcdef", 40)};
                case 5 -> new String[] {"pwd", "/home/dana/src/" + r.pick("payments", "kestrel-api", "infra")};
                case 6 -> new String[] {"ls dist", r.pick("app-", "bundle-", "main.") + r.from("0123456789abcdef", 8)
                        + ".js"};
                default -> new String[] {"date -u +%Y%m%dT%H%M%SZ", "20261207T" + r.digits(6) + "Z"};
            };
            cases.negative("exchange", exchange(api, pair[0], pair[1]), "json-" + api,
                    api + ": $ " + pair[0] + " -> " + pair[1].length() + " characters");
        }
    }
}
