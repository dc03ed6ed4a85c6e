package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code cred33}: credentials in tool output and files that have no {@code key = value} shape, which session
 * 33 taught the pack, with hard negatives beside them.
 * <ul>
 *   <li>Positives ({@code form:<kind>}): az keyvault secret show JSON, Secrets Manager's SecretString (JSON and
 *       --output table), an SSM SecureString's Value row (--output table) and text field, GCP Secret Manager's
 *       payload.data; session cookies in Cookie / Set-Cookie headers written in text (curl -H, a raw request, a
 *       requests call, curl -b); OpenVPN auth-user-pass files (inline block, a two-line file shown with the config
 *       named); the key/token column of an INSERT statement into an API key or token table and the password column
 *       of any INSERT; a secret column of a blank-aligned PowerShell or sqlcmd table.</li>
 *   <li>Negatives ({@code neg:cred33}, {@code neg:<kind>}): the same forms in documentation with placeholders, masks
 *       and templates, String parameters whose Value is a URL, true or a number, Pub/Sub payloads, consent banners,
 *       document.cookie code, preference and CSRF cookies, two-line files without an OpenVPN config, settings and
 *       users tables without secrets, parameterised INSERT code, aligned tables of non-secret columns, headings
 *       over a rule line.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Cred33 {

    static final long SEED = 20_261_233L;
    static final String FAMILY = "cred33";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Cred33(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Cred33 c = new Cred33(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** A password a person picks: upper, lower, a symbol and digits, 12 to 17 characters. */
    private String pw() {
        return r.from(Rng.UPPER, 1) + r.from(Rng.LOWER, r.between(3, 6)) + r.pick("!", "#", "%", "-", "_", "+", "~")
                + r.digits(r.between(3, 5)) + r.from(Rng.ALNUM, r.between(3, 5));
    }

    /** An opaque generated token of {@code n} letters and digits with at least one of each. */
    private String token(int n) {
        return r.from(Rng.UPPER, 1) + r.digits(1) + r.from(Rng.LOWER, 1) + r.from(Rng.ALNUM, n - 3);
    }

    private String hex(int n) {
        return r.from("0123456789abcdef", n);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    private String vault() {
        return r.pick("acme", "ledger", "corp", "ops", "pay") + "-" + r.pick("kv", "vault", "secrets") + "-"
                + r.pick("prod", "eus2", "weu", "shared");
    }

    private static String padRight(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }

    private void positives() {
        String store = "credential.secret-store-output";
        String name = r.pick("sql-admin", "stripe-live", "smtp-relay", "jwt-signing");
        text("keyvault-json", store, "$ az keyvault secret show --vault-name " + vault() + " -n " + name + "\n{\n"
                + "  \"attributes\": {\n    \"enabled\": true,\n    \"expires\": null,\n"
                + "    \"recoveryLevel\": \"Recoverable+Purgeable\"\n  },\n  \"contentType\": null,\n"
                + "  \"id\": \"https://" + vault() + ".vault.azure.net/secrets/" + name + "/" + hex(32) + "\",\n"
                + "  \"kid\": null,\n  \"managed\": null,\n  \"name\": \"" + name + "\",\n  \"tags\": {\n"
                + "    \"owner\": \"" + r.pick("platform", "payments", "data") + "\"\n  },\n  \"value\": \"" + pw()
                + "\"\n}\n");
        text("keyvault-json-compact", store, "{\"attributes\": {\"enabled\": true}, \"id\": \"https://" + vault()
                + ".vault.azure.net/secrets/" + name + "/" + hex(32) + "\", \"name\": \"" + name + "\", \"value\": \""
                + token(32) + "\"}");
        text("secretstring-json", store, "$ aws secretsmanager get-secret-value --secret-id prod/" + name + "\n{\n"
                + "    \"ARN\": \"arn:aws:secretsmanager:us-east-1:" + r.digits(12) + ":secret:prod/" + name + "-"
                + r.from(Rng.ALNUM, 6) + "\",\n    \"Name\": \"prod/" + name + "\",\n    \"VersionId\": \"" + hex(8)
                + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12) + "\",\n    \"SecretString\": \"" + pw()
                + "\",\n    \"VersionStages\": [\n        \"AWSCURRENT\"\n    ]\n}\n");
        String sv = token(24);
        text("secretstring-table", store, "$ aws secretsmanager get-secret-value --secret-id prod/" + name
                + " --output table\n" + "-".repeat(60) + "\n|" + padRight("                      GetSecretValue", 58)
                + "|\n+" + "-".repeat(16) + "+" + "-".repeat(41) + "+\n|  " + padRight("Name", 14) + "|  "
                + padRight("prod/" + name, 39) + "|\n|  " + padRight("SecretString", 14) + "|  " + padRight(sv, 39)
                + "|\n+" + "-".repeat(16) + "+" + "-".repeat(41) + "+\n");
        String param = "/prod/" + r.pick("payments", "billing", "api") + "/" + r.pick("db_password", "signing_key",
                "webhook_secret");
        text("ssm-table", store, "$ aws ssm get-parameter --name " + param + " --with-decryption --output table\n"
                + "-".repeat(58) + "\n|" + padRight("                      GetParameter", 56) + "|\n+" + "-".repeat(56)
                + "+\n||" + padRight("                        Parameter", 54) + "||\n|+" + "-".repeat(12) + "+"
                + "-".repeat(41) + "+|\n||  " + padRight("Name", 10) + "|  " + padRight(param, 39) + "||\n||  "
                + padRight("Type", 10) + "|  " + padRight("SecureString", 39) + "||\n||  " + padRight("Value", 10)
                + "|  " + padRight(pw(), 39) + "||\n||  " + padRight("Version", 10) + "|  " + padRight("4", 39)
                + "||\n|+" + "-".repeat(12) + "+" + "-".repeat(41) + "+|\n");
        text("ssm-text", store, "$ aws ssm get-parameters-by-path --path /prod --with-decryption --output text\n"
                + "PARAMETERS\tarn:aws:ssm:eu-west-1:" + r.digits(12) + ":parameter" + param + "\ttext\t"
                + r.digits(10) + ".5\t" + param + "\tSecureString\t" + token(28) + "\t" + r.between(1, 9) + "\n");
        text("gcp-payload", store, "$ gcloud secrets versions access latest --secret=" + name + " --format=json\n{\n"
                + "  \"name\": \"projects/" + r.digits(12) + "/secrets/" + name + "/versions/" + r.between(1, 20)
                + "\",\n  \"payload\": {\n    \"data\": \"" + b64(pw()) + "\",\n    \"dataCrc32c\": \"" + r.digits(10)
                + "\"\n  }\n}\n");

        String cookie = "credential.session-cookie-header";
        text("curl-cookie", cookie, "curl 'https://admin." + r.pick("acme-corp.net", "ledgerly.io", "quarry.dev")
                + "/api/users' -H 'Accept: application/json' -H 'Cookie: XSRF-TOKEN=" + token(40)
                + "; PHPSESSID=" + r.from(Rng.LOWER + Rng.DIGITS, 26) + "; remember_web_" + hex(40) + "=" + token(60)
                + "' --compressed\n");
        text("raw-request-cookie", cookie, "GET /account/settings HTTP/1.1\nHost: portal." + r.pick("acme.io",
                "ledgerly.io") + "\nUser-Agent: Mozilla/5.0\nCookie: lang=en; " + r.pick("JSESSIONID", "sessionid",
                "connect.sid", "_app_session") + "=" + token(32) + "\n\n");
        text("set-cookie", cookie, "HTTP/2 200\ncontent-type: text/html\nset-cookie: " + r.pick("laravel_session",
                "_gitlab_session", "SESSION") + "=" + token(40) + "; path=/; secure; httponly; samesite=lax\n");
        text("requests-cookie", cookie, "import requests\nr = requests.get('https://app.ledgerly.io/api/me', headers={"
                + "\"Cookie\": \"sessionid=" + r.from(Rng.LOWER + Rng.DIGITS, 32) + "\"})\nprint(r.json())\n");
        text("curl-b", cookie, "curl -s -b '__Secure-next-auth.session-token=" + token(48)
                + "' https://app.quarry.dev/api/auth/session | jq .\n");

        String vpn = "credential.openvpn-auth-file";
        String user = r.pick("dwhitfield", "ana.moss", "svc-vpn", "okafor");
        text("ovpn-cat", vpn, "$ cat ~/vpn/auth.txt\n" + user + "\n" + pw() + "\n$ grep auth-user-pass ~/vpn/"
                + r.pick("acme", "office", "prod") + ".ovpn\nauth-user-pass auth.txt\n");
        text("ovpn-inline", vpn, "client\ndev tun\nproto udp\nremote vpn." + r.pick("acme.io", "ledgerly.io")
                + " 1194\nresolv-retry infinite\n<auth-user-pass>\n" + user + "\n" + pw() + "\n</auth-user-pass>\n"
                + "<ca>\n-----BEGIN CERTIFICATE-----\n...\n</ca>\n");
        text("ovpn-config-first", vpn, "$ grep -n auth ~/client.ovpn\n14:auth-user-pass /etc/openvpn/creds.conf\n"
                + "$ sudo cat /etc/openvpn/creds.conf\n" + user + "\n" + pw() + "\n$ \n");
        text("ovpn-type", vpn, "C:\\Users\\" + user + "> findstr auth-user-pass vpn\\office.ovpn\nauth-user-pass"
                + " login.txt\nC:\\Users\\" + user + "> type vpn\\login.txt\n" + user + "\n" + pw() + "\n\nC:\\Users\\"
                + user + ">\n");

        String table = "credential.table-secret-column";
        StringBuilder dump = new StringBuilder("-- Dumping data for table `api_keys`\n--\n\nINSERT INTO `api_keys` "
                + "(`id`, `user_id`, `key`, `created_at`) VALUES\n");
        for (int i = 1; i <= 3; i++) {
            dump.append('(').append(i).append(", ").append(r.between(100, 999)).append(", '").append(token(40))
                    .append("', '2026-11-1").append(i).append(" 09:00:00')").append(i == 3 ? ";\n" : ",\n");
        }
        text("mysqldump-api-keys", table, dump.toString());
        text("pg-inserts-tokens", table, "INSERT INTO public.personal_access_tokens (id, user_id, token, "
                + "last_used_at) VALUES (" + r.between(1, 99) + ", " + r.between(1, 999) + ", '" + hex(40)
                + "', NULL);\n");
        text("mysql-users-password", table, "INSERT INTO `service_accounts` (`id`,`login`,`password`,`active`) "
                + "VALUES (1,'etl','" + pw() + "',1),(2,'backup','" + pw() + "',1);\n");

        String aligned = "credential.aligned-table-secret";
        String kiosk = r.pick("kiosk", "lobby", "frontdesk");
        text("ps-winlogon", aligned, "PS C:\\> Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\"
                + "CurrentVersion\\Winlogon' | Select DefaultUserName, DefaultPassword\n\nDefaultUserName "
                + "DefaultPassword\n--------------- ---------------\n" + padRight(kiosk, 16) + pw() + "\n\n");
        String app = r.pick("billing-sync", "crm-export", "etl-runner");
        text("ps-client-secret", aligned, "PS> $apps | Format-Table DisplayName, ClientSecret, EndDate\n\n"
                + "DisplayName   ClientSecret                             EndDate\n"
                + "-----------   ------------                             -------\n" + padRight(app, 14)
                + padRight(token(40), 41) + "12/31/2027\n");
        text("sqlcmd", aligned, "1> SELECT name, password FROM dbo.service_logins;\n2> GO\nname       password\n"
                + "---------- ----------------\n" + padRight("etl", 11) + pw() + "\n" + padRight("reporting", 11)
                + pw() + "\n\n(2 rows affected)\n");
        text("ps-import-csv", aligned, "PS> Import-Csv .\\shared-logins.csv | Format-Table\n\nSite      UserName  "
                + "Password          Notes\n----      --------  --------          -----\n" + padRight("grafana", 10)
                + padRight("admin", 10) + padRight(pw(), 18) + "prod\n" + padRight("jenkins", 10) + padRight("ci", 10)
                + padRight(pw(), 18) + "build\n");
    }

    private void negatives() {
        negative("keyvault-doc", "Read a secret:\n\n    az keyvault secret show --vault-name <vault> --name <name>\n\n"
                + "The output looks like:\n\n    {\n      \"id\": \"https://<vault>.vault.azure.net/secrets/<name>/<version>\","
                + "\n      \"name\": \"<name>\",\n      \"value\": \"<secret-value>\"\n    }\n");
        negative("keyvault-masked", "{\"id\": \"https://" + vault() + ".vault.azure.net/secrets/sql-admin/" + hex(32)
                + "\", \"name\": \"sql-admin\", \"value\": \"****************\"}");
        negative("secretstring-template", "aws secretsmanager create-secret --name prod/app --secret-string "
                + "'${APP_SECRET}'\n# returns {\"SecretString\": \"${APP_SECRET}\"} on read\n");
        negative("ssm-table-string", "||  Name             |  /prod/api/base_url                 ||\n"
                + "||  Type             |  String                             ||\n"
                + "||  Value            |  https://api.ledgerly.io/v2         ||\n"
                + "||  Version          |  7                                  ||\n");
        negative("ssm-table-flag", "||  Name   |  /prod/features/new_checkout  ||\n||  Type   |  SecureString  ||\n"
                + "||  Value  |  true  ||\n");
        negative("pubsub-payload", "{\"name\": \"projects/" + r.digits(12) + "/topics/orders\", \"payload\": "
                + "{\"data\": \"" + b64("{\"order\": " + r.between(100, 999) + "}") + "\"}}");
        negative("cookie-placeholder", "To call the API from a terminal, copy your session:\n\n    curl -H 'Cookie: "
                + "PHPSESSID=<your-session-id>' https://app.example.com/api/me\n    curl -b \"sessionid=$SESSION\" "
                + "https://app.example.com/\n");
        negative("document-cookie", "function remember(sid) {\n  document.cookie = \"sessionid=\" + sid + \"; path=/;"
                + " secure\";\n}\nconst headers = { Cookie: `sessionid=${sid}` };\n");
        negative("cookie-banner", "Cookie: We use cookies to improve your experience. Accept all / Reject all /"
                + " Manage preferences\n");
        negative("cookie-prefs", "Cookie: theme=solarized-dark-high-contrast; lang=en-GB; _ga=GA1.1." + r.digits(10)
                + "." + r.digits(10) + "\n");
        negative("cookie-csrf", "Set-Cookie: XSRF-TOKEN=" + token(40) + "; path=/; samesite=lax\n");
        negative("two-line-file", "$ cat ~/notes/auth-todo.txt\nrotate the deploy keys\nCheckWithSecurity2026\n");
        negative("ovpn-doc", "Put your user name and password on two lines of a file and point auth-user-pass at"
                + " it:\n\n    $ cat auth.txt\n    username\n    password\n\n<auth-user-pass>\nYOUR_USERNAME\n"
                + "<your-password>\n</auth-user-pass>\n");
        negative("insert-settings", "INSERT INTO `settings` (`id`, `key`, `value`) VALUES\n(1, 'site_name', "
                + "'Ledgerly Shop'),\n(2, 'cache_prefix', '" + token(16) + "');\n");
        negative("insert-bcrypt", "INSERT INTO `users` (`id`, `email`, `password`) VALUES\n(1, 'ana@demo.invalid', "
                + "'$2y$10$" + r.from(Rng.ALNUM, 53) + "'),\n(2, 'dana@demo.invalid', '');\n");
        negative("insert-code", "def store(conn, key_id, key):\n    conn.execute(\"INSERT INTO api_keys (id, key) "
                + "VALUES (%s, %s)\", (key_id, hash_key(key)))\n");
        negative("insert-deploys", "INSERT INTO `deploys` (`id`, `key`, `sha`) VALUES (1, 'web', '" + hex(40)
                + "'), (2, 'worker', '" + hex(40) + "');\n");
        negative("aligned-nonsecret", "Name            PasswordLastSet       Enabled\n"
                + "----            ---------------       -------\nsvc_backup      11/02/2026 10:22:01   True\n"
                + "svc_etl         10/15/2026 08:01:44   True\n");
        negative("aligned-masked", "DefaultUserName DefaultPassword\n--------------- ---------------\n"
                + padRight("kiosk", 16) + "********\n");
        negative("setext-heading", "Reset your password\n-------------------\nOpen Settings and choose Reset;"
                + " codes look like " + token(12) + " and expire.\n");
    }

    private void text(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + Values.CREDENTIAL, "form:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
