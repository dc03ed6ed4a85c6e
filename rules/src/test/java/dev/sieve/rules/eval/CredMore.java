package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code cred-more}: the credential kinds an outside red team found passing Sieve (synthetic values, made
 * from each format's published shape, not from the pack's patterns), and the hard negatives beside them. Positives
 * are tagged {@code rt3:<kind>}:
 * <ul>
 *   <li>vendor tokens: Firebase Cloud Messaging legacy server keys, PayPal OAuth and Braintree production access
 *       tokens, Twitch chat tokens next to the word twitch, Asana PATs (both formats) next to asana, Statsig server
 *       secrets, LaunchDarkly keys next to a LaunchDarkly word, Bitbucket app passwords and access tokens, Notion
 *       legacy tokens, Azure DevOps PATs (legacy next to an Azure DevOps word, and the 84-character format);</li>
 *   <li>key material: Nostr {@code nsec1} keys (bech32 checksum computed), OpenVPN static keys;</li>
 *   <li>webhook URLs that post by themselves: Microsoft Teams (and its /V2 form), Zapier, Mattermost;</li>
 *   <li>Authorization headers written down with other schemes: GenieKey, ApiKey, Splunk, SSWS, Rails'
 *       {@code Token token=}, a JSON headers object;</li>
 *   <li>registry logins stored as base64: Docker {@code config.json} (as text and as a JSON body) and {@code .npmrc}
 *       {@code _auth} / {@code _password}.</li>
 * </ul>
 * Hard negatives ({@code neg:cred-more}, {@code neg:<kind>}): Teams webhook documentation with placeholders, an
 * {@code oauth:} line without twitch, {@code secret_} before short words, {@code sdk-} and a UUID as a request id, a
 * Docker config with only {@code credsStore}, {@code Authorization: Bearer $TOKEN}, and near misses of the others.
 */
final class CredMore {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "cred-more";

    private static final List<String> ROTATION = List.of("json-anthropic", "json-openai-chat", "text",
            "json-anthropic-tool", "json-gemini", "multipart", "json-openai-responses", "form");
    private static final String LOWER_DIGITS = Rng.LOWER + Rng.DIGITS;
    private static final String BASE32_LOWER = Rng.LOWER + "234567";
    /** Mattermost ids: 26 characters of this base32 alphabet (no 0, 2, l or v). */
    private static final String MATTERMOST = "ybndrfg8ejkmcpqxot1uwisza345h769";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private static final String SAAS = "credential.saas-api-token";
    private static final String DEVOPS = "credential.devops-platform-token";
    private static final String BUSINESS = "credential.business-api-token";

    private final FamilyCases cases;
    private final Rng r;

    private CredMore(Rng r) {
        this.r = r;
        this.cases = new FamilyCases(FAMILY, ROTATION, r);
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        CredMore c = new CredMore(r);
        c.vendorTokens();
        c.keyMaterial();
        c.webhooks();
        c.authHeaders();
        c.registryAuth();
        c.negatives();
        return c.cases.all();
    }

    // ---- positives -----------------------------------------------------------------------------------------------

    private void vendorTokens() {
        for (int i = 0; i < 3; i++) {
            String key = "AAAA" + r.from(Rng.URLSAFE, 7) + ":APA91b" + r.from(Rng.URLSAFE, 134);
            text("fcm-server-key", SAAS, r.pick("FCM_SERVER_KEY=" + key, "headers = {\"Authorization\": \"key="
                    + key + "\", \"Content-Type\": \"application/json\"}", "firebase:\n  server_key: " + key + "\n"));
        }
        for (int i = 0; i < 3; i++) {
            String token = "A21AA" + r.from(Rng.URLSAFE, r.between(80, 100));
            text("paypal-access-token", BUSINESS, r.pick("PAYPAL_ACCESS_TOKEN=" + token,
                    "{\"scope\":\"https://uri.paypal.com/services/payments\",\"access_token\":\"" + token
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":32400}",
                    "paypal checkout call failed with token " + token));
        }
        for (int i = 0; i < 2; i++) {
            String token = "access_token$production$" + r.from(LOWER_DIGITS, 16) + "$" + r.from(Rng.HEX, 32);
            text("braintree-access-token", BUSINESS, r.pick("BRAINTREE_ACCESS_TOKEN=" + token,
                    "gateway = braintree.BraintreeGateway(access_token=\"" + token + "\")"));
        }
        for (int i = 0; i < 4; i++) {
            String token = "oauth:" + r.from(LOWER_DIGITS, 30);
            text("twitch-oauth", "credential.twitch-oauth-token", switch (i) {
                case 0 -> "TWITCH_OAUTH_TOKEN=" + token;
                case 1 -> "const client = new tmi.Client({ identity: { username: 'modbot', password: '" + token
                        + "' }, channels: ['demo'] }); // twitch chat";
                case 2 -> "# twitch irc\nPASS " + token + "\nNICK modbot\nJOIN #demo\n";
                default -> "twitchio bot = commands.Bot(token='" + token + "', prefix='!')";
            });
        }
        for (int i = 0; i < 4; i++) {
            String token = i % 2 == 0 ? r.between(0, 9) + "/" + r.digits(16) + ":" + r.from(Rng.HEX, 32)
                    : "2/" + r.digits(16) + "/" + r.digits(16) + ":" + r.from(Rng.HEX, 32);
            text("asana-pat", "credential.asana-token", r.pick("ASANA_ACCESS_TOKEN=" + token,
                    "client = asana.Client.access_token('" + token + "')", "asana:\n  pat: \"" + token + "\"\n"));
        }
        for (int i = 0; i < 3; i++) {
            String secret = "secret-" + r.from(Rng.ALNUM, 43);
            text("statsig-secret", SAAS, r.pick("STATSIG_SERVER_SECRET=" + secret,
                    "await Statsig.initialize(\"" + secret + "\", { environment: { tier: 'production' } });"));
        }
        String[] ld = {"sdk", "api", "mob", "sdk"};
        for (int i = 0; i < 4; i++) {
            String key = ld[i] + "-" + uuid();
            text("launchdarkly-key", "credential.launchdarkly-key", switch (i) {
                case 0 -> "LAUNCHDARKLY_SDK_KEY=" + key;
                case 1 -> "LD_API_KEY=" + key;
                case 2 -> "const client = LDClient.initialize('" + key + "', context);";
                default -> "launchdarkly:\n  sdk_key: " + key + "\n  offline: false\n";
            });
        }
        for (int i = 0; i < 2; i++) {
            String password = "ATBB" + r.from(Rng.ALNUM, 32);
            text("bitbucket-app-password", SAAS, r.pick("BITBUCKET_APP_PASSWORD=" + password,
                    "git clone https://ci-bot:" + password + "@bitbucket.org/team/app.git"));
            String token = "ATCTT3xFfGN0" + r.from(Rng.URLSAFE, r.between(160, 190)) + "=" + r.from("0123456789ABCDEF", 8);
            text("bitbucket-access-token", SAAS, "BITBUCKET_ACCESS_TOKEN=" + token);
        }
        for (int i = 0; i < 3; i++) {
            String token = "secret_" + r.from(Rng.ALNUM, 43);
            text("notion-legacy", SAAS, r.pick("NOTION_API_KEY=" + token, "const notion = new Client({ auth: '"
                    + token + "' });", "{\"notion_token\": \"" + token + "\"}"));
        }
        for (int i = 0; i < 4; i++) {
            String pat = r.from(BASE32_LOWER, 52);
            text("ado-pat-legacy", "credential.azure-devops-pat", switch (i) {
                case 0 -> "AZURE_DEVOPS_EXT_PAT=" + pat;
                case 1 -> "git remote set-url origin https://build:" + pat + "@dev.azure.com/demo/app/_git/app";
                case 2 -> "echo " + pat + " | az devops login --organization https://dev.azure.com/demo";
                default -> "# azure devops feed\n//pkgs.dev.azure.com/demo/_packaging/feed/npm/:password=" + pat + "\n";
            });
        }
        for (int i = 0; i < 3; i++) {
            String pat = r.from(Rng.ALNUM, 52) + "JQQJ99" + r.from(Rng.UPPER + Rng.DIGITS, 18) + "AZDO"
                    + r.from(Rng.ALNUM, 4);
            text("ado-pat-84", DEVOPS, r.pick("ADO_PAT=" + pat, "pat: " + pat, "Use this token: " + pat));
        }
    }

    private void keyMaterial() {
        for (int i = 0; i < 4; i++) {
            String key = nsec();
            text("nostr-nsec", "credential.nostr-private-key", switch (i) {
                case 0 -> "NOSTR_PRIVATE_KEY=" + key;
                case 1 -> "{\"relays\": [\"wss://relay.demo.invalid\"], \"nsec\": \"" + key + "\"}";
                case 2 -> "nak event --sec " + key + " -c 'hello'";
                default -> "my nostr identity, keep it safe: " + key;
            });
        }
        for (int i = 0; i < 4; i++) {
            StringBuilder block = new StringBuilder("-----BEGIN OpenVPN Static key V1-----\n");
            for (int k = 0; k < 16; k++) {
                block.append(r.from(Rng.HEX, 32)).append('\n');
            }
            block.append("-----END OpenVPN Static key V1-----\n");
            text("openvpn-static-key", "credential.openvpn-static-key", switch (i) {
                case 0 -> "#\n# 2048 bit OpenVPN static key\n#\n" + block;
                case 1 -> "client\ndev tun\nremote vpn.demo.invalid 1194\nkey-direction 1\n<tls-auth>\n" + block
                        + "</tls-auth>\n";
                default -> "cat /etc/openvpn/ta.key\n" + block;
            });
        }
    }

    private void webhooks() {
        for (int i = 0; i < 3; i++) {
            String url = "https://" + r.pick("contoso", "fabrikam", "demo-corp") + ".webhook.office.com/webhookb2/"
                    + uuid() + "@" + uuid() + "/IncomingWebhook/" + r.from(Rng.HEX, 32) + "/" + uuid()
                    + (i == 1 ? "/V2" + r.from(Rng.URLSAFE, 43) : "");
            text("teams-webhook", SAAS, r.pick("TEAMS_WEBHOOK_URL=" + url, "requests.post(\"" + url
                    + "\", json={\"text\": \"deploy done\"})"));
        }
        for (int i = 0; i < 3; i++) {
            String url = "https://hooks.zapier.com/hooks/catch/" + r.digits(r.between(7, 8)) + "/"
                    + r.from(LOWER_DIGITS, 7) + "/";
            text("zapier-webhook", SAAS, r.pick("ZAPIER_HOOK=" + url, "curl -X POST " + url + " -d '{\"lead\":1}'"));
        }
        for (int i = 0; i < 3; i++) {
            String url = "https://chat." + r.pick("demo.invalid", "ops.demo.invalid:8065") + "/hooks/"
                    + r.from(MATTERMOST, 26);
            text("mattermost-webhook", SAAS, r.pick("MATTERMOST_WEBHOOK_URL=" + url, "curl -i -X POST -H "
                    + "'Content-Type: application/json' -d '{\"text\": \"build passed\"}' " + url));
        }
    }

    private void authHeaders() {
        String rule = "credential.auth-header-in-command";
        text("auth-geniekey", rule, "curl -X POST https://api.opsgenie.com/v2/alerts -H \"Content-Type: "
                + "application/json\" -H \"Authorization: GenieKey " + uuid() + "\"");
        text("auth-apikey", rule, "GET /_security/_authenticate HTTP/1.1\nHost: es.demo.invalid:9200\nAuthorization: "
                + "ApiKey " + Base64.getEncoder().encodeToString((r.from(Rng.ALNUM, 20) + ":" + r.from(Rng.URLSAFE, 22))
                .getBytes(StandardCharsets.UTF_8)) + "\n");
        text("auth-splunk", rule, "headers = {'Authorization': 'Splunk " + uuid() + "'}");
        text("auth-ssws", rule, "okta:\n  client:\n    headers:\n      Authorization: SSWS 00" + r.from(Rng.URLSAFE, 40)
                + "\n");
        text("auth-token-token", rule, "Authorization: Token token=\"" + r.from(Rng.ALNUM, 32) + "\"");
        // a JSON body: the headers object Sieve scans as name and value lines
        String body = "{\"request\": {\"url\": \"https://api.demo.invalid/v1/export\", \"headers\": {\"Authorization\": "
                + "\"Bearer " + r.from(Rng.URLSAFE, 40) + "\", \"Accept\": \"application/json\"}}}";
        positive("auth-json-headers", List.of(rule), new Containers.Req("POST", "https://hooks.demo.invalid/v1/replay",
                Containers.headers("Content-Type", "application/json"), utf8(body), false,
                "body json $.request.headers.Authorization"), "json");
    }

    private void registryAuth() {
        String rule = "credential.registry-auth-base64";
        for (int i = 0; i < 2; i++) {
            String auth = b64(r.pick("ci-bot", "deploy", "robot$builder") + ":" + r.password(r.between(12, 20)));
            text("docker-config-auth", rule, "cat ~/.docker/config.json\n{\n  \"auths\": {\n    \"https://index.docker.io"
                    + "/v1/\": {\n      \"auth\": \"" + auth + "\"\n    }\n  }\n}\n");
        }
        for (int i = 0; i < 2; i++) {
            // config.json uploaded as a JSON body: scanned as name and value lines
            String auth = b64("AWS:" + r.from(Rng.URLSAFE, r.between(60, 120)));
            String body = "{\"auths\":{\"" + r.digits(12) + ".dkr.ecr.eu-west-1.amazonaws.com\":{\"auth\":\"" + auth
                    + "\"}},\"HttpHeaders\":{\"User-Agent\":\"Docker-Client/27.1.1 (linux)\"}}";
            positive("docker-config-json-body", List.of(rule), new Containers.Req("PUT",
                    "https://files.demo.invalid/upload/config.json", Containers.headers("Content-Type",
                    "application/json"), utf8(body), false, "body json $.auths.*.auth"), "json");
        }
        for (int i = 0; i < 2; i++) {
            String user = r.pick("builder", "npm-publisher");
            text("npmrc-auth", rule, "registry=https://npm.demo.invalid/\n_auth=" + b64(user + ":"
                    + r.password(r.between(12, 18))) + "\nalways-auth=true\n");
            text("npmrc-password", rule, "//npm.demo.invalid/:username=" + user + "\n//npm.demo.invalid/:_password="
                    + b64(r.password(r.between(12, 18))) + "\n//npm.demo.invalid/:email=" + user + "@demo.invalid\n");
        }
    }

    // ---- hard negatives ------------------------------------------------------------------------------------------

    private void negatives() {
        neg("teams-webhook-doc", "To post to a channel, copy the URL Teams shows, e.g. https://contoso.webhook.office"
                + ".com/webhookb2/<group-id>@<tenant-id>/IncomingWebhook/<connector-id>/<uuid>, into WEBHOOK_URL.");
        neg("oauth-without-twitch", "PASS oauth:" + r.from(LOWER_DIGITS, 30) + "\nNICK modbot\nJOIN #general\n");
        neg("secret-short-words", "secret_key_base = ENV.fetch(\"SECRET_KEY_BASE\")\nsecret_name: prod-db-credentials\n"
                + "secret_sauce_recipe_version: 3\n");
        neg("sdk-uuid-request-id", "2026-12-05T10:15:02Z INFO request_id=sdk-" + uuid() + " path=/v1/flags status=200 "
                + "duration_ms=12");
        neg("docker-creds-store", "cat ~/.docker/config.json\n{\n  \"auths\": {},\n  \"credsStore\": \"desktop\",\n"
                + "  \"currentContext\": \"desktop-linux\"\n}\n");
        neg("bearer-variable", "curl -s -H \"Authorization: Bearer $TOKEN\" https://api.demo.invalid/v1/me");
        neg("auth-templates", "Authorization: Bearer ${ACCESS_TOKEN}\nAuthorization: Basic {{creds}}\nAuthorization: "
                + "Bearer <token>\nAuthorization: Negotiate\n");
        neg("asana-without-keyword", "job 1/" + r.digits(16) + ":" + r.from(Rng.HEX, 32) + " finished");
        String key = nsec();
        char last = key.charAt(key.length() - 1);
        neg("nsec-bad-checksum", "my nostr key (one character mistyped): " + key.substring(0, key.length() - 1)
                + BECH32.charAt((BECH32.indexOf(last) + 1) % 32));
        neg("openvpn-placeholder", "-----BEGIN OpenVPN Static key V1-----\n<paste the contents of ta.key here>\n"
                + "-----END OpenVPN Static key V1-----\n");
        neg("npm-auth-prose", "_auth=" + b64("Note: ask the platform team for access"));
        neg("docker-auth-empty", "{\"auths\": {\"registry.demo.invalid\": {\"auth\": \"\"}, \"ghcr.demo.invalid\": "
                + "{\"auth\": \"Og==\"}}}");
        neg("mattermost-doc", "Mattermost shows the URL as https://your-mattermost-server.com/hooks/xxx-generatedkey-xxx");
        neg("zapier-doc", "Send the form to https://hooks.zapier.com/hooks/catch/<account-id>/<hook-id>/ from Zapier.");
        neg("braintree-sandbox", "BRAINTREE_ACCESS_TOKEN=access_token$sandbox$" + r.from(LOWER_DIGITS, 16) + "$"
                + r.from(Rng.HEX, 32));
        neg("ado-words", "azure devops pipeline: releasebuildandpublishthewholemonorepotothestagingfe");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A synthetic Nostr private key: 32 random bytes as 52 bech32 characters and their checksum. */
    private String nsec() {
        byte[] data = new byte[52];
        StringBuilder s = new StringBuilder("nsec1");
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i == 51 ? r.nextInt(2) << 4 : r.nextInt(32)); // 256 bits: the last character's low bits are 0
            s.append(BECH32.charAt(data[i]));
        }
        // the checksum from this module's own BIP-173 code, not the engine's validator: a generator that used the
        // code under test would test nothing
        for (int c : Checksums.bech32Checksum("nsec", data)) {
            s.append(BECH32.charAt(c));
        }
        return s.toString();
    }

    private String uuid() {
        return r.from(Rng.HEX, 8) + "-" + r.from(Rng.HEX, 4) + "-4" + r.from(Rng.HEX, 3) + "-" + r.pick("8", "9", "a",
                "b") + r.from(Rng.HEX, 3) + "-" + r.from(Rng.HEX, 12);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // The cases are written by FamilyCases (shared with CredCli).

    private void text(String kind, String rule, String text) {
        cases.text(kind, rule, text);
    }

    private void positive(String kind, List<String> rules, Containers.Req req, String container) {
        cases.positive(kind, rules, req, container);
    }

    private void neg(String kind, String text) {
        cases.neg(kind, text);
    }
}
