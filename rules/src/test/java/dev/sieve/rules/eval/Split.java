package dev.sieve.rules.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Family {@code split}: a secret split over several places of one request, as a blind red team walked it through
 * Sieve's joins (each a miss before they were joined). Each positive is tagged {@code rt6:<kind>}:
 * <ul>
 *   <li>{@code fields}: sibling string fields of one JSON object (a tool_use input, OpenAI tool-call arguments, a
 *       Gemini functionCall's args, any API body), cut in two or three;</li>
 *   <li>{@code tool-deltas}: OpenAI stream deltas replayed in history, several {@code tool_calls} entries with one
 *       {@code index} whose {@code function.arguments} are pieces of one JSON document;</li>
 *   <li>{@code messages}: the last text of a message and the first text of the next message of the same role
 *       (Anthropic, OpenAI Chat and Responses, Gemini);</li>
 *   <li>{@code headers}: consecutive request header values;</li>
 *   <li>{@code multipart}, {@code form}: consecutive text parts of a multipart body, fields of a form.</li>
 * </ul>
 * Hard negatives ({@code neg:split}, {@code neg:<kind>}) are real agent shapes whose joins must give nothing: tool_use
 * inputs with many fields (paths, hashes, UUIDs), tool calls with normal arguments, long transcripts, base64
 * screenshots next to text, many headers (request and trace ids, the agent's own API key), form and multipart
 * uploads.
 */
final class Split {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "split";

    private static final String ANTHROPIC = "https://api.anthropic.com/v1/messages";
    private static final String OPENAI = "https://api.openai.com/v1/chat/completions";
    private static final String RESPONSES = "https://api.openai.com/v1/responses";
    private static final String GEMINI = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash"
            + ":generateContent";
    private static final String API = "https://api.demo.invalid/v1/jobs";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;

    private Split(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Split c = new Split(r);
        c.fields();
        c.toolDeltas();
        c.messages();
        c.headers();
        c.multipart();
        c.form();
        c.negatives();
        return c.out;
    }

    /** A value and the rule that finds it. */
    private record Val(String rule, String value, int minCut) {
    }

    /** Vendors and keyword-led secrets, one after the other; {@code minCut}: the first cut that splits the secret. */
    private Val value(int i) {
        return switch (i % 9) {
            case 0 -> new Val("credential.stripe-secret-key", HardValues.stripe(r, "sk_live_"), 9);
            case 1 -> new Val("credential.slack-bot-token", HardValues.slackBot(r), 6);
            case 2 -> new Val("credential.github-pat", HardValues.github(r, "ghp_"), 5);
            case 3 -> new Val("credential.gitlab-pat", HardValues.gitlab(r), 7);
            case 4 -> new Val("credential.anthropic-api-key", HardValues.anthropic(r), 14);
            case 5 -> new Val("credential.openai-api-key", HardValues.openai(r), 8);
            case 6 -> new Val("credential.huggingface-token", HardValues.huggingface(r), 4);
            case 7 -> new Val("credential.sendgrid-api-key", HardValues.sendgrid(r), 4);
            default -> new Val("credential.generic-secret-assignment", r.pick("DB_PASSWORD=", "api_key: ",
                    "client_secret=") + r.from(Rng.ALNUM, 22), 0);
        };
    }

    /** Where to cut {@code v}: inside the secret, neither piece shorter than four characters. */
    private int cut(Val v) {
        String s = v.value();
        int lo = Math.max(v.minCut(), 4);
        if (v.rule().equals("credential.generic-secret-assignment")) {
            lo = s.indexOf(s.contains("=") ? '=' : ':') + 3; // inside the value: the keyword alone is no secret
        }
        return lo + r.nextInt(Math.max(1, s.length() - 4 - lo));
    }

    private void positive(String kind, Val v, Containers.Req req) {
        out.add(new HardCorpus.Out(req, List.of(v.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + Values.CREDENTIAL, "rt6:" + kind, "container:" + kind, "enc:none"), ""));
    }

    private void negative(String kind, Containers.Req req, String plain) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + kind, "enc:none"), plain));
    }

    // ---- kind 1: sibling fields ----------------------------------------------------------------------------------

    private void fields() {
        for (int i = 0; i < 12; i++) {
            Val v = value(i);
            String s = v.value();
            int cut = cut(v);
            String a = s.substring(0, cut);
            String b = s.substring(cut);
            String[] names = switch (i % 4) {
                case 0 -> new String[] {"prefix", "suffix"};
                case 1 -> new String[] {"part1", "part2"};
                case 2 -> new String[] {"head", "tail"};
                default -> new String[] {"a", "b"};
            };
            String input;
            if (i % 6 == 5 && b.length() > 8) { // cut in three: a short middle field
                input = "{\"" + names[0] + "\":" + q(a) + ",\"mid\":" + q(b.substring(0, 4)) + ",\"" + names[1]
                        + "\":" + q(b.substring(4)) + "}";
            } else {
                input = "{\"" + names[0] + "\":" + q(a) + ",\"" + names[1] + "\":" + q(b) + "}";
            }
            switch (i % 4) {
                case 0 -> positive("fields", v, json(ANTHROPIC, anthropic(user(q("save the config")) + ","
                        + assistant("[{\"type\":\"text\",\"text\":\"Saving it.\"},{\"type\":\"tool_use\",\"id\":\"toolu_01"
                        + r.from(Rng.ALNUM, 22) + "\",\"name\":\"save_config\",\"input\":" + input + "}]")),
                        "tool_use input fields"));
                case 1 -> positive("fields", v, json(OPENAI, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"store it\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
                        + "\"call_" + r.from(Rng.ALNUM, 24) + "\",\"type\":\"function\",\"function\":{\"name\":\"store\","
                        + "\"arguments\":" + q(input) + "}}]}]}", "tool call arguments fields"));
                case 2 -> positive("fields", v, json(GEMINI, "{\"contents\":[{\"role\":\"model\",\"parts\":[{"
                        + "\"functionCall\":{\"name\":\"store\",\"args\":" + input + "}}]}]}", "Gemini functionCall args"));
                default -> positive("fields", v, json(API, "{\"job\":{\"name\":\"nightly\",\"env\":" + input
                        + ",\"retries\":3}}", "API body fields"));
            }
        }
    }

    // ---- kind 2: tool-call deltas ---------------------------------------------------------------------------------

    private void toolDeltas() {
        for (int i = 0; i < 7; i++) {
            Val v = value(i + 1);
            String key = v.rule().equals("credential.generic-secret-assignment") ? "config" : "token";
            String args = "{\"channel\": \"#ops\", \"" + key + "\": " + q(v.value()) + ", \"notify\": true}";
            int step = 5 + i % 4;
            StringBuilder calls = new StringBuilder();
            int n = 0;
            for (int at = 0; at < args.length(); at += step, n++) {
                String piece = args.substring(at, Math.min(args.length(), at + step));
                calls.append(n == 0 ? "" : ",").append("{\"index\":").append(i % 3).append(',');
                if (n == 0) {
                    calls.append("\"id\":\"call_").append(r.from(Rng.ALNUM, 24)).append("\",\"type\":\"function\",");
                }
                calls.append("\"function\":{").append(n == 0 ? "\"name\":\"post_message\"," : "")
                        .append("\"arguments\":").append(q(piece)).append("}}");
            }
            String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"post the status to ops\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + calls
                    + "]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"ok\"}]}";
            positive("tool-deltas", v, json(OPENAI, body, "tool_calls deltas replayed"));
        }
    }

    // ---- kind 3: two messages of one role -------------------------------------------------------------------------

    private void messages() {
        for (int i = 0; i < 10; i++) {
            Val v = value(i + 2);
            String s = v.value();
            int cut = cut(v);
            String a = r.pick("first half: ", "here is part one ", "remember this: ") + s.substring(0, cut);
            String b = s.substring(cut);
            String b2 = b + r.pick("", " (second half)");
            String between = r.pick("ok, go on", "Got it. Send the rest.", "Understood.");
            switch (i % 5) {
                case 0 -> positive("messages", v, json(ANTHROPIC, anthropic(user(q(a)) + "," + assistant(q(between))
                        + "," + user(q(b2))), "two user messages (string content)"));
                case 1 -> positive("messages", v, json(ANTHROPIC, anthropic(user("[{\"type\":\"text\",\"text\":\"look\"},"
                        + "{\"type\":\"text\",\"text\":" + q(a) + "}]") + "," + assistant("[{\"type\":\"text\",\"text\":"
                        + q(between) + "}]") + "," + user("[{\"type\":\"text\",\"text\":" + q(b2) + "}]")),
                        "two user messages (text blocks)"));
                case 2 -> positive("messages", v, json(OPENAI, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\","
                        + "\"content\":\"You are helpful.\"},{\"role\":\"user\",\"content\":" + q(a) + "},{\"role\":"
                        + "\"assistant\",\"content\":" + q(between) + "},{\"role\":\"user\",\"content\":" + q(b2) + "}]}",
                        "two user messages (OpenAI Chat)"));
                case 3 -> positive("messages", v, json(RESPONSES, "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\","
                        + "\"content\":[{\"type\":\"input_text\",\"text\":" + q(a) + "}]},{\"role\":\"user\",\"content\":"
                        + q(b2) + "}]}", "two user inputs (OpenAI Responses)"));
                default -> positive("messages", v, json(GEMINI, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":"
                        + q(a) + "}]},{\"role\":\"model\",\"parts\":[{\"text\":" + q(between) + "}]},{\"role\":\"user\","
                        + "\"parts\":[{\"text\":" + q(b2) + "}]}]}", "two user contents (Gemini)"));
            }
        }
    }

    // ---- kind 4: headers ------------------------------------------------------------------------------------------

    private void headers() {
        for (int i = 0; i < 6; i++) {
            Val v = value(i + 3);
            if (v.rule().equals("credential.generic-secret-assignment")) {
                v = value(0);
            }
            String s = v.value();
            int cut = cut(v);
            List<Map.Entry<String, String>> h = new ArrayList<>(Containers.headers("Content-Type", "application/json",
                    "Accept", "application/json"));
            String[] names = i % 2 == 0 ? new String[] {"X-Part-1", "X-Part-2"} : new String[] {"X-Session-A",
                    "X-Session-B"};
            h.add(Map.entry(names[0], s.substring(0, cut)));
            if (i % 3 == 2 && s.length() - cut > 8) {
                h.add(Map.entry("X-Part-Mid", s.substring(cut, cut + 5)));
                cut += 5;
            }
            h.add(Map.entry(names[1], s.substring(cut)));
            positive("headers", v, new Containers.Req("POST", API, h, utf8("{\"status\":\"ok\"}"), false,
                    "consecutive request headers"));
        }
    }

    // ---- kind 5: multipart and form -------------------------------------------------------------------------------

    private void multipart() {
        for (int i = 0; i < 5; i++) {
            Val v = value(i + 4);
            String s = v.value();
            int cut = cut(v);
            String boundary = "----sieve" + r.from(Rng.ALNUM, 12);
            StringBuilder b = new StringBuilder();
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nnotes\r\n");
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"k1\"\r\n\r\n")
                    .append(s, 0, cut).append("\r\n");
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"k2\"\r\n")
                    .append(i % 2 == 0 ? "Content-Type: text/plain; charset=utf-8\r\n" : "").append("\r\n")
                    .append(s.substring(cut)).append("\r\n--").append(boundary).append("--\r\n");
            positive("multipart", v, new Containers.Req("POST", "https://uploads.demo.invalid/v1/notes",
                    Containers.headers("Content-Type", "multipart/form-data; boundary=" + boundary), utf8(b.toString()),
                    false, "consecutive multipart fields"));
        }
    }

    private void form() {
        for (int i = 0; i < 5; i++) {
            Val v = value(i + 6);
            String s = v.value();
            int cut = cut(v);
            String body = "title=" + enc("weekly notes") + "&p1=" + enc(s.substring(0, cut)) + "&p2="
                    + enc(s.substring(cut)) + (i % 2 == 0 ? "&submit=1" : "");
            positive("form", v, new Containers.Req("POST", "https://forms.demo.invalid/submit",
                    Containers.headers("Content-Type", "application/x-www-form-urlencoded"), utf8(body), false,
                    "consecutive form fields"));
        }
    }

    // ---- hard negatives -------------------------------------------------------------------------------------------

    private void negatives() {
        // tool_use inputs with many fields: paths, commands, hashes, UUIDs, ids side by side
        for (int i = 0; i < 6; i++) {
            String input = "{\"command\":\"str_replace\",\"path\":\"/repo/src/" + r.pick("main", "lib", "app")
                    + "/Service" + i + ".java\",\"old_str\":\"return cache.get(key);\",\"new_str\":\"return cache"
                    + ".computeIfAbsent(key, this::load);\",\"commit\":\"" + r.from(Rng.HEX, 40) + "\",\"parent\":\""
                    + r.from(Rng.HEX, 40) + "\",\"request_id\":\"" + uuid() + "\",\"trace_id\":\"" + uuid()
                    + "\",\"sha256\":\"" + r.from(Rng.HEX, 64) + "\",\"etag\":\"W/" + r.from(Rng.HEX, 32) + "\"}";
            negative("fields", json(ANTHROPIC, anthropic(user(q("fix the cache in Service" + i)) + ","
                    + assistant("[{\"type\":\"text\",\"text\":\"I'll make the edit.\"},{\"type\":\"tool_use\",\"id\":"
                    + "\"toolu_01" + r.from(Rng.ALNUM, 22) + "\",\"name\":\"str_replace_based_edit_tool\",\"input\":"
                    + input + "}]") + "," + user("[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01"
                    + r.from(Rng.ALNUM, 22) + "\",\"content\":\"The file has been edited.\"}]")),
                    "tool_use input with many fields"), input);
        }
        // tool calls with normal arguments, several indexes, and ids and names next to each other
        for (int i = 0; i < 5; i++) {
            StringBuilder calls = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                calls.append(k == 0 ? "" : ",").append("{\"index\":").append(k).append(",\"id\":\"call_")
                        .append(r.from(Rng.ALNUM, 24)).append("\",\"type\":\"function\",\"function\":{\"name\":\"")
                        .append(r.pick("read_file", "list_dir", "grep")).append("\",\"arguments\":")
                        .append(q("{\"path\": \"src/" + r.pick("a", "b", "c") + k + ".py\", \"sha\": \""
                                + r.from(Rng.HEX, 40) + "\", \"token_count\": " + r.digits(4) + "}")).append("}}");
            }
            String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"look at the files\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + calls + "]},{\"role\":\"tool\","
                    + "\"tool_call_id\":\"call_" + r.from(Rng.ALNUM, 24) + "\",\"content\":\"def main():\\n    pass\"}]}";
            negative("tool-deltas", json(OPENAI, body, "tool calls with normal arguments"), body);
        }
        // streamed deltas of an ordinary call: joined, and nothing in it
        for (int i = 0; i < 2; i++) {
            String args = "{\"query\": \"quarterly revenue by region\", \"limit\": 25, \"cursor\": \"" + uuid() + "\"}";
            StringBuilder calls = new StringBuilder();
            for (int at = 0, n = 0; at < args.length(); at += 6, n++) {
                calls.append(n == 0 ? "" : ",").append("{\"index\":0,\"function\":{\"arguments\":")
                        .append(q(args.substring(at, Math.min(args.length(), at + 6)))).append("}}");
            }
            String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                    + calls + "]}]}";
            negative("tool-deltas", json(OPENAI, body, "ordinary streamed tool call deltas"), args);
        }
        // long transcripts: messages that end and start with ordinary words, ids and versions
        for (int i = 0; i < 5; i++) {
            StringBuilder m = new StringBuilder();
            for (int k = 0; k < 24; k++) {
                String text = r.pick("Please run the tests for module ", "Now update the changelog for release ",
                        "Check build ", "ok, next step for ") + r.pick("core", "v2.14.3", "1234", "a3f9c2e")
                        + r.pick("", " now", " please", " and report back", " thanks");
                m.append(k == 0 ? "" : ",").append(k % 2 == 0 ? user(q(text)) : assistant(q(r.pick("Done", "Sure",
                        "All green", "Updated") + " " + r.pick("build", "tests", "release") + " " + r.from(Rng.HEX, 7))));
            }
            negative("messages", json(ANTHROPIC, anthropic(m.toString()), "long transcript"), m.toString());
        }
        for (int i = 0; i < 3; i++) {
            String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"summarize build " + r.digits(6)
                    + "\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"Build passed\"}]},{\"role\":\"user\",\"parts\":"
                    + "[{\"text\":\"" + uuid() + "\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"" + uuid() + "\"}]}]}";
            negative("messages", json(GEMINI, body, "Gemini turns with ids"), body);
        }
        // base64 screenshots next to text
        for (int i = 0; i < 3; i++) {
            byte[] png = Negatives.screenshot(r, 40 + 8 * i, 24 + 4 * i);
            String body = anthropic(user("[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":"
                    + "\"image/png\",\"data\":\"" + Base64.getEncoder().encodeToString(png) + "\"}},{\"type\":\"text\","
                    + "\"text\":\"what is wrong in this screenshot\"}]") + "," + assistant(q("The button is cut off"))
                    + "," + user("[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                    + "\"data\":\"" + Base64.getEncoder().encodeToString(png) + "\"}}]"));
            negative("fields", json(ANTHROPIC, body, "screenshots next to text"), "screenshot");
        }
        // many headers: request and trace ids, SDK headers, the agent's own key to its provider
        for (int i = 0; i < 6; i++) {
            String own = HardValues.anthropic(r);
            List<Map.Entry<String, String>> h = new ArrayList<>(Containers.headers("Content-Type", "application/json",
                    "anthropic-version", "2023-06-01", "x-api-key", own, "X-Request-Id", uuid(), "X-Trace-Id",
                    r.from(Rng.HEX, 32), "traceparent", "00-" + r.from(Rng.HEX, 32) + "-" + r.from(Rng.HEX, 16) + "-01",
                    "User-Agent", "claude-cli/1.0." + r.digits(2) + " (external, cli)", "x-stainless-lang", "js",
                    "x-stainless-package-version", "0.5" + r.digits(1) + ".0", "x-stainless-os", "Linux",
                    "x-stainless-arch", "x64", "x-stainless-runtime", "node", "x-stainless-runtime-version", "v22.1"
                    + r.digits(1) + ".0", "X-Amzn-Trace-Id", "Root=1-" + r.from(Rng.HEX, 8) + "-" + r.from(Rng.HEX, 24),
                    "If-None-Match", "\"" + r.from(Rng.HEX, 32) + "\""));
            negative("headers", new Containers.Req("POST", ANTHROPIC, h, utf8(anthropic(user(q("hello")))), false,
                    "many headers with ids and the agent's own key"), "headers");
        }
        // multipart uploads and forms of ordinary fields
        for (int i = 0; i < 3; i++) {
            String boundary = "----sieve" + r.from(Rng.ALNUM, 12);
            String b = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--"
                    + boundary + "\r\nContent-Disposition: form-data; name=\"checksum\"\r\n\r\n" + r.from(Rng.HEX, 64)
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload_id\"\r\n\r\n" + uuid()
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.md\"\r\n"
                    + "Content-Type: text/markdown\r\n\r\n# Notes\n\nNothing secret here.\n\r\n--" + boundary + "--\r\n";
            negative("multipart", new Containers.Req("POST", "https://api.openai.com/v1/files",
                    Containers.headers("Content-Type", "multipart/form-data; boundary=" + boundary), utf8(b), false,
                    "multipart upload fields"), b);
        }
        for (int i = 0; i < 3; i++) {
            String body = "grant_type=authorization_code&code_challenge_method=S256&state=" + r.from(Rng.ALNUM, 16)
                    + "&nonce=" + r.from(Rng.ALNUM, 16) + "&session_state=" + uuid() + "&redirect_uri="
                    + enc("https://app.demo.invalid/callback") + "&scope=" + enc("openid profile email");
            negative("form", new Containers.Req("POST", "https://forms.demo.invalid/submit",
                    Containers.headers("Content-Type", "application/x-www-form-urlencoded"), utf8(body), false,
                    "OAuth form fields"), body);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private String uuid() {
        String h = r.from(Rng.HEX, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a" + h.substring(17, 20)
                + "-" + h.substring(20);
    }

    private static Containers.Req json(String target, String body, String where) {
        return new Containers.Req("POST", target, Containers.headers("Content-Type", "application/json"), utf8(body),
                false, where);
    }

    static String anthropic(String messages) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"messages\":[" + messages + "]}";
    }

    static String user(String content) {
        return "{\"role\":\"user\",\"content\":" + content + "}";
    }

    static String assistant(String content) {
        return "{\"role\":\"assistant\",\"content\":" + content + "}";
    }

    static String q(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
