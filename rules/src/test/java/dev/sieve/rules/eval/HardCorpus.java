package dev.sieve.rules.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The held-out part of the corpus: families {@code hard} (positives, {@link HardPositives} and the request shapes
 * below) and {@code hard-negative} ({@link HardNegatives}), from their own seed. Written against the pack's rule ids
 * only, never its patterns, and not to be tuned against: a rule changed to pass one of these cases defeats them.
 * Besides the common containers, two multi-turn shapes: {@code transcript} (an Anthropic conversation whose fourth
 * message is a tool result in a content array) and {@code openai-tool} (an OpenAI {@code role: tool} message).
 */
final class HardCorpus {

    static final long SEED = 20_261_204L;

    /** One case: the request, expected rules and categories, tags, and the plain payload (for example checks). */
    record Out(Containers.Req req, List<String> rules, List<String> categories, List<String> tags, String plain) {
    }

    private final List<Out> out = new ArrayList<>();

    private HardCorpus() {
    }

    static List<Out> positives(Rng r) {
        HardCorpus c = new HardCorpus();
        int turn = 0;
        for (HardPositives.Kind kind : HardPositives.kinds()) {
            for (int i = 0; i < kind.count(); i++) {
                HardPositives.Item item = kind.make().apply(r);
                String container = fit(kind.containers(), turn++, item.text());
                c.positive(item, build(container, item.text(), r), container, "none");
            }
        }
        c.shapes(r);
        return c.out;
    }

    static List<Out> negatives(Rng r) {
        HardCorpus c = new HardCorpus();
        int turn = 0;
        for (HardNegatives.Kind kind : HardNegatives.kinds()) {
            for (int i = 0; i < kind.count(); i++) {
                String text = kind.make().apply(r);
                String container = fit(kind.containers(), turn++, text);
                c.negative(kind.name(), build(container, text, r), container, "none", text);
            }
        }
        for (HardNegatives.Shaped s : HardNegatives.shaped(r)) {
            c.negative(s.kind(), s.req(), s.container(), s.enc(), s.plain());
        }
        return c.out;
    }

    /** The first container of {@code rotation} from {@code turn} on that can carry {@code text}. */
    static String fit(List<String> rotation, int turn, String text) {
        boolean multiline = text.indexOf('\n') >= 0;
        for (int k = 0; k < rotation.size(); k++) {
            String c = rotation.get((turn + k) % rotation.size());
            if (c.equals("transcript") || c.equals("openai-tool")) {
                return c;
            }
            if (Containers.fits(c, text) && !(multiline && Containers.ONE_LINE.contains(c))
                    && !(Containers.SHORT.contains(c) && (multiline || text.length() > 400))) {
                return c;
            }
        }
        return "json-anthropic";
    }

    static Containers.Req build(String container, String text, Rng r) {
        return switch (container) {
            case "transcript" -> transcript(text, false);
            case "openai-tool" -> openaiTool(text);
            default -> Containers.build(container, text, false, r);
        };
    }

    private static String q(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }

    /** A six-message Anthropic conversation; the payload is the text of the tool result in message 4. */
    static Containers.Req transcript(String payload, boolean raw) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8192,\"system\":\"You are an autonomous coding "
                + "agent with shell access.\",\"messages\":[{\"role\":\"user\",\"content\":\"The deploy broke after "
                + "yesterday's merge, find out why.\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
                + "\"I'll look at the workspace first.\"},{\"type\":\"tool_use\",\"id\":\"toolu_01Q\",\"name\":\"bash\","
                + "\"input\":{\"command\":\"ls -la && git log --oneline -3\"}}]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"toolu_01Q\",\"content\":\"total 48\\ndrwxr-xr-x  9 dev dev 4096 .\\n"
                + "-rw-r--r--  1 dev dev  812 README.md\"}]},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"toolu_02R\",\"name\":\"read_file\",\"input\":{\"path\":\"config\"}}]},{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_02R\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"" + (raw ? payload : q(payload)) + "\"}]}]}]}";
        return new Containers.Req("POST", "https://api.anthropic.com/v1/messages", json(), utf8(body), false,
                "body json $.messages[4].content[0].content[0].text (tool result in a multi-turn conversation)");
    }

    /** An OpenAI chat request whose tool message carries the payload. */
    static Containers.Req openaiTool(String payload) {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a DevOps agent.\"},"
                + "{\"role\":\"user\",\"content\":\"Check the service config.\"},{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"id\":\"call_7Hq\",\"type\":\"function\",\"function\":{\"name\":\"read_file\","
                + "\"arguments\":\"{\\\"path\\\":\\\"./config\\\"}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_7Hq\","
                + "\"content\":\"" + q(payload) + "\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
                + "\"read_file\",\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}}}]}";
        return new Containers.Req("POST", "https://api.openai.com/v1/chat/completions", json(), utf8(body), false,
                "body json $.messages[3].content (tool message)");
    }

    // ---- request shapes that carry the secret in unusual places ----------------------------------------------

    private void shapes(Rng r) {
        for (int i = 0; i < 8; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String line = "export " + t.var() + "=" + t.value();
            int cut = line.indexOf(t.value()) + r.between(4, Math.max(5, t.value().length() - 4));
            String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"" + q(line.substring(0, cut)) + "\"},{\"type\":\"text\","
                    + "\"text\":\"" + q(line.substring(cut)) + "\"}]}]}";
            positive("json-split", List.of(t.rule()), List.of(), new Containers.Req("POST",
                    "https://api.anthropic.com/v1/messages", json(), utf8(body), false,
                    "body json $.messages[0].content[0..1].text, the value cut over two text blocks"), "json-split",
                    "none", line);
        }
        for (int i = 0; i < 6; i++) {
            String text = r.chance(0.5)
                    ? "aws_access_key_id = " + HardValues.awsKeyId(r, "AKIA") + "\naws_secret_access_key = "
                            + plusSecret(r) + "\n"
                    : "AccountKey=" + plusAzureKey(r);
            List<String> rules = text.startsWith("aws") ? List.of("credential.aws-secret-access-key")
                    : List.of("credential.azure-storage-account-key");
            String escaped = dotnetEscape(q(text));
            Containers.Req req = i % 2 == 0 ? Containers.build("json-openai-chat", escaped, true, r)
                    : transcript(escaped, true);
            positive("json-escaped-punctuation", rules, List.of(), req, i % 2 == 0 ? "json-openai-chat" : "transcript",
                    "json-u-punct", text);
        }
        for (int i = 0; i < 6; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String text = t.var() + "=" + t.value();
            positive("json-u-full", List.of(t.rule()), List.of(), Containers.build(i % 2 == 0 ? "json-anthropic"
                    : "json-gemini", Encodings.jsonU(text), true, r), i % 2 == 0 ? "json-anthropic" : "json-gemini",
                    "json-u", text);
        }
        for (int i = 0; i < 6; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String body = "{\n\t\"event\" : \"deploy\" ,\n\t\"config\"\t:\t{\n\t\t\"" + t.var().toLowerCase() + "\"   :   \""
                    + t.value() + "\"\n\t}\n}\n";
            positive("json-spacing", List.of(t.rule()), List.of(), new Containers.Req("POST",
                    "https://hooks.demo.invalid/v1/events", json(), utf8(body), false,
                    "body json $.config (tabs and spaces around the colon)"), "json-body", "none", body);
        }
        for (int i = 0; i < 6; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String file = "# exported settings (form-encoded values)\nregion=eu-west-1\n" + t.var().toLowerCase() + "="
                    + Encodings.percentAll(utf8(t.value())) + "\nretries=3\n";
            String container = i % 2 == 0 ? "openai-file-text" : "gemini-inline-text";
            positive("base64-of-percent", List.of(t.rule()), List.of(), Containers.build(container, file, false, r),
                    container, "base64>percent", file);
        }
        for (int i = 0; i < 6; i++) {
            HardPositives.Token t = HardPositives.token(r);
            positive("multipart-filename", List.of(t.rule()), List.of(), multipartNamed(t.value() + ".txt",
                    "notes\n"), "multipart-filename", "none", t.value());
        }
        for (int i = 0; i < 6; i++) {
            HardPositives.Item item = HardPositives.dotenv(r);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("app/README.md", utf8("# app\n"));
            files.put("app/.env", utf8(item.text()));
            String b64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(Binary.gzip(Binary.tar(files)));
            String text = "$ tar czf - app | base64\n" + b64 + "\n";
            Containers.Req req = i % 2 == 0 ? transcript(text, false) : openaiTool(text);
            positive("tgz-base64-tool-output", item.rules(), item.categories(), req, i % 2 == 0 ? "transcript"
                    : "openai-tool", "base64-wrapped>gzip>tar", item.text());
        }
        for (int i = 0; i < 6; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String line = "build host token " + t.value();
            if (!Containers.fits("jpeg-exif", line)) {
                continue;
            }
            positive("image-exif", List.of(t.rule()), List.of(), Containers.build("jpeg-exif", line, false, r),
                    "jpeg-exif", "none", line);
        }
        for (int i = 0; i < 4; i++) {
            String url = "https://" + r.pick("admin", "deploy") + ":" + HardValues.password(r).replace("%", "")
                    + "@registry.demo.invalid/v2/";
            positive("query-nested-url", List.of("credential.url-basic-auth"), List.of(), new Containers.Req("GET",
                    "https://auth.demo.invalid/login?next=" + Encodings.component(url) + "&lang=en", List.of(),
                    new byte[0], false, "URL query parameter next (a URL with user:password)"), "query", "percent", url);
        }
        for (int i = 0; i < 6; i++) {
            HardPositives.Token t = HardPositives.token(r);
            String ctx = "{\"user\":\"dev\",\"" + t.var().toLowerCase() + "\":\"" + t.value() + "\"}";
            positive("header-base64-json", List.of(t.rule()), List.of(), new Containers.Req("GET",
                    "https://api.demo.invalid/v1/status", Containers.headers("X-Debug-Context",
                    HardValues.B64URL.encodeToString(utf8(ctx))), new byte[0], false,
                    "request header X-Debug-Context (base64url of JSON)"), "header", "base64url", ctx);
        }
        for (int i = 0; i < 6; i++) {
            String letter = "Dear " + HardValues.first(r) + " " + HardValues.last(r) + ",\nWe received your W-9.\n"
                    + "Taxpayer identification (SSN): " + HardValues.ssn(r, "-") + "\nRegards, Payroll";
            String container = i % 2 == 0 ? "anthropic-document-pdf" : "pdf-raw";
            positive("pdf-letter", List.of(), List.of(Values.PII), Containers.build(container, letter, false, r),
                    container, "none", letter);
        }
    }

    /** An AWS secret access key that holds a plus sign (what .NET escapes in JSON). */
    private static String plusSecret(Rng r) {
        String s = HardValues.awsSecret(r);
        return s.substring(0, 10) + "+" + s.substring(11);
    }

    private static String plusAzureKey(Rng r) {
        String k = HardValues.azureStorageKey(r);
        return k.substring(0, 20) + "+" + k.substring(21);
    }

    /** JSON text as System.Text.Json writes it by default: HTML-sensitive characters and the plus sign as six-character unicode escapes. */
    static String dotnetEscape(String jsonText) {
        StringBuilder out = new StringBuilder();
        for (char c : jsonText.toCharArray()) {
            if ("+<>&'`".indexOf(c) >= 0) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static Containers.Req multipartNamed(String filename, String content) {
        String boundary = "----sieveHardBoundary0x5T2";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nuser_data\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n"));
        return new Containers.Req("POST", "https://api.openai.com/v1/files", Containers.headers("Content-Type",
                "multipart/form-data; boundary=" + boundary), b.toByteArray(), false,
                "multipart Content-Disposition filename");
    }

    private void positive(HardPositives.Item item, Containers.Req req, String container, String enc) {
        positive(item.kind(), item.rules(), item.categories(), req, container, enc, item.text());
    }

    private void positive(String kind, List<String> rules, List<String> categories, Containers.Req req,
            String container, String enc, String plain) {
        List<String> tags = new ArrayList<>(List.of("family:hard"));
        java.util.Set<String> cats = new java.util.TreeSet<>(categories);
        rules.forEach(id -> cats.add(id.substring(0, id.indexOf('.'))));
        cats.forEach(cat -> tags.add("cat:" + cat));
        tags.addAll(List.of("container:" + container, "enc:" + enc, "hard:" + kind));
        out.add(new Out(req, List.copyOf(new java.util.LinkedHashSet<>(rules)), categories, tags, plain));
    }

    private void negative(String kind, Containers.Req req, String container, String enc, String plain) {
        out.add(new Out(req, List.of(), List.of(), List.of("family:hard-negative", "neg:" + kind,
                "container:" + container, "enc:" + enc), plain));
    }

    static List<Map.Entry<String, String>> json() {
        return Containers.headers("Content-Type", "application/json");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
