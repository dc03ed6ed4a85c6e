package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code cred3}: credential classes an outside red team found passing Sieve (synthetic values), written as
 * classes with many phrasings and containers, and the hard negatives beside them. Positives are tagged
 * {@code rt4:<kind>}:
 * <ul>
 *   <li>{@code vendor-key}: keys with no prefix of their own next to their vendor's name (Azure OpenAI, Mistral,
 *       Algolia, Segment, Jenkins, Consul/Nomad, Confluent, Datadog, New Relic, PagerDuty, Sentry, Mailgun,
 *       Cloudflare, Heroku, Okta, Auth0) in prose, env files, properties, JSON, TOML, YAML and commands;</li>
 *   <li>{@code framework-secret}: Rails secret_key_base and master.key, Phoenix, Django, Flask (bytes and string),
 *       Laravel, Symfony and Express session secrets;</li>
 *   <li>{@code name-value}: a secret's name and value as siblings (ECS task definitions, Kubernetes env lists,
 *       CloudFormation parameters, key/value lists);</li>
 *   <li>{@code table}: a CSV, TSV, psql or Markdown table with a password / secret / token / API key column;</li>
 *   <li>{@code chpasswd}, {@code password-stdin}, {@code escaped-auth-header}, {@code function-key},
 *       {@code userinfo}, {@code chat-webhook}: cloud-init passwords, a password echoed into a registry login, an
 *       Authorization header inside a bytes repr or a log line, Azure Functions keys, URL passwords of other schemes
 *       with reserved characters, self-hosted chat webhooks.</li>
 * </ul>
 * Hard negatives ({@code neg:cred3}, {@code neg:<kind>}): the vendor names near request ids, commit hashes, checksums,
 * model names and placeholders; framework secrets read from the environment or templated; name/value pairs of
 * settings and references; tables of dates, counts, booleans and masks under secret-like headers; hashes and
 * variables where the other shapes want a literal. Written with the rules, so not held out.
 */
final class Cred3 {

    static final long SEED = 20_261_212L;
    static final String FAMILY = "cred3";

    private static final List<String> ROTATION = List.of("json-anthropic", "text", "json-openai-chat",
            "json-anthropic-tool", "multipart", "json-gemini", "json-openai-responses", "gzip-octet");

    private static final String GENERIC = "credential.generic-secret-assignment";

    private final FamilyCases cases;
    private final Rng r;

    private Cred3(Rng r) {
        this.r = r;
        this.cases = new FamilyCases(FAMILY, ROTATION, r, "rt4");
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Cred3 c = new Cred3(r);
        c.vendorKeys();
        c.moreVendorKeys();
        c.frameworkSecrets();
        c.nameValuePairs();
        c.tables();
        c.otherShapes();
        c.negatives();
        return c.cases.all();
    }

    // ---- positives: keyword-only vendor keys ------------------------------------------------------------------------

    private void vendorKeys() {
        String k = hex(32);
        vendor("credential.azure-openai-key", r.pick("AZURE_OPENAI_API_KEY=" + k + "\nAZURE_OPENAI_ENDPOINT=https://"
                + "eu-chat.openai.azure.com/\n", "azure.openai.api.key=" + k + "\nazure.openai.deployment=gpt-4o\n"));
        vendor("credential.azure-openai-key", "here's the Azure OpenAI key for staging: " + hex(32)
                + " (rotate it Friday)");
        vendor("credential.azure-openai-key", "curl https://vision-" + r.between(1, 9) + ".cognitiveservices.azure.com"
                + "/vision/v3.2/analyze -H \"Ocp-Apim-Subscription-Key: " + hex(32) + "\" -d @img.json");
        vendor("credential.azure-openai-key", "{\"azure_openai\": {\"endpoint\": \"https://chat.openai.azure.com\", "
                + "\"api_key\": \"" + hex(32) + "\"}}");
        vendor("credential.mistral-api-key", "here's the Mistral key for staging: " + alnum(32));
        vendor("credential.mistral-api-key", r.pick("mistral_api_key=", "MISTRAL_API_KEY: ", "app.mistral.key=")
                + alnum(32));
        vendor("credential.mistral-api-key", "[llm.mistral]\nmodel = \"mistral-large-latest\"\napi_key = \"" + alnum(32)
                + "\"\n");
        vendor("credential.mistral-api-key", "{\"provider\": \"mistral\", \"apiKey\": \"" + alnum(32) + "\"}");
        vendor("credential.algolia-key", "ALGOLIA_ADMIN_API_KEY=" + hex(32) + "\nALGOLIA_APP_ID=" + upper(10));
        vendor("credential.algolia-key", "const client = algoliasearch('" + upper(10) + "', '" + hex(32) + "');");
        vendor("credential.segment-write-key", "SEGMENT_WRITE_KEY=" + alnum(32));
        vendor("credential.segment-write-key", "Segment write key for prod: " + alnum(32));
        vendor("credential.segment-write-key", "{\"segment\": {\"writeKey\": \"" + alnum(32) + "\"}}");
        vendor("credential.segment-write-key", "<!-- Segment -->\n<script>analytics.load(\"" + alnum(32)
                + "\");</script>");
        vendor("credential.jenkins-api-token", "JENKINS_API_TOKEN=11" + hex(32));
        vendor("credential.jenkins-api-token", "curl -X POST -u deploy:11" + hex(32)
                + " https://jenkins.corp.invalid/job/app/build");
        vendor("credential.consul-nomad-token", "export CONSUL_HTTP_TOKEN=" + uuid());
        vendor("credential.consul-nomad-token", "curl -H \"X-Nomad-Token: " + uuid()
                + "\" https://nomad.corp.invalid:4646/v1/jobs");
        vendor("credential.consul-nomad-token", "consul {\n  address = \"127.0.0.1:8500\"\n  token   = \"" + uuid()
                + "\"\n}\n");
        vendor("credential.consul-nomad-token", "the nomad token for staging is " + uuid() + ", use it for deploys");
        vendor("credential.confluent-key", "CONFLUENT_CLOUD_API_KEY=" + upper(12) + r.digits(4));
        vendor("credential.confluent-secret", "confluent:\n  api_key: " + upper(12) + r.digits(4)
                + "\n  api_secret: " + base64(64) + "\n");
        vendor("credential.datadog-key", "DD_API_KEY=" + hex(32) + "\nDD_SITE=datadoghq.eu\n");
        vendor("credential.datadog-key", "datadog:\n  api_key: " + hex(32) + "\n  app_key: " + hex(40) + "\n");
        vendor("credential.newrelic-license-key", "NEW_RELIC_LICENSE_KEY=" + hex(36) + "NRAL");
        vendor("credential.newrelic-license-key", "# newrelic.yml\ncommon: &default_settings\n  license_key: "
                + hex(40) + "\n  app_name: orders\n");
        vendor("credential.pagerduty-key", "PAGERDUTY_API_TOKEN=" + r.from(Rng.ALNUM + "_+-", 20));
        vendor("credential.pagerduty-key", "{\"routing_key\": \"" + hex(32) + "\", \"event_action\": \"trigger\", "
                + "\"source\": \"pagerduty-agent\"}");
        vendor("credential.sentry-legacy-token", "SENTRY_AUTH_TOKEN=" + hex(64));
        vendor("credential.mailgun-api-key", "MAILGUN_API_KEY=" + hex(32) + "-" + hex(8) + "-" + hex(8));
        vendor("credential.cloudflare-api-token", "CLOUDFLARE_API_TOKEN=" + r.from(Rng.URLSAFE, 40));
        vendor("credential.cloudflare-api-token", "# cloudflare.ini\ndns_cloudflare_api_token = "
                + r.from(Rng.URLSAFE, 40) + "\n");
        vendor("credential.cloudflare-global-key", "curl https://api.cloudflare.com/client/v4/zones -H \"X-Auth-Email: "
                + "ops@corp.invalid\" -H \"X-Auth-Key: " + hex(37) + "\"");
        vendor("credential.heroku-legacy-api-key", "HEROKU_API_KEY=" + uuid());
        vendor("credential.okta-api-token", "OKTA_API_TOKEN=00" + r.from(Rng.URLSAFE, 40));
        vendor("credential.okta-api-token", "okta:\n  client:\n    orgUrl: https://dev-" + r.digits(6)
                + ".okta.com\n    token: 00" + r.from(Rng.URLSAFE, 40) + "\n");
        vendor("credential.auth0-client-secret", "AUTH0_DOMAIN=corp.eu.auth0.com\nAUTH0_CLIENT_SECRET="
                + r.from(Rng.URLSAFE, 64) + "\n");
        vendor("credential.auth0-client-secret", "auth0 secret for the SPA: " + r.from(Rng.URLSAFE, 64));
    }

    /** More phrasings, so that every vendor rule has at least four cases: prose, env, JSON, TOML, YAML, commands. */
    private void moreVendorKeys() {
        vendor("credential.algolia-key", "{\"algolia\": {\"appId\": \"" + upper(10) + "\", \"adminKey\": \""
                + hex(32) + "\"}}");
        vendor("credential.algolia-key", "here is the Algolia API key for the docs indexer: " + hex(32));
        vendor("credential.jenkins-api-token", "java -jar jenkins-cli.jar -s https://ci.corp.invalid/ -auth ana:11"
                + hex(32) + " build app");
        vendor("credential.jenkins-api-token", "[jenkins]\nurl = \"https://ci.corp.invalid\"\napi_token = \"11" + hex(32)
                + "\"\n");
        vendor("credential.confluent-key", "# confluent cloud\nsasl.jaas.config=org.apache.kafka.common.security.plain."
                + "PlainLoginModule required username='" + upper(11) + r.digits(5)
                + "' password='{{ kafka_secret }}';");
        vendor("credential.confluent-key", "{\"confluent\": {\"key\": \"" + r.digits(3) + upper(13) + "\"}}");
        vendor("credential.confluent-key", "Confluent API key for the orders cluster: " + upper(10) + r.digits(6));
        vendor("credential.confluent-secret", "CONFLUENT_CLOUD_API_SECRET=" + base64(64));
        vendor("credential.confluent-secret", "here's the confluent secret: " + base64(64));
        vendor("credential.confluent-secret", "[kafka.confluent]\nsecret = \"" + base64(64) + "\"\n");
        vendor("credential.datadog-key", "curl -X GET https://api.datadoghq.eu/api/v1/validate -H \"DD-API-KEY: "
                + hex(32) + "\"");
        vendor("credential.datadog-key", "here's the datadog api key: " + hex(32));
        vendor("credential.newrelic-license-key", "here is the New Relic ingest key: " + hex(36) + "NRAL");
        vendor("credential.newrelic-license-key", "{\"new_relic\": {\"license_key\": \"" + hex(36) + "NRAL\"}}");
        vendor("credential.pagerduty-key", "curl -H \"Authorization: Token token=u+" + r.from(Rng.ALNUM, 18)
                + "\" https://api.pagerduty.com/incidents");
        vendor("credential.pagerduty-key", "pagerduty:\n  integration_key: " + hex(32) + "\n");
        vendor("credential.sentry-legacy-token", "sentry-cli --auth-token " + hex(64) + " releases new 1.4.2");
        vendor("credential.sentry-legacy-token", "# ~/.sentryclirc\n[auth]\ntoken=" + hex(64) + "\n");
        vendor("credential.sentry-legacy-token", "here is the sentry token: " + hex(64));
        vendor("credential.mailgun-api-key", "curl -s --user 'api:" + hex(32) + "-" + hex(8) + "-" + hex(8)
                + "' https://api.mailgun.net/v3/mg.corp.invalid/messages");
        vendor("credential.mailgun-api-key", "mailgun:\n  secret: " + hex(32) + "-" + hex(8) + "-" + hex(8) + "\n");
        vendor("credential.mailgun-api-key", "{\"mailgun\": {\"apiKey\": \"" + hex(32) + "-" + hex(8) + "-" + hex(8)
                + "\"}}");
        vendor("credential.cloudflare-api-token", "curl https://api.cloudflare.com/client/v4/user/tokens/verify -H "
                + "\"Authorization: Bearer " + r.from(Rng.URLSAFE, 40) + "\"");
        vendor("credential.cloudflare-api-token", "here's the Cloudflare token for DNS: " + r.from(Rng.URLSAFE, 40));
        vendor("credential.cloudflare-global-key", "CF_API_KEY=" + hex(37) + "\nCF_API_EMAIL=ops@corp.invalid\n");
        vendor("credential.cloudflare-global-key", "cloudflare:\n  email: ops@corp.invalid\n  api_key: " + hex(37)
                + "\n");
        vendor("credential.cloudflare-global-key", "the cloudflare global key is " + hex(37));
        vendor("credential.heroku-legacy-api-key", "machine api.heroku.com\n  login ops@corp.invalid\n  password "
                + uuid() + "\n");
        vendor("credential.heroku-legacy-api-key", "heroku:\n  api_key: \"" + uuid() + "\"\n");
        vendor("credential.heroku-legacy-api-key", "here's the heroku api key: " + uuid());
        vendor("credential.okta-api-token", "here's our Okta admin token " + "00" + r.from(Rng.URLSAFE, 40)
                + ", rotate it after");
        vendor("credential.okta-api-token", "{\"okta\": {\"orgUrl\": \"https://corp.okta.com\", \"token\": \"00"
                + r.from(Rng.URLSAFE, 40) + "\"}}");
        vendor("credential.auth0-client-secret", "{\"domain\": \"corp.eu.auth0.com\", \"clientSecret\": \""
                + r.from(Rng.URLSAFE, 64) + "\"}");
        vendor("credential.auth0-client-secret", "[auth0]\ndomain = \"corp.auth0.com\"\nclient_secret = \""
                + r.from(Rng.URLSAFE, 64) + "\"\n");
    }

    private void vendor(String rule, String text) {
        cases.text("vendor-key", rule, text);
    }

    // ---- positives: framework secrets --------------------------------------------------------------------------------

    private void frameworkSecrets() {
        String fw = "framework-secret";
        cases.text(fw, GENERIC, "production:\n  secret_key_base: " + hex(128) + "\n");
        cases.text(fw, "credential.framework-secret", "$ cat config/master.key\n" + hex(32) + "\n");
        cases.text(fw, GENERIC, "RAILS_MASTER_KEY=" + hex(32));
        cases.text(fw, GENERIC, "config :shop, ShopWeb.Endpoint,\n  url: [host: \"shop.corp.invalid\"],\n"
                + "  secret_key_base: \"" + base64(64) + "\"\n");
        cases.text(fw, GENERIC, "SECRET_KEY = '" + r.from(Rng.LOWER + Rng.DIGITS + "!@#%^&*(-_=+)", 50) + "'");
        cases.text(fw, "credential.framework-secret", "app = Flask(__name__)\napp.secret_key = b'" + bytesRepr(24)
                + "'\n");
        cases.text(fw, GENERIC, "FLASK_APP=app.py\nSECRET_KEY=" + hex(48) + "\n");
        cases.text(fw, GENERIC, "APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=base64:" + base64(43) + "=\n");
        cases.text(fw, GENERIC, "###> symfony/framework-bundle ###\nAPP_ENV=prod\nAPP_SECRET=" + hex(32) + "\n");
        cases.text(fw, GENERIC, "app.use(session({\n  secret: '" + password() + "',\n  resave: false\n}));");
        String rule = "credential.framework-secret";
        cases.text(fw, rule, "config/master.key: " + hex(32));
        cases.text(fw, rule, "the master.key for prod is " + hex(32) + ", don't commit it");
        cases.text(fw, rule, "app.config[\"SECRET_KEY\"] = b\"" + bytesRepr(32).replace("\"", "\\x22") + "\"");
    }

    // ---- positives: name/value pairs ---------------------------------------------------------------------------------

    private void nameValuePairs() {
        String nv = "name-value";
        cases.text(nv, GENERIC, "\"environment\": [{\"name\": \"DD_API_KEY\", \"value\": \"" + password() + "\"}, "
                + "{\"name\": \"LOG_LEVEL\", \"value\": \"info\"}]");
        cases.text(nv, GENERIC, "\"environment\": [\n  {\n    \"name\": \"DB_PASSWORD\",\n    \"value\": \""
                + password() + "\"\n  }\n]");
        cases.text(nv, GENERIC, "spec:\n  containers:\n    - name: api\n      env:\n        - name: DB_PASSWORD\n"
                + "          value: " + password() + "\n        - name: PORT\n          value: \"8080\"\n");
        cases.text(nv, GENERIC, "[{\"ParameterKey\": \"DbPassword\", \"ParameterValue\": \"" + password()
                + "\"}, {\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"}]");
        cases.text(nv, GENERIC, "aws cloudformation create-stack --stack-name app --parameters "
                + "ParameterKey=DbPassword,ParameterValue=" + password() + " ParameterKey=Env,ParameterValue=prod");
        cases.text(nv, GENERIC, "{\"Name\": \"STRIPE_SECRET\", \"Value\": \"" + password() + "\"}");
        cases.text(nv, GENERIC, "variables: [{\"key\": \"API_TOKEN\", \"value\": \"" + password() + "\"}]");
    }

    // ---- positives: tables -------------------------------------------------------------------------------------------

    private void tables() {
        String rule = "credential.table-secret-column";
        String[][] headers = {{"id", "username", "password", "role"}, {"app", "client_id", "client_secret"},
            {"service", "api_key", "owner"}, {"id", "email", "access_token", "scope"}, {"host", "user", "passwd"},
            {"name", "token", "created"}};
        for (int i = 0; i < headers.length; i++) {
            String[] header = headers[i];
            List<String[]> rows = new ArrayList<>();
            for (int k = 0; k < r.between(2, 3); k++) {
                String[] row = new String[header.length];
                for (int c = 0; c < header.length; c++) {
                    row[c] = switch (header[c]) {
                        case "password", "client_secret", "api_key", "access_token", "passwd", "token" -> password();
                        case "id" -> String.valueOf(k + 1);
                        case "email" -> user() + "@corp.invalid";
                        case "created" -> "2026-11-" + r.between(10, 28);
                        default -> user();
                    };
                }
                rows.add(row);
            }
            cases.text("table", rule, CredCli.table(i % 4, header, rows));
        }
        cases.text("table", rule, "\"id\",\"login\",\"password\"\n\"1\",\"" + user() + "\",\"" + password()
                + "\"\n\"2\",\"" + user() + "\",\"" + password() + "\"\n");
        cases.text("table", rule, "host;user;pwd;port\ndb-1;app;" + password() + ";5432\ndb-2;report;" + password()
                + ";5432\n");
    }

    // ---- positives: other shapes -------------------------------------------------------------------------------------

    private void otherShapes() {
        cases.text("chpasswd", "credential.cloud-init-chpasswd", "#cloud-config\nssh_pwauth: true\nchpasswd:\n"
                + "  list: |\n    root:" + password() + "\n    ubuntu:" + password() + "\n  expire: false\n");
        cases.text("chpasswd", "credential.cloud-init-chpasswd", "#cloud-config\nchpasswd:\n  expire: False\n  list:\n"
                + "    - ops:" + password() + "\n");
        cases.text("password-stdin", "credential.password-stdin-echo", "echo '" + password() + "' | docker login -u "
                + user() + " --password-stdin registry.corp.invalid");
        cases.text("password-stdin", "credential.password-stdin-echo", "echo -n " + password()
                + " | podman login quay.corp.invalid -u robot --password-stdin");
        cases.text("password-stdin", "credential.password-stdin-echo", "printf '%s' \"" + password()
                + "\" | helm registry login ghcr.corp.invalid --username bot --password-stdin");
        cases.text("escaped-auth-header", "credential.auth-header-in-command", "DEBUG urllib3 send: b'GET /v1/orders "
                + "HTTP/1.1\\r\\nHost: api.corp.invalid\\r\\nAuthorization: Bearer " + hex(40) + "\\r\\n\\r\\n'");
        cases.text("escaped-auth-header", "credential.auth-header-in-command", "2026-12-01T10:22:01Z proxy req=\"POST "
                + "/hook HTTP/1.1\\nauthorization: Bearer " + base64(44) + "\\nhost: hooks.corp.invalid\"");
        cases.text("function-key", "credential.azure-function-key", "curl \"https://orders-fn.azurewebsites.net/api/"
                + "ProcessOrder?code=" + r.from(Rng.URLSAFE, 54) + "==\"");
        cases.text("function-key", "credential.azure-function-key", "WEBHOOK=https://ingest.azurewebsites.net/api/"
                + "HttpTrigger1?clientId=default&code=" + base64(54) + "%3D%3D");
        cases.text("userinfo", "credential.url-userinfo-password", "MAIL_URL=smtp+tls://alerts:" + r.from(Rng.ALNUM, 4)
                + "#" + r.from(Rng.ALNUM, 3) + "~" + r.from(Rng.ALNUM, 4) + "@smtp.corp.invalid:587");
        cases.text("userinfo", "credential.url-userinfo-password", "ALL_PROXY=socks5h://ops:" + r.from(Rng.ALNUM, 5) + "^"
                + r.from(Rng.ALNUM, 4) + "%" + r.from(Rng.ALNUM, 3) + "@proxy.corp.invalid:1080");
        cases.text("chpasswd", "credential.cloud-init-chpasswd", "users:\n  - default\n"
                + "chpasswd:\n  list: |\n    admin:"
                + password() + "\n");
        cases.text("chpasswd", "credential.cloud-init-chpasswd", "write_files: []\nchpasswd: {expire: false, list: \"deploy:"
                + password() + "\"}\n");
        cases.text("password-stdin", "credential.password-stdin-echo", "echo \"" + password() + "\" | sudo nerdctl login "
                + "-u ci --password-stdin harbor.corp.invalid");
        cases.text("function-key", "credential.azure-function-key", "{\"url\": \"https://hooks-eu.azurewebsites.net/api/"
                + "notify?code=" + r.from(Rng.URLSAFE, 52) + "==\"}");
        cases.text("function-key", "credential.azure-function-key", "Call it with https://report-fn.azurewebsites.net/"
                + "api/Export?format=csv&code=" + base64(56) + "== from the scheduler.");
        cases.text("userinfo", "credential.url-userinfo-password", "ldaps://cn=svc:" + r.from(Rng.ALNUM, 6) + "~"
                + r.from(Rng.ALNUM, 5) + "#" + r.from(Rng.ALNUM, 2) + "@dc1.corp.invalid:636");
        cases.text("userinfo", "credential.url-userinfo-password", "{\"broker\": \"mqtts://sensor:" + r.from(Rng.ALNUM, 7)
                + "%" + r.from(Rng.ALNUM, 5) + "^@mqtt.corp.invalid:8883\"}");
        cases.text("chat-webhook", "credential.chat-webhook-url", "rocketchat_hook: https://chat.corp.invalid/hooks/"
                + r.from(Rng.ALNUM, 26));
        cases.text("chat-webhook", "credential.chat-webhook-url", "MM_HOOK=https://chat.corp.invalid/hooks/"
                + r.from(Rng.LOWER + Rng.DIGITS, 26));
        cases.text("chat-webhook", "credential.chat-webhook-url", "curl -X POST -d '{\"text\":\"done\"}' https://rocket"
                + ".corp.invalid/hooks/" + r.from(Rng.ALNUM, 17) + "/" + r.from(Rng.ALNUM, 48));
        cases.text("chat-webhook", "credential.chat-webhook-url", "TEAMS_URL=https://prod-27.westeurope.logic.azure.com"
                + ":443/workflows/" + hex(32) + "/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers"
                + "%2Fmanual%2Frun&sv=1.0&sig=" + r.from(Rng.URLSAFE, 43));
    }

    // ---- hard negatives ----------------------------------------------------------------------------------------------

    private void negatives() {
        neg("vendor-request-id", "consul request id " + uuid() + " took 3 ms; nomad eval " + uuid() + " complete");
        neg("vendor-request-id", "azure openai response apim-request-id: " + uuid() + ", x-ms-region: westeurope");
        neg("vendor-request-id", "heroku[router]: at=info method=GET path=\"/\" host=app.herokuapp.com request_id="
                + uuid() + " status=200");
        neg("vendor-request-id", "datadog trace id " + uuid() + " sampled; pagerduty incident " + uuid() + " resolved");
        neg("vendor-commit", "datadog-agent pinned at commit " + hex(40) + " (7.52.0)");
        neg("vendor-commit", "cloudflare/cloudflared: bump to " + hex(40) + "; jenkins build #" + r.between(100, 999));
        neg("vendor-commit", "newrelic agent release " + hex(40) + " fixes the license key lookup");
        neg("vendor-checksum", "sentry-cli release artifact sha256: " + hex(64));
        neg("vendor-checksum", "confluent-kafka 2.3.0 wheel sha256 " + hex(64) + " verified");
        neg("vendor-checksum", "auth0-spa-js 2.1.3 integrity sha256 " + hex(64));
        neg("vendor-model", "Use mistral-large-2407 or mistral-small-latest; the Mistral request " + uuid()
                + " returned 429.");
        neg("vendor-placeholder", "MISTRAL_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nAZURE_OPENAI_API_KEY="
                + "00000000000000000000000000000000\nOKTA_API_TOKEN=${OKTA_API_TOKEN}\n");
        neg("vendor-placeholder", "CONSUL_HTTP_TOKEN=00000000-0000-0000-0000-000000000000\nSEGMENT_WRITE_KEY="
                + "<your-segment-write-key>\nJENKINS_API_TOKEN=$JENKINS_TOKEN\n");
        neg("segment-md5", "Each video segment was checked (md5 " + hex(32) + ") before the upload; segment "
                + r.between(2, 40) + " had md5 " + hex(32) + ".");
        neg("segment-md5", "The segment tree stores " + r.between(1000, 9000) + " nodes; checksum " + hex(32)
                + " matched the golden file.");
        neg("consul-accessor", "consul acl token read -id " + uuid() + "\nAccessorID: " + uuid()
                + "\nDescription: ci\n");
        neg("framework-placeholder", "production:\n  secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>\n");
        neg("framework-placeholder", "SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\napp.secret_key = os.urandom(24)\n");
        neg("framework-placeholder", "APP_SECRET=${APP_SECRET}\nAPP_KEY=\nRAILS_MASTER_KEY=$RAILS_MASTER_KEY\n");
        neg("framework-placeholder", "config :shop, ShopWeb.Endpoint, secret_key_base: System.get_env(\"SECRET_KEY_BASE\")");
        neg("framework-placeholder", "app.use(session({ secret: 'keyboard cat', resave: false }));\n"
                + "SECRET_KEY = 'changeme'\n");
        neg("framework-placeholder", "app.secret_key = b'dev'\n# master.key lives in 1Password, not here");
        neg("name-value-setting", "\"environment\": [{\"name\": \"LOG_LEVEL\", \"value\": \"info\"}, {\"name\": "
                + "\"TOKEN_TTL\", \"value\": \"3600\"}, {\"name\": \"PASSWORD_MIN_LENGTH\", \"value\": \"12\"}]");
        neg("name-value-reference", "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n"
                + "        key: password\n  - name: API_TOKEN\n    value: \"{{ .Values.apiToken }}\"\n");
        neg("name-value-reference", "[{\"ParameterKey\": \"DbPasswordSecretArn\", \"ParameterValue\": \"arn:aws:"
                + "secretsmanager:eu-west-1:123456789012:secret:db\"}, {\"ParameterKey\": \"DbPassword\", "
                + "\"ParameterValue\": \"{{resolve:ssm-secure:db-password}}\"}]");
        List<String[]> dates = new ArrayList<>();
        List<String[]> counts = new ArrayList<>();
        List<String[]> bools = new ArrayList<>();
        List<String[]> masked = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            dates.add(new String[] {String.valueOf(k + 1), user(), "2026-0" + r.between(1, 9) + "-1" + r.between(0, 9)
                    + "T" + r.between(10, 23) + ":" + r.between(10, 59) + ":00Z", "2027-01-0" + r.between(1, 9)});
            counts.add(new String[] {r.pick("gpt-x", "claude-y", "gemini-z") + "-" + k, String.valueOf(
                    r.between(1000, 200000)), String.valueOf(r.between(10, 900))});
            bools.add(new String[] {String.valueOf(k + 1), user(), k % 2 == 0 ? "true" : "false", "admin"});
            masked.add(new String[] {String.valueOf(k + 1), user(), "********", r.pick("<redacted>", "********", "")});
        }
        for (int style = 0; style < 4; style++) {
            neg("table-dates", CredCli.table(style, new String[] {"id", "username", "password_last_changed",
                "password_expires"}, dates));
        }
        neg("table-numbers", CredCli.table(0, new String[] {"model", "token_count", "latency_ms"}, counts));
        neg("table-numbers", CredCli.table(2, new String[] {"model", "token_count", "latency_ms"}, counts));
        neg("table-booleans", CredCli.table(1, new String[] {"id", "username", "has_password", "role"}, bools));
        neg("table-masked", CredCli.table(0, new String[] {"id", "username", "password", "api_key"}, masked));
        neg("table-masked", CredCli.table(3, new String[] {"id", "username", "password", "api_key"}, masked));
        neg("chpasswd-hash", "#cloud-config\nchpasswd:\n  list: |\n    root:RANDOM\n    ops:$6$rounds=4096$"
                + r.from(Rng.ALNUM, 8) + "$" + r.from(Rng.ALNUM + "./", 43) + "\nusers:\n  - name: ops\n    passwd: "
                + "$6$" + r.from(Rng.ALNUM, 8) + "$" + r.from(Rng.ALNUM + "./", 43) + "\n");
        neg("password-stdin-variable", "echo $CR_PAT | docker login ghcr.io -u bot --password-stdin\n"
                + "echo \"${{ secrets.REGISTRY_TOKEN }}\" | podman login quay.io -u bot --password-stdin\n"
                + "aws ecr get-login-password | docker login --username AWS --password-stdin 1234.dkr.ecr.invalid");
        neg("escaped-auth-template", "DEBUG send: b'GET / HTTP/1.1\\r\\nAuthorization: Bearer ${TOKEN}\\r\\n"
                + "Authorization: Basic <credentials>\\r\\n'");
        neg("function-no-key", "https://orders-fn.azurewebsites.net/api/ProcessOrder?name=ana&code=<function-key>\n"
                + "https://login.corp.invalid/callback?code=" + r.from(Rng.URLSAFE, 24) + "&state=abc");
        neg("userinfo-placeholder", "smtp://user:password@localhost:25\nsmtp+tls://alerts:${SMTP_PASSWORD}@smtp.corp"
                + ".invalid:587\nssh://git@git.corp.invalid:2222/team/app.git");
        neg("webhook-settings", "Open https://chat.corp.invalid/hooks/incoming-webhooks-settings and create a hook; "
                + "GitLab lists them at /api/v4/projects/12/hooks.");
    }

    private void neg(String kind, String text) {
        cases.neg(kind, text);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    /** A password a person or a generator would set: letters, digits and a symbol or two. */
    private String password() {
        return r.from(Rng.ALNUM, 6) + r.pick("!", "#", "~", "+", "^", "@") + r.from(Rng.ALNUM, 5)
                + r.pick(".", "-", "*", "=") + r.from(Rng.ALNUM, 4);
    }

    private String user() {
        return r.pick("ana", "dana", "omar", "ravi", "lee", "svc") + r.pick(".", "-", "_") + r.pick("moss", "park",
                "ito", "iyer", "backup", "deploy");
    }

    private String hex(int n) {
        return r.from(Rng.HEX, n);
    }

    private String alnum(int n) {
        return r.from(Rng.ALNUM, n);
    }

    private String upper(int n) {
        return r.from(Rng.UPPER, n);
    }

    /** {@code n} characters of base64 that start and end with a letter or digit. */
    private String base64(int n) {
        return r.from(Rng.ALNUM, 1) + r.from(Rng.BASE64, n - 2) + r.from(Rng.ALNUM, 1);
    }

    private String uuid() {
        return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + r.pick("8", "9", "a", "b") + hex(3) + "-" + hex(12);
    }

    /** The Python repr of {@code n} random bytes: printable ASCII as itself, the rest as backslash-x escapes. */
    private String bytesRepr(int n) {
        StringBuilder s = new StringBuilder();
        for (byte b : r.bytes(n)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }
}
