package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Family {@code vendor35}: the long tail of vendor credential formats the pack closed in session 35 after a blind
 * red-team round on vendor keys, in the placements an agent ships them, with hard negatives.
 * <ul>
 *   <li>Positives ({@code vendor35:<format>}): self-identifying prefixed tokens (SonarQube {@code squ_/sqp_/sqa_},
 *       Render {@code rnd_}, Neon {@code napi_}, JFrog reference tokens {@code cmVmdGtu...}, Azure OpenAI / AI
 *       services 84-character keys with {@code JQQJ99} and {@code ACOG}, Tavily {@code tvly-[dev-|prod-]}, Doppler
 *       {@code dp.st.<config>.}, {@code dp.ct.}, {@code dp.scim.}, {@code dp.audit.}, Plaid production and development
 *       access tokens, Dropbox {@code sl.} and long {@code sl.u.} tokens) bare, in prose, in a .env, a JSON config,
 *       code and a curl command; Telegram bot tokens in a Bot API URL's path; {@code curl -u "<client id>:<secret>"} with an 80-character client id; W&B keys (40 hex) after a
 *       key/login/password word next to {@code wandb}; DeepSeek {@code sk-} + 32 hex next to {@code deepseek}.</li>
 *   <li>Negatives ({@code neg:vendor35}, {@code neg:<format>}): placeholders and templates, masked or truncated
 *       values, the vendors' documentation examples (Doppler's and Telegram's), test-mode values (Plaid sandbox),
 *       look-alikes without the vendor's marker (an 84-character key of another provider, a dotted triple whose first
 *       part is not a numeric id, {@code ssl.}/{@code xsl.} names), a commit hash or checksum next to the vendor's
 *       word.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Vendor35 {

    static final long SEED = 20_261_235L;
    static final String FAMILY = "vendor35";

    private static final String LOWER_ALNUM = Rng.LOWER + Rng.DIGITS;
    private static final String DEVOPS = "credential.devops-platform-token";
    private static final String AI = "credential.ai-provider-key";
    private static final String SAAS = "credential.saas-api-token";
    private static final String BUSINESS = "credential.business-api-token";
    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic-tool", "json-openai-chat",
            "json-gemini", "json-anthropic", "json-openai-responses");

    private final Rng r;
    private final TextFamily cases;

    private Vendor35(Rng r) {
        this.r = r;
        this.cases = new TextFamily(FAMILY, TEXT_CONTAINERS, r);
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Vendor35 c = new Vendor35(r);
        c.prefixed();
        c.telegramUrl();
        c.curlClientSecret();
        c.wandb();
        c.deepseek();
        c.negatives();
        return c.cases.cases();
    }

    // ---- values (synthetic, random bodies) ----

    private String sonar() {
        return "sq" + r.pick("u", "p", "a") + "_" + r.from(Rng.HEX, 40);
    }

    private String render() {
        return "rnd_" + r.from(Rng.ALNUM, r.between(28, 32));
    }

    private String neon() {
        return "napi_" + r.from(LOWER_ALNUM, 64);
    }

    private String jfrog() {
        String plain = "reftkn:01:" + r.pick("0000000000", "17" + r.digits(8)) + ":" + r.from(Rng.ALNUM, 27);
        return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    private String azureAi() {
        return r.from(Rng.ALNUM, 52) + "JQQJ9" + r.pick("9", "D", "H") + r.from(Rng.ALNUM, 1)
                + r.pick("A", "B", "C", "D", "F", "L") + r.pick("ACYeBjFXJ3w3AAAA", "ACHYHv6XJ3w3AAAA",
                        r.from(Rng.ALNUM, 16)) + "ACOG" + r.from(Rng.ALNUM, 4);
    }

    private String tavily() {
        return "tvly-" + r.pick("", "dev-", "prod-") + r.from(Rng.ALNUM, 32);
    }

    private String doppler() {
        return switch (r.nextInt(5)) {
            case 0 -> "dp.st." + r.pick("prd", "dev", "stg", "ci_backend", "dev_personal") + "."
                    + r.from(Rng.ALNUM, r.between(40, 44));
            case 1 -> "dp.ct." + r.from(Rng.ALNUM, r.between(40, 44));
            case 2 -> "dp.scim." + r.from(Rng.ALNUM, r.between(40, 44));
            case 3 -> "dp.audit." + r.from(Rng.ALNUM, r.between(40, 44));
            default -> "dp.st." + r.from(Rng.ALNUM, 43);
        };
    }

    private String plaid() {
        return "access-" + r.pick("production", "development") + "-" + uuid();
    }

    private String dropbox() {
        return r.chance(0.5) ? "sl.B" + r.from(Rng.URLSAFE, 134)
                : "sl.u.A" + r.pick("F", "G") + r.from(Rng.URLSAFE, r.between(900, 1300));
    }

    private String telegram() {
        return r.digits(1).replace('0', '7') + r.digits(r.between(8, 9)) + ":AA" + r.from(Rng.URLSAFE, 33);
    }

    private String uuid() {
        return r.from(Rng.HEX, 8) + "-" + r.from(Rng.HEX, 4) + "-4" + r.from(Rng.HEX, 3) + "-" + r.pick("8", "9", "a", "b")
                + r.from(Rng.HEX, 3) + "-" + r.from(Rng.HEX, 12);
    }

    // ---- placements ----

    private record Format(String name, String rule, String vendor, String env, Supplier<String> value, String api) {
    }

    private String place(int placement, Format f, String v) {
        return switch (placement) {
            case 0 -> v + "\n";
            case 1 -> r.pick("I keep getting 401 from " + f.vendor() + ". This is the key I'm using: " + v
                            + " - is it the right format?",
                    f.vendor() + " setup: I set the token to `" + v + "` but the client says unauthorized.",
                    "here you go, the " + f.vendor() + " credential for staging:\n\n" + v + "\n\nrotate it after.");
            case 2 -> "# " + f.vendor() + "\n" + f.env() + "=" + v + "\nLOG_LEVEL=info\nPORT=" + r.between(3000, 9000)
                    + "\n";
            case 3 -> "{\n  \"service\": \"" + r.pick("orders-api", "billing", "indexer") + "\",\n  \"integrations\": {\n"
                    + "    \"" + f.vendor().toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + "\": {\n"
                    + "      \"" + r.pick("token", "apiKey", "accessToken", "credential") + "\": \"" + v + "\"\n"
                    + "    }\n  }\n}\n";
            case 4 -> "import os\n\nclient = Client(\n    endpoint=\"" + f.api() + "\",\n    credential=\"" + v
                    + "\",\n)\n";
            default -> "curl -sS " + r.pick("-H \"Authorization: Bearer " + v + "\" " + f.api(),
                    "\"" + f.api() + "?token=" + v + "\"", "-H 'X-Api-Key: " + v + "' " + f.api());
        };
    }

    private void prefixed() {
        List<Format> formats = List.of(
                new Format("sonar", DEVOPS, "SonarQube", "SONAR_TOKEN", this::sonar,
                        "https://sonarcloud.io/api/authentication/validate"),
                new Format("render", DEVOPS, "Render", "RENDER_API_KEY", this::render,
                        "https://api.render.com/v1/services"),
                new Format("neon", DEVOPS, "Neon", "NEON_API_KEY", this::neon,
                        "https://console.neon.tech/api/v2/projects"),
                new Format("jfrog-reference", DEVOPS, "JFrog", "JFROG_ACCESS_TOKEN", this::jfrog,
                        "https://acme.jfrog.io/artifactory/api/system/ping"),
                new Format("azure-ai-84", AI, "Azure OpenAI", "AZURE_OPENAI_API_KEY", this::azureAi,
                        "https://acme-eu.openai.azure.com/openai/deployments"),
                new Format("tavily", AI, "Tavily", "TAVILY_API_KEY", this::tavily, "https://api.tavily.com/search"),
                new Format("doppler", SAAS, "Doppler", "DOPPLER_TOKEN", this::doppler,
                        "https://api.doppler.com/v3/configs/config/secrets"),
                new Format("plaid-access", BUSINESS, "Plaid", "PLAID_ACCESS_TOKEN", this::plaid,
                        "https://production.plaid.com/accounts/get"),
                new Format("dropbox", SAAS, "Dropbox", "DROPBOX_ACCESS_TOKEN", this::dropbox,
                        "https://api.dropboxapi.com/2/users/get_current_account"));
        for (Format f : formats) {
            for (int placement = 0; placement < 6; placement++) {
                add(f.name(), f.rule(), place(placement, f, f.value().get()));
            }
        }
    }

    private void telegramUrl() {
        for (int i = 0; i < 5; i++) {
            String t = telegram();
            String method = r.pick("getMe", "sendMessage", "getUpdates", "setWebhook");
            add("telegram-url", SAAS, switch (i % 3) {
                case 0 -> "curl \"https://api.telegram.org/bot" + t + "/" + method + "\"";
                case 1 -> "requests.post(f\"https://api.telegram.org/bot" + t + "/" + method
                        + "\", json={\"chat_id\": chat_id, \"text\": msg})";
                default -> "$ curl -s https://api.telegram.org/bot" + t + "/" + method + " | jq .\n{\"ok\":true}";
            });
        }
    }

    private void curlClientSecret() {
        for (int i = 0; i < 4; i++) {
            String id = "A" + r.from(Rng.URLSAFE, 79);
            String secret = "E" + r.from(Rng.URLSAFE, 79);
            String q = r.pick("\"", "'", "");
            add("curl-client-secret", "credential.generic-secret-assignment",
                    "curl -v https://api-m.paypal.com/v1/oauth2/token " + r.pick("-u ", "--user ") + q + id + ":"
                            + secret + q + " -d \"grant_type=client_credentials\"");
        }
    }

    private void wandb() {
        for (int i = 0; i < 5; i++) {
            String key = r.from(Rng.HEX, 40);
            add("wandb", "credential.wandb-api-key", switch (i) {
                case 0 -> "import wandb\n\nwandb.login(key=\"" + key + "\")\nrun = wandb.init(project=\"finetune\")\n";
                case 1 -> "WANDB_API_KEY=" + key + "\nWANDB_PROJECT=finetune\n";
                case 2 -> "$ cat ~/.netrc\nmachine api.wandb.ai\n  login user\n  password " + key + "\n";
                case 3 -> "$ wandb login " + key + "\nwandb: Appending key for api.wandb.ai to your netrc file\n";
                default -> "{\"env\": {\"WANDB_API_KEY\": \"" + key + "\", \"WANDB_ENTITY\": \"acme-ml\"}}";
            });
        }
    }

    private void deepseek() {
        for (int i = 0; i < 4; i++) {
            String key = "sk-" + r.from(Rng.HEX, 32);
            add("deepseek", "credential.deepseek-api-key", switch (i) {
                case 0 -> "Here is my deepseek token, can you write a script that lists my models?\n\n" + key;
                case 1 -> "DEEPSEEK_API_KEY=" + key + "\n";
                case 2 -> "from openai import OpenAI\n\nclient = OpenAI(api_key=\"" + key
                        + "\", base_url=\"https://api.deepseek.com\")\n";
                default -> "{\"provider\": \"deepseek\", \"model\": \"deepseek-chat\", \"key\": \"" + key + "\"}";
            });
        }
    }

    // ---- hard negatives ----

    private void negatives() {
        String azure = azureAi();
        String[] texts = {
            "SONAR_TOKEN=squ_<your-token>\n",
            "The token is masked in the UI as squ_5b8e...e3b; generate a new one if you lost it.",
            "sqp_" + r.from(Rng.HEX, 39) + " (truncated in the log)",
            "RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            "Render shows the key once, as rnd_" + r.from(Rng.ALNUM, 6) + "... afterwards.",
            "NEON_API_KEY=napi_your_neon_api_key\n",
            "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOj<reference-token>\n",
            "TAVILY_API_KEY=tvly-YOUR_API_KEY\n",
            "tavily = TavilyClient(api_key=os.environ[\"TAVILY_API_KEY\"])  # tvly-dev-... from the dashboard",
            "DOPPLER_TOKEN=dp.st.xxxx\n",
            // the example on Doppler's Auth Token Formats page (a published example: logged, not a detection)
            "Service token format, e.g. dp.st.dev.bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi",
            // test mode, left out like sk_test_ (an assignment of it is credential.generic-secret-assignment's call)
            "The sandbox Item answers with access-sandbox-" + uuid() + ", test data only.",
            "Production Items get tokens shaped like access-production-<access-token-uuid>.",
            "The Item is in access-production-ready state; ask support to migrate it.",
            "DROPBOX_ACCESS_TOKEN=sl.u.AG\n",
            "import ssl.SSLContext and the xsl.transform module before the dropbox sync",
            // Telegram's Bot API documentation example token (33 characters after AA)
            "curl https://api.telegram.org/bot110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe",
            "curl \"https://api.telegram.org/bot<token>/getUpdates\"",
            "curl -u \"$PAYPAL_CLIENT_ID:$PAYPAL_CLIENT_SECRET\" https://api-m.paypal.com/v1/oauth2/token",
            "curl -u admin: https://sonarcloud.io/api/authentication/validate",
            // an 84-character key of another provider (no ACOG) and the Azure shape one character short
            azure.substring(0, 76) + "AZSX" + azure.substring(80),
            azure.substring(1),
            "Discord application id: " + r.digits(18) + ", public key: " + r.from(Rng.HEX, 64),
            "Mozilla.Firefox.Setup-Installer-Package-Long-Name-Here\n",
            "wandb sync run " + r.from(Rng.LOWER + Rng.DIGITS, 8) + " at commit " + r.from(Rng.HEX, 40) + "\n",
            "wandb: ERROR API key must be 40 characters long, yours was 39: " + r.from(Rng.HEX, 39) + "\n",
            "deepseek-r1 weights md5: " + r.from(Rng.HEX, 32),
            "DEEPSEEK_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
        };
        for (String t : texts) {
            negative(t);
        }
    }

    private void add(String kind, String rule, String text) {
        cases.positive(kind, rule, text);
    }

    private void negative(String text) {
        cases.negative(null, text);
    }
}
