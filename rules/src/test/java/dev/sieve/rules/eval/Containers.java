package dev.sieve.rules.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a payload travels: the request shapes agents send (Anthropic Messages, OpenAI Chat and Responses, Gemini),
 * URL parts, headers, forms, multipart, compressed bodies, archives, office documents, PDFs and image metadata.
 * Each container turns a text payload into a request and says where in it the payload sits.
 */
final class Containers {

    /**
     * A request to write into the corpus; {@code binary} bodies go into a saved request file. {@code raw}, when not
     * null, is that file byte for byte (a request no HTTP client sends: a userinfo or fragment in the target, trailer
     * fields after a chunked body), and {@code target}, {@code headers} and {@code body} only describe it.
     */
    record Req(String method, String target, List<Map.Entry<String, String>> headers, byte[] body, boolean binary,
               String where, byte[] raw) {

        Req(String method, String target, List<Map.Entry<String, String>> headers, byte[] body, boolean binary,
                String where) {
            this(method, target, headers, body, binary, where, null);
        }
    }

    /** Builds a request around {@code payload}; {@code rawJson} means the payload is already JSON-escaped text. */
    @FunctionalInterface
    interface Builder {
        Req build(String payload, boolean rawJson, Rng r);
    }

    static final Map<String, Builder> ALL = new LinkedHashMap<>();
    /** Containers whose payload travels inside a JSON string (where a json-u payload can go in raw). */
    static final Set<String> JSON_STRING = Set.of("json-anthropic", "json-anthropic-tool", "json-openai-chat",
            "json-openai-responses", "json-gemini");
    /** Containers that carry only one line of text. */
    static final Set<String> ONE_LINE = Set.of("header", "cookie");
    /** Containers that need printable ASCII (PDF text, PNG tEXt/zTXt, EXIF). */
    static final Set<String> ASCII_ONLY = Set.of("pdf-raw", "anthropic-document-pdf", "png-text", "png-ztxt",
            "jpeg-exif", "openai-image-url-png");
    /** Containers whose payload a URL or header carries (kept short). */
    static final Set<String> SHORT = Set.of("header", "cookie", "query", "path", "path-split");

    private static final String PNG = "image/png";
    private static final String MARK = "@@PAYLOAD@@";

    static {
        json("json-anthropic", "https://api.anthropic.com/v1/messages", "$.messages[0].content[0].text",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2048,\"system\":\"You are a careful coding agent.\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + MARK + "\"}]}]}");
        json("json-anthropic-tool", "https://api.anthropic.com/v1/messages", "$.messages[2].content[0].content",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"Look at the config and fix the failing job.\"},{\"role\":\"assistant\",\"content\":[{\"type\":"
                        + "\"tool_use\",\"id\":\"toolu_01A9\",\"name\":\"bash\",\"input\":{\"command\":\"cat .env\"}}]},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A9\","
                        + "\"content\":\"" + MARK + "\"}]}]}");
        json("json-openai-chat", "https://api.openai.com/v1/chat/completions", "$.messages[1].content",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
                        + "{\"role\":\"user\",\"content\":\"" + MARK + "\"}],\"temperature\":0.2}");
        json("json-openai-responses", "https://api.openai.com/v1/responses", "$.input[0].content[0].text",
                "{\"model\":\"gpt-4.1\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\""
                        + MARK + "\"}]}]}");
        json("json-gemini", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
                "$.contents[0].parts[0].text", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + MARK
                        + "\"}]}],\"generationConfig\":{\"temperature\":0.1}}");
        ALL.put("text", (p, raw, r) -> new Req("POST", "https://paste.demo.invalid/api/v1/notes",
                headers("Content-Type", "text/plain; charset=utf-8"), utf8(p), false, "body text/plain"));
        ALL.put("query", (p, raw, r) -> new Req("GET", "https://api.demo.invalid/v1/search?q="
                + Encodings.component(p) + "&limit=10", List.of(), new byte[0], false, "URL query parameter q"));
        ALL.put("path", (p, raw, r) -> new Req("GET", "https://api.demo.invalid/v1/notes/" + Encodings.component(p)
                + "/raw", List.of(), new byte[0], false, "URL path segment"));
        ALL.put("path-split", (p, raw, r) -> new Req("GET", "https://api.demo.invalid/v1/files/" + split(p, r)
                + "/meta", List.of(), new byte[0], false, "URL path, split over several segments"));
        ALL.put("header", (p, raw, r) -> new Req("GET", "https://api.demo.invalid/v1/status",
                headers("X-Agent-Note", oneLine(p)), new byte[0], false, "request header X-Agent-Note"));
        ALL.put("cookie", (p, raw, r) -> new Req("GET", "https://app.demo.invalid/dashboard",
                headers("Cookie", "theme=dark; lang=en; note=" + cookieValue(oneLine(p))), new byte[0], false,
                "Cookie header, cookie note"));
        ALL.put("form", (p, raw, r) -> new Req("POST", "https://forms.demo.invalid/submit",
                headers("Content-Type", "application/x-www-form-urlencoded"),
                utf8("title=notes&body=" + URLEncoder.encode(p, StandardCharsets.UTF_8) + "&submit=1"), false,
                "form field body"));
        ALL.put("multipart", (p, raw, r) -> multipart(utf8(p), "notes.txt", "text/plain", null, false,
                "multipart part file (notes.txt)"));
        ALL.put("multipart-cte-qp", (p, raw, r) -> multipart(utf8(Encodings.quotedPrintable(utf8(p))), "notes.txt",
                "text/plain", "quoted-printable", false, "multipart part, Content-Transfer-Encoding quoted-printable"));
        ALL.put("multipart-cte-base64", (p, raw, r) -> multipart(utf8(Base64.getMimeEncoder().encodeToString(utf8(p))),
                "notes.txt", "text/plain", "base64", false, "multipart part, Content-Transfer-Encoding base64"));
        ALL.put("multipart-gzip", (p, raw, r) -> multipart(Binary.gzip(utf8(p)), "notes.txt.gz", "application/gzip",
                null, true, "multipart part notes.txt.gz (gzip file)"));
        ALL.put("gzip-ce", (p, raw, r) -> {
            Req json = ALL.get("json-anthropic").build(p, raw, r);
            List<Map.Entry<String, String>> h = new ArrayList<>(json.headers());
            h.add(Map.entry("Content-Encoding", "gzip"));
            return new Req("POST", json.target(), h, Binary.gzip(json.body()), true,
                    "gzip body (Content-Encoding), " + json.where());
        });
        ALL.put("gzip-octet", (p, raw, r) -> upload("notes.txt.gz", "application/octet-stream",
                Binary.gzip(utf8(p)), "gzip file uploaded as application/octet-stream, no Content-Encoding"));
        ALL.put("zip", (p, raw, r) -> upload("bundle.zip", "application/zip", Binary.zip(zipEntries(p), true),
                "zip entry config/notes.txt (deflated)"));
        ALL.put("zip-stored", (p, raw, r) -> upload("bundle.zip", "application/zip", Binary.zip(zipEntries(p), false),
                "zip entry config/notes.txt (stored)"));
        ALL.put("tar", (p, raw, r) -> upload("bundle.tar", "application/x-tar", Binary.tar(zipEntries(p)),
                "tar entry config/notes.txt"));
        ALL.put("tar-gz", (p, raw, r) -> upload("bundle.tar.gz", "application/gzip",
                Binary.gzip(Binary.tar(zipEntries(p))), "tar.gz entry config/notes.txt"));
        ALL.put("docx", (p, raw, r) -> upload("report.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                Binary.office(Binary.Office.DOCX, lines(p), n -> r.between(0, n)), "DOCX word/document.xml paragraphs"));
        ALL.put("xlsx", (p, raw, r) -> upload("export.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Binary.office(Binary.Office.XLSX, lines(p), n -> n), "XLSX shared strings, column A"));
        ALL.put("pptx", (p, raw, r) -> upload("deck.pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                Binary.office(Binary.Office.PPTX, lines(p), n -> n), "PPTX slide 1 text"));
        ALL.put("openai-file-docx", (p, raw, r) -> responsesFile("report.docx", "application/vnd.openxmlformats-"
                + "officedocument.wordprocessingml.document", Binary.office(Binary.Office.DOCX, lines(p),
                n -> r.between(0, n)), "DOCX"));
        ALL.put("pdf-raw", (p, raw, r) -> upload("report.pdf", "application/pdf", Binary.pdf(lines(p)),
                "PDF page 1 text"));
        ALL.put("anthropic-document-text", (p, raw, r) -> anthropicBlock("document", "text/plain", utf8(p),
                "text/plain document"));
        ALL.put("anthropic-document-pdf", (p, raw, r) -> anthropicBlock("document", "application/pdf",
                Binary.pdf(lines(p)), "PDF document, page text"));
        ALL.put("openai-file-text", (p, raw, r) -> responsesFile("notes.txt", "text/plain", utf8(p), "text file"));
        ALL.put("gemini-inline-text", (p, raw, r) -> gemini("text/plain", utf8(p), "text/plain inline_data"));
        ALL.put("png-text", (p, raw, r) -> anthropicBlock("image", PNG, png(new Binary.PngText("tEXt", "Comment", p)),
                "PNG tEXt chunk Comment"));
        ALL.put("png-itxt", (p, raw, r) -> anthropicBlock("image", PNG,
                png(new Binary.PngText("iTXt", "Description", p)), "PNG iTXt chunk Description"));
        ALL.put("png-ztxt", (p, raw, r) -> anthropicBlock("image", PNG, png(new Binary.PngText("zTXt", "Comment", p)),
                "PNG zTXt chunk Comment (zlib)"));
        ALL.put("jpeg-com", (p, raw, r) -> anthropicBlock("image", "image/jpeg", Binary.jpeg(p, Map.of()),
                "JPEG COM segment"));
        ALL.put("jpeg-exif", (p, raw, r) -> anthropicBlock("image", "image/jpeg",
                Binary.jpeg(null, Map.of(0x010e, p, 0x010f, "DemoCam", 0x0110, "DC-100")), "JPEG EXIF ImageDescription"));
        ALL.put("gif-comment", (p, raw, r) -> anthropicBlock("image", "image/gif", Binary.gif(p),
                "GIF comment extension"));
        ALL.put("openai-image-url-png", (p, raw, r) -> {
            String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(
                    png(new Binary.PngText("tEXt", "Comment", p)));
            String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"What does this screenshot show?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                    + url + "\"}}]}]}";
            return new Req("POST", "https://api.openai.com/v1/chat/completions", jsonHeaders(), utf8(body), false,
                    "body json $.messages[0].content[1].image_url.url, data URL, PNG tEXt chunk Comment");
        });
        ALL.put("gemini-inline-jpeg", (p, raw, r) -> gemini("image/jpeg", Binary.jpeg(p, Map.of()),
                "image/jpeg inline_data, JPEG COM segment"));
    }

    private Containers() {
    }

    static Req build(String container, String payload, boolean rawJson, Rng r) {
        Builder b = ALL.get(container);
        if (b == null) {
            throw new IllegalArgumentException("container: " + container);
        }
        return b.build(payload, rawJson, r);
    }

    /** Whether {@code container} can carry {@code payload}. */
    static boolean fits(String container, String payload) {
        if (SHORT.contains(container) && payload.length() > 3000) {
            return false;
        }
        if (ONE_LINE.contains(container) && payload.indexOf('\r') >= 0) {
            return false;
        }
        if (ASCII_ONLY.contains(container) || container.contains("pdf")) {
            return payload.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n');
        }
        if (container.startsWith("jpeg") || container.equals("gemini-inline-jpeg")) {
            return payload.length() < 60_000;
        }
        return true;
    }

    private static void json(String name, String target, String locator, String template) {
        ALL.put(name, (p, raw, r) -> {
            String value = raw ? p : new String(JsonStringEncoder.getInstance().quoteAsString(p));
            String body = template.replace(MARK, value);
            return new Req("POST", target, jsonHeaders(), utf8(body), false, "body json " + locator);
        });
    }

    private static List<Map.Entry<String, String>> jsonHeaders() {
        return headers("Content-Type", "application/json");
    }

    private static Req anthropicBlock(String type, String mime, byte[] data, String what) {
        String b64 = Base64.getEncoder().encodeToString(data);
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"" + type + "\",\"source\":{\"type\":\"base64\",\"media_type\":\"" + mime
                + "\",\"data\":\"" + b64 + "\"}},{\"type\":\"text\",\"text\":\"Summarise the attachment.\"}]}]}";
        return new Req("POST", "https://api.anthropic.com/v1/messages", jsonHeaders(), utf8(body), false,
                "body json $.messages[0].content[0].source.data, base64 " + what);
    }

    private static Req responsesFile(String filename, String mime, byte[] data, String what) {
        String url = "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(data);
        String body = "{\"model\":\"gpt-4.1\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\","
                + "\"filename\":\"" + filename + "\",\"file_data\":\"" + url + "\"},{\"type\":\"input_text\",\"text\":"
                + "\"Review this file.\"}]}]}";
        return new Req("POST", "https://api.openai.com/v1/responses", jsonHeaders(), utf8(body), false,
                "body json $.input[0].content[0].file_data, data URL, " + what);
    }

    private static Req gemini(String mime, byte[] data, String what) {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"inline_data\":{\"mime_type\":\"" + mime
                + "\",\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\"}},{\"text\":\"Describe this.\"}]}]}";
        return new Req("POST", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:"
                + "generateContent", jsonHeaders(), utf8(body), false,
                "body json $.contents[0].parts[0].inline_data.data, base64 " + what);
    }

    /**
     * A file in one of three places an agent sends one (the red teams' places): {@code octet}, a raw body of
     * {@code type}; {@code json-text}, base64 after a line naming it in an Anthropic text block; otherwise a multipart
     * part of {@code type}.
     */
    static Req placed(String place, String file, String type, byte[] data) {
        return switch (place) {
            case "octet" -> upload(file, type, data, type + " " + file);
            case "json-text" -> {
                String text = file + ", base64 below:\n\n" + Base64.getMimeEncoder(76, new byte[] {'\n'})
                        .encodeToString(data);
                String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\""
                        + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"}]}]}";
                yield new Req("POST", "https://api.anthropic.com/v1/messages", jsonHeaders(), utf8(body), false,
                        "body json $.messages[0].content[0].text, base64 of " + file);
            }
            default -> multipart(data, file, type, null, true, "multipart part " + file);
        };
    }

    /** Which of {@link #placed}'s places {@code req} is, read from its Content-Type. */
    static String place(Req req) {
        String type = req.headers().isEmpty() ? "" : req.headers().get(0).getValue();
        return type.startsWith("multipart") ? "multipart" : type.startsWith("application/json") ? "json-text" : "octet";
    }

    static Req upload(String filename, String type, byte[] body, String where) {
        return new Req("PUT", "https://uploads.demo.invalid/v1/files/" + filename,
                headers("Content-Type", type), body, true, "body " + where);
    }

    static Req multipart(byte[] content, String filename, String type, String cte, boolean binary,
            String where) {
        String boundary = "----sieveEvalBoundary7MA4YWxkTrZu0gW";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n"
                + "assistants\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n"
                + (cte == null ? "" : "Content-Transfer-Encoding: " + cte + "\r\n") + "\r\n"));
        out.writeBytes(content);
        out.writeBytes(utf8("\r\n--" + boundary + "--\r\n"));
        return new Req("POST", "https://api.openai.com/v1/files",
                headers("Content-Type", "multipart/form-data; boundary=" + boundary), out.toByteArray(), binary,
                "body " + where);
    }

    private static Map<String, byte[]> zipEntries(String payload) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("README.md", utf8("# bundle\n\nConfiguration exported for review.\n"));
        entries.put("config/notes.txt", utf8(payload));
        return entries;
    }

    private static byte[] png(Binary.PngText text) {
        return Binary.png(8, 8, (x, y) -> (x * 32) << 16 | (y * 32) << 8 | 0x80, List.of(text));
    }

    private static List<String> lines(String payload) {
        return List.of(payload.split("\n", -1));
    }

    /** The value as is when it has only cookie-octets, else percent-encoded as frameworks do. */
    private static String cookieValue(String s) {
        return cookieSafe(s) ? s : Encodings.component(s);
    }

    /** Only RFC 6265 cookie-octets: a cookie can carry it unencoded. */
    static boolean cookieSafe(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\');
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ');
    }

    /** The payload cut into 6 to 12 character pieces, each a percent-encoded path segment. */
    private static String split(String payload, Rng r) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < payload.length()) {
            int n = Math.min(payload.length() - i, r.between(6, 12));
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(Encodings.component(payload.substring(i, i + n)));
            i += n;
        }
        return out.toString();
    }

    static List<Map.Entry<String, String>> headers(String... nameValue) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.add(Map.entry(nameValue[i], nameValue[i + 1]));
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
