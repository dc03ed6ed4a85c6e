package dev.sieve.rules.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code tail11}: five detection gaps closed together, each as a class, with hard negatives beside them. Each
 * positive is tagged {@code rt5:<kind>}:
 * <ul>
 *   <li>{@code utf7-declared}: a body or multipart text file declared {@code charset=utf-7} (text/plain, text/html),
 *       the token wholly shifted ({@code +AGcAaABw...-}) or with only its punctuation shifted, as RFC 2152 encoders
 *       write it ({@code ghp+AF8-...});</li>
 *   <li>{@code utf7-inline}: such a shifted token inside ordinary text (prose, JSON messages, a tool result, a
 *       multipart text file) that declares nothing;</li>
 *   <li>{@code md-escape}: a token with Markdown/LaTeX backslash escapes ({@code sk\_live\_...}, {@code xoxb\-...},
 *       {@code SG\.xxx\.yyy});</li>
 *   <li>{@code grpc-web-text}: an {@code application/grpc-web-text} body, base64 chunks of gRPC-Web frames;</li>
 *   <li>{@code base64-after-word}: a base64 run on the line after a word all in base64's alphabet, at least as long
 *       ({@code Content-Transfer-Encoding/base64}, {@code ContentTransferEncodingBase64...});</li>
 *   <li>{@code csv-first-column}: a CSV or TSV whose first column is the secret column ({@code password,user,host}).</li>
 * </ul>
 * Every vendor in turn a different one (sixteen), in prose, JSON, multipart text files and declared-charset bodies.
 * Hard negatives ({@code neg:tail11}, {@code neg:<kind>}): {@code C++}, phone numbers, sums and query strings with
 * {@code +}, base64 with {@code +} inside, a UTF-7 body of plain words, Markdown prose with escaped words, escaped
 * ids without a secret, benign gRPC-Web text, a benign base64 line after a label, first columns named
 * {@code password_hint} or {@code password_changed_at}, placeholder and masked passwords. Written with the fixes, so
 * not held out.
 */
final class Tail11 {

    static final long SEED = 20_261_211L;
    static final String FAMILY = "tail11";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "multipart",
            "json-anthropic-tool", "json-openai-chat", "json-gemini");
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Tail11(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Tail11 c = new Tail11(r);
        c.utf7Declared();
        c.utf7Inline();
        c.markdown();
        c.grpcWebText();
        c.base64AfterWord();
        c.csvFirstColumn();
        c.negatives();
        return c.out;
    }

    /** A value, its category and the rule that finds it. */
    private record Val(String rule, String category, String value) {
    }

    /** Sixteen vendors, one after the other. */
    private Val value(int i) {
        return switch (i % 16) {
            case 0 -> new Val("credential.github-pat", Values.CREDENTIAL, HardValues.github(r, "ghp_"));
            case 1 -> new Val("credential.stripe-secret-key", Values.CREDENTIAL, HardValues.stripe(r, "sk_live_"));
            case 2 -> new Val("credential.slack-bot-token", Values.CREDENTIAL, HardValues.slackBot(r));
            case 3 -> new Val("credential.aws-access-key-id", Values.CREDENTIAL, HardValues.awsKeyId(r, "AKIA"));
            case 4 -> new Val("credential.gitlab-pat", Values.CREDENTIAL, HardValues.gitlab(r));
            case 5 -> new Val("credential.anthropic-api-key", Values.CREDENTIAL, HardValues.anthropic(r));
            case 6 -> new Val("credential.openai-api-key", Values.CREDENTIAL, HardValues.openai(r));
            case 7 -> new Val("credential.huggingface-token", Values.CREDENTIAL, HardValues.huggingface(r));
            case 8 -> new Val("credential.npm-token", Values.CREDENTIAL, HardValues.npm(r));
            case 9 -> new Val("credential.pypi-token", Values.CREDENTIAL, HardValues.pypi(r));
            case 10 -> new Val("credential.sendgrid-api-key", Values.CREDENTIAL, HardValues.sendgrid(r));
            case 11 -> new Val("credential.shopify-token", Values.CREDENTIAL, HardValues.shopify(r));
            case 12 -> new Val("credential.docker-hub-token", Values.CREDENTIAL, HardValues.dockerHub(r));
            case 13 -> new Val("credential.grafana-service-account-token", Values.CREDENTIAL, HardValues.grafana(r));
            case 14 -> new Val("credential.digitalocean-token", Values.CREDENTIAL, HardValues.digitalocean(r));
            default -> new Val("credential.hashicorp-vault-token", Values.CREDENTIAL, HardValues.vault(r));
        };
    }

    private void positive(String kind, Val v, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(req, List.of(v.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + v.category(), "rt5:" + kind, "container:" + container, "enc:none"), ""));
    }

    private void textPositive(String kind, Val v, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        positive(kind, v, Containers.build(container, text, false, r), container);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- UTF-7 ----

    /** {@code s} wholly shifted: {@code +}, the modified base64 of its UTF-16BE units, {@code -}. */
    static String shiftAll(String s) {
        return "+" + Base64.getEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_16BE)) + "-";
    }

    /** {@code s} as an RFC 2152 encoder writes it: RFC 2152's Set D and white space direct, the rest shifted. */
    static String utf7(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (direct(c)) {
                b.append(c);
                i++;
            } else if (c == '+') {
                b.append("+-");
                i++;
            } else {
                int j = i;
                while (j < s.length() && !direct(s.charAt(j)) && s.charAt(j) != '+') {
                    j++;
                }
                b.append(shiftAll(s.substring(i, j)));
                i = j;
            }
        }
        return b.toString();
    }

    private static boolean direct(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "'(),-./:? \t\r\n".indexOf(c) >= 0);
    }

    /** A vendor's token in UTF-7 as a sender writes it: wholly shifted, or only its punctuation (no '.' in it). */
    private String utf7Token(String value, int i) {
        return i % 2 == 0 || value.indexOf('.') >= 0 || value.equals(utf7(value)) ? shiftAll(value) : utf7(value);
    }

    private void utf7Declared() {
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            String text = r.pick("Deploy notes\n\nThe service key is ", "Hi team,\nplease use ", "config: token = ")
                    + utf7Token(v.value(), i) + r.pick(" for the rollout.\n", "\nthanks\n", " ;\n");
            String charset = r.pick("utf-7", "UTF-7", "x-utf-7");
            String type = (i % 4 == 3 ? "text/html" : "text/plain") + "; charset=" + charset;
            if (i % 2 == 0) {
                positive("utf7-declared", v, Containers.upload("notes.txt", type, utf8(text), "declared " + charset),
                        "upload-text");
            } else {
                positive("utf7-declared", v, Containers.multipart(utf8(text), "notes.txt", type, null, false,
                        "multipart text file declared " + charset), "multipart");
            }
        }
    }

    private void utf7Inline() {
        for (int i = 0; i < 8; i++) {
            Val v = value(i + 8);
            textPositive("utf7-inline", v, r.pick("the key is ", "Use this one: ", "token=", "export KEY=")
                    + utf7Token(v.value(), i + 1) + r.pick(" and nothing else", "\n", " (rotated monthly)"));
        }
    }

    // ---- Markdown / LaTeX escapes ----

    static String markdownEscaped(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("_*-#.`[]".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private void markdown() {
        int[] vendors = {0, 1, 2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        for (int k = 0; k < vendors.length; k++) {
            Val v = value(vendors[k]);
            textPositive("md-escape", v, r.pick("## Setup\n\nSet the token to ", "> **Note:** the key is ",
                    "| name | value |\n|---|---|\n| key | ", "Paste ") + markdownEscaped(v.value())
                    + r.pick(" and restart.\n", " |\n", "\n\n*Do not share.*\n"));
        }
    }

    // ---- grpc-web-text ----

    /** A protobuf message with one string field (field 1, wire type 2), its length a varint. */
    static byte[] proto(String s) {
        byte[] b = utf8(s);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x0a);
        int n = b.length;
        while (n >= 0x80) {
            o.write(n & 0x7f | 0x80);
            n >>>= 7;
        }
        o.write(n);
        o.writeBytes(b);
        return o.toByteArray();
    }

    /** One gRPC-Web frame: flag 0, big-endian length, message. */
    static byte[] frame(byte[] message) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0);
        o.write(message.length >>> 24);
        o.write(message.length >>> 16);
        o.write(message.length >>> 8);
        o.write(message.length);
        o.writeBytes(message);
        return o.toByteArray();
    }

    private static Containers.Req grpcWebText(String body, String what) {
        return new Containers.Req("POST", "https://rpc.demo.invalid/assistant.v1.Chat/Send",
                Containers.headers("Content-Type", "application/grpc-web-text"), utf8(body), false, "body " + what);
    }

    private void grpcWebText() {
        for (int i = 0; i < 6; i++) {
            Val v = value(i + 3);
            String first = B64.encodeToString(frame(proto(r.pick("session started", "hello", "summarize the logs"))));
            String second = B64.encodeToString(frame(proto(r.pick("deploy with ", "the key is ", "token: ")
                    + v.value())));
            // one base64 chunk per frame, as browsers send them, or both frames in one chunk
            String body = i % 3 == 2 ? B64.encodeToString(concat(frame(proto("hello")), frame(proto("use "
                    + v.value())))) : first + second;
            positive("grpc-web-text", v, grpcWebText(body, "grpc-web-text"), "grpc-web-text");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] o = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, o, a.length, b.length);
        return o;
    }

    // ---- base64 after a word ----

    /** A label all in base64's alphabet, a multiple of four characters and at least {@code min} long. */
    private String label(int min, boolean mixed) {
        StringBuilder b = new StringBuilder(mixed ? "Content-Transfer-Encoding/base64" : "ContentTransferEncodingBase64");
        List<String> more = mixed ? List.of("/part-1", "/X-Attachment", "-Id/utf-8", "/wrapped-76")
                : List.of("Part", "Attachment", "Utf8", "Wrapped", "Data");
        int k = 0;
        while (b.length() < min) {
            b.append(more.get(k++ % more.size()));
        }
        while (b.length() % 4 != 0) {
            b.append('x');
        }
        return b.toString();
    }

    private void base64AfterWord() {
        int[] vendors = {3, 0, 4, 7, 8, 12};
        for (int k = 0; k < vendors.length; k++) {
            Val v = value(vendors[k]);
            String run = B64.encodeToString(utf8(v.value()));
            textPositive("base64-after-word", v, r.pick("attachment\n", "Part 2\n", "") + label(run.length(), k % 2 == 0)
                    + "\n" + run + "\n" + r.pick("--", "end of part", ""));
        }
        // the task's own shape: a short value under a 32-character label
        for (int k = 0; k < 2; k++) {
            String ssn = HardValues.ssn(r, "-");
            Val v = new Val("pii.us-ssn", Values.PII, ssn);
            textPositive("base64-after-word", v, "Content-Transfer-Encoding/base64\n"
                    + B64.encodeToString(utf8("ssn: " + ssn)) + "\n");
        }
    }

    // ---- a secret column that is a table's first column ----

    private void csvFirstColumn() {
        List<String> headers = List.of("password,user,host", "api_key,owner,scope", "secret;service;env",
                "token\tuser\tcreated", "\"client_secret\",\"app\",\"owner\"", "pwd,login,db");
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i);
            char d = h.contains("\t") ? '\t' : h.contains(";") ? ';' : ',';
            boolean quoted = h.startsWith("\"");
            StringBuilder csv = new StringBuilder(h).append('\n');
            for (int row = 0; row < 3; row++) {
                String cell = HardValues.password(r);
                String[] rest = {r.pick("alice", "bob", "carol", "deploy-bot"), r.pick("db1", "billing", "prod", "ci")};
                csv.append(quoted ? "\"" + cell + "\"" : cell);
                for (String c : rest) {
                    csv.append(d).append(quoted ? "\"" + c + "\"" : c);
                }
                csv.append('\n');
            }
            Val v = new Val("credential.table-secret-column", Values.CREDENTIAL, csv.toString());
            switch (i % 3) {
                case 0 -> positive("csv-first-column", v, Containers.upload("users.csv", "text/csv",
                        utf8(csv.toString()), "csv upload"), "upload-text");
                case 1 -> positive("csv-first-column", v, Containers.multipart(utf8(csv.toString()), "export.csv",
                        "text/csv", null, false, "multipart csv file"), "multipart");
                default -> textPositive("csv-first-column", v, "Here is the export:\n" + csv);
            }
        }
    }

    // ---- negatives ----

    private void negatives() {
        negative("plus-code", "In C++ and C++17, templates like std::vector<int> are fine; i++ and ++i differ.");
        negative("plus-phone", "Call +1 (555) 010-0199 or +44 20 7946 0958, ext. +12; fax +1-555-010-0100.");
        negative("plus-math", "a+b=c, x+y-z=0, A+B+C+D+E+F+G+H+I+J+K+L and total+subtotal+shipping-discount");
        negative("plus-query", "GET /search?q=hello+world+again+and+again+more+words&lang=en+US HTTP/1.1");
        negative("plus-base64", "checksum: " + plusBase64() + " (sha384, base64)");
        negative("plus-email", "Write to first.last+newsletter2026@example.test or ops+alerts@example.test.");
        negative("plus-version", "Built 1.2.3+build.20261206-ci+meta at 2026-12-06T10:00:00+01:00; grade A+ / B+");
        negative("utf7-benign", shiftAll("just a friendly hello from the build bot, nothing secret") + " ok");
        negativeReq("utf7-benign", Containers.upload("notes.txt", "text/plain; charset=utf-7",
                utf8(utf7("Caf\u00e9 menu: cr\u00e8me br\u00fbl\u00e9e, 4\u20ac + tip_included")), "declared utf-7 benign"),
                "upload-text", "menu");
        negativeReq("utf7-benign", Containers.upload("notes.txt", "text/plain; charset=utf-7",
                utf8("Plain words in a UTF-7 body, no shifted run at all."), "declared utf-7 plain"), "upload-text",
                "plain");
        negative("md-prose", "Use snake\\_case for names and my\\_long\\_variable\\_name for fields; \\*not bold\\*.");
        negative("md-prose", "\\# Not a heading\n1\\. not a list\n\\[not a link\\](x) and \\`code\\`");
        negative("md-prose", "LaTeX: $x\\_1 + y\\_2 = z\\_3$ and \\_\\_init\\_\\_.py in prose");
        negative("md-id", "build\\_2026\\_12\\_06\\_release\\_candidate\\_7 is tagged; run\\-id\\-20261206\\-0042");
        negativeReq("grpc-benign", grpcWebText(B64.encodeToString(frame(proto("hello, summarize the weekly report")))
                + B64.encodeToString(frame(proto("thanks"))), "grpc-web-text benign"), "grpc-web-text", "benign");
        negativeReq("grpc-benign", grpcWebText("not base64 at all, just words", "grpc-web-text words"),
                "grpc-web-text", "words");
        negative("base64-label", "Content-Transfer-Encoding/base64\n" + B64.encodeToString(utf8("see you at 5pm"))
                + "\n");
        negative("base64-label", label(60, false) + "\n" + B64.encodeToString(utf8("meeting notes, room 4b, "
                + "bring the slides")) + "\n");
        negative("base64-label", "-----BEGIN PUBLIC KEY-----\n" + Values.wrap(B64.encodeToString(r.bytes(91)), 64)
                + "\n-----END PUBLIC KEY-----");
        negativeCsv("csv-hint", "password_hint,user,host\nfirst pet name is Rex,alice,db1\nMothersMaidenName1,bob,db2\n");
        negativeCsv("csv-changed", "password_changed_at,user,host\n2026-01-02T10:22:01Z,alice,db1\n"
                + "2026-02-03T11:00:00Z,bob,db2\n");
        negativeCsv("csv-placeholder", "password,user,host\nchangeme123,alice,db1\n<your-password>,bob,db2\n"
                + "********,carol,db3\n");
        negativeCsv("csv-placeholder", "api_key,owner\nyour_api_key_here,ops\nREPLACE_ME_WITH_KEY,dev\n");
        negativeCsv("csv-count", "token_count,model\n128000,gpt-x\n200000,claude-y\n");
        negativeCsv("csv-bool", "password_set,user\ntrue,alice\nfalse,bob\n");
        negativeCsv("csv-empty", "password,user,host\n,alice,db1\n,bob,db2\n");
        negative("csv-code", "token, secret = load()\npassword, user = prompt()\nreturn token,secret\n");
    }

    /** Base64 of random bytes with a {@code +} inside. */
    private String plusBase64() {
        String s;
        do {
            s = B64.encodeToString(r.bytes(48));
        } while (s.indexOf('+') < 0);
        return s;
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        negativeReq(kind, Containers.build(container, text, false, r), container, text);
    }

    private void negativeCsv(String kind, String csv) {
        if (turn++ % 2 == 0) {
            negativeReq(kind, Containers.upload("users.csv", "text/csv", utf8(csv), "csv upload"), "upload-text", csv);
        } else {
            negativeReq(kind, Containers.multipart(utf8(csv), "export.csv", "text/csv", null, false,
                    "multipart csv file"), "multipart", csv);
        }
    }

    private void negativeReq(String kind, Containers.Req req, String container, String plain) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + container, "enc:none"), plain));
    }
}
