package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Held-out positives ({@code family:hard}): what an agent with desktop access actually uploads — whole credential
 * files, shell history, notebooks, logs, code with hard-coded secrets, customer exports — with the secret in the
 * place such a file keeps it. Each item names the rule that clearly owns the value, or only the category when
 * several rules could.
 */
final class HardPositives {

    /** One payload: {@code kind} (tag {@code hard:<kind>}), expected rules and categories, the text. */
    record Item(String kind, List<String> rules, List<String> categories, String text) {
    }

    /** A generator of items of one kind, how many, and where they travel (container names, rotated). */
    record Kind(String name, int count, Function<Rng, Item> make, List<String> containers) {
    }

    static final String CRED = Values.CREDENTIAL;
    static final String FIN = Values.FINANCIAL;
    static final String PII = Values.PII;
    static final String SRC = Values.SOURCE;

    /** Multi-line files: tool results, transcripts, attachments, uploads. */
    static final List<String> FILES = List.of("json-anthropic-tool", "transcript", "openai-tool", "json-anthropic",
            "openai-file-text", "anthropic-document-text", "multipart", "json-openai-chat", "gemini-inline-text",
            "zip", "gzip-octet", "json-openai-responses");
    /** One-liners: messages, queries, headers. */
    static final List<String> LINES = List.of("json-anthropic", "json-openai-chat", "transcript", "json-gemini",
            "openai-tool", "query", "json-anthropic-tool", "form", "text");
    /** Tables. */
    static final List<String> TABLES = List.of("json-anthropic-tool", "xlsx", "openai-file-text", "multipart",
            "transcript", "anthropic-document-text", "zip", "pdf-raw", "openai-tool");

    private HardPositives() {
    }

    static Item item(String kind, String text, String... rules) {
        return new Item(kind, List.of(rules), List.of(), text);
    }

    static Item cat(String kind, String text, String... categories) {
        return new Item(kind, List.of(), List.of(categories), text);
    }

    /** A vendor token, its owning rule and the environment variable a project would keep it in. */
    record Token(String rule, String var, String value) {
    }

    static Token token(Rng r) {
        return switch (r.nextInt(26)) {
            case 0 -> new Token("credential.github-pat", "GITHUB_TOKEN", HardValues.github(r, "ghp_"));
            case 1 -> new Token("credential.github-fine-grained-pat", "GH_TOKEN", HardValues.githubFineGrained(r));
            case 2 -> new Token("credential.gitlab-pat", "GITLAB_TOKEN", HardValues.gitlab(r));
            case 3 -> new Token("credential.slack-bot-token", "SLACK_BOT_TOKEN", HardValues.slackBot(r));
            case 4 -> new Token("credential.slack-user-token", "SLACK_USER_TOKEN", HardValues.slackUser(r));
            case 5 -> new Token("credential.slack-app-token", "SLACK_APP_TOKEN", HardValues.slackApp(r));
            case 6 -> new Token("credential.stripe-secret-key", "STRIPE_SECRET_KEY", HardValues.stripe(r, "sk_live_"));
            case 7 -> new Token("credential.stripe-restricted-key", "STRIPE_API_KEY", HardValues.stripe(r, "rk_live_"));
            case 8 -> new Token("credential.anthropic-api-key", "ANTHROPIC_API_KEY", HardValues.anthropic(r));
            case 9 -> new Token("credential.openai-api-key", "OPENAI_API_KEY", HardValues.openai(r));
            case 10 -> new Token("credential.huggingface-token", "HF_TOKEN", HardValues.huggingface(r));
            case 11 -> new Token("credential.npm-token", "NPM_TOKEN", HardValues.npm(r));
            case 12 -> new Token("credential.pypi-token", "TWINE_PASSWORD", HardValues.pypi(r));
            case 13 -> new Token("credential.sendgrid-api-key", "SENDGRID_API_KEY", HardValues.sendgrid(r));
            case 14 -> new Token("credential.shopify-token", "SHOPIFY_ACCESS_TOKEN", HardValues.shopify(r));
            case 15 -> new Token("credential.docker-hub-token", "DOCKERHUB_TOKEN", HardValues.dockerHub(r));
            case 16 -> new Token("credential.grafana-service-account-token", "GRAFANA_TOKEN", HardValues.grafana(r));
            case 17 -> new Token("credential.digitalocean-token", "DIGITALOCEAN_TOKEN", HardValues.digitalocean(r));
            case 18 -> new Token("credential.hashicorp-vault-token", "VAULT_TOKEN", HardValues.vault(r));
            case 19 -> new Token("credential.terraform-cloud-token", "TF_TOKEN_app_terraform_io",
                    HardValues.terraformCloud(r));
            case 20 -> new Token("credential.databricks-token", "DATABRICKS_TOKEN", HardValues.databricks(r));
            case 21 -> new Token("credential.gcp-api-key", "GOOGLE_API_KEY", HardValues.gcpApiKey(r));
            case 22 -> new Token("credential.twilio-api-key", "TWILIO_API_KEY", HardValues.twilioKey(r));
            case 23 -> new Token("credential.github-oauth-token", "GITHUB_OAUTH_TOKEN", HardValues.github(r, "gho_"));
            case 24 -> new Token("credential.gitlab-runner-token", "CI_RUNNER_TOKEN", "glrt-" + r.from(Rng.URLSAFE, 20));
            default -> new Token("credential.slack-webhook", "SLACK_WEBHOOK_URL", HardValues.slackWebhook(r));
        };
    }

    static List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        // ---- credential files ----
        k.add(new Kind("dotenv", 24, HardPositives::dotenv, FILES));
        k.add(new Kind("docker-compose", 12, HardPositives::compose, FILES));
        k.add(new Kind("aws-credentials", 12, HardPositives::awsCredentials, FILES));
        k.add(new Kind("npmrc", 8, HardPositives::npmrc, FILES));
        k.add(new Kind("pypirc", 8, HardPositives::pypirc, FILES));
        k.add(new Kind("git-credentials", 8, HardPositives::gitCredentials, FILES));
        k.add(new Kind("kubeconfig", 10, HardPositives::kubeconfig, FILES));
        k.add(new Kind("maven-settings", 8, HardPositives::mavenSettings, FILES));
        k.add(new Kind("tfvars", 8, HardPositives::tfvars, FILES));
        k.add(new Kind("shell-history", 14, HardPositives::shellHistory, FILES));
        k.add(new Kind("notebook", 10, HardPositives::notebook, FILES));
        k.add(new Kind("log-jwt", 10, HardPositives::logJwt, FILES));
        k.add(new Kind("code-connection-string", 16, HardPositives::connectionString, FILES));
        k.add(new Kind("code-vendor-token", 26, HardPositives::codeToken, FILES));
        k.add(new Kind("private-key-file", 27, HardPositives::privateKeyFile, FILES));
        k.add(new Kind("cloud-config", 24, HardPositives::cloudConfig, FILES));
        k.add(new Kind("config-zoo", 40, HardPositives::configZoo, FILES));
        k.add(new Kind("yaml-block-scalar", 6, HardPositives::yamlBlock, FILES));
        k.add(new Kind("xml-attribute", 8, HardPositives::xmlAttribute, FILES));
        k.add(new Kind("url-userinfo-fragment", 10, HardPositives::urlForms, LINES));
        k.add(new Kind("chat-paste", 14, HardPositives::chatPaste, LINES));
        // ---- crypto ----
        k.add(new Kind("crypto-wallet", 20, HardPositives::cryptoWallet, FILES));
        // ---- financial and personal data ----
        k.add(new Kind("card-separators", 30, HardPositives::cardSeparators, LINES));
        k.add(new Kind("iban-countries", 26, HardPositives::ibanCountries, LINES));
        k.add(new Kind("aba-routing", 6, HardPositives::abaRouting, LINES));
        k.add(new Kind("customer-export", 14, HardPositives::customerExport, TABLES));
        k.add(new Kind("ssn-prose", 16, HardPositives::ssnProse, LINES));
        k.add(new Kind("national-ids", 20, HardPositives::nationalIds, LINES));
        k.add(new Kind("contact-bulk", 12, HardPositives::contactBulk, TABLES));
        // ---- source code ----
        k.add(new Kind("source-internal", 22, HardPositives::sourceInternal, FILES));
        return k;
    }

    // ---- credential files --------------------------------------------------------------------------------------

    static Item dotenv(Rng r) {
        Token t = token(r);
        StringBuilder env = new StringBuilder("# ").append(r.pick("local", "staging", "production")).append(
                " settings\nNODE_ENV=production\nPORT=").append(r.pick("3000", "8080", "5173")).append(
                "\nLOG_LEVEL=info\nAPP_URL=https://app.demo.invalid\n");
        List<String> rules = new ArrayList<>(List.of(t.rule()));
        String q = r.pick("", "\"", "'");
        env.append(t.var()).append('=').append(q).append(t.value()).append(q).append('\n');
        if (r.chance(0.5)) {
            String pw = HardValues.password(r);
            env.append("DATABASE_URL=postgres://app_user:").append(pw).append("@db.demo.invalid:5432/app\n");
            rules.add("credential.database-url");
        }
        env.append("FEATURE_FLAGS=search,billing\nSENTRY_ENVIRONMENT=prod\n");
        return new Item("dotenv", rules, List.of(), env.toString());
    }

    static Item compose(Rng r) {
        String pw = HardValues.password(r);
        Token t = token(r);
        String text = "version: \"3.9\"\nservices:\n  db:\n    image: postgres:16-alpine\n    environment:\n"
                + "      POSTGRES_USER: app\n      POSTGRES_PASSWORD: " + pw + "\n      POSTGRES_DB: app\n"
                + "    ports:\n      - \"5432:5432\"\n  api:\n    build: .\n    environment:\n"
                + "      - DATABASE_URL=postgresql://app:" + pw + "@db:5432/app\n      - " + t.var() + "=" + t.value()
                + "\n    depends_on: [db]\n";
        return new Item("docker-compose", List.of("credential.database-url", t.rule()), List.of(), text);
    }

    static Item awsCredentials(Rng r) {
        boolean session = r.chance(0.35);
        String id = HardValues.awsKeyId(r, session ? "ASIA" : "AKIA");
        String text = "[default]\naws_access_key_id = " + id + "\naws_secret_access_key = " + HardValues.awsSecret(r)
                + "\n" + (session ? "aws_session_token = " + HardValues.awsSessionToken(r) + "\n" : "")
                + "\n[profile " + r.pick("deploy", "ci", "analytics") + "]\nrole_arn = arn:aws:iam::" + r.digits(12)
                + ":role/Deployer\nsource_profile = default\nregion = " + r.pick("us-east-1", "eu-west-1") + "\n";
        return item("aws-credentials", text, session ? "credential.aws-session-token" : "credential.aws-secret-access-key");
    }

    static Item npmrc(Rng r) {
        if (r.chance(0.7)) {
            return item("npmrc", "registry=https://registry.npmjs.org/\n@acme:registry=https://npm.pkg.github.com/\n"
                    + "//registry.npmjs.org/:_authToken=" + HardValues.npm(r) + "\nalways-auth=true\n",
                    "credential.npm-token");
        }
        String user = r.pick("ci-bot", "deployer");
        String pw = HardValues.password(r);
        return cat("npmrc", "registry=https://nexus.demo.invalid/repository/npm-group/\n"
                + "//nexus.demo.invalid/repository/npm-group/:_auth=" + HardValues.B64.encodeToString(
                HardValues.utf8(user + ":" + pw)) + "\n//nexus.demo.invalid/repository/npm-group/:_password="
                + HardValues.B64.encodeToString(HardValues.utf8(pw)) + "\nemail=" + user + "@demo.invalid\n", CRED);
    }

    static Item pypirc(Rng r) {
        if (r.chance(0.6)) {
            return item("pypirc", "[distutils]\nindex-servers =\n    pypi\n    testpypi\n\n[pypi]\nusername = __token__\n"
                    + "password = " + HardValues.pypi(r) + "\n", "credential.pypi-token");
        }
        return cat("pypirc", "[distutils]\nindex-servers = internal\n\n[internal]\nrepository = "
                + "https://pypi.demo.invalid/simple/\nusername = release-bot\npassword = " + HardValues.password(r)
                + "\n", CRED);
    }

    static Item gitCredentials(Rng r) {
        return switch (r.nextInt(3)) {
            case 0 -> item("git-credentials", "https://" + r.pick("octocat", "dev-bot") + ":"
                    + HardValues.github(r, "ghp_") + "@github.com\n", "credential.github-pat");
            case 1 -> item("git-credentials", "https://oauth2:" + HardValues.gitlab(r) + "@gitlab.com\n"
                    + "https://" + r.pick("jane", "build") + ":" + HardValues.github(r, "gho_") + "@github.com\n",
                    "credential.gitlab-pat", "credential.github-oauth-token");
            default -> item("git-credentials", "https://" + r.pick("jsmith", "svc-build") + ":"
                    + HardValues.password(r) + "@git.demo.invalid\n", "credential.url-basic-auth");
        };
    }

    static Item kubeconfig(Rng r) {
        String server = "https://" + r.from(Rng.HEX, 32).toUpperCase() + ".gr7.eu-west-1.eks.amazonaws.com";
        String head = "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: "
                + HardValues.B64.encodeToString(HardValues.utf8(HardValues.pem("CERTIFICATE", r.bytes(420))))
                .substring(0, 200) + "\n    server: " + server + "\n  name: prod\ncontexts:\n- context:\n"
                + "    cluster: prod\n    user: admin\n  name: prod\ncurrent-context: prod\nusers:\n- name: admin\n"
                + "  user:\n";
        return switch (r.nextInt(3)) {
            case 0 -> item("kubeconfig", head + "    token: " + HardValues.jwt(r) + "\n", "credential.jwt");
            case 1 -> cat("kubeconfig", head + "    client-certificate-data: " + HardValues.B64.encodeToString(
                    r.bytes(90)) + "\n    client-key-data: " + HardValues.B64.encodeToString(HardValues.utf8(
                    HardValues.privateKey(r, "ec") + "\n")) + "\n", CRED);
            default -> cat("kubeconfig", head + "    token: " + r.from(Rng.ALNUM, 6) + "." + r.from(Rng.ALNUM, 16)
                    + r.from(Rng.ALNUM, 30) + "\n", CRED);
        };
    }

    static Item mavenSettings(Rng r) {
        return cat("maven-settings", "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">\n  <servers>\n"
                + "    <server>\n      <id>" + r.pick("nexus-releases", "artifactory", "github") + "</id>\n"
                + "      <username>" + r.pick("deploy", "ci-publisher") + "</username>\n      <password>"
                + (r.chance(0.3) ? HardValues.github(r, "ghp_") : HardValues.password(r)) + "</password>\n"
                + "    </server>\n  </servers>\n</settings>\n", CRED);
    }

    static Item tfvars(Rng r) {
        if (r.chance(0.5)) {
            return item("tfvars", "region        = \"eu-central-1\"\ninstance_type = \"t3.medium\"\ndo_token      = \""
                    + HardValues.digitalocean(r) + "\"\n", "credential.digitalocean-token");
        }
        return cat("tfvars", "environment   = \"prod\"\ndb_username   = \"admin\"\ndb_password   = \""
                + HardValues.password(r) + "\"\nallowed_cidrs = [\"10.0.0.0/8\"]\n", CRED);
    }

    static Item shellHistory(Rng r) {
        String lead = "cd ~/src/api\ngit pull --rebase\nnpm ci\n";
        String tail = "\nkubectl get pods -n prod\nhistory | tail -20\n";
        return switch (r.nextInt(5)) {
            case 0 -> cat("shell-history", lead + "curl -s -H \"Authorization: Bearer " + r.from(Rng.ALNUM, 40)
                    + "\" https://api.demo.invalid/v2/accounts" + tail, CRED);
            case 1 -> item("shell-history", lead + "curl -H 'Authorization: token " + HardValues.github(r, "ghp_")
                    + "' https://api.github.com/user/repos" + tail, "credential.github-pat");
            case 2 -> cat("shell-history", lead + "mysql -h db.demo.invalid -u root -p'" + HardValues.password(r)
                    + "' app < migrate.sql" + tail, CRED);
            case 3 -> item("shell-history", lead + "export AWS_ACCESS_KEY_ID=" + HardValues.awsKeyId(r, "AKIA")
                    + "\nexport AWS_SECRET_ACCESS_KEY=" + HardValues.awsSecret(r) + "\naws s3 ls" + tail,
                    "credential.aws-secret-access-key");
            default -> cat("shell-history", lead + "curl -u admin:" + HardValues.password(r)
                    + " https://jenkins.demo.invalid/api/json" + tail, CRED);
        };
    }

    static Item notebook(Rng r) {
        Token t = r.chance(0.5) ? new Token("credential.openai-api-key", "OPENAI_API_KEY", HardValues.openai(r))
                : token(r);
        boolean inOutput = r.chance(0.5);
        String src = inOutput ? "import os\\n\",\n    \"os.environ['" + t.var() + "']"
                : "import os\\n\",\n    \"os.environ['" + t.var() + "'] = '" + t.value() + "'";
        String out = inOutput ? "'" + t.value() + "'" : "";
        String nb = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": 3,\n"
                + "   \"metadata\": {},\n   \"outputs\": [" + (inOutput ? "\n    {\n     \"data\": {\n"
                + "      \"text/plain\": [\n       \"" + out.replace("\"", "\\\"") + "\"\n      ]\n     },\n"
                + "     \"execution_count\": 3,\n     \"metadata\": {},\n     \"output_type\": \"execute_result\"\n    }\n   "
                : "") + "],\n   \"source\": [\n    \"" + src + "\"\n   ]\n  }\n ],\n \"metadata\": {\n"
                + "  \"kernelspec\": {\"display_name\": \"Python 3\", \"language\": \"python\", \"name\": \"python3\"}\n"
                + " },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
        return item("notebook", nb, t.rule());
    }

    static Item logJwt(Rng r) {
        String ts = "2025-0" + r.between(1, 9) + "-1" + r.between(0, 9) + "T0" + r.between(0, 9) + ":" + r.between(10,
                59) + ":" + r.between(10, 59) + "." + r.digits(3) + "Z";
        String jwt = HardValues.jwt(r);
        String line = switch (r.nextInt(3)) {
            case 0 -> ts + " DEBUG http.client: send: b'GET /v1/orders HTTP/1.1\\r\\nHost: api.demo.invalid\\r\\n"
                    + "Authorization: Bearer " + jwt + "\\r\\n'";
            case 1 -> ts + " INFO  request id=" + HardValues.uuid(r) + " headers={'authorization': 'Bearer " + jwt
                    + "', 'accept': 'application/json'}";
            default -> "{\"ts\":\"" + ts + "\",\"level\":\"warn\",\"msg\":\"token refresh failed\",\"refresh_token\":\""
                    + jwt + "\",\"status\":401}";
        };
        return item("log-jwt", ts + " INFO  server started on :8080\n" + line + "\n" + ts
                + " INFO  GET /healthz 200 1ms\n", "credential.jwt");
    }

    static Item connectionString(Rng r) {
        String pw = HardValues.password(r).replace("@", "").replace(":", "").replace("/", "");
        String user = r.pick("app", "svc_orders", "admin", "etl");
        return switch (r.nextInt(8)) {
            case 0 -> item("code-connection-string", "from sqlalchemy import create_engine\n\nengine = create_engine(\n"
                    + "    \"postgresql+psycopg2://" + user + ":" + pw + "@db.demo.invalid:5432/orders\",\n"
                    + "    pool_size=10,\n)\n", "credential.database-url");
            case 1 -> item("code-connection-string", "const mongoose = require('mongoose');\n\nmongoose.connect('mongodb+srv://"
                    + user + ":" + pw + "@cluster0." + r.from(Rng.LOWER + Rng.DIGITS, 5)
                    + ".mongodb.net/shop?retryWrites=true&w=majority');\n", "credential.database-url");
            case 2 -> cat("code-connection-string", "package store\n\nimport \"database/sql\"\n\nfunc Open() (*sql.DB, error) {\n"
                    + "\treturn sql.Open(\"mysql\", \"" + user + ":" + pw + "@tcp(db.demo.invalid:3306)/shop?parseTime=true\")\n}\n",
                    CRED);
            case 3 -> cat("code-connection-string", "String url = \"jdbc:sqlserver://sql.demo.invalid:1433;databaseName=crm;user="
                    + user + ";password=" + pw + ";encrypt=true\";\nConnection c = DriverManager.getConnection(url);\n",
                    CRED);
            case 4 -> item("code-connection-string", "CELERY_BROKER_URL = \"amqp://" + user + ":" + pw
                    + "@rabbit.demo.invalid:5672/prod\"\nCELERY_RESULT_BACKEND = \"rpc://\"\n", "credential.database-url");
            case 5 -> item("code-connection-string", "REDIS_URL = 'redis://default:" + pw
                    + "@redis.demo.invalid:6379/0'\ncache = redis.from_url(REDIS_URL)\n", "credential.database-url");
            case 6 -> cat("code-connection-string", "var connStr = \"Server=tcp:sql-prod.database.windows.net,1433;"
                    + "Initial Catalog=crm;User ID=" + user + ";Password=" + pw + ";Encrypt=True;\";\n", CRED);
            default -> cat("code-connection-string", "db = psycopg2.connect(host=\"db.demo.invalid\", dbname=\"orders\", user=\""
                    + user + "\", password=\"" + pw + "\")\n", CRED);
        };
    }

    static Item codeToken(Rng r) {
        Token t = token(r);
        String v = t.value();
        String text = switch (r.nextInt(6)) {
            case 0 -> "import requests\n\nAPI_KEY = \"" + v + "\"\n\ndef fetch(path):\n    return requests.get(BASE + path, "
                    + "headers={\"Authorization\": f\"Bearer {API_KEY}\"})\n";
            case 1 -> "export const config = {\n  region: 'us-east-1',\n  token: '" + v + "',\n  retries: 3,\n};\n";
            case 2 -> "func main() {\n\tclient := api.NewClient(\"" + v + "\")\n\tlog.Fatal(client.Run())\n}\n";
            case 3 -> "@Value(\"${service.timeout:30}\")\nprivate int timeout;\nprivate static final String TOKEN = \""
                    + v + "\";\n";
            case 4 -> "# TODO move to vault\n" + t.var().toLowerCase() + ": " + v + "\nretries: 3\n";
            default -> "$ env | grep -i token\n" + t.var() + "=" + v + "\nHOME=/home/dev\n";
        };
        return item("code-vendor-token", text, t.rule());
    }

    static Item privateKeyFile(Rng r) {
        String format = HardValues.KEY_FORMATS.get(r.nextInt(HardValues.KEY_FORMATS.size()));
        String key = HardValues.privateKey(r, format);
        String text = switch (r.nextInt(4)) {
            case 0 -> "$ cat ~/.ssh/" + r.pick("id_rsa", "deploy_key", "server.key", "key.ppk") + "\n" + key + "\n";
            case 1 -> key + "\n";
            case 2 -> "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\nstringData:\n"
                    + "  tls.key: |\n    " + key.replace("\n", "\n    ") + "\n";
            default -> "{\n  \"name\": \"signing\",\n  \"private_key\": \"" + key.replace("\n", "\\n") + "\\n\"\n}\n";
        };
        return item("private-key-file", text, HardValues.keyRule(format));
    }

    static Item cloudConfig(Rng r) {
        return switch (r.nextInt(12)) {
            case 0 -> item("cloud-config", "{\n  \"ConnectionStrings\": {\n    \"Storage\": \"DefaultEndpointsProtocol=https;"
                    + "AccountName=" + r.from(Rng.LOWER, 10) + ";AccountKey=" + HardValues.azureStorageKey(r)
                    + ";EndpointSuffix=core.windows.net\"\n  },\n  \"Logging\": {\"LogLevel\": {\"Default\": \"Information\"}}\n}\n",
                    "credential.azure-storage-connection-string");
            case 1 -> item("cloud-config", "{\n  \"type\": \"service_account\",\n  \"project_id\": \"" + r.pick("ml", "data")
                    + "-" + r.digits(6) + "\",\n  \"private_key_id\": \"" + r.from(Rng.HEX, 40) + "\",\n  \"private_key\": \""
                    + HardValues.privateKey(r, "pkcs8").replace("\n", "\\n") + "\\n\",\n  \"client_email\": \"etl@"
                    + "data-" + r.digits(6) + ".iam.gserviceaccount.com\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}\n",
                    "credential.gcp-service-account");
            case 2 -> item("cloud-config", "{\"web\":{\"client_id\":\"" + r.digits(12) + "-" + r.from(Rng.LOWER + Rng.DIGITS, 32)
                    + ".apps.googleusercontent.com\",\"project_id\":\"crm-" + r.digits(5) + "\",\"auth_uri\":"
                    + "\"https://accounts.google.com/o/oauth2/auth\",\"client_secret\":\"" + HardValues.gcpOauthSecret(r)
                    + "\",\"redirect_uris\":[\"http://localhost:8080/callback\"]}}\n", "credential.gcp-oauth-client-secret");
            case 3 -> item("cloud-config", "var credential = new ClientSecretCredential(\n    tenantId: \"" + HardValues.uuid(r)
                    + "\",\n    clientId: \"" + HardValues.uuid(r) + "\",\n    clientSecret: \"" + HardValues.azureAdSecret(r)
                    + "\");\n", "credential.azure-ad-client-secret");
            case 4 -> item("cloud-config", "credentials \"app.terraform.io\" {\n  token = \"" + HardValues.terraformCloud(r)
                    + "\"\n}\n", "credential.terraform-cloud-token");
            case 5 -> item("cloud-config", "[DEFAULT]\nhost = https://adb-" + r.digits(16) + ".7.azuredatabricks.net\ntoken = "
                    + HardValues.databricks(r) + "\n", "credential.databricks-token");
            case 6 -> item("cloud-config", "$ vault login\nSuccess! You are now authenticated.\nKey                  Value\n"
                    + "---                  -----\ntoken                " + HardValues.vault(r)
                    + "\ntoken_accessor       " + r.from(Rng.ALNUM, 24) + "\ntoken_duration       768h\n",
                    "credential.hashicorp-vault-token");
            case 7 -> cat("cloud-config", "{\n\t\"auths\": {\n\t\t\"https://index.docker.io/v1/\": {\n\t\t\t\"auth\": \""
                    + HardValues.B64.encodeToString(HardValues.utf8(r.pick("acme", "devops") + ":"
                    + HardValues.dockerHub(r))) + "\"\n\t\t}\n\t}\n}\n", CRED);
            case 8 -> item("cloud-config", "TWILIO_ACCOUNT_SID=" + HardValues.twilioSid(r) + "\nTWILIO_AUTH_TOKEN="
                    + r.from(Rng.HEX, 32) + "\n", "credential.twilio-auth-token");
            case 9 -> item("cloud-config", "# keys.txt\n# created: 2025-03-02T10:11:12Z\n# public key: age1"
                    + r.from("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58) + "\n" + HardValues.ageKey(r) + "\n",
                    "credential.age-secret-key");
            case 10 -> item("cloud-config", "$ cat ~/.cache/huggingface/token\n" + HardValues.huggingface(r) + "\n",
                    "credential.huggingface-token");
            default -> item("cloud-config", "{\n  \"alerting\": {\n    \"slack_url\": \"" + HardValues.slackWebhook(r)
                    + "\"\n  }\n}\n", "credential.slack-webhook");
        };
    }

    /** Other files that hold credentials on a developer machine or in a repository. */
    static Item configZoo(Rng r) {
        String pw = HardValues.password(r).replace("'", "").replace("\"", "");
        return switch (r.nextInt(12)) {
            case 0 -> cat("config-zoo", "machine api.demo.invalid\n  login deploy\n  password " + pw + "\n", CRED);
            case 1 -> cat("config-zoo", "# ~/.pgpass\ndb.demo.invalid:5432:orders:report:" + pw + "\n", CRED);
            case 2 -> cat("config-zoo", "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp' );\n"
                    + "define( 'DB_PASSWORD', '" + pw + "' );\ndefine( 'DB_HOST', 'localhost' );\n", CRED);
            case 3 -> cat("config-zoo", "$secure = ConvertTo-SecureString \"" + pw + "\" -AsPlainText -Force\n"
                    + "$cred = New-Object PSCredential('CORP\\svc-backup', $secure)\n", CRED);
            case 4 -> {
                Token t = token(r);
                yield item("config-zoo", "FROM node:20-alpine\nWORKDIR /app\nENV " + t.var() + "=" + t.value()
                        + "\nRUN npm ci && npm run build\n", t.rule());
            }
            case 5 -> item("config-zoo", "github.com:\n    user: octocat\n    oauth_token: " + HardValues.github(r, "gho_")
                    + "\n    git_protocol: https\n", "credential.github-oauth-token");
            case 6 -> cat("config-zoo", "[default]\naccess_key = " + r.from(Rng.UPPER + Rng.DIGITS, 20)
                    + "\nsecret_key = " + HardValues.awsSecret(r) + "\nhost_base = s3.demo.invalid\n", CRED);
            case 7 -> {
                Token t = token(r);
                yield item("config-zoo", "DB_HOST=localhost\r\n" + t.var() + "=" + t.value() + "\r\nDEBUG=false\r\n",
                        t.rule());
            }
            case 8 -> cat("config-zoo", "spring.datasource.username: app\nspring.datasource.password: " + pw
                    + "\nserver.port: 8080\n", CRED);
            case 9 -> cat("config-zoo", "production:\n  secret_key_base: " + r.from(Rng.HEX, 128) + "\n", CRED);
            case 10 -> {
                Token t = token(r);
                yield item("config-zoo", "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      " + t.var() + ": "
                        + t.value() + "\n    steps:\n      - run: ./deploy.sh\n", t.rule());
            }
            default -> cat("config-zoo", "[mysqld]\nport = 3306\n\n[client]\nuser = backup\npassword = \"" + pw
                    + "\"\n", CRED);
        };
    }

    static Item yamlBlock(Rng r) {
        if (r.chance(0.5)) {
            return cat("yaml-block-scalar", "smtp:\n  host: smtp.demo.invalid\n  username: mailer\n  password: >-\n    "
                    + HardValues.password(r) + "\n  port: 587\n", CRED);
        }
        return item("yaml-block-scalar", "github:\n  app_id: " + r.digits(6) + "\n  token: |\n    "
                + HardValues.github(r, "ghs_") + "\n", "credential.github-app-token");
    }

    static Item xmlAttribute(Rng r) {
        return switch (r.nextInt(3)) {
            case 0 -> item("xml-attribute", "<configuration>\n  <appSettings>\n    <add key=\"Stripe:SecretKey\" value=\""
                    + HardValues.stripe(r, "sk_live_") + "\" />\n  </appSettings>\n</configuration>\n",
                    "credential.stripe-secret-key");
            case 1 -> cat("xml-attribute", "<connectionStrings>\n  <add name=\"Default\" connectionString=\"Data Source="
                    + "sql.demo.invalid;Initial Catalog=erp;User Id=erp_app;Password=" + HardValues.password(r)
                    + ";\" providerName=\"System.Data.SqlClient\" />\n</connectionStrings>\n", CRED);
            default -> cat("xml-attribute", "<DataSource name=\"prod\" url=\"jdbc:oracle:thin:@ora.demo.invalid:1521/ORCL\""
                    + " user=\"report\" password=\"" + HardValues.password(r) + "\"/>\n", CRED);
        };
    }

    static Item urlForms(Rng r) {
        return switch (r.nextInt(4)) {
            case 0 -> item("url-userinfo-fragment", "after login the browser lands on https://app.demo.invalid/callback#"
                    + "access_token=" + HardValues.jwt(r) + "&token_type=Bearer&expires_in=3600 and the page is blank",
                    "credential.jwt");
            case 1 -> item("url-userinfo-fragment", "git remote set-url origin https://x-access-token:"
                    + HardValues.github(r, "ghs_") + "@github.com/acme/api.git", "credential.github-app-token");
            case 2 -> item("url-userinfo-fragment", "webhook is https://ops:" + HardValues.password(r)
                    + "@alerts.demo.invalid/hooks/deploy", "credential.url-basic-auth");
            default -> item("url-userinfo-fragment", "the CI log shows https://gitlab-ci-token:" + HardValues.gitlab(r)
                    + "@gitlab.demo.invalid/group/app.git failing", "credential.gitlab-pat");
        };
    }

    static Item chatPaste(Rng r) {
        Token t = token(r);
        String text = switch (r.nextInt(4)) {
            case 0 -> "why does this fail? I set " + t.var() + " to " + t.value() + " and still get 401";
            case 1 -> "here is my key " + t.value() + " - can you write the curl call";
            case 2 -> "Error: invalid credentials (token=" + t.value() + ")";
            default -> "```\n" + t.var().toLowerCase() + " = \"" + t.value() + "\"\n```\nwhat is wrong with this config?";
        };
        return item("chat-paste", text, t.rule());
    }

    // ---- crypto ------------------------------------------------------------------------------------------------

    static Item cryptoWallet(Rng r) {
        return switch (r.nextInt(6)) {
            case 0 -> item("crypto-wallet", "# wallet backup\nimportprivkey " + HardValues.wif(r) + " \"hot-wallet\" false\n",
                    "credential.bitcoin-wif");
            case 1 -> item("crypto-wallet", "{\n  \"network\": \"" + (r.chance(0.5) ? "mainnet" : "testnet")
                    + "\",\n  \"xpriv\": \"" + HardValues.extendedPrivate(r, r.chance(0.4)) + "\"\n}\n",
                    "credential.bip32-extended-private-key");
            case 2 -> item("crypto-wallet", "Recovery phrase (write it down!):\n" + HardValues.bip39(r, r.pick(List.of(12,
                    15, 18, 21, 24))) + "\n", "credential.bip39-mnemonic");
            case 3 -> item("crypto-wallet", HardValues.bip39(r, r.pick(List.of(12, 24))) + "\n",
                    "credential.bip39-mnemonic");
            case 4 -> item("crypto-wallet", "# hardhat\nPRIVATE_KEY=0x" + r.from(Rng.HEX, 64) + "\nRPC_URL="
                    + "https://eth-sepolia.demo.invalid/v2/demo\n", "credential.ethereum-private-key");
            default -> item("crypto-wallet", "const wallet = new ethers.Wallet(\"" + r.from(Rng.HEX, 64)
                    + "\", provider); // deployer private key\n", "credential.ethereum-private-key");
        };
    }

    // ---- financial and personal data ---------------------------------------------------------------------------

    static Item cardSeparators(Rng r) {
        int brand = r.nextInt(HardValues.CARDS.size());
        String digits = HardValues.card(r, brand);
        String shown = switch (r.nextInt(5)) {
            case 0 -> HardValues.cardGrouped(digits, " ");
            case 1 -> HardValues.cardGrouped(digits, "-");
            case 2 -> digits;
            case 3 -> HardValues.cardGrouped(digits, ".");
            default -> HardValues.cardGrouped(digits, "  ");
        };
        String exp = String.format("%02d/%02d", r.between(1, 12), r.between(27, 31));
        String text = switch (r.nextInt(4)) {
            case 0 -> "customer says the charge on card " + shown + " (exp " + exp + ") was declined twice";
            case 1 -> "{\"order\":\"" + r.digits(8) + "\",\"payment\":{\"pan\":\"" + shown + "\",\"expiry\":\"" + exp
                    + "\",\"cvv\":\"" + r.digits(3) + "\"}}";
            case 2 -> "Card number: " + shown + "\nName on card: " + HardValues.first(r) + " " + HardValues.last(r)
                    + "\nExpiry: " + exp;
            default -> "refund " + shown + " amount=42.10 currency=EUR";
        };
        return item("card-separators", text, HardValues.CARDS.get(brand)[0]);
    }

    static Item ibanCountries(Rng r) {
        String iban = HardValues.iban(r);
        String shown = r.chance(0.5) ? Values.group4(iban) : iban;
        String text = switch (r.nextInt(4)) {
            case 0 -> "Please wire the deposit to IBAN " + shown + " (" + HardValues.first(r) + " " + HardValues.last(r)
                    + ")";
            case 1 -> "<CdtrAcct><Id><IBAN>" + iban + "</IBAN></Id></CdtrAcct>";
            case 2 -> "Bankverbindung: " + shown + ", BIC " + r.from(Rng.UPPER, 6) + "XX";
            default -> "payee,iban,amount\n" + HardValues.last(r) + " GmbH," + iban + ",1200.00\n";
        };
        return item("iban-countries", text, "financial.iban");
    }

    static Item abaRouting(Rng r) {
        return item("aba-routing", "Direct deposit form: routing number " + HardValues.aba(r) + ", account number "
                + r.digits(10) + ", checking", "financial.aba-routing");
    }

    static Item customerExport(Rng r) {
        int rows = r.between(8, 12);
        return switch (r.nextInt(3)) {
            case 0 -> {
                StringBuilder csv = new StringBuilder("customer_id,name,email,phone,card_number,exp\n");
                for (int i = 0; i < rows; i++) {
                    String f = HardValues.first(r);
                    String l = HardValues.last(r);
                    csv.append(10_000 + r.nextInt(90_000)).append(',').append(f).append(' ').append(l).append(',')
                            .append(HardValues.email(r, f, l)).append(',').append(HardValues.phone(r)).append(',')
                            .append(HardValues.card(r, r.nextInt(2))).append(',').append(String.format("%02d/%02d",
                            r.between(1, 12), r.between(27, 31))).append('\n');
                }
                yield cat("customer-export", csv.toString(), FIN, PII);
            }
            case 1 -> {
                StringBuilder csv = new StringBuilder("employee_id;last_name;first_name;ssn;hire_date\n");
                for (int i = 0; i < rows; i++) {
                    csv.append("E").append(r.digits(5)).append(';').append(HardValues.last(r)).append(';')
                            .append(HardValues.first(r)).append(';').append(HardValues.ssn(r, "-")).append(";20")
                            .append(r.between(10, 24)).append("-0").append(r.between(1, 9)).append("-1")
                            .append(r.between(0, 9)).append('\n');
                }
                yield cat("customer-export", csv.toString(), PII);
            }
            default -> {
                StringBuilder csv = new StringBuilder("vendor,contact,iban,bic\n");
                for (int i = 0; i < rows; i++) {
                    csv.append(HardValues.last(r)).append(" Ltd,").append(HardValues.first(r)).append(',')
                            .append(HardValues.iban(r)).append(',').append(r.from(Rng.UPPER, 6)).append("2L\n");
                }
                yield item("customer-export", csv.toString(), "financial.iban");
            }
        };
    }

    static Item ssnProse(Rng r) {
        String kw = r.pick("SSN", "SSN#", "Social Security Number", "social security no.", "SS#", "soc. sec. #",
                "Social-Security-Number", "SSN (last known)");
        String sep = r.pick("-", "-", " ");
        String ssn = HardValues.ssn(r, sep);
        String text = switch (r.nextInt(3)) {
            case 0 -> "Applicant " + HardValues.first(r) + " " + HardValues.last(r) + ", DOB 0" + r.between(1, 9)
                    + "/1" + r.between(0, 9) + "/198" + r.between(0, 9) + ", " + kw + ": " + ssn + ".";
            case 1 -> "please verify the " + kw + " " + ssn + " against the W-2 before payroll runs";
            default -> "Tax form notes\n" + kw + "\n" + ssn + "\nFiling status: single";
        };
        return cat("ssn-prose", text, PII);
    }

    static Item nationalIds(Rng r) {
        return switch (r.nextInt(4)) {
            case 0 -> item("national-ids", "HMRC letter: National Insurance number " + HardValues.nino(r, r.chance(0.5))
                    + " for " + HardValues.first(r) + " " + HardValues.last(r), "pii.uk-nino");
            case 1 -> item("national-ids", "Employee onboarding (Toronto): SIN " + HardValues.sin(r, r.pick(" ", "-"))
                    + ", start date 2025-02-03", "pii.ca-sin");
            case 2 -> item("national-ids", "ITIN: " + HardValues.itin(r) + " (issued for the 1040-NR filing)",
                    "pii.us-itin");
            default -> item("national-ids", "NI No. " + HardValues.nino(r, true) + "\nTax code 1257L",
                    "pii.uk-nino");
        };
    }

    static Item contactBulk(Rng r) {
        int rows = r.between(8, 14);
        boolean phones = r.chance(0.4);
        StringBuilder out = new StringBuilder(phones ? "name\tmobile\n" : "First Name,Last Name,Email,Company\n");
        for (int i = 0; i < rows; i++) {
            String f = HardValues.first(r);
            String l = HardValues.last(r);
            out.append(phones ? f + " " + l + "\t" + HardValues.phone(r) : f + "," + l + "," + HardValues.email(r, f, l)
                    + "," + l + " & Co").append('\n');
        }
        return item("contact-bulk", out.toString(), phones ? "pii.phone-bulk" : "pii.email-bulk");
    }

    // ---- source code -------------------------------------------------------------------------------------------

    static Item sourceInternal(Rng r) {
        return switch (r.nextInt(6)) {
            case 0 -> cat("source-internal", "/*\n * Copyright (c) 2019-2025 ExampleCorp Inc. All rights reserved.\n"
                    + " * ExampleCorp Confidential - do not distribute.\n */\npackage com.examplecorp.ledger;\n\n"
                    + "final class Posting {\n    long amountMinor;\n}\n", SRC);
            case 1 -> cat("source-internal", "# PROPRIETARY AND CONFIDENTIAL\n# Unauthorized copying of this file, via any "
                    + "medium, is strictly prohibited.\n\ndef score(order):\n    return order.total * 0.87\n", SRC);
            case 2 -> cat("source-internal", "import com.examplecorp.payments.fraud.RiskModel;\nimport "
                    + "com.examplecorp.payments.fraud.Thresholds;\n\npublic class Checker {\n  RiskModel m;\n}\n", SRC);
            case 3 -> cat("source-internal", "upstream billing {\n    server billing-" + r.digits(2)
                    + ".prod.examplecorp.invalid:8443;\n    server billing-" + r.digits(2)
                    + ".prod.examplecorp.invalid:8443;\n}\n", SRC);
            case 4 -> cat("source-internal", "// ExampleCorp internal use only\nexport function rebate(total) {\n"
                    + "  return total > 1000 ? total * 0.04 : 0;\n}\n", SRC);
            default -> cat("source-internal", "from examplecorp_internal.auth import sso\nfrom examplecorp_internal."
                    + "billing import invoices\n\nsso.login()\n", SRC);
        };
    }
}
