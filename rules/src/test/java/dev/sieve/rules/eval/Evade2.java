package dev.sieve.rules.eval;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Family {@code evade2}: wrappings an outside red team (synthetic values, 2026-12-06) still got past the decoders,
 * as classes, with their hard negatives beside them. Each positive is tagged {@code rt3:<kind>}:
 * <ul>
 *   <li>{@code gzip-names}: a token as a gzip member's original file name or comment (RFC 1952 FNAME, FCOMMENT, after
 *       an FEXTRA field or not), in a gzip upload, a multipart part, a zip entry and a gzip {@code Content-Encoding};</li>
 *   <li>{@code utf16}: UTF-16 text (little- or big-endian, with or without a byte order mark; declared by
 *       {@code charset=utf-16*} or not), as a body, a multipart part and a zip entry;</li>
 *   <li>{@code concat}: a token cut into adjacent string literals of source code ({@code +} in JavaScript, Java, C#,
 *       Python, also across a line break; Python's implicit concatenation; {@code ..} in Lua; {@code .} in PHP and
 *       Perl; the shell's {@code "a""b"}), in text, JSON string values, multipart files and zip entries;</li>
 *   <li>{@code cdata}: a token cut into adjacent XML CDATA sections, or a section and text;</li>
 *   <li>{@code folding}: a token cut by a folded line (CRLF or LF and one space or tab) in an iCalendar event, a vCard
 *       and a mail header.</li>
 * </ul>
 * Hard negatives ({@code neg:evade2}, {@code neg:<kind>}): ordinary code with string concatenation (greetings, SQL
 * built with {@code +}, URLs and paths joined), UTF-16 text without secrets and binary bytes half zeros, gzip files
 * with ordinary names, calendars, cards and mail headers with folded lines, CDATA with code samples. Written with the
 * fixes, so not held out.
 */
final class Evade2 {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "evade2";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "multipart",
            "json-anthropic-tool", "zip", "json-openai-chat", "gzip-octet", "json-gemini");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Evade2(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Evade2 c = new Evade2(r);
        c.gzipNames();
        c.utf16();
        c.concat();
        c.cdata();
        c.folding();
        c.negatives();
        return c.out;
    }

    /** A credential and the rule that finds it: every vendor a different one, in turn. */
    private record Val(String rule, String value) {
    }

    private Val value(int i) {
        return switch (i % 8) {
            case 0 -> new Val("credential.github-pat", HardValues.github(r, "ghp_"));
            case 1 -> new Val("credential.stripe-secret-key", HardValues.stripe(r, "sk_live_"));
            case 2 -> new Val("credential.slack-bot-token", HardValues.slackBot(r));
            case 3 -> new Val("credential.aws-access-key-id", HardValues.awsKeyId(r, "AKIA"));
            case 4 -> new Val("credential.gitlab-pat", HardValues.gitlab(r));
            case 5 -> new Val("credential.jwt", Values.jwt(r));
            case 6 -> new Val("credential.anthropic-api-key", HardValues.anthropic(r));
            default -> new Val("credential.openai-api-key", HardValues.openai(r));
        };
    }

    /** A place to cut {@code v}: a letter or digit on both sides, at least four characters from either end. */
    private int cut(String v) {
        for (int tries = 0; tries < 100; tries++) {
            int k = r.between(4, v.length() - 4);
            if (Character.isLetterOrDigit(v.charAt(k - 1)) && Character.isLetterOrDigit(v.charAt(k))) {
                return k;
            }
        }
        throw new IllegalStateException("no place to cut a value");
    }

    private void positive(String kind, Val v, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(req, List.of(v.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + Values.CREDENTIAL, "rt3:" + kind, "container:" + container, "enc:none"), ""));
    }

    private void textPositive(String kind, Val v, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        positive(kind, v, Containers.build(container, text, false, r), container);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- gzip header ----

    private void gzipNames() {
        for (int i = 0; i < 10; i++) {
            Val v = value(i);
            byte[] extra = i % 3 == 0 ? r.bytes(r.between(4, 40)) : null;
            boolean asName = i % 2 == 0;
            String name = asName ? r.pick("backup-", "creds_", "export ") + v.value() + r.pick(".tar", ".env", ".txt")
                    : r.pick("notes.txt", "app.log", "dump.sql");
            String comment = asName ? null : r.pick("token ", "key: ", "rotate ") + v.value();
            byte[] content = utf8(r.pick("region = eu-west-1\nreplicas = 3\n", "2026-12-01 job finished\n",
                    "SELECT 1;\n"));
            byte[] gz = Binary.gzip(content, extra, name, comment);
            switch (i % 4) {
                case 0 -> positive("gzip-names", v, Containers.upload("upload.gz", "application/octet-stream", gz,
                        "gzip header FNAME/FCOMMENT (octet-stream upload)"), "gzip-octet");
                case 1 -> positive("gzip-names", v, Containers.multipart(gz, "logs.gz", "application/gzip", null, true,
                        "multipart part logs.gz, gzip header FNAME/FCOMMENT"), "multipart-gzip");
                case 2 -> {
                    Map<String, byte[]> entries = new LinkedHashMap<>();
                    entries.put("README.md", utf8("# logs\n"));
                    entries.put("logs/app.log.gz", gz);
                    positive("gzip-names", v, Containers.upload("bundle.zip", "application/zip", Binary.zip(entries,
                            true), "zip entry logs/app.log.gz, gzip header FNAME/FCOMMENT"), "zip");
                }
                default -> {
                    String json = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":512,\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"Summarise the release notes.\"}]}";
                    byte[] body = Binary.gzip(utf8(json), extra, name, comment);
                    positive("gzip-names", v, new Containers.Req("POST", "https://api.anthropic.com/v1/messages",
                            Containers.headers("Content-Type", "application/json", "Content-Encoding", "gzip"), body,
                            true, "Content-Encoding gzip, header FNAME/FCOMMENT"), "content-encoding-gzip");
                }
            }
        }
    }

    // ---- UTF-16 ----

    /** {@code s} in UTF-16 of {@code cs}'s byte order, after a byte order mark when {@code bom}. */
    static byte[] utf16(String s, Charset cs, boolean bom) {
        byte[] b = s.getBytes(cs);
        if (!bom) {
            return b;
        }
        boolean le = cs == StandardCharsets.UTF_16LE;
        byte[] out = new byte[b.length + 2];
        out[0] = (byte) (le ? 0xff : 0xfe);
        out[1] = (byte) (le ? 0xfe : 0xff);
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }

    private void utf16() {
        List<BiFunction<String, Integer, String>> texts = List.of(
                (v, i) -> "PS C:\\deploy> Get-Content .\\.env\r\nREGION=eu-west-1\r\nAPI_TOKEN=" + v + "\r\n",
                (v, i) -> "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Acme]\r\n\"Token\"=\""
                        + v + "\"\r\n",
                (v, i) -> "deploy notes\r\n\r\nuse the key " + v + " for the staging push\r\n");
        for (int i = 0; i < 10; i++) {
            Val v = value(i + 3);
            String text = texts.get(i % texts.size()).apply(v.value(), i);
            Charset cs = i % 3 == 2 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
            boolean bom = i % 2 == 0;
            byte[] b = utf16(text, cs, bom);
            String charset = cs == StandardCharsets.UTF_16BE ? "utf-16be" : r.pick("utf-16", "utf-16le");
            switch (i % 5) {
                case 0 -> positive("utf16", v, Containers.upload("notes.txt", "text/plain; charset=" + charset, b,
                        "text/plain; charset=" + charset), "text-utf16");
                case 1 -> positive("utf16", v, Containers.upload("notes.txt", "application/octet-stream", b,
                        "UTF-16 text as application/octet-stream"), "octet-utf16");
                case 2 -> positive("utf16", v, Containers.multipart(b, "output.txt", "text/plain; charset=" + charset,
                        null, true, "multipart part output.txt, UTF-16"), "multipart-utf16");
                case 3 -> {
                    Map<String, byte[]> entries = new LinkedHashMap<>();
                    entries.put("README.md", utf8("# export\n"));
                    entries.put("export/settings.reg", b);
                    positive("utf16", v, Containers.upload("export.zip", "application/zip", Binary.zip(entries,
                            i % 2 == 1), "zip entry export/settings.reg, UTF-16"), "zip-utf16");
                }
                default -> positive("utf16", v, Containers.multipart(b, "dump.log", "application/octet-stream",
                        null, true, "multipart part dump.log, UTF-16 without a declared charset"), "multipart-utf16");
            }
        }
    }

    // ---- string literals ----

    private void concat() {
        List<BiFunction<String, String, String>> forms = List.of(
                (a, b) -> "const token = \"" + a + "\" + \"" + b + "\";\nclient.auth(token);",
                (a, b) -> "token = '" + a + "' + '" + b + "'\nclient = Client(token)",
                (a, b) -> "TOKEN = (\n    \"" + a + "\"\n    \"" + b + "\"\n)\n",
                (a, b) -> "String token = \"" + a + "\" +\n        \"" + b + "\";",
                (a, b) -> "var token = \"" + a + "\"\n    + \"" + b + "\";",
                (a, b) -> "local token = \"" + a + "\" .. \"" + b + "\"",
                (a, b) -> "$token = '" + a + "' . '" + b + "';",
                (a, b) -> "my $token = \"" + a + "\" . \"" + b + "\";",
                (a, b) -> "export API_TOKEN=\"" + a + "\"\"" + b + "\"",
                (a, b) -> "API_TOKEN='" + a + "'\"" + b + "\" ./deploy.sh");
        for (int i = 0; i < 20; i++) {
            Val v = value(i);
            int k = cut(v.value());
            String code = "// client setup\n" + forms.get(i % forms.size()).apply(v.value().substring(0, k),
                    v.value().substring(k)) + "\n";
            textPositive("concat", v, code);
        }
    }

    // ---- CDATA ----

    private void cdata() {
        List<BiFunction<String, String, String>> forms = List.of(
                (a, b) -> "<config>\n  <token><![CDATA[" + a + "]]><![CDATA[" + b + "]]></token>\n</config>\n",
                (a, b) -> "<settings><apiKey><![CDATA[" + a + "]]>" + b + "</apiKey></settings>",
                (a, b) -> "<entry key=\"token\">" + a + "<![CDATA[" + b + "]]></entry>");
        for (int i = 0; i < 9; i++) {
            Val v = value(i + 1);
            int k = cut(v.value());
            textPositive("cdata", v, forms.get(i % forms.size()).apply(v.value().substring(0, k),
                    v.value().substring(k)));
        }
    }

    // ---- folded lines ----

    private void folding() {
        for (int i = 0; i < 9; i++) {
            Val v = value(i + 2);
            int k = cut(v.value());
            String a = v.value().substring(0, k);
            String b = v.value().substring(k);
            String fold = (i % 2 == 0 ? "\r\n" : "\n") + (i % 3 == 0 ? "\t" : " ");
            String nl = i % 2 == 0 ? "\r\n" : "\n";
            String text = switch (i % 3) {
                case 0 -> String.join(nl, "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Acme//Planner//EN",
                        "BEGIN:VEVENT", "UID:" + r.digits(8) + "@acme.invalid", "SUMMARY:Deploy window",
                        "DESCRIPTION:use key " + a + fold + b, "END:VEVENT", "END:VCALENDAR", "");
                case 1 -> String.join(nl, "BEGIN:VCARD", "VERSION:3.0", "FN:Dana Smith", "NOTE:api token " + a + fold
                        + b, "END:VCARD", "");
                default -> String.join(nl, "From: ops@acme.invalid", "To: dev@acme.invalid", "Subject: rotate " + a
                        + fold + b, "MIME-Version: 1.0", "Content-Type: text/plain", "", "See subject.", "");
            };
            textPositive("folding", v, text);
        }
    }

    // ---- negatives ----

    private void negatives() {
        negative("concat-ordinary", "String greeting = \"Hello, \" + name + \"!\";\nSystem.out.println(greeting);");
        negative("concat-ordinary", "String sql = \"SELECT id, name FROM users \" +\n    \"WHERE active = 1 \" +\n"
                + "    \"ORDER BY created_at DESC\";");
        negative("concat-ordinary", "url = \"https://api.example.invalid/\" + \"v1/users/\" + str(user_id)");
        negative("concat-ordinary", "msg = (\"The build finished \"\n       \"without errors.\")\nprint(msg)");
        negative("concat-ordinary", "local path = \"/usr/local/\" .. \"share/lua\"\n$label = 'Total: ' . $sum . ' EUR';");
        negative("concat-ordinary", "PATH=\"$HOME\"\"/bin:/usr/bin\"\nprefix='release-'\"2026-12\"");
        negative("concat-ordinary", "const cls = 'btn' + ' ' + 'btn-primary' + ' ' + 'btn-lg';");
        negative("cdata-code", "<snippet lang=\"c\"><![CDATA[if (a < b && c > d) { return x; }]]></snippet>");
        negative("cdata-code", "<doc><p><![CDATA[Use <b>bold</b> for ]]><![CDATA[emphasis only.]]></p></doc>");
        negative("cdata-code", "<script><![CDATA[\nfunction add(a, b) { return a + b; }\n]]></script>");
        negative("calendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Quarterly planning about the"
                + " roadmap and the hiring\r\n  plan for next year\r\nDESCRIPTION:Agenda: review the open items and\r\n"
                + " decide on the release date\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        negative("calendar", "BEGIN:VCARD\nVERSION:3.0\nFN:Dana Smith\nNOTE:met at the conference, interested in\n"
                + " the enterprise plan\nEND:VCARD\n");
        negative("calendar", "From: ops@acme.invalid\r\nSubject: weekly report for the platform team and the\r\n"
                + " data team\r\nMIME-Version: 1.0\r\n\r\nAll green.\r\n");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("README.md", utf8("# export\n"));
        entries.put("export/notes.txt", utf16("Meeting notes\r\nShip the release on Friday.\r\n",
                StandardCharsets.UTF_16LE, true));
        binaryNegative("utf16-plain", Containers.upload("export.zip", "application/zip", Binary.zip(entries, true),
                "zip entry export/notes.txt, UTF-16 without secrets"), "zip-utf16");
        binaryNegative("utf16-plain", Containers.upload("notes.txt", "text/plain; charset=utf-16",
                utf16("Reminder: the office is closed on Monday.\r\n", StandardCharsets.UTF_16LE, true),
                "text/plain; charset=utf-16 without secrets"), "text-utf16");
        binaryNegative("utf16-plain", Containers.multipart(utf16("PS C:\\> Get-ChildItem\r\n  Directory: C:\\src\r\n",
                StandardCharsets.UTF_16BE, false), "out.txt", "text/plain", null, true,
                "multipart part out.txt, UTF-16BE without secrets"), "multipart-utf16");
        byte[] zeros = r.bytes(256);
        for (int i = 1; i < zeros.length; i += 2) {
            zeros[i] = 0;
        }
        binaryNegative("binary-zeros", Containers.upload("blob.bin", "application/octet-stream", zeros,
                "random bytes, every second one zero"), "octet");
        binaryNegative("gzip-ordinary-name", Containers.upload("report.gz", "application/octet-stream",
                Binary.gzip(utf8("id,total\n1,20\n"), r.bytes(12), "report-2026-11.csv", "nightly export"),
                "gzip with FEXTRA, FNAME and FCOMMENT"), "gzip-octet");
        binaryNegative("gzip-ordinary-name", Containers.multipart(Binary.gzip(utf8("ok\n"), null, "app.log", null),
                "app.log.gz", "application/gzip", null, true, "multipart part app.log.gz with FNAME"),
                "multipart-gzip");
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    private void binaryNegative(String kind, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + container, "enc:none"), ""));
    }
}
