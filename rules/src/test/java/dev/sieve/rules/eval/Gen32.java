package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Family {@code gen32}: the generic credential-assignment detector's classes from the second outside red-team round
 * that session 32 closed, with hard negatives for its false positives and the near misses of the fixes.
 * <ul>
 *   <li>Positives ({@code gen32:<kind>}): a key element and its value in the next element (KeePass XML
 *       {@code keepass}, a property list {@code plist}); FileZilla's {@code <Pass encoding="base64">} and plain
 *       {@code <Pass>} ({@code filezilla}); an SSM {@code SecureString} parameter or a Name/Value pair whose name ends
 *       in a secret word, the name a path ({@code ssm}); a key ending {@code _AUTH} / {@code _CRED(S)}
 *       ({@code weak-key}); a Google app password, bare or in four groups ({@code app-password}); JSON escaped inside
 *       a string, a HAR's {@code postData.text} ({@code escaped-json}); a password in a sentence ({@code prose}).</li>
 *   <li>Negatives ({@code neg:gen32}, {@code neg:<kind>}): GNU long options and single-dash options with {@code =}
 *       ({@code long-option}); a glued {@code -p} word without a command that takes one ({@code dash-p}); binary bytes
 *       holding {@code mysql -p...} by chance ({@code binary}); MCP configs passing {@code -e VAR} through to docker
 *       ({@code mcp-args}); pagination cursors ({@code cursor}); secret ARNs ({@code arn}); translation files
 *       ({@code i18n}); CSRF tokens ({@code csrf}); digests with their algorithm ({@code digest}); Kubernetes Secrets
 *       whose data decodes to placeholders ({@code k8s-placeholder}); keys that only look like the new ones
 *       ({@code weak-key}), English run together under a password key ({@code app-password}) and prose about
 *       passwords ({@code prose}).</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Gen32 {

    static final long SEED = 20_261_232L;
    static final String FAMILY = "gen32";

    private static final String GENERIC = "credential.generic-secret-assignment";
    private static final String PROSE = "credential.prose-password";
    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini", "json-openai-responses", "multipart");
    private static final String SYMBOLS = "!@#$%^&*+=?~";
    private static final String VOWELS = "aeiou";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Gen32(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Gen32 c = new Gen32(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** A made password: a capitalised word, a symbol, digits and two letters of mixed case ({@code Heron$7730Pq}). */
    private String made() {
        String word = r.pick("Harbor", "Quartz", "Lantern", "Cobalt", "Tundra", "Heron", "Juniper", "Saffron", "Onyx",
                "Meridian");
        return word + SYMBOLS.charAt(r.nextInt(SYMBOLS.length())) + r.digits(4) + r.from(Rng.UPPER, 1)
                + r.from(Rng.LOWER, 1);
    }

    /** A random value of three classes. */
    private String random(int n) {
        return r.from(Rng.UPPER, 2) + r.from(Rng.DIGITS, 2) + r.from(Rng.ALNUM + "+/", n - 4);
    }

    /** 16 random lower-case letters as a Google app password is, and as the validator reads one. */
    private String appPassword() {
        while (true) {
            String v = r.from(Rng.LOWER, 16);
            int vowels = 0;
            int run = 0;
            int longest = 0;
            for (char c : v.toCharArray()) {
                if (VOWELS.indexOf(c) >= 0) {
                    vowels++;
                    run = 0;
                } else {
                    longest = Math.max(longest, ++run);
                }
            }
            if (vowels <= 6 && longest >= 5) {
                return v;
            }
        }
    }

    private void positives() {
        for (int i = 0; i < 4; i++) {
            String title = r.pick("VPN", "prod db", "Gmail", "bastion", "Jenkins");
            String entry = "<Entry><String><Key>Title</Key><Value>" + title + "</Value></String>"
                    + "<String><Key>UserName</Key><Value>" + r.pick("dana", "ops", "svc-backup") + "</Value></String>"
                    + "<String><Key>Password</Key><Value" + (i % 2 == 0 ? " ProtectInMemory=\"True\"" : "") + ">"
                    + (i % 2 == 0 ? made() : random(20)) + "</Value></String></Entry>";
            text("keepass", GENERIC, i < 2 ? "<KeePassFile><Root><Group><Name>" + r.pick("Work", "Root")
                    + "</Name>\n" + entry + "\n</Group></Root></KeePassFile>" : entry);
        }
        for (int i = 0; i < 4; i++) {
            String key = r.pick("RefreshToken", "AccessToken", "APIKey", "ClientSecret", "AuthToken");
            text("plist", GENERIC, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
                    + "\t<key>AccountEmail</key>\n\t<string>dana@demo.invalid</string>\n\t<key>" + key + "</key>\n"
                    + "\t<string>" + r.from(Rng.ALNUM, 32 + r.nextInt(24)) + "</string>\n\t<key>SyncEnabled</key>\n"
                    + "\t<true/>\n</dict>\n</plist>");
        }
        for (int i = 0; i < 4; i++) {
            String pw = made();
            String pass = i % 2 == 0
                    ? "<Pass encoding=\"base64\">" + Base64.getEncoder().encodeToString(pw.getBytes(StandardCharsets.UTF_8))
                            + "</Pass>"
                    : "<Pass>" + pw + "</Pass>";
            text("filezilla", GENERIC, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FileZilla3 version=\"3.6"
                    + r.nextInt(10) + ".1\">\n  <Servers>\n    <Server><Host>sftp.partner" + i + ".demo.invalid</Host>"
                    + "<Port>22</Port><Protocol>1</Protocol><User>upload</User>" + pass
                    + "<Logontype>1</Logontype></Server>\n  </Servers>\n</FileZilla3>");
        }
        for (int i = 0; i < 4; i++) {
            String v = i % 2 == 0 ? made() : random(40);
            String doc = switch (i) {
                case 0 -> "{\n  \"Parameter\": {\n    \"Name\": \"/prod/" + r.pick("payments", "orders") + "/db_login\",\n"
                        + "    \"Type\": \"SecureString\",\n    \"Value\": \"" + v + "\",\n    \"Version\": 4\n  }\n}";
                case 1 -> "{\"Parameters\": [{\"Name\": \"/prod/api/" + r.pick("jwt_secret", "signing_key", "hmac_secret")
                        + "\", \"Value\": \"" + v + "\", \"Type\": \"SecureString\"}, {\"Name\": \"/prod/api/log_level\","
                        + " \"Value\": \"info\", \"Type\": \"String\"}]}";
                case 2 -> "aws ssm get-parameter --name /svc/mailer/smtp --with-decryption\n{\"Parameter\": {\"Name\":"
                        + " \"/svc/mailer/smtp\", \"Type\": \"SecureString\", \"Value\": \"" + v + "\"}}";
                default -> "[\n  {\n    \"Name\": \"/stage/web/session_secret\",\n    \"Value\": \"" + v + "\"\n  }\n]";
            };
            text("ssm", GENERIC, doc);
        }
        for (int i = 0; i < 4; i++) {
            String key = r.pick("ADYEN", "ACME_PROD", "BILLING", "PARTNER_API", "LEDGER") + r.pick("_AUTH", "_CRED",
                    "_CREDS", ".auth");
            String v = random(40);
            text("weak-key", GENERIC, switch (i) {
                case 0 -> "# .env\nPAYMENTS_PROVIDER=adyen\n" + key.replace('.', '_') + "=" + v + "\nREGION=eu\n";
                case 1 -> "export " + key.replace('.', '_') + "=" + v + "\nexport SERVICE_URL=https://api.demo.invalid\n";
                case 2 -> "settings:\n  " + key.toLowerCase() + ": \"" + v + "\"\n  timeout: 30\n";
                default -> "{\"" + key.replace('.', '_') + "\": \"" + v + "\", \"mode\": \"live\"}";
            });
        }
        for (int i = 0; i < 6; i++) {
            String pw = appPassword();
            String spaced = pw.substring(0, 4) + " " + pw.substring(4, 8) + " " + pw.substring(8, 12) + " "
                    + pw.substring(12);
            text("app-password", GENERIC, switch (i) {
                case 0 -> "account gmail\nhost smtp.gmail.com\nport 587\nauth on\nuser dana@demo.invalid\npassword " + pw
                        + "\n";
                case 1 -> "[sendemail]\n\tsmtpserver = smtp.gmail.com\n\tsmtpuser = dana@demo.invalid\n\tsmtpPass = "
                        + spaced + "\n";
                case 2 -> "[accounts.gmail]\nemail = \"dana@demo.invalid\"\nbackend.auth.type = \"password\"\n"
                        + "backend.auth.raw = \"" + spaced + "\"\n";
                case 3 -> "[account]\nsmtp_host = smtp.gmail.com\nsmtp_password = " + pw + "\n";
                case 4 -> "MAIL_PASSWORD=\"" + spaced + "\"\nMAIL_HOST=smtp.gmail.com\n";
                default -> "{\"smtp\": {\"user\": \"ops@demo.invalid\", \"app_password\": \"" + pw + "\"}}";
            });
        }
        for (int i = 0; i < 4; i++) {
            String pw = made();
            String inner = "{\\\"" + r.pick("username", "email", "login") + "\\\": \\\"dana\\\", \\\""
                    + r.pick("password", "passwd", "pwd") + "\\\": \\\"" + pw + "\\\"}";
            text("escaped-json", GENERIC, "{\"log\": {\"entries\": [{\"request\": {\"method\": \"POST\", \"url\": "
                    + "\"https://app.demo.invalid/login\", \"postData\": {\"mimeType\": \"application/json\", \"text\": \""
                    + inner + "\"}}}]}}");
        }
        for (int i = 0; i < 7; i++) {
            String pw = i == 6 ? r.from(Rng.UPPER, 3) + r.from(Rng.LOWER, 5) + r.digits(4) + r.from(Rng.ALNUM, 3) : made();
            text("prose", PROSE, switch (i) {
                case 0 -> "Notes from onboarding:\n- wiki login: dana.w\n- the password is " + pw + " until SSO is set up\n";
                case 1 -> "Reminder: the shared admin account is ops@demo.invalid and the pw is " + pw + ".\n";
                case 2 -> "root pw for the " + r.pick("new NAS", "backup box", "lab switch") + " is " + pw
                        + " - change it after\n";
                case 3 -> "hey! wifi at the offsite: network Offsite" + r.digits(2) + ", password " + pw + " :)\n";
                case 4 -> "db creds for staging: user `app` pass `" + pw + "`";
                case 5 -> "Hey, login is admin / " + pw + " for https://staging.demo.invalid, please don't share.\n";
                default -> "The password was " + pw + " last time I checked.";
            });
        }
    }

    private void negatives() {
        negative("long-option", "docker buildx build --platform=linux/amd64,linux/arm64 -t ghcr.io/acme/app:1."
                + r.nextInt(9) + " --push .");
        negative("long-option", "psql --port=5432 --host=db-" + r.nextInt(9) + ".demo.invalid --username=postgres");
        negative("long-option", "aws s3 ls --profile=staging" + r.nextInt(9) + " --region eu-west-1");
        negative("long-option", "sudo kubeadm init --pod-network-cidr=10.244.0.0/16 --apiserver-advertise-address="
                + "192.168.56." + (10 + r.nextInt(200)));
        negative("long-option", "ffmpeg -i in.mov -pix_fmt=yuv420p10le -preset slow out.mp4");
        negative("long-option", "terraform plan -parallelism=" + (10 + r.nextInt(40)) + " -out=tfplan");
        negative("long-option", "protoc --plugin=protoc-gen-ts=./node_modules/.bin/protoc-gen-ts --ts_out=gen api.proto");
        negative("long-option", "pandoc --pdf-engine=xelatex -o out.pdf README.md && docker run --publish=8080:80 "
                + "--pid=host nginx");
        negative("dash-p", "strings -n 8 firmware.bin | head\nU-Boot 2023.04\n-p" + r.from(Rng.ALNUM, 10)
                + "\nbootcmd=run distro_bootcmd");
        negative("dash-p", "gcc -pthread -pedantic-errors -pipe -o app main.c");
        negative("dash-p", "ssh -p2222 deploy@10.0.0.5 && mkdir -pv build/Out" + r.digits(3));
        for (int i = 0; i < 3; i++) {
            byte[] bytes = r.bytes(2048);
            byte[] cmd = (" mysql -u root -p" + made() + " ").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(cmd, 0, bytes, 700 + 300 * i, cmd.length);
            bytes[0] = (byte) 0xff;
            bytes[1] = (byte) 0xd8;
            out.add(new HardCorpus.Out(Containers.upload("photo" + i + ".bin", "application/octet-stream", bytes,
                    "octet-stream random bytes"), List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                    "neg:binary", "container:octet", "enc:none"), ""));
        }
        negative("mcp-args", "{\n  \"servers\": {\n    \"github\": {\n      \"type\": \"stdio\",\n      \"command\": "
                + "\"docker\",\n      \"args\": [\n        \"run\",\n        \"-i\",\n        \"--rm\",\n        \"-e\",\n"
                + "        \"GITHUB_PERSONAL_ACCESS_TOKEN\",\n        \"ghcr.io/github/github-mcp-server\"\n      ]\n"
                + "    }\n  }\n}");
        negative("mcp-args", "{\"mcpServers\": {\"" + r.pick("linear", "sentry", "notion") + "\": {\"command\": \"docker\","
                + " \"args\": [\"run\", \"-i\", \"--rm\", \"-e\", \"API_TOKEN\", \"-e\", \"ORG_SECRET_KEY\", "
                + "\"mcp/server-" + r.pick("linear", "sentry", "notion") + ":latest\"], \"env\": {\"API_TOKEN\": "
                + "\"${input:api_token}\", \"ORG_SECRET_KEY\": \"${env:ORG_SECRET_KEY}\"}}}}");
        negative("mcp-args", "{\"mcpServers\": {\"github\": {\"command\": \"npx\", \"args\": [\"-y\", "
                + "\"@modelcontextprotocol/server-github\"], \"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"<YOUR_TOKEN>\"}}}}");
        negative("mcp-args", "docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN ghcr.io/github/github-mcp-server");
        String b64json = Base64.getEncoder().encodeToString(("{\"ExclusiveStartKey\": {\"pk\": {\"S\": \"USER#"
                + r.digits(4) + "\"}}, \"v\": 2}").getBytes(StandardCharsets.UTF_8));
        negative("cursor", "{\n  \"Items\": [{\"id\": \"" + r.digits(6) + "\"}],\n  \"NextToken\": \"" + b64json + "\"\n}");
        negative("cursor", "{\"Contents\": [], \"ContinuationToken\": \"" + random(76) + "\", \"NextContinuationToken\": \""
                + random(76) + "\"}");
        negative("cursor", "{\"files\": [], \"nextPageToken\": \"" + r.from(Rng.URLSAFE, 48) + "\"}");
        negative("cursor", "page_token: " + r.from(Rng.URLSAFE, 40) + "\nPaginationToken: " + random(44) + "\n"
                + "aws dynamodb scan --table-name t --starting-token " + random(40) + "\nStartingToken=" + random(36));
        negative("arn", "{\n  \"Effect\": \"Allow\",\n  \"Action\": [\"secretsmanager:GetSecretValue\"],\n  \"Resource\": "
                + "\"arn:aws:secretsmanager:us-east-1:" + r.digits(12) + ":secret:prod/" + r.pick("stripe", "db", "api")
                + "-" + r.from(Rng.ALNUM, 6) + "\"\n}");
        negative("arn", "{\"ARN\": \"arn:aws:secretsmanager:eu-west-1:" + r.digits(12) + ":secret:staging/db-"
                + r.from(Rng.ALNUM, 6) + "\", \"Name\": \"staging/db\", \"RotationEnabled\": true}");
        negative("i18n", "{\n  \"login\": {\n    \"password\": \"Passwort\",\n    \"forgot_password\": \"Passwort "
                + "vergessen?\",\n    \"api_key\": \"API-Schl\u00fcssel\",\n    \"token_expired\": \"Ihre Sitzung ist "
                + "abgelaufen\",\n    \"secret_question\": \"Sicherheitsfrage\"\n  }\n}");
        negative("i18n", "{\"settings\": {\"api_token\": \"Jeton-d'acc\u00e8s\", \"client_secret\": \"Clave-Secreta\","
                + " \"password_label\": \"Mot de passe\", \"passphrase\": \"Wachtwoordzin\"}}");
        negative("csrf", "<meta name=\"csrf-token\" content=\"" + random(64) + "\">\n<input type=\"hidden\" "
                + "name=\"authenticity_token\" value=\"" + random(64) + "\">");
        negative("csrf", "<form method=\"post\"><input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\""
                + r.from(Rng.ALNUM, 64) + "\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\""
                + r.from(Rng.URLSAFE, 92) + "\"></form>");
        negative("csrf", "curl -H 'X-CSRF-Token: " + random(44) + "' https://app.demo.invalid/api\nxsrf_token="
                + random(40));
        negative("digest", "token_fingerprint: sha256:" + HexFormat.of().formatHex(r.bytes(32))
                + " (we store only the hash of the token)");
        negative("digest", "{\"api_key_hash\": \"" + HexFormat.of().formatHex(r.bytes(32)) + "\", \"secret_digest\": "
                + "\"sha512-" + Base64.getEncoder().encodeToString(r.bytes(48)) + "\"}");
        negative("k8s-placeholder", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  DB_PASSWORD: "
                + b64("changeme") + "\n  API_TOKEN: " + b64("${API_TOKEN}") + "\n");
        negative("k8s-placeholder", "kind: Secret\ntype: Opaque\ndata:\n  password: " + b64("<db-password>")
                + "\n  secret_key: " + b64("REPLACE_WITH_SECRET") + "\n  token: " + b64("{{ .Values.token }}") + "\n");
        negative("weak-key", "OAUTH_URL=https://login.demo.invalid/oauth2/authorize\nAUTH_MODE=oidc-pkce-s256-v"
                + r.nextInt(9) + "\nSMTP_AUTH=login-plain\nMAIL_AUTH=true\nBASIC_AUTH=disabled\n");
        negative("weak-key", "export OAUTH_CALLBACK_URL=https://app.demo.invalid/cb\nexport KC_AUTH=openid-connect\n"
                + "AUTH_PROVIDER=keycloak-prod-" + r.digits(2) + "\n");
        negative("app-password", "smtp_password = \"correcthorsebatt\"\npassword: notapplicablehe\n");
        negative("app-password", "[mail]\npassword = changemechangeme\nsecret = mysecretpassword\n");
        negative("prose", "The password is stored in the vault; the pw is rotated every 90 days.");
        negative("prose", "Error: password is required. Please pass `maxRetries` and `userId1234` to the client.");
        negative("prose", "login is admin / see the wiki, and the password is ${DB_PASSWORD} from the environment.");
        negative("prose", "password for the account is in 1Password-2024; password verification failed after 3 tries");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void text(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + Values.CREDENTIAL, "gen32:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
