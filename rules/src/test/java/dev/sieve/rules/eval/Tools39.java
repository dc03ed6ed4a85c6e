package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code tools39}: private keys and contact lists as agents' tools print them (session 39, after the blind round
 * rt36-tools), tagged {@code t39:<kind>}.
 * <ul>
 *   <li>Positives: a PEM private key in {@code rg --json}'s JSON Lines (compact, with blanks and sorted keys, a line
 *       as {@code "bytes"}, piped through {@code jq .}, two files in one stream; {@code t39:rg-json}); in a code
 *       viewer's HTML, one element a line (Pygments with and without a line-number gutter, highlight.js, Shiki, a
 *       forge's blob table, a {@code <div>} a line; {@code t39:html}); cut before its END line ({@code grep -A},
 *       {@code head -n}, a tool's size limit, the Read tool's limit, JSON-escaped; {@code t39:cut}); whole keys under
 *       {@code grep -A} marks, also after a tool's label ({@code Stdout: path:9:}), which must give their own rule
 *       only ({@code t39:whole}); a customer list of many addresses with glued fields ({@code t39:email}).</li>
 *   <li>Hard negatives ({@code neg:tools39}): {@code rg --json} of harmless code, highlighted HTML of public keys and
 *       certificates, {@code PUBLIC KEY} and {@code CERTIFICATE} blocks cut short, a BEGIN line in documentation
 *       followed by prose, a placeholder body cut short, hashes after a BEGIN line, supplier lists of role
 *       mailboxes whose neighbouring fields glue to them in the joined view ({@code Supplier 1} + {@code orders@...}
 *       read as {@code 1orders@...}, which no role-mailbox check knows), repeated past the bulk rule's count.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Tools39 {

    static final long SEED = 20_261_239L;
    static final String FAMILY = "tools39";

    private static final List<String> CONTAINERS = List.of("text", "json-anthropic-tool", "json-openai-chat");
    private static final String RSA = "credential.private-key-rsa";
    private static final String EC = "credential.private-key-ec";
    private static final String OPENSSH = "credential.private-key-openssh";
    private static final String PKCS8 = "credential.private-key-pkcs8";
    private static final String CUT = "credential.private-key-truncated";
    private static final String EMAIL = "pii.email-bulk";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Tools39(Rng r) {
        this.r = r;
    }

    static List<HardCorpus.Out> cases(Rng r) {
        Tools39 c = new Tools39(r);
        c.rgJson();
        c.html();
        c.cut();
        c.emails();
        c.negatives();
        return c.out;
    }

    // ---- keys ----

    private record Key(String rule, String label, List<String> lines) {
        String begin() {
            return "-----BEGIN " + label + "-----";
        }

        String end() {
            return "-----END " + label + "-----";
        }

        /** The file's lines: BEGIN, the body, END. */
        List<String> file() {
            List<String> f = new ArrayList<>();
            f.add(begin());
            f.addAll(lines);
            f.add(end());
            return f;
        }
    }

    private byte[] bytes(byte[] head, int n) {
        byte[] b = new byte[n];
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    private static List<String> wrap(byte[] der, int width) {
        String s = Base64.getEncoder().encodeToString(der);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < s.length(); i += width) {
            lines.add(s.substring(i, Math.min(s.length(), i + width)));
        }
        return lines;
    }

    private Key key(String rule) {
        return switch (rule) {
            case RSA -> new Key(RSA, "RSA PRIVATE KEY", wrap(bytes(new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0x9c,
                2, 1, 0, 2, (byte) 0x81, (byte) 0x81, 0}, 416), 64));
            case EC -> new Key(EC, "EC PRIVATE KEY", wrap(bytes(new byte[] {0x30, 0x77, 2, 1, 1, 4, 0x20}, 121), 64));
            case OPENSSH -> new Key(OPENSSH, "OPENSSH PRIVATE KEY", wrap(bytes("openssh-key-v1\0\0\0\0\4none"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII), 399), 70));
            default -> new Key(PKCS8, "PRIVATE KEY", wrap(bytes(new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xb0, 2, 1,
                0, 0x30, 0x0d, 6, 9}, 436), 64));
        };
    }

    private String path() {
        return r.pick("certs/server.key", "deploy/id_rsa", "infra/keys/signing.pem", "app/config/jwt.key",
                ".ssh/id_ed25519", "k8s/secrets/tls.key");
    }

    // ---- rg --json ----

    private static String rgEvent(String type, String path, int n, String text, boolean spaced) {
        String c = spaced ? ": " : ":";
        String s = spaced ? ", " : ",";
        return "{\"type\"" + c + "\"" + type + "\"" + s + "\"data\"" + c + "{\"path\"" + c + "{\"text\"" + c + "\"" + path
                + "\"}" + s + "\"lines\"" + c + "{\"text\"" + c + "\"" + text + "\\n\"}" + s + "\"line_number\"" + c + n
                + s + "\"absolute_offset\"" + c + (n * 65) + s + "\"submatches\"" + c + "[]}}\n";
    }

    private String rgStream(Key k, String path, int first, boolean spaced) {
        StringBuilder b = new StringBuilder("{\"type\":\"begin\",\"data\":{\"path\":{\"text\":\"" + path + "\"}}}\n");
        List<String> f = k.file();
        for (int i = 0; i < f.size(); i++) {
            boolean match = i == 0 || i == f.size() - 1;
            b.append(rgEvent(match ? "match" : "context", path, first + i, f.get(i), spaced));
        }
        return b.append("{\"type\":\"end\",\"data\":{\"path\":{\"text\":\"").append(path)
                .append("\"},\"binary_offset\":null,\"stats\":{\"searches\":1,\"searches_with_match\":1}}}\n").toString();
    }

    private void rgJson() {
        String[] rules = {RSA, EC, OPENSSH, PKCS8};
        for (int i = 0; i < 4; i++) {
            Key k = key(rules[i]);
            String p = path();
            positive("rg-json", k.rule(), "$ rg --json -A" + (k.lines().size() + 1) + " 'PRIVATE KEY' " + p + "\n"
                    + rgStream(k, p, 1 + r.nextInt(20), i % 2 == 1));
        }
        // keys sorted, as Python's json.dumps(sort_keys=True) re-serialises it; one line as bytes
        Key k = key(EC);
        StringBuilder sorted = new StringBuilder();
        List<String> f = k.file();
        for (int i = 0; i < f.size(); i++) {
            String lines = i == 1 ? "{\"bytes\": \"" + Base64.getEncoder().encodeToString((f.get(i) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + "\"}" : "{\"text\": \"" + f.get(i) + "\\n\"}";
            sorted.append("{\"data\": {\"absolute_offset\": ").append(i * 65).append(", \"line_number\": ").append(i + 3)
                    .append(", \"lines\": ").append(lines).append(", \"path\": {\"text\": \"certs/ec.pem\"}, ")
                    .append("\"submatches\": []}, \"type\": \"").append(i == 0 ? "match" : "context").append("\"}\n");
        }
        positive("rg-json", EC, sorted.toString());
        // rg --json | jq .
        k = key(OPENSSH);
        StringBuilder pretty = new StringBuilder();
        f = k.file();
        for (int i = 0; i < f.size(); i++) {
            pretty.append("{\n  \"type\": \"").append(i == 0 ? "match" : "context").append("\",\n  \"data\": {\n")
                    .append("    \"path\": {\n      \"text\": \".ssh/id_ed25519\"\n    },\n    \"lines\": {\n")
                    .append("      \"text\": \"").append(f.get(i)).append("\\n\"\n    },\n    \"line_number\": ")
                    .append(i + 1).append("\n  }\n}\n");
        }
        positive("rg-json", OPENSSH, pretty.toString());
        // a CRLF file: rg prints each line with its \r
        k = key(PKCS8);
        StringBuilder crlf = new StringBuilder();
        List<String> lf = k.file();
        for (int i = 0; i < lf.size(); i++) {
            crlf.append(rgEvent(i == 0 ? "match" : "context", "C:/keys/app.pem", i + 1, lf.get(i) + "\\r", false));
        }
        positive("rg-json", PKCS8, crlf.toString());
        // two files in one stream, the key in the second
        k = key(RSA);
        positive("rg-json", RSA, rgEvent("match", "README.md", 12, "Generate a key with openssl genrsa.", false)
                + rgStream(k, "deploy/id_rsa", 1, false));
    }

    // ---- code viewers ----

    private void html() {
        Key k = key(RSA);
        StringBuilder pyg = new StringBuilder("<div class=\"highlight\"><pre><span></span>");
        for (String l : k.file()) {
            pyg.append("<span class=\"s\">").append(l).append("</span>\n");
        }
        positive("html", RSA, pyg.append("</pre></div>").toString());
        k = key(EC);
        StringBuilder numbered = new StringBuilder("<div class=\"highlight\"><pre><span></span>");
        int n = 1;
        for (String l : k.file()) {
            numbered.append("<span class=\"linenos\">").append(String.format("%2d", n++)).append("</span>")
                    .append("<span class=\"n\">").append(l).append("</span>\n");
        }
        positive("html", EC, numbered.append("</pre></div>").toString());
        k = key(OPENSSH);
        StringBuilder hljs = new StringBuilder("<pre><code class=\"hljs language-plaintext\">");
        for (String l : k.file()) {
            hljs.append("<span class=\"hljs-string\">").append(l).append("</span>\n");
        }
        positive("html", OPENSSH, hljs.append("</code></pre>").toString());
        k = key(PKCS8);
        StringBuilder shiki = new StringBuilder("<pre class=\"shiki github-dark\" tabindex=\"0\"><code>");
        for (String l : k.file()) {
            shiki.append("<span class=\"line\"><span style=\"color:#E1E4E8\">").append(l).append("</span></span>\n");
        }
        positive("html", PKCS8, shiki.append("</code></pre>").toString());
        k = key(RSA);
        StringBuilder blob = new StringBuilder("<table class=\"highlight tab-size js-file-line-container\">\n");
        n = 1;
        for (String l : k.file()) {
            blob.append("<tr><td id=\"L").append(n).append("\" class=\"blob-num js-line-number\" data-line-number=\"")
                    .append(n).append("\"></td><td id=\"LC").append(n++)
                    .append("\" class=\"blob-code blob-code-inner js-file-line\">").append(l).append("</td></tr>\n");
        }
        positive("html", RSA, blob.append("</table>").toString());
        k = key(EC);
        StringBuilder divs = new StringBuilder();
        for (String l : k.file()) {
            divs.append("<div class=\"view-line\"><span><span class=\"mtk1\">").append(l).append("</span></span></div>\n");
        }
        positive("html", EC, divs.toString());
        k = key(PKCS8);
        StringBuilder split = new StringBuilder("<pre class=\"code\">");
        for (String l : k.file()) {
            split.append("<code>").append(l.startsWith("-----") ? "<span class=\"k\">" + l.substring(0, 11) + "</span>"
                    + l.substring(11) : l).append("</code>\n");
        }
        positive("html", PKCS8, split.append("</pre>").toString());
        k = key(OPENSSH);
        StringBuilder rows = new StringBuilder("<ol class=\"linenums\">\n");
        for (String l : k.file()) {
            rows.append("<li class=\"L0\"><span class=\"pln\">").append(l).append("</span></li>\n");
        }
        positive("html", OPENSSH, rows.append("</ol>").toString());
    }

    // ---- cut before END ----

    private void cut() {
        Key k = key(RSA);
        String p = path();
        StringBuilder grep = new StringBuilder(p + ":3:" + k.begin() + "\n");
        for (int i = 0; i < 5; i++) {
            grep.append(p).append('-').append(4 + i).append('-').append(k.lines().get(i)).append('\n');
        }
        positive("cut", CUT, "$ grep -n -A5 'PRIVATE KEY' " + p + "\n" + grep + "--\n");
        k = key(OPENSSH);
        positive("cut", CUT, "$ head -n 5 ~/.ssh/id_ed25519\n" + k.begin() + "\n"
                + String.join("\n", k.lines().subList(0, 4)) + "\n$ ");
        k = key(PKCS8);
        positive("cut", CUT, k.begin() + "\n" + String.join("\n", k.lines().subList(0, 4)) + "\n"
                + "[output truncated: 320 of 1704 bytes shown]\n");
        k = key(RSA);
        StringBuilder read = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            read.append(String.format("%6d\u2192", i + 1)).append(i == 0 ? k.begin() : k.lines().get(i - 1)).append('\n');
        }
        positive("cut", CUT, read + "\n... (file continues; use offset to read more)\n");
        k = key(PKCS8);
        positive("cut", CUT, "{\"stdout\": \"" + k.begin() + "\\n" + String.join("\\n", k.lines().subList(0, 3))
                + "\\n\", \"truncated\": true}");
        k = key(PKCS8);
        positive("cut", CUT, "Stdout: " + p + ":1:" + k.begin() + "\n" + p + "-2-" + k.lines().get(0) + "\n" + p + "-3-"
                + k.lines().get(1) + "\n" + p + "-4-" + k.lines().get(2) + "\nStderr: (empty)\n");
        k = key(OPENSSH);
        StringBuilder catN = new StringBuilder("$ cat -n ~/.ssh/id_ed25519 | sed -n 1,5p\n");
        for (int i = 0; i < 5; i++) {
            catN.append(String.format("%6d\t", i + 1)).append(i == 0 ? k.begin() : k.lines().get(i - 1)).append('\n');
        }
        positive("cut", CUT, catN.toString());
        k = key(RSA);
        positive("cut", CUT, "$ git show HEAD~3:deploy/id_rsa | head -n 6\r\n" + k.begin() + "\r\n"
                + String.join("\r\n", k.lines().subList(0, 5)) + "\r\n");
        // whole keys under grep marks: their own rule only
        k = key(OPENSSH);
        p = path();
        StringBuilder whole = new StringBuilder("Stdout: ./" + p + ":9:    " + k.begin() + "\n");
        for (int i = 0; i < k.lines().size(); i++) {
            whole.append("./").append(p).append('-').append(10 + i).append("-    ").append(k.lines().get(i)).append('\n');
        }
        whole.append("./").append(p).append(':').append(10 + k.lines().size()).append(":    ").append(k.end()).append('\n');
        positive("whole", OPENSSH, whole + "Stderr: (empty)\n");
        k = key(PKCS8);
        StringBuilder out2 = new StringBuilder("Output: " + p + ":2:" + k.begin() + "\n");
        for (int i = 0; i < k.lines().size(); i++) {
            out2.append(p).append('-').append(3 + i).append('-').append(k.lines().get(i)).append('\n');
        }
        positive("whole", PKCS8, out2 + p + ":" + (3 + k.lines().size()) + ":" + k.end() + "\n");
        k = key(RSA);
        StringBuilder less = new StringBuilder();
        n(less, k);
        positive("whole", RSA, less.toString());
    }

    private static void n(StringBuilder b, Key k) {
        int n = 7;
        for (String l : k.file()) {
            b.append(String.format("%7d ", n++)).append(l).append('\n');
        }
    }

    // ---- contact lists with glued fields ----

    private static final String[] FIRST = {"anna", "jonas", "marie", "lukas", "sofia", "mateo", "lucia", "pieter",
        "erik", "elif", "giulia", "tomas", "ioana", "priya"};
    private static final String[] LAST = {"schulz", "dubois", "garcia", "rossi", "jansen", "nowak", "lindqvist",
        "yilmaz", "novak", "popescu", "moss", "park", "haddad", "ferreira"};
    private static final String[] CITIES = {"Malm\u00f6", "K\u00f6ln", "Zaragoza", "Lyon", "Gda\u0144sk", "Bergen",
        "Utrecht", "Torino"};

    private String contacts(int people, int repeats, boolean personal) {
        StringBuilder b = new StringBuilder("[");
        for (int t = 0; t < repeats; t++) {
            for (int i = 0; i < people; i++) {
                String local = personal ? FIRST[i] + "." + LAST[(i + 3) % LAST.length] : r.pick("invoices", "orders", "sales");
                b.append(t + i == 0 ? "" : ",").append("{\"supplier\":\"Supplier ").append(i + 1)
                        .append("\",\"email\":\"").append(local).append("@supplier-").append((char) ('a' + i))
                        .append(".se\",\"city\":\"").append(CITIES[(i + t) % CITIES.length])
                        .append("\",\"terms\":\"").append(r.pick("net 30", "net 60", "prepaid")).append("\"}");
            }
        }
        return b.append("]").toString();
    }

    private void emails() {
        positive("email", EMAIL, contacts(12, 1, true));
        positive("email", EMAIL, contacts(11, 2, true));
        positive("email", EMAIL, contacts(14, 1, true));
    }

    // ---- negatives ----

    private void negatives() {
        negative("rg-json-code", rgEvent("match", "src/auth.py", 14, "def load_key(path):", false)
                + rgEvent("context", "src/auth.py", 15, "    with open(path, 'rb') as f:", false)
                + rgEvent("context", "src/auth.py", 16, "        return serialization.load_pem_private_key(f.read(), None)",
                        false));
        negative("rg-json-code", rgEvent("match", "docs/tls.md", 3, "Keep the PRIVATE KEY file out of git.", true)
                + rgEvent("context", "docs/tls.md", 4, "Rotate it every 90 days.", true)
                + rgEvent("context", "docs/tls.md", 5, "See the runbook for details.", true));
        Key pub = new Key("", "PUBLIC KEY", key(RSA).lines());
        negative("rg-json-public", rgStream(pub, "certs/server.pub", 1, false));
        Key cert = new Key("", "CERTIFICATE", key(PKCS8).lines());
        StringBuilder certHtml = new StringBuilder("<div class=\"highlight\"><pre><span></span>");
        for (String l : cert.file()) {
            certHtml.append("<span class=\"s\">").append(l).append("</span>\n");
        }
        negative("html-cert", certHtml.append("</pre></div>").toString());
        StringBuilder pubHtml = new StringBuilder("<pre class=\"shiki\"><code>");
        for (String l : pub.file()) {
            pubHtml.append("<span class=\"line\"><span style=\"color:#E1E4E8\">").append(l).append("</span></span>\n");
        }
        negative("html-public", pubHtml.append("</code></pre>").toString());
        StringBuilder sshPub = new StringBuilder("<table>\n");
        sshPub.append("<tr><td class=\"blob-num\">1</td><td class=\"blob-code\">ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI")
                .append(key(EC).lines().get(0).substring(0, 43)).append(" deploy@ci</td></tr>\n</table>");
        negative("html-public", sshPub.toString());
        negative("cut-public", "$ head -n 5 certs/server.pub\n" + pub.begin() + "\n"
                + String.join("\n", pub.lines().subList(0, 4)) + "\n");
        negative("cut-public", "certs/ca.pem:1:" + cert.begin() + "\ncerts/ca.pem-2-" + cert.lines().get(0)
                + "\ncerts/ca.pem-3-" + cert.lines().get(1) + "\ncerts/ca.pem-4-" + cert.lines().get(2) + "\n--\n");
        negative("cut-public", "{\"stdout\": \"" + cert.begin() + "\\n" + String.join("\\n", cert.lines().subList(0, 3))
                + "\\n\", \"truncated\": true}");
        negative("docs-prose", "A PEM file starts with a line such as\n-----BEGIN RSA PRIVATE KEY-----\nfollowed by the "
                + "base64 of the key, 64 characters a line, and ends with the matching END line. Never commit it.\n");
        negative("docs-prose", "## Installing the key\n\n-----BEGIN OPENSSH PRIVATE KEY-----\nPaste the contents of your "
                + "key file here, keeping every line break.\nThen save the file with mode 0600 and restart the agent.\n");
        negative("docs-prose", "Error: expected '-----BEGIN PRIVATE KEY-----' at the start of the file, found '"
                + "-----BEGIN CERTIFICATE-----'.\nCheck that tls.key and tls.crt were not swapped in the secret.\n");
        negative("rg-json-public", rgEvent("match", "certs/ca.pem", 1, cert.begin(), false)
                + rgEvent("context", "certs/ca.pem", 2, cert.lines().get(0), false)
                + rgEvent("context", "certs/ca.pem", 3, cert.lines().get(1), false)
                + rgEvent("context", "certs/ca.pem", 4, cert.lines().get(2), false));
        negative("html-code", "<pre><code class=\"hljs language-python\"><span class=\"hljs-keyword\">def</span> "
                + "<span class=\"hljs-title\">load</span>(path):\n    <span class=\"hljs-comment\"># reads the "
                + "-----BEGIN PRIVATE KEY----- block</span>\n    <span class=\"hljs-keyword\">return</span> "
                + "open(path).read()\n</code></pre>");
        negative("docs-prose", "<ol class=\"steps\">\n<li>Run <code>ssh-keygen -t ed25519</code>.</li>\n<li>The file "
                + "starts with <code>-----BEGIN OPENSSH PRIVATE KEY-----</code>.</li>\n<li>Keep it out of the repository."
                + "</li>\n</ol>");
        negative("placeholder", "$ head -n 5 templates/tls.key\n-----BEGIN PRIVATE KEY-----\n"
                + ("A".repeat(64) + "\n").repeat(4) + "$ ");
        StringBuilder hashes = new StringBuilder("-----BEGIN EC PRIVATE KEY-----\n");
        for (int i = 0; i < 4; i++) {
            hashes.append(String.format("%016x%016x%016x%016x", r.nextInt(1 << 30), r.nextInt(1 << 30),
                    r.nextInt(1 << 30), r.nextInt(1 << 30))).append('\n');
        }
        negative("hashes", hashes.toString());
        negative("supplier-glued", contacts(4, 4, false));
        negative("supplier-glued", contacts(6, 2, false));
        negative("supplier-glued", contacts(5, 3, false));
    }

    // ---- helpers ----

    private void positive(String kind, String rule, String text) {
        String container = HardCorpus.fit(CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + (rule.equals(EMAIL) ? Values.PII : Values.CREDENTIAL), "t39:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
