package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code forms32}: credentials written in forms without a {@code key = value} shape, which session 32 taught
 * the pack (credentials-forms.yaml, the psql and pg_dump column headers of credential.table-secret-column), with hard
 * negatives beside them.
 * <ul>
 *   <li>Positives ({@code form:<kind>}): Cisco/Junos clear-text and reversible device secrets; Oracle
 *       {@code USER/PASSWORD@DB} and HAProxy {@code stats auth}; expect, askpass and proxychains passwords; redis
 *       {@code AUTH}; the lone line a secret-printing command outputs; PowerShell Name/Value rows; psql last columns
 *       and pg_dump {@code COPY} rows; kaggle.json, Discord, Cloudflare Tunnel, MSAL cache and VNC formats; session
 *       cookies in cookies.txt and cookie JSON exports.</li>
 *   <li>Negatives ({@code neg:forms32}, {@code neg:<kind>}): the same forms with hashes, templates, placeholders,
 *       public communities, no credentials, multi-line or error output, non-secret columns, ids that are not
 *       base64 digits, tokens missing their secret, non-VNC registry values, preference and CSRF cookies, and a
 *       session Cookie header the agent sends to its own destination.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Forms32 {

    static final long SEED = 20_261_232L;
    static final String FAMILY = "forms32";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final String JUNOS9 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./-";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Forms32(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Forms32 c = new Forms32(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** A password a person or a generator picks: upper, lower, a symbol and digits, 12 to 18 characters. */
    private String pw() {
        return r.from(Rng.UPPER, 1) + r.from(Rng.LOWER, r.between(3, 6)) + r.pick("!", "#", "%", "-", "_", "+", "~")
                + r.digits(r.between(3, 5)) + r.from(Rng.ALNUM, r.between(3, 5));
    }

    private String ip() {
        return r.pick("192.0.2.", "198.51.100.", "203.0.113.") + r.between(2, 250);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    private void positives() {
        String dev = "credential.network-device-password";
        text("ios-user", dev, "hostname " + r.pick("core", "edge", "dist") + "-rtr-" + r.between(1, 9) + "\n!\nusername "
                + r.pick("ops", "noc", "backup") + " privilege " + r.pick("1", "15") + " secret 0 " + pw() + "\n!\n");
        text("ios-enable", dev, "!\nenable password " + pw() + "\nline vty 0 4\n login local\n");
        text("snmp", dev, "snmp-server location DC" + r.between(1, 4) + "\nsnmp-server community " + r.from(Rng.ALNUM, 10)
                + r.digits(2) + " " + r.pick("RO", "RW") + " " + r.between(10, 99) + "\n");
        text("isakmp", dev, "crypto isakmp policy 10\n encr aes 256\ncrypto isakmp key " + pw() + " address " + ip()
                + "\n");
        text("asa-ikev2", dev, "tunnel-group " + ip() + " type ipsec-l2l\ntunnel-group " + ip()
                + " ipsec-attributes\n ikev2 remote-authentication pre-shared-key " + pw() + "\n");
        text("junos-psk", dev, "security {\n    ike {\n        policy ike-" + r.between(1, 9)
                + " {\n            pre-shared-key ascii-text \"" + pw() + "\";\n        }\n    }\n}\n");
        text("radius-key", dev, "radius-server host " + ip() + " auth-port 1812\nradius-server key " + pw() + "\n");

        String rev = "credential.network-device-reversible";
        for (int i = 0; i < 3; i++) {
            String type7 = String.format("%02d", r.between(0, 15)) + r.from("0123456789ABCDEF", 2 * r.between(5, 10));
            text("type7", rev, "username " + r.pick("admin", "netops", "svc") + " privilege 15 password 7 " + type7
                    + "\n");
        }
        text("junos9", rev, "system {\n    radius-server {\n        " + ip() + " secret \"$9$" + r.from(JUNOS9, 24)
                + "\"; ## SECRET-DATA\n    }\n}\n");

        String up = "credential.user-password-argument";
        text("sqlplus", up, "$ sqlplus " + r.pick("system", "hr", "scott_app") + "/" + pw() + "@//" + ip()
                + ":1521/" + r.pick("ORCLPDB1", "FINPDB", "XEPDB1") + "\n");
        text("sqlplus-tns", up, "#!/bin/sh\nsqlplus -s " + r.pick("APPS", "GL", "BATCH") + "/" + pw() + "@"
                + r.pick("PRODDB", "ERP", "DWH") + " @nightly.sql\n");
        text("expdp", up, "impdp system/" + pw() + "@" + r.pick("PROD", "UAT") + " directory=DP dumpfile=hr.dmp\n");
        text("haproxy", up, "frontend stats\n    bind :" + r.between(8000, 9000) + "\n    stats enable\n    stats auth "
                + r.pick("admin", "ops") + ":" + pw() + "\n");

        String sc = "credential.script-password";
        text("expect", sc, "#!/usr/bin/expect -f\nset timeout 20\nspawn scp backup.tgz " + r.pick("root", "deploy")
                + "@" + ip() + ":/srv/\nexpect \"" + r.pick("password:", "Password: ", "*assword*") + "\"\nsend \""
                + pw() + "\\r\"\nexpect eof\n");
        text("askpass", sc, "#!/bin/bash\n# SUDO_ASKPASS helper\necho -n '" + pw() + "'\n");
        text("insecure-password", sc, "userlist " + r.pick("admins", "ops") + "\n    user " + r.pick("ana", "lee")
                + " insecure-password " + pw() + "\n");
        text("proxychains", sc, "strict_chain\n[ProxyList]\n" + r.pick("socks5", "socks4", "http") + "\t" + ip() + "\t"
                + r.between(1080, 9999) + "\t" + r.pick("dana", "proxyuser") + "\t" + pw() + "\n");

        String redis = "credential.redis-auth-command";
        for (int i = 0; i < 2; i++) {
            text("redis", redis, "$ redis-cli -h " + ip() + "\n" + ip() + ":6379> AUTH " + pw() + "\nOK\n");
            text("redis-acl", redis, "# ~/.rediscli_history\nAUTH " + r.pick("app", "default") + " " + pw()
                    + "\nINFO keyspace\n");
        }

        String out = "credential.command-output-secret";
        text("kubectl", out, "$ kubectl -n " + r.pick("db", "auth", "infra") + " get secret " + r.pick("pg", "mq", "ldap")
                + "-creds -o jsonpath='{.data." + r.pick("password", "token", "root-password") + "}' | base64 --decode\n"
                + pw() + "\n$ \n");
        text("vault", out, "$ vault kv get -mount=secret -field=" + r.pick("api_key", "password") + " "
                + r.pick("ci", "prod") + "/app\n" + r.from(Rng.ALNUM, 28) + "\n");
        text("keychain", out, "% security find-internet-password -s " + r.pick("git.acme.test", "smtp.acme.test")
                + " -w\n" + pw() + "\n");
        text("gcloud", out, "$ gcloud secrets versions access latest --secret=" + r.pick("smtp", "stripe", "db")
                + "-pass\n" + pw() + "\n");
        text("ssm", out, "$ aws ssm get-parameter --name /prod/db/password --with-decryption --query Parameter.Value"
                + " --output text\n" + pw() + "\n");
        text("op", out, "$ op read op://" + r.pick("Infra", "Prod") + "/postgres/password\n" + pw() + "\n");

        String env = "credential.env-table-secret";
        for (int i = 0; i < 2; i++) {
            text("ps-env", env, "PS C:\\> Get-ChildItem Env:\n\nName                           Value\n"
                    + "----                           -----\nALLUSERSPROFILE                C:\\ProgramData\n"
                    + String.format("%-31s", r.pick("SQLCMDPASSWORD", "AZURE_CLIENT_SECRET", "GH_TOKEN")) + pw() + "\n");
            text("ps-hashtable", env, "PS> $cfg | Format-Table\n\nName                           Value\n"
                    + "----                           -----\nServer                         sql01\n"
                    + String.format("%-31s", r.pick("DbPassword", "ApiKey", "ServiceToken")) + pw() + "\n");
        }

        String col = "credential.table-secret-column";
        text("psql-last", col, " id |  username  |        " + r.pick("access_token", "api_token", "password")
                + "\n----+------------+--------------------------------\n  1 | " + r.pick("ana", "omar") + "        | "
                + r.from(Rng.ALNUM, 32) + "\n(1 row)\n");
        text("pg-copy", col, "COPY public." + r.pick("sessions", "api_tokens", "oauth_grants") + " (id, user_id, "
                + r.pick("token", "access_token", "secret") + ", created_at) FROM stdin;\n" + r.between(1, 99) + "\t"
                + r.between(100, 999) + "\t" + r.from(Rng.HEX, 40) + "\t2026-11-0" + r.between(1, 9) + " 08:00:00\n\\.\n");

        for (int i = 0; i < 2; i++) {
            text("kaggle", "credential.kaggle-key", "cat ~/.kaggle/kaggle.json\n{\"username\":\"" + r.pick("ana", "rk")
                    + r.digits(3) + "\",\"key\":\"" + r.from(Rng.HEX, 32) + "\"}\n");
            text("kaggle-pretty", "credential.kaggle-key", "{\n  \"username\": \"" + r.pick("dana", "lee") + "-lab\",\n"
                    + "  \"key\": \"" + r.from(Rng.HEX, 32) + "\"\n}\n");
        }

        for (int i = 0; i < 4; i++) {
            String id = r.between(1, 9) + r.digits(r.between(16, 18));
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.US_ASCII))
                    + "." + r.from(Rng.URLSAFE, 6) + "." + r.from(Rng.URLSAFE, r.between(27, 38));
            text("discord", "credential.discord-token", r.pick("bot.run(\"" + token + "\")\n",
                    "DISCORD_TOKEN: " + token + "\n", "token found in leveldb: " + token + "\n"));
        }
        for (int i = 0; i < 4; i++) {
            String json = "{\"a\":\"" + r.from(Rng.HEX, 32) + "\",\"t\":\"" + uuid() + "\",\"s\":\""
                    + Base64.getEncoder().encodeToString(r.bytes(32)) + "\"}";
            text("cf-tunnel", "credential.cloudflare-tunnel-token", r.pick("cloudflared tunnel run --token ",
                    "TUNNEL_TOKEN=", "$ cloudflared tunnel token web\n") + b64(json) + "\n");
        }
        for (int i = 0; i < 2; i++) {
            text("msal", "credential.msal-cache-secret", "{\"RefreshToken\": {\"" + uuid()
                    + "-login.microsoftonline.com-refreshtoken-" + uuid() + "--\": {\"credential_type\": \"RefreshToken\", \"secret\": \"1.A"
                    + r.from(Rng.URLSAFE, 60) + "." + r.from(Rng.URLSAFE, 200) + "\", \"client_id\": \"" + uuid()
                    + "\"}}}");
            text("msal-inline", "credential.msal-cache-secret", "token cache entry: "
                    + "\"credential_type\":\"RefreshToken\","
                    + "\"environment\":\"login.microsoftonline.com\",\"secret\":\"0.A" + r.from(Rng.URLSAFE, 120) + "\"");
            text("vnc-reg", "credential.vnc-password", "Windows Registry Editor Version 5.00\n\n"
                    + "[HKEY_CURRENT_USER\\Software\\"
                    + r.pick("TightVNC\\Server", "TigerVNC\\WinVNC4", "RealVNC\\vncserver") + "]\n\""
                    + r.pick("Password", "PasswordViewOnly") + "\"=hex:" + hexBytes() + "\n");
            text("vnc-ini", "credential.vnc-password", "[ultravnc]\npasswd=" + r.from("0123456789ABCDEF", 16)
                    + "\n[admin]\nUseRegistry=0\nMSLogonRequired=0\n");
        }

        String ck = "credential.session-cookie-export";
        for (int i = 0; i < 2; i++) {
            text("cookies-txt", ck, "# Netscape HTTP Cookie File\n" + r.pick(".shop", ".crm", "intranet") + ".acme.test\t"
                    + "TRUE\t/\tTRUE\t" + (1790000000 + r.nextInt(9000000)) + "\t"
                    + r.pick("JSESSIONID", "PHPSESSID", "laravel_session", "connect.sid", "_app_session") + "\t"
                    + r.from(Rng.ALNUM, r.between(26, 40)) + "\n");
            text("cookie-json", ck, "[{\"domain\": \".acme.test\", \"hostOnly\": false, \"httpOnly\": true, \"name\": \""
                    + r.pick("sessionid", "__Secure-next-auth.session-token", "remember_user_token") + "\", \"path\": \"/\","
                    + " \"secure\": true, \"value\": \"" + r.from(Rng.URLSAFE, r.between(40, 90)) + "\"}]");
            text("har-cookies", ck, "{\"log\": {\"entries\": [{\"request\": {\"url\": \"https://portal.acme.test/\","
                    + " \"cookies\": [{\"name\": \"" + r.pick("JSESSIONID", "SESSION", "ASP.NET_SessionId") + "\", \"value\": \""
                    + r.from("0123456789ABCDEF", 32) + "\"}]}}]}}");
        }

    }

    private void negatives() {
        negative("ios-hashed", "hostname core-sw-0" + r.between(1, 9) + "\nenable secret 9 $9$" + r.from(Rng.ALNUM, 14)
                + "$" + r.from(Rng.ALNUM, 43) + "\nusername ops privilege 15 secret 8 $8$" + r.from(Rng.ALNUM, 14) + "$"
                + r.from(Rng.ALNUM, 43) + "\nsnmp-server community public RO\n");
        negative("asa-encrypted", "enable password " + r.from(Rng.ALNUM, 16) + " encrypted\nusername vpn password "
                + r.from(Rng.ALNUM, 16) + " pbkdf2 privilege 15\n");
        negative("device-prose", "Configure the pre-shared-key option on both peers, then set the snmp-server community"
                + " string to something other than public.\ncrypto isakmp key <psk> address <peer>\n");
        negative("type7-near", "The password 7 days before expiry is sent by mail.\nusername x password 7 "
                + r.from("0123456789ABCDEF", 11) + "\n");
        negative("sqlplus-os", "$ sqlplus / as sysdba\n$ sqlplus -s \"$DB_USER/$DB_PASS@$TNS\" @run.sql\n");
        negative("haproxy-var", "    stats auth admin:${STATS_PASSWORD}\n    stats uri /haproxy?stats\n");
        negative("expect-var", "expect \"password:\"\nsend \"$env(DEPLOY_PASS)\\r\"\nexpect \"$ \"\nsend \"uptime\\r\"\n");
        negative("askpass-var", "#!/bin/sh\n# GIT_ASKPASS helper\necho \"$GIT_TOKEN\"\n");
        negative("proxychains-open", "[ProxyList]\nsocks5 127.0.0.1 9050\nhttp " + ip() + " 3128\n");
        negative("smtp-auth", "S: 250-AUTH PLAIN LOGIN\nC: AUTH PLAIN " + b64("\0dana\0" + pw()).substring(0, 8) + "\n");
        negative("redis-var", "127.0.0.1:6379> AUTH $REDIS_PASSWORD\n(error) WRONGPASS\n");
        negative("output-error", "$ kubectl get secret pg-creds -o jsonpath='{.data.password}' | base64 -d\n"
                + "Error from server (NotFound): secrets \"pg-creds\" not found\n");
        negative("output-multiline", "$ vault kv get -field=data secret/app\nmap[password:" + "<redacted>]\n"
                + "$ aws secretsmanager get-secret-value --secret-id app --output json\n{\n  \"Name\": \"app\"\n}\n");
        negative("output-cert", "$ kubectl get secret web-tls -o jsonpath='{.data.tls\\.crt}' | base64 -d\n"
                + "-----BEGIN CERTIFICATE-----\nMIIB\n");
        negative("ps-env-clean", "Name                           Value\n----                           -----\n"
                + "COMPUTERNAME                   WS-" + r.digits(4) + "\nPSModulePath                   C:\\Program Files\\"
                + "WindowsPowerShell\\Modules\nGIT_ASKPASS                    C:\\Git\\mingw64\\bin\\git-askpass.exe\n"
                + "DB_PASSWORD                    ********\n");
        negative("psql-clean", " id | status  |        commit_sha\n----+---------+--------------------------------\n"
                + "  1 | success | " + r.from(Rng.HEX, 40) + "\n(1 row)\n");
        negative("pg-copy-clean", "COPY public.deployments (id, status, commit_sha, created_at) FROM stdin;\n"
                + r.between(1, 99) + "\tsuccess\t" + r.from(Rng.HEX, 40) + "\t2026-11-02 08:00:00\n\\.\n");
        negative("kaggle-placeholder", "{\"username\": \"ana\", \"key\": \"00000000000000000000000000000000\"}\n"
                + "{\"username\": \"<your-username>\", \"key\": \"<your-key>\"}\n");
        negative("dotted-id", "build " + b64("1234567890abcdefgh") + "." + r.from(Rng.URLSAFE, 6) + "."
                + r.from(Rng.URLSAFE, 30) + "\n");
        negative("cf-no-secret", "tunnel id: " + b64("{\"a\":\"" + r.from(Rng.HEX, 32) + "\",\"t\":\"" + uuid() + "\"}")
                + "\n");
        negative("msal-idtoken", "{\"credential_type\": \"IdToken\", \"secret\": \"header-only\"}\n"
                + "{\"credential_type\": \"RefreshToken\", \"secret\": \"\"}\n");
        negative("reg-not-vnc", "[HKEY_CURRENT_USER\\Software\\Acme\\Sync]\n\"Password\"=hex:" + hexBytes()
                + "\n\"LastSync\"=dword:0000170c\n");
        negative("cookies-prefs", "# Netscape HTTP Cookie File\n.news.acme.test\tTRUE\t/\tFALSE\t1796000000\tconsent\t"
                + "yes\n.news.acme.test\tTRUE\t/\tFALSE\t1796000000\t_ga\tGA1.1." + r.digits(9) + "." + r.digits(10)
                + "\n.acme.test\tTRUE\t/\tTRUE\t1796000000\t__Host-csrf_token\t" + r.from(Rng.ALNUM, 32) + "\n");
        negative("cookie-json-prefs", "[{\"name\": \"theme\", \"value\": \"solarized-dark-high-contrast\"},"
                + " {\"name\": \"sessionid\", \"value\": \"\"}]");
        // the agent's own session cookie to its destination: a request header, not body text
        String body = "{\"model\": \"claude-sonnet-4-5\", \"max_tokens\": 256, \"messages\": [{\"role\": \"user\","
                + " \"content\": \"summarise the open tickets\"}]}";
        out.add(new HardCorpus.Out(new Containers.Req("POST", "https://api.anthropic.com/v1/messages",
                Containers.headers("Content-Type", "application/json", "Cookie", "JSESSIONID="
                        + r.from("0123456789ABCDEF", 32) + "; lang=en"), body.getBytes(StandardCharsets.UTF_8), false,
                "Cookie header"), List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:cookie-header", "container:json-anthropic", "enc:none"), body));
    }

    private String uuid() {
        return r.from(Rng.HEX, 8) + "-" + r.from(Rng.HEX, 4) + "-4" + r.from(Rng.HEX, 3) + "-a" + r.from(Rng.HEX, 3)
                + "-" + r.from(Rng.HEX, 12);
    }

    /** Eight varied bytes as a .reg file writes them: {@code 3f,a1,...}. */
    private String hexBytes() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format("%02x", 16 * (i + 1) + r.nextInt(16) & 0xff));
        }
        return sb.toString();
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
