package dev.sieve.rules.eval;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Red team of the detectors ({@code family:redteam-det}): what a value looks like and where it is said, written
 * from the vendors' published token formats, the standards' check digits and public secret-scanner and DLP
 * benchmarks, before reading the pack's patterns. Positives carry {@code rt:<kind>}; negatives {@code neg:rt-<kind>}.
 * Kinds: current vendor token formats (model providers, code hosts, chat, payments, cloud, SaaS) said bare, in
 * config, code, JSON, headers and URLs; passwords in config, code and command lines of many languages; private keys
 * in JSON, YAML, JWK and WireGuard forms; wallets; national identifiers; cards of every brand and shape; IBANs;
 * confidentiality markers in many phrasings and languages. Negatives: placeholders, masked and redacted values,
 * object ids that look like tokens, hashes, public keys, look-alike numbers (IMEI, ISBN, EAN, epoch milliseconds,
 * transaction hashes) and words that only mention secrets or classifications.
 * A positive names the rule that clearly owns its value, else only the category.
 */
final class RedTeamDetectors {

    static final long SEED = 20_261_205L;
    static final String FAMILY = "redteam-det";

    private static final String CRED = Values.CREDENTIAL;
    private static final String FIN = Values.FINANCIAL;
    private static final String PII = Values.PII;
    private static final String SRC = Values.SOURCE;
    private static final String AI = "credential.ai-provider-key";
    private static final String SAAS = "credential.saas-api-token";
    private static final String JWK = "credential.private-key-jwk";
    private static final String NATIONAL = "pii.national-id";
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** One payload: expected rules and categories (both empty for a negative) and the text. */
    record Item(List<String> rules, List<String> categories, String text) {
    }

    private record Kind(String name, int count, Function<Rng, Item> make, List<String> containers) {
    }

    private RedTeamDetectors() {
    }

    static List<HardCorpus.Out> positives(Rng r) {
        List<HardCorpus.Out> out = new ArrayList<>();
        int turn = 0;
        for (Kind k : positiveKinds()) {
            for (int i = 0; i < k.count(); i++) {
                Item item = k.make().apply(r);
                String container = HardCorpus.fit(k.containers(), turn++, item.text());
                List<String> tags = new ArrayList<>(List.of("family:" + FAMILY));
                java.util.Set<String> cats = new java.util.TreeSet<>(item.categories());
                item.rules().forEach(id -> cats.add(id.substring(0, id.indexOf('.'))));
                cats.forEach(c -> tags.add("cat:" + c));
                tags.addAll(List.of("container:" + container, "enc:none", "rt:" + k.name()));
                out.add(new HardCorpus.Out(HardCorpus.build(container, item.text(), r), item.rules(),
                        item.categories(), tags, item.text()));
            }
        }
        return out;
    }

    static List<HardCorpus.Out> negatives(Rng r) {
        List<HardCorpus.Out> out = new ArrayList<>();
        int turn = 0;
        for (Kind k : negativeKinds()) {
            for (int i = 0; i < k.count(); i++) {
                String text = k.make().apply(r).text();
                String container = HardCorpus.fit(k.containers(), turn++, text);
                out.add(new HardCorpus.Out(HardCorpus.build(container, text, r), List.of(), List.of(),
                        List.of("family:" + FAMILY, "neg:rt-" + k.name(), "container:" + container, "enc:none"), text));
            }
        }
        return out;
    }

    private static final List<String> LINES = List.of("json-anthropic", "json-openai-chat", "transcript",
            "json-gemini", "openai-tool", "json-anthropic-tool", "text", "json-openai-responses", "form", "multipart");
    private static final List<String> FILES = List.of("json-anthropic-tool", "transcript", "openai-tool",
            "json-anthropic", "openai-file-text", "multipart", "json-openai-chat", "anthropic-document-text",
            "gemini-inline-text", "gzip-octet");

    private static List<Kind> positiveKinds() {
        return List.of(
                new Kind("llm-key", 30, RedTeamDetectors::llmKey, LINES),
                new Kind("vendor-token", 90, RedTeamDetectors::vendorToken, LINES),
                new Kind("cloud-credential", 20, RedTeamDetectors::cloudCredential, FILES),
                new Kind("sas-url", 6, RedTeamDetectors::sasUrl, LINES),
                new Kind("password", 44, RedTeamDetectors::password, FILES),
                new Kind("private-key-shape", 12, RedTeamDetectors::privateKeyShape, FILES),
                new Kind("jwk-private", 6, RedTeamDetectors::jwkPrivate, FILES),
                new Kind("wallet", 16, RedTeamDetectors::wallet, FILES),
                new Kind("solana-keypair", 4, RedTeamDetectors::solanaKeypair, FILES),
                new Kind("national-id", 30, RedTeamDetectors::nationalId, LINES),
                new Kind("card-brand", 40, RedTeamDetectors::card, LINES),
                new Kind("card-unionpay-mir", 4, r -> card(r, 7 + r.nextInt(2)), LINES),
                new Kind("iban", 12, RedTeamDetectors::iban, LINES),
                new Kind("marker", 28, RedTeamDetectors::marker, FILES));
    }

    private static List<Kind> negativeKinds() {
        return List.of(
                new Kind("token-placeholder", 24, RedTeamDetectors::tokenPlaceholder, LINES),
                new Kind("password-placeholder", 22, RedTeamDetectors::passwordPlaceholder, FILES),
                new Kind("lookalike-id", 24, RedTeamDetectors::lookalikeId, LINES),
                new Kind("public-material", 16, RedTeamDetectors::publicMaterial, FILES),
                new Kind("lookalike-number", 26, RedTeamDetectors::lookalikeNumber, LINES),
                new Kind("marker-word", 14, RedTeamDetectors::markerWord, FILES),
                new Kind("near-miss", 16, RedTeamDetectors::nearMiss, LINES));
    }

    private static Item rule(String text, String... rules) {
        return new Item(List.of(rules), List.of(), text);
    }

    private static Item cat(String text, String category) {
        return new Item(List.of(), List.of(category), text);
    }

    private static Item neg(String text) {
        return new Item(List.of(), List.of(), text);
    }

    // ---- vendor tokens -------------------------------------------------------------------------------------------

    /** A token, the rule that owns it (null: category only) and the variable a project keeps it in. */
    private record Tok(String rule, String var, String value) {
    }

    /** Said the ways people say a token: bare in prose, env, code, JSON, curl header, URL query. */
    private static String say(Rng r, Tok t) {
        String v = t.value();
        return switch (r.nextInt(8)) {
            case 0 -> "here is the key you asked for: " + v + " (rotate it after the demo)";
            case 1 -> "export " + t.var() + "=" + v;
            case 2 -> t.var() + "=\"" + v + "\"";
            case 3 -> "client = Client(" + r.pick("api_key", "token", "auth") + "=\"" + v + "\", timeout=30)";
            case 4 -> "{\"name\": \"prod\", \"" + r.pick("apiKey", "token", "secret", "key") + "\": \"" + v + "\"}";
            case 5 -> "curl -s https://api.vendor.invalid/v1/me -H \"Authorization: Bearer " + v + "\"";
            case 6 -> "const cfg = { " + r.pick("key", "token", "auth") + ": '" + v + "' };";
            default -> "fetch('https://api.vendor.invalid/v2/items?access_token=" + v + "')";
        };
    }

    private static Item tok(Rng r, Tok t) {
        String text = say(r, t);
        return t.rule() == null ? cat(text, CRED) : rule(text, t.rule());
    }

    private static String alnum(Rng r, int n) {
        return r.from(Rng.ALNUM, n);
    }

    private static String hex(Rng r, int n) {
        return r.from(Rng.HEX, n);
    }

    private static String urlsafe(Rng r, int n) {
        return r.from(Rng.URLSAFE, n);
    }

    private static Item llmKey(Rng r) {
        Tok t = switch (r.nextInt(13)) {
            case 0 -> new Tok("credential.openai-api-key", "OPENAI_API_KEY",
                    "sk-proj-" + urlsafe(r, 74) + "T3BlbkFJ" + urlsafe(r, 74));
            case 1 -> new Tok("credential.openai-api-key", "OPENAI_API_KEY",
                    "sk-svcacct-" + urlsafe(r, 74) + "T3BlbkFJ" + urlsafe(r, 74));
            case 2 -> new Tok("credential.openai-api-key", "OPENAI_ADMIN_KEY",
                    "sk-admin-" + urlsafe(r, 74) + "T3BlbkFJ" + urlsafe(r, 74));
            case 3 -> new Tok("credential.openai-api-key", "OPENAI_API_KEY",
                    "sk-" + alnum(r, 20) + "T3BlbkFJ" + alnum(r, 20));
            case 4 -> new Tok("credential.anthropic-api-key", "ANTHROPIC_API_KEY",
                    "sk-ant-api03-" + urlsafe(r, 93) + "AA");
            case 5 -> new Tok("credential.anthropic-api-key", "ANTHROPIC_ADMIN_KEY",
                    "sk-ant-admin01-" + urlsafe(r, 93) + "AA");
            case 6 -> new Tok("credential.anthropic-api-key", "CLAUDE_CODE_OAUTH_TOKEN",
                    "sk-ant-oat01-" + urlsafe(r, 93) + "AA");
            case 7 -> new Tok(AI, "GROQ_API_KEY", "gsk_" + alnum(r, 52));
            case 8 -> new Tok(AI, "XAI_API_KEY", "xai-" + alnum(r, 80));
            case 9 -> new Tok(AI, "OPENROUTER_API_KEY", "sk-or-v1-" + hex(r, 64));
            case 10 -> new Tok(AI, "PERPLEXITY_API_KEY", "pplx-" + alnum(r, 48));
            case 11 -> new Tok(AI, "REPLICATE_API_TOKEN", "r8_" + alnum(r, 37));
            default -> new Tok("credential.huggingface-token", "HUGGING_FACE_HUB_TOKEN", "hf_" + r.from(Rng.UPPER
                    + Rng.LOWER, 34));
        };
        return tok(r, t);
    }

    private static String github(Rng r, String prefix) {
        String body = alnum(r, 30);
        return prefix + body + Checksums.githubCrc(body);
    }

    private static Item vendorToken(Rng r) {
        Tok t = switch (r.nextInt(45)) {
            case 0 -> new Tok("credential.github-pat", "GITHUB_TOKEN", github(r, "ghp_"));
            case 1 -> new Tok("credential.github-oauth-token", "GH_OAUTH", github(r, "gho_"));
            case 2 -> new Tok(null, "GH_APP_USER_TOKEN", github(r, "ghu_"));
            case 3 -> new Tok(null, "GH_INSTALLATION_TOKEN", github(r, "ghs_"));
            case 4 -> new Tok("credential.github-refresh-token", "GH_REFRESH", github(r, "ghr_"));
            case 5 -> new Tok("credential.github-fine-grained-pat", "GH_TOKEN", "github_pat_11" + r.from(Rng.UPPER
                    + Rng.DIGITS, 20) + "_" + alnum(r, 59));
            case 6 -> new Tok("credential.gitlab-pat", "GITLAB_TOKEN", "glpat-" + urlsafe(r, 20));
            case 7 -> new Tok(null, "GITLAB_DEPLOY_TOKEN", "gldt-" + urlsafe(r, 20));
            case 8 -> new Tok(null, "TRIGGER_TOKEN", "glptt-" + hex(r, 40));
            case 9 -> new Tok(null, "GITLAB_FEED_TOKEN", "glft-" + urlsafe(r, 20));
            case 10 -> new Tok("credential.slack-bot-token", "SLACK_BOT_TOKEN", "xoxb-" + r.digits(12) + "-"
                    + r.digits(13) + "-" + alnum(r, 24));
            case 11 -> new Tok("credential.slack-user-token", "SLACK_USER_TOKEN", "xoxp-" + r.digits(12) + "-"
                    + r.digits(12) + "-" + r.digits(13) + "-" + hex(r, 32));
            case 12 -> new Tok("credential.slack-app-token", "SLACK_APP_TOKEN", "xapp-1-A" + r.from(Rng.UPPER
                    + Rng.DIGITS, 10) + "-" + r.digits(13) + "-" + hex(r, 64));
            case 13 -> new Tok(SAAS, "SLACK_REFRESH_TOKEN", "xoxe-1-" + r.from(Rng.UPPER + Rng.DIGITS, 146));
            case 14 -> new Tok("credential.slack-webhook", "SLACK_WEBHOOK", "https://hooks.slack.com/services/T"
                    + r.from(Rng.UPPER + Rng.DIGITS, 10) + "/B" + r.from(Rng.UPPER + Rng.DIGITS, 10) + "/"
                    + alnum(r, 24));
            case 15 -> new Tok("credential.stripe-secret-key", "STRIPE_SECRET_KEY", "sk_live_51" + alnum(r, 97));
            case 16 -> new Tok("credential.stripe-restricted-key", "STRIPE_KEY", "rk_live_51" + alnum(r, 97));
            case 17 -> new Tok(null, "STRIPE_WEBHOOK_SECRET", "whsec_" + alnum(r, 32));
            case 18 -> new Tok("credential.twilio-api-key", "TWILIO_API_KEY", "SK" + hex(r, 32));
            case 19 -> new Tok("credential.sendgrid-api-key", "SENDGRID_API_KEY", "SG." + urlsafe(r, 22) + "."
                    + urlsafe(r, 43));
            case 20 -> new Tok(null, "MAILGUN_API_KEY", "key-" + hex(r, 32));
            case 21 -> new Tok("credential.npm-token", "NPM_TOKEN", "npm_" + alnum(r, 36));
            case 22 -> new Tok("credential.pypi-token", "PYPI_TOKEN", "pypi-AgEIcHlwaS5vcmc" + urlsafe(r, 120));
            case 23 -> new Tok("credential.docker-hub-token", "DOCKER_PAT", "dckr_pat_" + urlsafe(r, 27));
            case 24 -> new Tok("credential.databricks-token", "DATABRICKS_TOKEN", "dapi" + hex(r, 32)
                    + (r.chance(0.5) ? "-2" : ""));
            case 25 -> new Tok("credential.shopify-token", "SHOPIFY_TOKEN", r.pick("shpat_", "shpss_", "shpca_",
                    "shppa_") + hex(r, 32));
            case 26 -> new Tok(SAAS, "JIRA_API_TOKEN", "ATATT3xFfGF0" + urlsafe(r, 171) + "="
                    + r.from("0123456789ABCDEF", 8));
            case 27 -> new Tok(SAAS, "LINEAR_API_KEY", "lin_api_" + alnum(r, 40));
            case 28 -> new Tok(SAAS, "NOTION_TOKEN", "ntn_" + r.digits(11) + alnum(r, 35));
            case 29 -> new Tok(SAAS, "SUPABASE_ACCESS_TOKEN", "sbp_" + hex(r, 40));
            case 30 -> new Tok("credential.digitalocean-token", "DIGITALOCEAN_TOKEN", r.pick("dop_v1_", "doo_v1_")
                    + hex(r, 64));
            case 31 -> new Tok(SAAS, "HEROKU_API_KEY", "HRKU-AA" + urlsafe(r, 58));
            case 32 -> new Tok(SAAS, "TELEGRAM_BOT_TOKEN", r.between(1, 7) + r.digits(9) + ":AA" + urlsafe(r, 33));
            case 33 -> new Tok(SAAS, "DISCORD_WEBHOOK", "https://discord.com/api/webhooks/1" + r.digits(18) + "/"
                    + urlsafe(r, 68));
            case 34 -> new Tok(null, "DISCORD_BOT_TOKEN", B64URL.encodeToString(("1" + r.digits(18))
                    .getBytes(StandardCharsets.US_ASCII)) + "." + urlsafe(r, 6) + "." + urlsafe(r, 38));
            case 35 -> new Tok(SAAS, "POSTMAN_API_KEY", "PMAK-" + hex(r, 24) + "-" + hex(r, 34));
            case 36 -> new Tok(SAAS, "SENTRY_AUTH_TOKEN", "sntryu_" + hex(r, 64));
            case 37 -> new Tok(SAAS, "NEW_RELIC_API_KEY", "NRAK-" + r.from(Rng.UPPER + Rng.DIGITS, 27));
            case 38 -> new Tok(SAAS, "DOPPLER_TOKEN", "dp.pt." + alnum(r, 43));
            case 39 -> new Tok(SAAS, "PLANETSCALE_TOKEN", "pscale_tkn_" + urlsafe(r, 43));
            case 40 -> new Tok(SAAS, "TS_AUTHKEY", "tskey-auth-k" + alnum(r, 11) + "CNTRL-" + alnum(r, 33));
            case 41 -> new Tok("credential.hashicorp-vault-token", "VAULT_TOKEN", "hvs." + urlsafe(r, 91));
            case 42 -> new Tok("credential.grafana-service-account-token", "GRAFANA_SA_TOKEN", "glsa_" + alnum(r, 32)
                    + "_" + hex(r, 8));
            case 43 -> new Tok("credential.gcp-oauth-client-secret", "GOOGLE_CLIENT_SECRET", "GOCSPX-"
                    + urlsafe(r, 28));
            default -> new Tok("credential.gcp-oauth-token", "GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.a0" + urlsafe(r, 150));
        };
        return tok(r, t);
    }

    // ---- cloud credentials by context ---------------------------------------------------------------------------

    private static String awsId(Rng r, String prefix) {
        return prefix + r.from(Rng.UPPER + "234567", 16);
    }

    private static String awsSecret(Rng r) {
        return r.from(Rng.ALNUM + "+/", 40);
    }

    private static Item cloudCredential(Rng r) {
        String secret = awsSecret(r);
        return switch (r.nextInt(10)) {
            case 0 -> rule("$ aws sts assume-role --role-arn arn:aws:iam::" + r.digits(12) + ":role/deploy "
                    + "--role-session-name ci\n{\n    \"Credentials\": {\n        \"AccessKeyId\": \""
                    + awsId(r, "ASIA")
                    + "\",\n        \"SecretAccessKey\": \"" + secret
                    + "\",\n        \"SessionToken\": \"IQoJb3JpZ2luX2VjE"
                    + r.from(Rng.BASE64, 300) + "\",\n        \"Expiration\": \"2026-12-05T09:00:00+00:00\"\n    }\n}",
                    "credential.aws-secret-access-key");
            case 1 -> rule("aws configure set aws_secret_access_key " + secret + " --profile prod",
                    "credential.aws-secret-access-key");
            case 2 -> rule("s3 = boto3.client(\"s3\", aws_access_key_id=\"" + awsId(r, "AKIA")
                    + "\", aws_secret_access_key=\"" + secret + "\")", "credential.aws-secret-access-key");
            case 3 -> rule("provider \"aws\" {\n  region     = \"us-east-1\"\n  access_key = \"" + awsId(r, "AKIA")
                    + "\"\n  secret_key = \"" + secret + "\"\n}\n", "credential.aws-secret-access-key");
            case 4 -> rule("AWSCredentials creds = new BasicAWSCredentials(\"" + awsId(r, "AKIA") + "\", \"" + secret
                    + "\");", "credential.aws-secret-access-key");
            case 5 -> rule("DefaultEndpointsProtocol=https;AccountName=prod" + r.from(Rng.LOWER, 6)
                    + ";AccountKey=" + B64.encodeToString(r.bytes(64)) + ";EndpointSuffix=core.windows.net",
                    "credential.azure-storage-connection-string");
            case 6 -> rule("https://prod" + r.from(Rng.LOWER, 6) + ".blob.core.windows.net/backups/db.bak?sv=2022-11-02"
                    + "&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2027-01-01T00:00:00Z&st=2026-12-01T00:00:00Z&spr=https&sig="
                    + Encodings.component(B64.encodeToString(r.bytes(32))), "credential.azure-sas-token");
            case 7 -> cat("{\n  \"AzureAd\": {\n    \"Instance\": \"https://login.microsoftonline.com/\",\n    "
                    + "\"TenantId\": \"" + HardValues.uuid(r) + "\",\n    \"ClientId\": \"" + HardValues.uuid(r)
                    + "\",\n    \"ClientSecret\": \"" + alnum(r, 3) + "8Q~" + r.from(Rng.ALNUM + "_~.-", 34)
                    + "\"\n  }\n}", CRED);
            case 8 -> rule("{\n  \"type\": \"service_account\",\n  \"project_id\": \"prod-" + r.from(Rng.LOWER, 6)
                    + "\",\n  \"private_key_id\": \"" + hex(r, 40) + "\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY"
                    + "-----\\n" + pemBody(r, 1216, "\\n") + "-----END PRIVATE KEY-----\\n\",\n  \"client_email\": "
                    + "\"deployer@prod.iam.gserviceaccount.com\",\n  \"client_id\": \"1" + r.digits(20) + "\"\n}",
                    "credential.gcp-service-account");
            default -> cat("[default]\nregion = eu-west-1\n\n[profile prod]\naws_access_key_id=" + awsId(r, "AKIA")
                    + "\naws_secret_access_key=" + secret + "\n", CRED);
        };
    }

    /** An Azure shared access signature as azcopy, the portal and SDK settings show it. */
    private static Item sasUrl(Rng r) {
        String sas = "sv=20" + r.between(19, 25) + "-0" + r.between(1, 9) + "-" + r.between(10, 28)
                + "&ss=b&srt=co&sp=rl"
                + "&se=2027-0" + r.between(1, 9) + "-01T00:00:00Z&spr=https&sig="
                + Encodings.component(B64.encodeToString(r.bytes(32)));
        String account = "st" + r.from(Rng.LOWER + Rng.DIGITS, 10);
        return rule(switch (r.nextInt(3)) {
            case 0 -> "$ azcopy copy ./export.csv 'https://" + account + ".blob.core.windows.net/in/export.csv?"
                    + sas + "'";
            case 1 -> "AZURE_STORAGE_SAS_TOKEN=\"?" + sas + "\"";
            default -> "BlobEndpoint=https://" + account + ".blob.core.windows.net/;SharedAccessSignature=" + sas;
        }, "credential.azure-sas-token");
    }

    private static String pemBody(Rng r, int bytes, String nl) {
        String b = B64.encodeToString(r.bytes(bytes));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b.length(); i += 64) {
            out.append(b, i, Math.min(b.length(), i + 64)).append(nl);
        }
        return out.toString();
    }

    // ---- passwords in config, code and command lines -----------------------------------------------------------

    private static String pw(Rng r) {
        String base = r.from(Rng.UPPER, 1) + r.from(Rng.LOWER, r.between(5, 8)) + r.digits(r.between(2, 4))
                + r.pick("!", "#", "$", "%", "@", "*", "") + r.from(Rng.ALNUM, r.between(2, 5));
        return base;
    }

    private static Item password(Rng r) {
        String p = pw(r);
        String host = r.pick("db", "pg-primary", "mysql01", "cache") + ".prod.demo.invalid";
        String text = switch (r.nextInt(22)) {
            case 0 -> "conn = psycopg2.connect(host=\"" + host + "\", user=\"app\", password=\"" + p
                    + "\", dbname=\"orders\")";
            case 1 -> "props.setProperty(\"password\", \"" + p + "\");";
            case 2 -> "\"ConnectionStrings\": {\n  \"Default\": \"Server=" + host
                    + ";Database=Orders;User Id=sa;Password="
                    + p + ";TrustServerCertificate=True\"\n}";
            case 3 -> "db, err := sql.Open(\"mysql\", \"app:" + p + "@tcp(" + host + ":3306)/orders?parseTime=true\")";
            case 4 -> "REDIS_URL=redis://default:" + p + "@" + host + ":6379/0";
            case 5 -> "mongodb+srv://admin:" + p + "@cluster0." + r.from(Rng.LOWER, 5)
                    + ".mongodb.net/prod?retryWrites=true";
            case 6 -> "$ mysql -h " + host + " -u root -p" + p + " orders < dump.sql";
            case 7 -> "$ sshpass -p '" + p + "' ssh deploy@" + host;
            case 8 -> "$pw = ConvertTo-SecureString \"" + p + "\" -AsPlainText -Force";
            case 9 -> "$ curl -u admin:" + p + " https://jenkins.demo.invalid/api/json";
            case 10 -> "$ docker login -u ci-bot -p " + p + " registry.demo.invalid";
            case 11 -> "define('DB_PASSWORD', '" + p + "');";
            case 12 -> "spring:\n  datasource:\n    url: jdbc:postgresql://" + host
                    + ":5432/orders\n    username: app\n"
                    + "    password: " + p + "\n";
            case 13 -> "<dataSource>\n  <user>app</user>\n  <password>" + p + "</password>\n</dataSource>";
            case 14 -> "[client]\nuser=root\npassword=\"" + p + "\"\nhost=" + host + "\n";
            case 15 -> "$ PGPASSWORD='" + p + "' psql -h " + host + " -U app orders";
            case 16 -> "network={\n    ssid=\"Office-5G\"\n    psk=\"" + p + "\"\n}";
            case 17 -> "const transport = nodemailer.createTransport({ host: 'smtp.demo.invalid', auth: { user: "
                    + "'alerts@demo.invalid', pass: '" + p + "' } });";
            case 18 -> "Driver={ODBC Driver 18 for SQL Server};Server=" + host + ";UID=report;PWD=" + p + ";";
            case 19 -> "variable \"db_password\" {\n  default = \"" + p + "\"\n}";
            case 20 -> "login: admin\npassword: " + p + "\n(that's the prod admin, please don't share)";
            default -> "amqp://worker:" + p + "@" + host + ":5672/vhost";
        };
        return cat(text, CRED);
    }

    // ---- private keys in less common shapes ---------------------------------------------------------------------

    private static Item privateKeyShape(Rng r) {
        return switch (r.nextInt(6)) {
            case 0 -> cat("tls:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    " + pemBody(r, 1190, "\n    ")
                    .stripTrailing() + "\n    -----END RSA PRIVATE KEY-----\n", CRED);
            case 1 -> rule("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + hex(r, 16) + "\",\"use\":\"sig\",\"n\":\""
                    + B64URL.encodeToString(r.bytes(256)) + "\",\"e\":\"AQAB\",\"d\":\""
                    + B64URL.encodeToString(r.bytes(256))
                    + "\",\"p\":\"" + B64URL.encodeToString(r.bytes(128)) + "\",\"q\":\""
                    + B64URL.encodeToString(r.bytes(128))
                    + "\",\"dp\":\"" + B64URL.encodeToString(r.bytes(128)) + "\",\"dq\":\""
                    + B64URL.encodeToString(r.bytes(128))
                    + "\",\"qi\":\"" + B64URL.encodeToString(r.bytes(128)) + "\"}]}", JWK);
            case 2 -> jwkPrivate(r);
            case 3 -> cat("[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = " + B64.encodeToString(r.bytes(32))
                    + "\nDNS = 1.1.1.1\n\n[Peer]\nPublicKey = " + B64.encodeToString(r.bytes(32))
                    + "\nEndpoint = vpn.demo.invalid:51820\nAllowedIPs = 0.0.0.0/0\n", CRED);
            case 4 -> rule("-----BEGIN EC PRIVATE KEY-----\r\n" + pemBody(r, 121, "\r\n")
                    + "-----END EC PRIVATE KEY-----\r\n",
                    "credential.private-key-ec");
            default -> rule("key = \"\"\"-----BEGIN OPENSSH PRIVATE KEY-----\n" + pemBody(r, 400, "\n")
                    + "-----END OPENSSH PRIVATE KEY-----\"\"\"", "credential.private-key-openssh");
        };
    }

    /** A private JWK as jose tools write it: EC P-256 or Ed25519 (OKP), compact or pretty-printed. */
    private static Item jwkPrivate(Rng r) {
        String sep = r.chance(0.5) ? "" : "\n  ";
        String text = r.chance(0.5)
                ? "{" + sep + "\"kty\":\"EC\"," + sep + "\"crv\":\"P-256\"," + sep + "\"x\":\""
                        + B64URL.encodeToString(r.bytes(32)) + "\"," + sep + "\"y\":\""
                        + B64URL.encodeToString(r.bytes(32))
                        + "\"," + sep + "\"d\":\"" + B64URL.encodeToString(r.bytes(32)) + "\"}"
                : "{" + sep + "\"kty\": \"OKP\"," + sep + "\"crv\": \"Ed25519\"," + sep + "\"d\": \""
                        + B64URL.encodeToString(r.bytes(32)) + "\"," + sep + "\"x\": \""
                        + B64URL.encodeToString(r.bytes(32))
                        + "\"}";
        return rule(text, JWK);
    }

    // ---- wallets --------------------------------------------------------------------------------------------------

    private static Item wallet(Rng r) {
        return switch (r.nextInt(8)) {
            case 0 -> rule("const wallet = new ethers.Wallet(\"0x" + hex(r, 64) + "\", provider);",
                    "credential.ethereum-private-key");
            case 1 -> rule("PRIVATE_KEY=" + hex(r, 64) + "\nRPC_URL=https://mainnet.demo.invalid\n",
                    "credential.ethereum-private-key");
            case 2 -> rule("module.exports = { networks: { mainnet: { url: RPC, accounts: { mnemonic: \""
                    + HardValues.bip39(r, 12) + "\" } } } };", "credential.bip39-mnemonic");
            case 3 -> {
                String[] words = HardValues.bip39(r, 24).split(" ");
                StringBuilder s = new StringBuilder("Recovery phrase backup:\n");
                for (int i = 0; i < words.length; i++) {
                    s.append(i + 1).append(". ").append(words[i]).append(i % 4 == 3 ? "\n" : "   ");
                }
                yield rule(s.toString(), "credential.bip39-mnemonic");
            }
            case 4 -> rule("{\"seed_phrase\": \"" + HardValues.bip39(r, 12) + "\"}", "credential.bip39-mnemonic");
            case 5 -> rule("importprivkey " + HardValues.wif(r) + " \"cold\" false", "credential.bitcoin-wif");
            case 6 -> rule("Master private key: "
                    + HardValues.extendedPrivate(r, false), "credential.bip32-extended-private-key");
            default -> solanaKeypair(r);
        };
    }

    /** A Solana keypair (64 bytes) as solana-keygen writes it and as SDK code loads it. */
    private static Item solanaKeypair(Rng r) {
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            bytes.append(i == 0 ? "" : ",").append(r.nextInt(256));
        }
        return rule(switch (r.nextInt(4)) {
            case 0 -> "$ cat ~/.config/solana/id.json\n[" + bytes + "]";
            case 1 -> "const payer = Keypair.fromSecretKey(new Uint8Array([" + bytes + "]));";
            case 2 -> "kp = Keypair.from_bytes(bytes([" + bytes.toString().replace(",", ", ") + "]))";
            default -> "SOLANA_PRIVATE_KEY=[" + bytes + "]";
        }, "credential.solana-keypair");
    }

    // ---- national identifiers ------------------------------------------------------------------------------------

    private static String ssnDigits(Rng r) {
        int area;
        do {
            area = r.between(1, 899);
        } while (area == 666);
        return String.format("%03d%02d%04d", area, r.between(1, 99), r.between(1, 9999));
    }

    private static String verhoeff(String digits) {
        int[][] d = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
        int[][] p = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
        int[] inv = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            c = d[c][p[(i + 1) % 8][digits.charAt(digits.length() - 1 - i) - '0']];
        }
        return digits + inv[c];
    }

    private static String cpf(Rng r) {
        String n = r.digits(9);
        for (int len = 9; len <= 10; len++) {
            int sum = 0;
            for (int i = 0; i < len; i++) {
                sum += (n.charAt(i) - '0') * (len + 1 - i);
            }
            int dv = 11 - sum % 11;
            n += dv >= 10 ? 0 : dv;
        }
        return n.substring(0, 3) + "." + n.substring(3, 6) + "." + n.substring(6, 9) + "-" + n.substring(9);
    }

    private static String nhs(Rng r) {
        while (true) {
            String n = r.between(4, 6) + r.digits(8);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (n.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            n += check == 11 ? 0 : check;
            return n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6);
        }
    }

    private static Item nationalId(Rng r) {
        String name = HardValues.first(r) + " " + HardValues.last(r);
        String ssn = ssnDigits(r);
        return switch (r.nextInt(12)) {
            case 0 -> rule("{\"employee\": \"" + name + "\", \"ssn\": \"" + ssn + "\", \"dept\": \"R&D\"}",
                    "pii.us-ssn-unformatted");
            case 1 -> cat("Patient: " + name + "\nSocial Security No.: " + ssn.substring(0, 3) + "-"
                    + ssn.substring(3, 5) + "-" + ssn.substring(5), PII);
            case 2 -> cat("name,dob,social_security_number\n" + name + ",1984-03-12," + ssn.substring(0, 3) + "-"
                    + ssn.substring(3, 5) + "-" + ssn.substring(5) + "\n", PII);
            case 3 -> rule("Please update the W-9 for " + name + ", ITIN 9" + r.digits(2) + "-"
                    + r.pick("70", "78", "83", "90", "94") + "-" + r.digits(4) + ".", "pii.us-itin");
            case 4 -> rule("National Insurance number: " + HardValues.nino(r, r.chance(0.5)), "pii.uk-nino");
            case 5 -> rule("SIN " + HardValues.sin(r, r.pick(" ", "-")) + " for payroll", "pii.ca-sin");
            case 6 -> {
                String a = verhoeff(r.between(2, 9) + r.digits(10));
                yield rule("KYC: " + name + ", Aadhaar " + a.substring(0, 4) + " " + a.substring(4, 8) + " "
                        + a.substring(8), NATIONAL);
            }
            case 7 -> rule("Cliente: " + name + " - CPF: " + cpf(r), NATIONAL);
            case 8 -> rule("Referral for " + name + ", NHS number " + nhs(r) + ", GP surgery Leeds", NATIONAL);
            case 9 -> {
                int n = r.between(10_000_000, 99_999_999);
                yield rule("Titular: " + name + ", DNI " + n + "TRWAGMYFPDXBNJZSQVHLCKE".charAt(n % 23), NATIONAL);
            }
            case 10 -> rule("Traveller " + name + ", US passport number " + r.between(5, 6) + r.digits(8)
                    + ", expires 2031-04-30", NATIONAL);
            default -> cat("ssn=" + ssn.substring(0, 3) + " " + ssn.substring(3, 5) + " " + ssn.substring(5)
                    + "&name=" + name.replace(' ', '+'), PII);
        };
    }

    // ---- cards and bank accounts ---------------------------------------------------------------------------------

    private static String luhnNumber(Rng r, String prefix, int length) {
        String body = prefix + r.digits(length - prefix.length() - 1);
        return body + Checksums.luhn(body);
    }

    private static String group(String pan, int... sizes) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int s : sizes) {
            if (at >= pan.length()) {
                break;
            }
            if (at > 0) {
                out.append(' ');
            }
            out.append(pan, at, Math.min(pan.length(), at + s));
            at += s;
        }
        return out.toString();
    }

    private static Item card(Rng r) {
        return card(r, r.nextInt(10));
    }

    /**
     * A card of brand {@code brand} (0 to 9: Visa, Mastercard, Mastercard 2-series, Amex, Discover, JCB, Diners,
     * UnionPay, Mir, 19-digit Visa), said in a random place.
     */
    private static Item card(Rng r, int brand) {
        String rule;
        String pan;
        switch (brand) {
            case 0 -> { rule = "financial.card-visa"; pan = luhnNumber(r, "4", 16); }
            case 1 -> { rule = "financial.card-mastercard"; pan = luhnNumber(r, "5" + r.between(1, 5), 16); }
            case 2 -> {
                rule = "financial.card-mastercard";
                pan = luhnNumber(r, String.valueOf(r.between(2221, 2720)), 16);
            }
            case 3 -> { rule = "financial.card-amex"; pan = luhnNumber(r, r.pick("34", "37"), 15); }
            case 4 -> { rule = "financial.card-discover"; pan = luhnNumber(r, r.pick("6011", "65", "644", "649"), 16); }
            case 5 -> { rule = "financial.card-jcb"; pan = luhnNumber(r, String.valueOf(r.between(3528, 3589)), 16); }
            case 6 -> { rule = "financial.card-diners"; pan = luhnNumber(r, r.pick("36", "38", "300", "305"), 14); }
            case 7 -> {
                rule = "financial.card-unionpay-mir";
                pan = luhnNumber(r, "62" + r.between(12, 88), r.pick(List.of(16, 19)));
            }
            case 8 -> { rule = "financial.card-unionpay-mir"; pan = luhnNumber(r, "220" + r.between(0, 4), 16); }
            default -> { rule = "financial.card-visa"; pan = luhnNumber(r, "4", 19); }
        }
        String shown = switch (r.nextInt(7)) {
            case 0 -> pan;
            case 1 -> pan.length() == 15 ? group(pan, 4, 6, 5) : pan.length() == 14 ? group(pan, 4, 6, 4)
                    : group(pan, 4, 4, 4, 4, 3);
            case 2 -> String.join("-", (pan.length() == 15 ? group(pan, 4, 6, 5) : pan.length() == 14
                    ? group(pan, 4, 6, 4) : group(pan, 4, 4, 4, 4, 3)).split(" "));
            default -> pan;
        };
        int exp = r.between(1, 12);
        String text = switch (r.nextInt(6)) {
            case 0 -> "{\"payment_method\": {\"card\": {\"number\": " + pan + ", \"exp_month\": " + exp
                    + ", \"exp_year\": 2028, \"cvc\": \"" + r.digits(3) + "\"}}}";
            case 1 -> "card[number]=" + pan + "&card[exp_month]=" + exp + "&card[exp_year]=2029&card[cvc]="
                    + r.digits(3);
            case 2 -> "Card: " + shown + "  Exp: " + String.format("%02d/%02d", exp, r.between(27, 31)) + "  CVV: "
                    + r.digits(3);
            case 3 -> ";" + pan + "=" + r.between(27, 31) + String.format("%02d", exp) + "101" + r.digits(10) + "?";
            case 4 -> "customer says the charge on " + shown + " was declined twice, can you check?";
            default -> "| order | card | amount |\n|---|---|---|\n| A-" + r.digits(6) + " | " + shown + " | 129.00 |\n";
        };
        return rule(text, rule);
    }

    private static String ibanOf(Rng r) {
        String[][] shapes = {{"DE", "n18"}, {"GB", "A4n14"}, {"FR", "n10c11n2"}, {"ES", "n20"}, {"IT", "A1n10c12"},
            {"NL", "A4n10"}, {"BE", "n12"}, {"CH", "n5c12"}, {"PL", "n24"}, {"SA", "n2c18"}, {"AE", "n19"},
            {"BR", "n23A1c1"}};
        String[] s = shapes[r.nextInt(shapes.length)];
        StringBuilder bban = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([nAc])(\\d+)").matcher(s[1]);
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            bban.append(switch (m.group(1)) {
                case "n" -> r.digits(n);
                case "A" -> r.from(Rng.UPPER, n);
                default -> r.from(Rng.UPPER + Rng.DIGITS, n);
            });
        }
        return s[0] + Checksums.ibanCheck(s[0], bban.toString()) + bban;
    }

    private static Item iban(Rng r) {
        String iban = ibanOf(r);
        String grouped = iban.replaceAll("(.{4})(?!$)", "$1 ");
        String text = switch (r.nextInt(4)) {
            case 0 -> "Please wire the refund to IBAN " + grouped + " (BIC " + r.from(Rng.UPPER, 6) + "2X).";
            case 1 -> "{\"payout\": {\"beneficiary\": \"" + HardValues.first(r) + " " + HardValues.last(r)
                    + "\", \"iban\": \"" + iban + "\", \"amount\": 1250.00}}";
            case 2 -> "Kontoinhaber: " + HardValues.last(r) + "\nIBAN: " + grouped + "\n";
            default -> "beneficiary_account=" + iban + "&currency=EUR";
        };
        return rule(text, "financial.iban");
    }

    // ---- confidentiality markers ---------------------------------------------------------------------------------

    private static Item marker(Rng r) {
        String header = r.pick("CONFIDENTIAL - DO NOT DISTRIBUTE", "Strictly Confidential", "Company Confidential",
                "FOR INTERNAL USE ONLY", "Restricted - Internal", "NOT FOR EXTERNAL DISTRIBUTION",
                "Attorney-Client Privileged Communication", "Privileged and Confidential",
                "Confidential and Proprietary Information of ExampleCorp", "ExampleCorp Internal",
                "Copyright (C) 2026 ExampleCorp, Inc. All rights reserved. Unauthorized copying prohibited.",
                "TLP:RED", "TLP:AMBER+STRICT", "Sensitivity: Highly Confidential", "Classification: Confidential",
                "VERTRAULICH - nur fuer den internen Gebrauch", "Streng vertraulich", "CONFIDENTIEL - Ne pas diffuser",
                "Diffusion restreinte", "CONFIDENCIAL - uso interno", "社外秘", "極秘", "机密 - 内部资料",
                "Trade Secret - ExampleCorp", "Internal only: do not share outside the company");
        String body = switch (r.nextInt(3)) {
            case 0 -> "/*\n * " + header + "\n */\npackage com.examplecorp.billing;\n\npublic final class RateCard {\n"
                    + "    static final double MARGIN = 0." + r.digits(2) + ";\n}\n";
            case 1 -> header + "\n\nQ" + r.between(1, 4) + " board memo: revenue forecast " + r.between(10, 90)
                    + " M, acquisition target under NDA.\n";
            default -> "# " + header + "\n\n## Incident review " + r.digits(4) + "\nRoot cause: expired certificate on "
                    + "the payment gateway.\n";
        };
        return cat(body, SRC);
    }

    // ---- negatives -----------------------------------------------------------------------------------------------

    private static Item tokenPlaceholder(Rng r) {
        return neg(switch (r.nextInt(16)) {
            case 0 -> "OPENAI_API_KEY=sk-proj-" + "x".repeat(r.between(20, 48));
            case 1 -> "export GITHUB_TOKEN=ghp_" + "X".repeat(36);
            case 2 -> "SLACK_BOT_TOKEN=xoxb-your-bot-token-here";
            case 3 -> "Set ANTHROPIC_API_KEY to your key (it looks like sk-ant-api03-...)";
            case 4 -> "stripe.api_key = \"sk_live_...\"  # fill in from the dashboard";
            case 5 -> "Authorization: Bearer <YOUR_ACCESS_TOKEN>";
            case 6 -> "the leaked key was sk-ant-****" + alnum(r, 4) + " and has been revoked";
            case 7 -> "HF_TOKEN=hf_" + "*".repeat(34);
            case 8 -> "token: glpat-xxxxxxxxxxxxxxxxxxxx";
            case 9 -> "npm config set //registry.npmjs.org/:_authToken=${NPM_TOKEN}";
            case 10 -> "GitHub tokens start with ghp_, gho_, ghu_, ghs_ or ghr_; scan for them before pushing.";
            case 11 -> "curl -H \"Authorization: Bearer $OPENAI_API_KEY\" https://api.openai.com/v1/models";
            case 12 -> "api_key: \"{{ vault_openai_key }}\"";
            case 13 -> "AWS_SECRET_ACCESS_KEY=<redacted>";
            case 14 -> "key: " + "sk-" + "0123456789abcdef".repeat(3);
            default -> "# TODO: move the Stripe key (sk_live_REPLACE_ME) into Vault";
        });
    }

    private static Item passwordPlaceholder(Rng r) {
        return neg(switch (r.nextInt(18)) {
            case 0 -> "spring:\n  datasource:\n    password: ${SPRING_DATASOURCE_PASSWORD:}\n";
            case 1 -> "password = os.environ[\"DB_PASSWORD\"]";
            case 2 -> "{\"username\": \"admin\", \"password\": \"<your-password>\"}";
            case 3 -> "POSTGRES_PASSWORD=changeme";
            case 4 -> "  password: {{ .Values.postgresql.auth.password | quote }}";
            case 5 -> "echo \"$REGISTRY_PASSWORD\" | docker login -u ci --password-stdin registry.demo.invalid";
            case 6 -> "password = getpass.getpass(\"Password: \")";
            case 7 -> "db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  " + hex(r, 64) + "\n  " + hex(r, 64)
                    + "\n";
            case 8 -> "password_hash: \"$2b$12$" + r.from(Rng.ALNUM + "./", 53) + "\"";
            case 9 -> "password: \"********\"";
            case 10 -> "DB_PASSWORD=\nDB_HOST=localhost\n";
            case 11 -> "PASSWORD_MIN_LENGTH = 12\nPASSWORD_REQUIRE_SYMBOL = True";
            case 12 -> "PasswordAuthentication no\nPermitRootLogin prohibit-password\n";
            case 13 -> "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n"
                    + "        key: password\n";
            case 14 -> "tokens = tokenizer.encode(text)\nmax_tokens = 4096\n";
            case 15 -> "passwordFile: /run/secrets/db_password";
            case 16 -> "if (password.length() < 12) throw new WeakPasswordException(\"password: too short "
                    + "(expected: 12+)\");";
            default -> "password=process.env.SMTP_PASS";
        });
    }

    private static Item lookalikeId(Rng r) {
        return neg(switch (r.nextInt(16)) {
            case 0 -> "{\"id\": \"chatcmpl-" + alnum(r, 29) + "\", \"object\": \"chat.completion\"}";
            case 1 -> "{\"id\": \"msg_01" + alnum(r, 22) + "\", \"type\": \"message\", \"role\": \"assistant\"}";
            case 2 -> "tool_use id toolu_01" + alnum(r, 22) + " returned exit code 1";
            case 3 -> "Customer cus_" + alnum(r, 14) + " paid with pm_" + alnum(r, 24) + " (pi_" + alnum(r, 24) + ")";
            case 4 -> "const stripe = Stripe('pk_live_51" + alnum(r, 97) + "');";
            case 5 -> "mapboxgl.accessToken = 'pk.eyJ1Ijoi" + B64URL.encodeToString(("demo\",\"a\":\"" + alnum(r, 10)
                    + "\"}").getBytes(StandardCharsets.US_ASCII)) + "." + urlsafe(r, 22) + "';";
            case 6 -> "GOOGLE_CLIENT_ID=" + r.digits(12) + "-" + r.from(Rng.LOWER + Rng.DIGITS, 32)
                    + ".apps.googleusercontent.com";
            case 7 -> "Sentry.init({ dsn: \"https://" + hex(r, 32) + "@o" + r.digits(6) + ".ingest.sentry.io/"
                    + r.digits(7) + "\" });";
            case 8 -> "file uploaded: file-" + alnum(r, 22) + ", assistant asst_" + alnum(r, 24) + ", thread thread_"
                    + alnum(r, 24);
            case 9 -> "deployment dpl_" + alnum(r, 28) + " is READY at https://app-" + r.from(Rng.LOWER, 8)
                    + ".vercel.app";
            case 10 -> "arn:aws:iam::" + r.digits(12) + ":role/service-role/lambda-" + r.from(Rng.LOWER, 8)
                    + "\nRequestId: " + HardValues.uuid(r);
            case 11 -> "Slack channel C0" + r.from(Rng.UPPER + Rng.DIGITS, 9) + ", user U0" + r.from(Rng.UPPER
                    + Rng.DIGITS, 9) + ", team T0" + r.from(Rng.UPPER + Rng.DIGITS, 9);
            case 12 -> "image: ghcr.io/demo/api@sha256:" + hex(r, 64);
            case 13 -> "${{ secrets.GITHUB_TOKEN }} is injected by Actions; token permissions: contents: read";
            case 14 -> "x-request-id: req_" + alnum(r, 24) + "\ncf-ray: " + hex(r, 16) + "-FRA";
            default -> "traceparent: 00-" + hex(r, 32) + "-" + hex(r, 16) + "-01";
        });
    }

    private static Item publicMaterial(Rng r) {
        return neg(switch (r.nextInt(10)) {
            case 0 -> "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + B64.encodeToString(r.bytes(32)).substring(0, 43)
                    + " deploy@ci";
            case 1 -> "[Peer]\nPublicKey = " + B64.encodeToString(r.bytes(32)) + "\nEndpoint = vpn.demo.invalid:51820\n"
                    + "AllowedIPs = 10.8.0.0/24\n";
            case 2 -> "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + hex(r, 16)
                    + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                    + B64URL.encodeToString(r.bytes(256)) + "\",\"e\":\"AQAB\"}]}";
            case 3 -> "Watch-only wallet: " + Checksums.base58check(HardValues.concat(new byte[] {4, (byte) 0x88,
                    (byte) 0xb2, 0x1e}, new byte[] {3}, r.bytes(4), r.bytes(4), r.bytes(32), new byte[] {2},
                    r.bytes(32)));
            case 4 -> "tx hash: 0x" + hex(r, 64) + "\nblock: " + r.between(18_000_000, 21_000_000)
                    + "\nstatus: success";
            case 5 -> "age recipient: age1" + r.from("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58);
            case 6 -> "sha256sum: " + hex(r, 64) + "  release-1.4.2.tar.gz\nsha512: " + hex(r, 128);
            case 7 -> "$argon2id$v=19$m=65536,t=3,p=4$" + B64.encodeToString(r.bytes(16)).replace("=", "") + "$"
                    + B64.encodeToString(r.bytes(32)).replace("=", "");
            case 8 -> "-----BEGIN PUBLIC KEY-----\n" + pemBody(r, 294, "\n") + "-----END PUBLIC KEY-----\n";
            default -> "root:$6$" + r.from(Rng.ALNUM, 16) + "$" + r.from(Rng.ALNUM + "./", 86) + ":19700:0:99999:7:::";
        });
    }

    private static Item lookalikeNumber(Rng r) {
        return neg(switch (r.nextInt(14)) {
            case 0 -> "IMEI: " + luhnNumber(r, "35" + r.digits(6), 15) + " (device enrolled)";
            case 1 -> {
                String isbn = "978" + r.digits(9);
                int sum = 0;
                for (int i = 0; i < 12; i++) {
                    sum += (isbn.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
                }
                yield "ISBN " + isbn + (10 - sum % 10) % 10 + ", 2nd edition, 412 pages";
            }
            case 2 -> "created_at_ms: " + (1_700_000_000_000L + r.nextInt(Integer.MAX_VALUE)) + ", updated_at_ms: "
                    + (1_760_000_000_000L + r.nextInt(Integer.MAX_VALUE));
            case 3 -> "Tracking number 1Z" + r.from(Rng.UPPER + Rng.DIGITS, 6) + r.digits(10) + " shipped via UPS";
            case 4 -> "Order #" + luhnNumber(r, "10", 16) + " was refunded";
            case 5 -> "card on file: **** **** **** " + r.digits(4) + " (Visa), expires 08/28";
            case 6 -> "BIN 411111 belongs to a Visa classic range; BIN 550000 to Mastercard";
            case 7 -> "snowflake id " + new BigInteger(62, new java.util.Random(r.nextInt(1 << 30))).add(
                    BigInteger.valueOf(1_000_000_000_000_000_000L)).toString() + " in guild " + r.digits(18);
            case 8 -> "ZIP+4 " + r.digits(5) + "-" + r.digits(4) + ", phone ext. " + r.digits(4);
            case 9 -> "SSN format is AAA-GG-SSSS; numbers starting with 9 or 666 are never issued (e.g. 666-"
                    + r.digits(2) + "-" + r.digits(4) + ")";
            case 10 -> "EAN-13 barcode " + ean(r) + " on the pallet label";
            case 11 -> "invoice INV-2026-" + r.digits(6) + " total 1,284.50 EUR, account 0042-" + r.digits(6);
            case 12 -> "p99 latency " + r.digits(4) + " ms over " + r.digits(9) + " requests; build " + r.digits(8);
            default -> "Masked PAN " + r.pick("4", "5") + r.digits(5) + "******" + r.digits(4) + " approved";
        });
    }

    /** Shapes of identifiers and keys next to their keyword that are not one: wrong check digit, no secret part. */
    private static Item nearMiss(Rng r) {
        return neg(switch (r.nextInt(8)) {
            case 0 -> {
                String a = verhoeff(r.between(2, 9) + r.digits(10));
                char wrong = (char) ('0' + (a.charAt(11) - '0' + r.between(1, 9)) % 10);
                yield "Aadhaar enrolment " + a.substring(0, 11) + wrong + " was rejected (checksum)";
            }
            case 1 -> "passport issued 20" + r.between(10, 25) + "0" + r.between(1, 9) + r.between(10, 28)
                    + ", renewal due in 10 years";
            case 2 -> "POST https://discord.com/api/webhooks/{webhook.id}/{webhook.token} with a JSON body";
            case 3 -> {
                StringBuilder s = new StringBuilder("static const uint8_t SBOX_ROW[64] = {");
                for (int i = 0; i < 64; i++) {
                    s.append(i == 0 ? "" : ", ").append(r.nextInt(256));
                }
                yield s.append("};").toString();
            }
            case 4 -> "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + B64URL.encodeToString(r.bytes(32))
                    + "\",\"use\":\"sig\"}";
            case 5 -> "Our Telegram bot id is " + r.between(1, 7) + r.digits(9) + "; the token lives in Vault.";
            case 6 -> "NHS number " + r.digits(3) + " " + r.digits(3) + " " + r.digits(3) + " (incomplete, ask the GP)";
            default -> "GROQ_API_KEY=gsk_" + "x".repeat(52);
        });
    }

    private static String ean(Rng r) {
        String e = "40" + r.digits(10);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (e.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return e + (10 - sum % 10) % 10;
    }

    private static Item markerWord(Rng r) {
        return neg(switch (r.nextInt(10)) {
            case 0 -> "public enum Classification {\n    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED\n}\n";
            case 1 -> "Azure Confidential Computing protects data in use with hardware-based TEEs.";
            case 2 -> "docker run --privileged -v /dev:/dev demo/agent:latest";
            case 3 -> "A restricted Boltzmann machine is a generative stochastic neural network.";
            case 4 -> "Licensed under the Apache License, Version 2.0 (the \"License\"); you may not use this file "
                    + "except in compliance with the License.";
            case 5 -> "Go: packages under internal/ can only be imported by code in the parent tree.";
            case 6 -> "TLP:CLEAR - this advisory may be shared publicly.";
            case 7 -> "How should we label documents as confidential in SharePoint? Write a short policy.";
            case 8 -> "if doc.sensitivity == Sensitivity.CONFIDENTIAL:\n    raise PermissionError(\"blocked\")\n";
            default -> "Proprietary software is software that grants its creator exclusive rights.";
        });
    }
}
