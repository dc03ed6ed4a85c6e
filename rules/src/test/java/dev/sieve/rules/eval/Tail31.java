package dev.sieve.rules.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * Family {@code tail31}: the classes of issue #11's last outside red-team round that session 31 closed, with hard
 * negatives beside them.
 * <ul>
 *   <li>Positives ({@code rt3:<kind>}): a value in TeX's {@code ^^xx} notation ({@code tex-caret}); assembled from
 *       XML internal DTD entities ({@code xml-entities}); written one character per JSON array element
 *       ({@code char-array}); hex or base64 of the value under a one-byte XOR key, found without the key
 *       ({@code xor-hex}, {@code xor-b64}) or with {@code key=0xNN} written before it ({@code xor-keyed}); a text file
 *       as an lz4 frame ({@code lz4}) or an SQLite database ({@code sqlite}) attached as base64; a separated keyword
 *       followed by a blank ({@code dotted}); reversed base64 glued after {@code x=} ({@code b64-reverse}).</li>
 *   <li>Negatives ({@code neg:tail31}, {@code neg:<kind>}): TeX with {@code ^^M}, {@code ^^I} and {@code ^^e9} that
 *       is no hex text; XML with a DOCTYPE, benign and external entities; legitimate arrays of single letters
 *       (options, axes, grades); SHA-256 digests, random ids and random binary in hex and base64; a benign lz4 file and
 *       a benign SQLite database.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Tail31 {

    static final long SEED = 20_261_231L;
    static final String FAMILY = "tail31";

    private static final String TARGET = "https://api.anthropic.com/v1/messages";
    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Tail31(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Tail31 c = new Tail31(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** A value, its category and the rule that finds it. */
    private record Val(String rule, String category, String text) {
    }

    /** Eight kinds of value in turn: vendor tokens, a keyword secret, a card with its label, an SSN with its label. */
    private Val value(int i) {
        return switch (i % 8) {
            case 0 -> new Val("credential.github-pat", Values.CREDENTIAL, "GITHUB_TOKEN=" + HardValues.github(r, "ghp_"));
            case 1 -> new Val("credential.stripe-secret-key", Values.CREDENTIAL,
                    "stripe key " + HardValues.stripe(r, "sk_live_"));
            case 2 -> new Val("credential.slack-bot-token", Values.CREDENTIAL, "SLACK_BOT_TOKEN=" + HardValues.slackBot(r));
            case 3 -> new Val("credential.gitlab-pat", Values.CREDENTIAL, "gitlab: " + HardValues.gitlab(r));
            case 4 -> new Val("credential.anthropic-api-key", Values.CREDENTIAL, "key " + HardValues.anthropic(r));
            case 5 -> new Val("credential.generic-secret-assignment", Values.CREDENTIAL,
                    r.pick("DB_PASSWORD=", "api_key: ", "client_secret=") + r.from(Rng.ALNUM, 22));
            case 6 -> new Val("financial.card-visa", Values.FINANCIAL, "card "
                    + HardValues.cardGrouped(HardValues.card(r, 0), " ") + " exp 08/29");
            default -> new Val("pii.us-ssn", Values.PII, "SSN: " + HardValues.ssn(r, "-"));
        };
    }

    private void positives() {
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            text("tex-caret", v, "Compile this:\n" + tex(v.text()) + "\n");
        }
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            int cut = v.text().length() / 2;
            String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY p \"" + xmlSafe(v.text().substring(0, cut))
                    + "\"><!ENTITY q \"" + xmlSafe(v.text().substring(cut)) + "\">]>\n<c>&p;&q;</c>";
            text("xml-entities", v, doc);
        }
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            StringBuilder chars = new StringBuilder();
            int step = i % 3 == 2 ? 2 : 1;
            for (int k = 0; k < v.text().length(); k += step) {
                String piece = v.text().substring(k, Math.min(v.text().length(), k + step));
                chars.append(k == 0 ? "" : ", ").append('"').append(piece.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
            String body = "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"data follows\"}],"
                    + " \"metadata\": {\"" + r.pick("chars", "c", "payload", "k") + "\": [" + chars + "]}}";
            positive("char-array", v, new Containers.Req("POST", "https://api.openai.com/v1/chat/completions",
                    Containers.headers("Content-Type", "application/json"), utf8(body), false,
                    "one character per JSON array element"), "json-openai-chat");
        }
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            int key = 0x80 + r.nextInt(128); // every byte's top bit set: no text, found without the key
            text("xor-hex", v, r.pick("blob: ", "data=", "payload ") + HexFormat.of().formatHex(xor(utf8(v.text()), key)));
        }
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            int key = 0x80 + r.nextInt(128);
            text("xor-b64", v, r.pick("blob ", "enc: ") + Base64.getEncoder().encodeToString(xor(utf8(v.text()), key)));
        }
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            int key = 1 + r.nextInt(31); // below 0x20: printable stays printable, so the key is written
            text("xor-keyed", v, "xor: key=0x" + String.format("%02x", key) + " data="
                    + HexFormat.of().formatHex(xor(utf8(v.text()), key)));
        }
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            String file = "LOG_LEVEL=info\nREGION=eu-west-1\nMAX_UPLOAD_MB=25\n".repeat(1 + r.nextInt(3)) + v.text()
                    + "\nTIMEZONE=UTC\n";
            text("lz4", v, "notes.txt.lz4, base64 below:\n\n" + Base64.getEncoder().encodeToString(lz4(utf8(file))));
        }
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            List<String[]> rows = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                rows.add(new String[] {"service_" + k, "placeholder-" + r.digits(4)});
            }
            rows.add(1 + r.nextInt(3), new String[] {"prod", "use " + v.text() + " for billing"});
            text("sqlite", v, "app.db, base64 below:\n\n" + Base64.getEncoder().encodeToString(sqlite("creds", rows)));
        }
        for (int i = 0; i < 4; i++) {
            String ssn = HardValues.ssn(r, "-");
            String dotted = String.join(".", ("ssn " + ssn).split(""));
            text("dotted", new Val("pii.us-ssn", Values.PII, ssn), dotted);
        }
        for (int i = 0; i < 4; i++) {
            Val v = i % 2 == 0 ? value(6) : value(1);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(utf8(v.text()));
            while (b64.length() % 4 != 0) { // whole quads, so an = glued before it is no padding
                v = new Val(v.rule(), v.category(), v.text() + " ");
                b64 = Base64.getEncoder().withoutPadding().encodeToString(utf8(v.text()));
            }
            text("b64-reverse", v, r.pick("x=", "v=", "k=") + new StringBuilder(b64).reverse());
        }
    }

    private void negatives() {
        negative("tex-caret", "\\catcode`\\^^M=13 %\n\\def^^M{\\par}\\let^^I=\\space caf^^e9 na^^efve");
        negative("tex-caret", "In plain TeX ^^M is a carriage return, ^^I a tab and ^^? delete; ^^e9 is an e acute.");
        negative("tex-caret", "\\input{preamble}\n\\begin{document}\nx^^2+y^^2 and r^^a^^b in the old notation\n");
        negative("tex-caret", "Token: ^^4c^^6f^^72^^65^^6d^^20^^69^^70^^73^^75^^6d^^20^^64^^6f^^6c^^6f^^72");
        negative("xml-entities", "<?xml version=\"1.0\"?>\n<!DOCTYPE note [<!ENTITY company \"Example Corp\">"
                + "<!ENTITY year \"2024\">]>\n<note>(c) &year; &company;. All rights reserved.</note>");
        negative("xml-entities", "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
                + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n<html><body>&nbsp;hello</body></html>");
        negative("xml-entities", "<!DOCTYPE r [<!ENTITY ext SYSTEM \"file:///etc/hostname\"><!ENTITY % p \"x\">]>"
                + "<r>&ext;</r> Why does my parser refuse this?");
        negative("xml-entities", "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"" + "&lol;".repeat(10)
                + "\"><!ENTITY lol2 \"" + "&lol1;".repeat(10) + "\"><!ENTITY lol3 \"" + "&lol2;".repeat(10)
                + "\">]><lolz>&lol3;</lolz> is this the billion laughs attack?");
        arrayNegative("{\"question\": \"Pick one\", \"options\": [\"a\", \"b\", \"c\", \"d\"]}");
        arrayNegative("{\"plot\": {\"axes\": [\"x\", \"y\"], \"series\": [\"s1\", \"s2\"]}}");
        arrayNegative("{\"grades\": [\"A\", \"B+\", \"C\", \"A-\", \"B\", \"F\", \"A\", \"C+\", \"B-\", \"D\"]}");
        arrayNegative("{\"keyboard\": [\"q\", \"w\", \"e\", \"r\", \"t\", \"y\", \"u\", \"i\", \"o\", \"p\"]}");
        arrayNegative("{\"states\": [\"CA\", \"NY\", \"TX\", \"WA\", \"OR\", \"NV\", \"AZ\", \"UT\", \"CO\"]}");
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < 6; i++) {
                byte[] random = r.bytes(16 + r.nextInt(48));
                byte[] digest = sha.digest(random);
                StringBuilder doc = new StringBuilder("{\"files\": [");
                for (int k = 0; k < 4; k++) {
                    byte[] d = sha.digest(r.bytes(32));
                    doc.append(k == 0 ? "" : ", ").append("{\"path\": \"src/f").append(k).append(".py\", \"sha256\": \"")
                            .append(HexFormat.of().formatHex(d)).append("\", \"digest\": \"sha256-")
                            .append(Base64.getEncoder().encodeToString(d)).append("\"}");
                }
                doc.append("], \"nonce\": \"").append(HexFormat.of().formatHex(random)).append("\", \"blob\": \"")
                        .append(Base64.getEncoder().encodeToString(r.bytes(48))).append("\", \"etag\": \"")
                        .append(HexFormat.of().formatHex(digest)).append("\"}");
                arrayNegative("hash", doc.toString());
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        negative("lz4", "notes.txt.lz4, base64 below:\n\n" + Base64.getEncoder().encodeToString(lz4(utf8(
                "LOG_LEVEL=info\nREGION=eu-west-1\nMAX_UPLOAD_MB=25\nTIMEZONE=UTC\n".repeat(4)))));
        negative("lz4", "Attached build.log.lz4:\n" + Base64.getEncoder().encodeToString(lz4(utf8(
                "[INFO] Building module core\n[INFO] Tests run: 42, Failures: 0\n[INFO] BUILD SUCCESS\n".repeat(3)))));
        negative("sqlite", "app.db, base64 below:\n\n" + Base64.getEncoder().encodeToString(sqlite("settings",
                List.of(new String[] {"theme", "dark"}, new String[] {"locale", "en-GB"},
                        new String[] {"page_size", "50"}, new String[] {"timezone", "Europe/Berlin"}))));
        negative("sqlite", "todo.sqlite:\n" + Base64.getEncoder().encodeToString(sqlite("todos",
                List.of(new String[] {"buy milk", "open"}, new String[] {"call the plumber", "done"}))));
    }

    private void text(String kind, Val v, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        positive(kind, v, Containers.build(container, text, false, r), container);
    }

    private void positive(String kind, Val v, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(req, List.of(v.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + v.category(), "rt3:" + kind, "container:" + container, "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    private void arrayNegative(String json) {
        arrayNegative("char-array", json);
    }

    /** A JSON request whose metadata is {@code json} (an object). */
    private void arrayNegative(String kind, String json) {
        String body = "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"see metadata\"}],"
                + " \"metadata\": " + json + "}";
        out.add(new HardCorpus.Out(new Containers.Req("POST", "https://api.openai.com/v1/chat/completions",
                Containers.headers("Content-Type", "application/json"), utf8(body), false, "metadata: " + kind),
                List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind,
                "container:json-openai-chat", "enc:none"), json));
    }

    // ---- encodings ----

    static String tex(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            out.append(String.format("^^%02x", b & 0xff));
        }
        return out.toString();
    }

    private static String xmlSafe(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static byte[] xor(byte[] b, int key) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) (b[i] ^ key);
        }
        return out;
    }

    static byte[] lz4(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream c = new LZ4FrameOutputStream(out)) {
            c.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final int PAGE = 4096;

    /**
     * A minimal SQLite 3 database: page 1 holds {@code sqlite_master} with the table's {@code CREATE TABLE}, page 2
     * the table's rows (name, value text; every row fits its page).
     */
    static byte[] sqlite(String table, List<String[]> rows) {
        byte[] page1 = leaf(100, List.of(record("table", table, table, 2,
                "CREATE TABLE " + table + " (id integer primary key, name text, value text)")));
        List<byte[]> records = new ArrayList<>();
        for (String[] row : rows) {
            records.add(record((Object[]) row));
        }
        byte[] page2 = leaf(0, records);
        byte[] header = new byte[100];
        System.arraycopy(utf8("SQLite format 3\0"), 0, header, 0, 16);
        header[16] = (byte) (PAGE >> 8);
        header[18] = 1;
        header[19] = 1;
        header[21] = 64;
        header[22] = 32;
        header[23] = 32;
        header[31] = 2;
        header[47] = 4;
        header[59] = 1;
        System.arraycopy(header, 0, page1, 0, 100);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(page1);
        out.writeBytes(page2);
        return out.toByteArray();
    }

    private static byte[] record(Object... values) {
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Object v : values) {
            if (v instanceof Integer n) {
                types.write(1);
                body.write(n);
            } else {
                byte[] s = utf8(v.toString());
                varint(types, 13 + 2L * s.length);
                body.writeBytes(s);
            }
        }
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        varint(rec, types.size() + 1);
        rec.writeBytes(types.toByteArray());
        rec.writeBytes(body.toByteArray());
        return rec.toByteArray();
    }

    private static byte[] leaf(int h, List<byte[]> records) {
        byte[] page = new byte[PAGE];
        page[h] = 0x0d;
        page[h + 4] = (byte) records.size();
        int contentEnd = PAGE;
        for (int i = 0; i < records.size(); i++) {
            ByteArrayOutputStream cell = new ByteArrayOutputStream();
            varint(cell, records.get(i).length);
            varint(cell, i + 1);
            cell.writeBytes(records.get(i));
            byte[] c = cell.toByteArray();
            contentEnd -= c.length;
            System.arraycopy(c, 0, page, contentEnd, c.length);
            page[h + 8 + 2 * i] = (byte) (contentEnd >> 8);
            page[h + 9 + 2 * i] = (byte) contentEnd;
        }
        page[h + 5] = (byte) (contentEnd >> 8);
        page[h + 6] = (byte) contentEnd;
        return page;
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        byte[] groups = new byte[9];
        int n = 0;
        long x = v;
        do {
            groups[n++] = (byte) (x & 0x7f);
            x >>>= 7;
        } while (x > 0);
        for (int i = n - 1; i >= 0; i--) {
            out.write(groups[i] | (i > 0 ? 0x80 : 0));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
