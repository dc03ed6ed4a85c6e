package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Family {@code tail30}: the classes a blind red team still got past that session 30 closed, with hard negatives
 * beside them.
 * <ul>
 *   <li>Positives ({@code rt6:<kind>}): a body that does not parse as what it declares, holding a secret in its text:
 *       JSON with {@code //} or {@code /* *}{@code /} comments and trailing commas ({@code json5}), a secret inside a
 *       comment ({@code json-comment}), newline-delimited JSON under {@code application/json} ({@code ndjson}), a
 *       Python dict's repr sent as JSON ({@code single-quotes}), JSON cut short ({@code truncated}), a multipart body
 *       without its closing delimiter ({@code multipart-unclosed}). Such a request is refused for its syntax (fail
 *       closed); its text is still scanned, so its findings are named, and failing open never forwards it. And a
 *       value written in Python's named escapes, {@code \N{LATIN SMALL LETTER S}...} ({@code py-named}). A value
 *       split into string literals joined by a method chain ({@code .append("..").append("..")},
 *       {@code "..".concat("..")}) or SQL's {@code ||} ({@code concat-chain}).</li>
 *   <li>Negatives ({@code neg:tail30}, {@code neg:<kind>}): hex dumps ({@code xxd}, {@code od -A x -t x2z}) whose
 *       rows hold four all-digit groups in a row that pass the Luhn check and start like a card ({@code hexdump}),
 *       which a card rule must not take for a grouped card number; ordinary text, an unknown name and a Windows path
 *       in named escapes ({@code py-named}); append chains and {@code ||} of variables and columns
 *       ({@code concat-chain}).</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Tail30 {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "tail30";

    private static final String TARGET = "https://api.anthropic.com/v1/messages";
    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Tail30(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Tail30 c = new Tail30(r);
        c.unparsable();
        c.pythonNames();
        c.concatChains();
        c.hexDumps();
        c.namedNegatives();
        c.chainNegatives();
        return c.out;
    }

    /** A value, its category and the rule that finds it. */
    private record Val(String rule, String category, String text) {
    }

    /** Eight kinds of value in turn: vendor tokens, a card with its label, an SSN with its label. */
    private Val value(int i) {
        return switch (i % 8) {
            case 0 -> new Val("credential.github-pat", Values.CREDENTIAL, "GITHUB_TOKEN=" + HardValues.github(r, "ghp_"));
            case 1 -> new Val("credential.stripe-secret-key", Values.CREDENTIAL,
                    "stripe key " + HardValues.stripe(r, "sk_live_"));
            case 2 -> new Val("credential.slack-bot-token", Values.CREDENTIAL, "SLACK_BOT_TOKEN=" + HardValues.slackBot(r));
            case 3 -> new Val("credential.gitlab-pat", Values.CREDENTIAL, "gitlab: " + HardValues.gitlab(r));
            case 4 -> new Val("credential.anthropic-api-key", Values.CREDENTIAL, "key " + HardValues.anthropic(r));
            case 5 -> new Val("credential.npm-token", Values.CREDENTIAL, "//registry.npmjs.org/:_authToken="
                    + HardValues.npm(r));
            case 6 -> new Val("financial.card-visa", Values.FINANCIAL, "card "
                    + HardValues.cardGrouped(HardValues.card(r, 0), " ") + " exp 08/29");
            default -> new Val("pii.us-ssn", Values.PII, "SSN: " + HardValues.ssn(r, "-"));
        };
    }

    // ---- bodies that do not parse ----

    private void unparsable() {
        for (int i = 0; i < 48; i++) {
            Val v = value(i);
            switch (i % 6) {
                case 0 -> json("json5", v, "{\n  // agent request\n  \"model\": \"claude-sonnet-4-5\",\n  \"max_tokens\": 256,"
                        + "\n  \"messages\": [{\"role\": \"user\", \"content\": \"" + v.text() + "\",},],\n}\n");
                case 1 -> json("json-comment", v, "{/* " + v.text() + " */ \"model\": \"claude-sonnet-4-5\","
                        + " \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
                case 2 -> json("ndjson", v, "{\"role\": \"user\", \"content\": \"summarize the notes\"}\n"
                        + "{\"role\": \"user\", \"content\": \"" + v.text() + "\"}\n");
                case 3 -> json("single-quotes", v, "{'model': 'claude-sonnet-4-5', 'messages': [{'role': 'user',"
                        + " 'content': 'please check " + v.text() + "'}]}");
                case 4 -> json("truncated", v, "{\"model\": \"claude-sonnet-4-5\", \"messages\": [{\"role\": \"user\","
                        + " \"content\": \"deploy with " + v.text() + " and then");
                default -> positive("multipart-unclosed", v, unclosedMultipart("env.txt", v.text() + "\n"),
                        "multipart");
            }
        }
    }

    private void json(String kind, Val v, String body) {
        positive(kind, v, new Containers.Req("POST", TARGET, Containers.headers("Content-Type", "application/json"),
                utf8(body), false, "body that does not parse: " + kind), "json-invalid");
    }

    /** A multipart upload whose closing delimiter never comes (the body ends after the file's bytes). */
    private static Containers.Req unclosedMultipart(String filename, String content) {
        String boundary = "----sieveEvalBoundaryUnclosed42";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content;
        return new Containers.Req("POST", "https://api.openai.com/v1/files",
                Containers.headers("Content-Type", "multipart/form-data; boundary=" + boundary), utf8(body), false,
                "body multipart without its closing delimiter");
    }

    private void positive(String kind, Val v, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(req, List.of(v.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + v.category(), "rt6:" + kind, "container:" + container, "enc:none"), ""));
    }

    // ---- Python's named escapes ----

    /** A value written character by character as Python's named escapes, in a print call or a string literal. */
    private void pythonNames() {
        for (int i = 0; i < 12; i++) {
            Val v = value(i);
            StringBuilder named = new StringBuilder();
            boolean lower = i % 3 == 2;
            v.text().codePoints().forEach(cp -> {
                String name = Character.getName(cp);
                named.append("\\N{").append(lower ? name.toLowerCase(java.util.Locale.ROOT) : name).append('}');
            });
            String text = i % 2 == 0 ? "Run this:\n```python\nprint(\"" + named + "\")\n```"
                    : "config = \"" + named + "\"  # decoded at import time";
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            positive("py-named", v, Containers.build(container, text, false, r), container);
        }
    }

    // ---- literals joined by a method chain or SQL's || ----

    /** A vendor token cut in two or three string literals, joined by a Java/JavaScript chain or SQL. */
    private void concatChains() {
        for (int i = 0; i < 12; i++) {
            Val v = value(i % 6); // the vendor tokens
            String token = v.text().substring(v.text().lastIndexOf(' ') + 1);
            token = token.substring(token.lastIndexOf('=') + 1);
            int cut = 4 + r.nextInt(token.length() - 8);
            String a = token.substring(0, cut);
            String b = token.substring(cut);
            String code = switch (i % 3) {
                case 0 -> "String key = new StringBuilder().append(\"" + a + "\").append(\"" + b + "\").toString();";
                case 1 -> "const key = \"" + a + "\".concat(\"" + b + "\");";
                default -> "INSERT INTO settings (name, value) VALUES ('api_key', '" + a + "' || '" + b + "');";
            };
            String text = "Why does this not work?\n```\n" + code + "\n```";
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            positive("concat-chain", v, Containers.build(container, text, false, r), container);
        }
    }

    private void chainNegatives() {
        negative("concat-chain", "sb.append(\"id=\").append(id).append(\", name=\").append(name).append(\"; \");");
        negative("concat-chain", "SELECT first_name || ' ' || last_name AS full_name, 'n/a' || code FROM people;");
        negative("concat-chain", "const label = \"Build \".concat(version).concat(\" of \").concat(date);");
        negative("concat-chain", "new StringBuilder().append(\"SELECT * \").append(\"FROM orders \").append(\"WHERE id = ?\")");
    }

    /** Named escapes of ordinary text, an unknown name, and a Windows path with {@code \N}. */
    private void namedNegatives() {
        negative("py-named", "print(\"It is 21\\N{DEGREE SIGN}C and \\N{EM DASH} as forecast \\N{EM DASH} dry.\")");
        negative("py-named", "greeting = \"\\N{WAVING HAND SIGN} \\N{LATIN SMALL LETTER H}\\N{LATIN SMALL LETTER I}\"");
        negative("py-named", "Unknown: \\N{NOT A REAL NAME} and \\N{ALSO NOT ONE} raise SyntaxError in Python.");
        negative("py-named", "Copy C:\\Users\\N{x}\\Desktop and D:\\Data\\N{y}\\old to the share.");
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    // ---- hex dumps ----

    private void hexDumps() {
        for (int i = 0; i < 30; i++) {
            boolean od = i % 3 == 2;
            String dump = od ? od(rows(6 + i % 5, true)) : xxd(rows(6 + i % 5, false));
            String prose = switch (i % 4) {
                case 0 -> "xxd of header.bin:\n";
                case 1 -> "Here is the start of the firmware image; what format is it?\n";
                case 2 -> "$ od -A x -t x2z capture.pcap | head\n";
                default -> "The corrupted block, as a hex dump:\n";
            };
            String text = prose + dump;
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                    List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:hexdump", "container:" + container, "enc:none"),
                    text));
        }
    }

    /**
     * {@code n} rows of sixteen bytes, sparse like a binary header (many zero bytes); in every other row, four
     * two-byte groups in a row read as sixteen decimal digits that start like a card (a 4, 5 or 6) and pass the Luhn
     * check ({@code swapped}: as {@code od} prints them, each group's two bytes swapped).
     */
    private List<byte[]> rows(int n, boolean swapped) {
        List<byte[]> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            byte[] row = new byte[16];
            for (int b = 0; b < 16; b++) {
                row[b] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : 0;
            }
            if (k % 2 == 0) {
                String payload = r.pick("4", "5", "6") + r.digits(14);
                byte[] digits = HexFormat.of().parseHex(payload + Checksums.luhn(payload));
                for (int b = 0; swapped && b < digits.length; b += 2) {
                    byte t = digits[b];
                    digits[b] = digits[b + 1];
                    digits[b + 1] = t;
                }
                System.arraycopy(digits, 0, row, 2 * (1 + r.nextInt(4)), 8); // groups 2-5 .. 5-8
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@code xxd}: an offset, eight groups of two bytes in hex, the printable characters. */
    private static String xxd(List<byte[]> rows) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            byte[] row = rows.get(k);
            s.append(String.format("%08x:", k * 16));
            for (int g = 0; g < 8; g++) {
                s.append(' ').append(HexFormat.of().formatHex(row, 2 * g, 2 * g + 2));
            }
            s.append("  ").append(printable(row)).append('\n');
        }
        return s.toString();
    }

    /** {@code od -A x -t x2z}: a six-digit offset, eight little-endian 16-bit words, the characters between {@code >...<}. */
    private static String od(List<byte[]> rows) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            byte[] row = rows.get(k);
            s.append(String.format("%06x", k * 16));
            for (int g = 0; g < 8; g++) {
                s.append(' ').append(String.format("%02x%02x", row[2 * g + 1] & 0xff, row[2 * g] & 0xff));
            }
            s.append("  >").append(printable(row)).append("<\n");
        }
        return s.toString();
    }

    private static String printable(byte[] row) {
        StringBuilder s = new StringBuilder();
        for (byte b : row) {
            s.append(b >= 0x20 && b < 0x7f && b != '"' && b != '\\' ? (char) b : '.');
        }
        return s.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
