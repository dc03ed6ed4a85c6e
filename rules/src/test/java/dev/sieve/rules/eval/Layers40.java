package dev.sieve.rules.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Family {@code layers40}: what session 40 closed of the blind round rt40-layers, binary written as source or SQL
 * literals and wrapped base64 whose line breaks are escapes. All of it is decoder work; each positive expects the
 * rule of the secret or PII inside.
 * <ul>
 *   <li>Positives ({@code layers40:<kind>}): Python's {@code repr} of gzip ({@code b'\x1f\x8b...'}, {@code pyrepr});
 *       PostgreSQL bytea hex of text and of gzip, as {@code COPY} writes it ({@code \\x}), as psql shows it
 *       ({@code \x}) and JSON-escaped in a JSON document ({@code bytea}); SQL {@code 0x} hex of zlib at every
 *       level's header (78 01, 78 5e, 78 9c, 78 da) ({@code sql-hex}); Go, C and Java byte arrays of gzip and zlib
 *       ({@code byte-array}); hex of bzip2 and of xz, bare and in a JSON document sent as base64 ({@code hex-packed});
 *       MIME base64 of xz whose line breaks are {@code \r\n} or {@code \n} escapes in a string inside a string,
 *       in CDATA, in a JSON document, and base64'd again ({@code mime-escaped}).</li>
 *   <li>Negatives ({@code neg:layers40}, {@code neg:<kind>}): the same literals and wrappings around harmless
 *       compressed text (a build log, placeholders and env references, a public key, hashes), around random bytes
 *       (ciphertext) and around a PNG image; {@code \x} and {@code 0x} digests and ids.</li>
 * </ul>
 * Values are synthetic, from the family's seed; Luhn and IBAN check digits are computed by {@link Values}.
 * Written with the fixes, so not held out.
 */
final class Layers40 {

    static final long SEED = 20_261_240L;
    static final String FAMILY = "layers40";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "multipart", "json-openai-responses");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;
    private int secretTurn;

    private Layers40(Rng r) {
        this.r = r;
    }

    static List<HardCorpus.Out> cases(Rng r) {
        Layers40 c = new Layers40(r);
        c.pyrepr();
        c.bytea();
        c.sqlHex();
        c.byteArrays();
        c.hexPacked();
        c.mimeEscaped();
        return c.out;
    }

    // ---- payloads ----

    private record Secret(String rule, String category, String text) {
    }

    /** The next secret or PII note, rotating over five kinds. */
    private Secret secret() {
        return switch (secretTurn++ % 5) {
            case 0 -> new Secret("credential.github-pat", Values.CREDENTIAL, "# deploy notes\nGITHUB_TOKEN="
                    + Values.githubToken("ghp_", r) + "\n./release.sh --push\n");
            case 1 -> new Secret("credential.stripe-secret-key", Values.CREDENTIAL, "STRIPE_SECRET_KEY=sk_live_"
                    + r.from(Rng.ALNUM, 24) + "\nSTRIPE_WEBHOOK_TOLERANCE=300\n");
            case 2 -> new Secret("pii.us-ssn", Values.PII, "Employee: " + Values.name(r) + "\nSSN: " + Values.ssn(r)
                    + "\nDate of birth: 19" + r.between(60, 99) + "-0" + r.between(1, 9) + "-1" + r.between(0, 9)
                    + "\n");
            case 3 -> new Secret("financial.card-visa", Values.FINANCIAL, "Cardholder: " + Values.name(r)
                    + "\nCard number: " + Values.cardNumber(r, x -> "4" + x.digits(14), 16) + "\nExpiry: 0"
                    + r.between(1, 9) + "/2" + r.between(7, 9) + "\n");
            default -> new Secret("financial.iban", Values.FINANCIAL, "Payee: " + Values.name(r) + "\nIBAN: "
                    + Values.iban(r, false) + "\nReference: INV-" + r.digits(6) + "\n");
        };
    }

    /** Harmless text a compressed blob may hold. */
    private String harmless() {
        return switch (r.nextInt(4)) {
            case 0 -> "[INFO] Building inventory-service 1." + r.between(0, 9) + "." + r.between(0, 20)
                    + "\n[INFO] Tests run: " + r.between(100, 400) + ", Failures: 0, Errors: 0\n[INFO] BUILD SUCCESS\n";
            case 1 -> "GITHUB_TOKEN=${GITHUB_TOKEN}\nSTRIPE_SECRET_KEY=<your-stripe-key>\nDATABASE_URL=${DATABASE_URL}\n";
            case 2 -> "deploy@ci ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + r.from(Rng.BASE64.replace("+", "")
                    .replace("/", ""), 43) + "\n";
            default -> r.from(Rng.HEX, 64) + "  dist/app-" + r.between(1, 9) + "." + r.between(0, 9) + ".tar.gz\n"
                    + r.from(Rng.HEX, 64) + "  dist/app.sbom.json\n";
        };
    }

    /** Random bytes whose first byte starts no compressed file's magic (ciphertext, a key). */
    private byte[] random(int n) {
        byte[] b = r.bytes(n);
        int first = b[0] & 0xff;
        if (first == 0x1f || first == 0x78 || first == 0x42 || first == 0xfd || first == 0x50 || first == 0x37) {
            b[0] = 0x55;
        }
        return b;
    }

    // ---- compressors ----

    /** gzip as Python's gzip module writes it: a modification time, XFL 2 or 0, OS 255 or 3. */
    private byte[] gzip(String text, boolean pythonHeader) {
        byte[] data = utf8(text);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0});
        if (pythonHeader) {
            b.writeBytes(new byte[] {(byte) r.nextInt(256), (byte) r.nextInt(256), (byte) r.nextInt(256), 0x66});
            b.writeBytes(new byte[] {(byte) (r.chance(0.5) ? 2 : 0), (byte) (r.chance(0.5) ? 0xff : 3)});
        } else {
            b.writeBytes(new byte[] {0, 0, 0, 0, 0, (byte) 0xff}); // java.util.zip.GZIPOutputStream
        }
        b.writeBytes(deflate(data, 6, true));
        CRC32 crc = new CRC32();
        crc.update(data);
        le32(b, crc.getValue());
        le32(b, data.length);
        return b.toByteArray();
    }

    private static byte[] zlib(String text, int level) {
        return deflate(utf8(text), level, false);
    }

    private static byte[] deflate(byte[] data, int level, boolean raw) {
        Deflater d = new Deflater(level, raw);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            b.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return b.toByteArray();
    }

    private static byte[] bzip2(String text) {
        return compress(text, false);
    }

    private static byte[] xz(String text) {
        return compress(text, true);
    }

    private static byte[] compress(String text, boolean xz) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream c = xz ? new XZCompressorOutputStream(b) : new BZip2CompressorOutputStream(b)) {
            c.write(utf8(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static void le32(ByteArrayOutputStream b, long v) {
        for (int i = 0; i < 4; i++) {
            b.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    // ---- writers ----

    /** Python's {@code repr} of bytes: double quotes when the bytes hold a ' and no ". */
    static String pyRepr(byte[] b) {
        boolean single = true;
        boolean hasDouble = false;
        for (byte x : b) {
            single &= x != '\'';
            hasDouble |= x == '"';
        }
        char quote = single || hasDouble ? '\'' : '"';
        StringBuilder sb = new StringBuilder("b").append(quote);
        for (byte x : b) {
            int v = x & 0xff;
            if (v == '\\') {
                sb.append("\\\\");
            } else if (v == quote) {
                sb.append('\\').append(quote);
            } else if (v == '\t') {
                sb.append("\\t");
            } else if (v == '\n') {
                sb.append("\\n");
            } else if (v == '\r') {
                sb.append("\\r");
            } else if (v >= 0x20 && v < 0x7f) {
                sb.append((char) v);
            } else {
                sb.append(String.format("\\x%02x", v));
            }
        }
        return sb.append(quote).toString();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String list(byte[] b, String format, String separator) {
        List<String> items = new ArrayList<>();
        for (byte x : b) {
            items.add(String.format(format, x & 0xff));
        }
        return String.join(separator, items);
    }

    private static String copyRow(byte[] b) {
        return "COPY public.blobs (id, name, data) FROM stdin;\n1\tnotes.txt.gz\t\\\\x" + hex(b) + "\n\\.\n";
    }

    private static String psqlRow(byte[] b) {
        return " id |  name  | data\n----+--------+------\n  3 | notes  | \\x" + hex(b) + "\n(1 row)\n";
    }

    /** A JSON document (as a tool returns it) with bytea in a string: its backslash escaped. */
    private static String byteaJson(byte[] b) {
        return "{\"table\": \"attachments\", \"rows\": [{\"id\": 12, \"data\": \"\\\\x" + hex(b) + "\"}]}";
    }

    private static String sqlHex(byte[] b) {
        return "INSERT INTO app_settings (name, value) VALUES ('bundle', 0x" + hex(b).toUpperCase() + ");";
    }

    private static String goBytes(byte[] b) {
        return "package assets\n\nvar notes = []byte{" + list(b, "0x%02x", ", ") + "}\n";
    }

    private static String cArray(byte[] b) {
        return "static const unsigned char notes_gz[] = {" + list(b, "0x%02X", ",") + "};\nunsigned int notes_gz_len = "
                + b.length + ";\n";
    }

    private static String javaBytes(byte[] b) {
        return "static final byte[] NOTES = new byte[]{" + list(b, "(byte)0x%02x", ", ") + "};\n";
    }

    /** MIME base64 (76 columns) whose line breaks are written as {@code br}, an escape. */
    private static String mimeEscaped(byte[] b, String br) {
        return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(b).replace("\n", br) + br;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    // ---- classes ----

    private void pyrepr() {
        List<Function<String, String>> shapes = List.of(
                v -> "payload = " + v + "\n\nWhat is in this payload?",
                v -> ">>> open('notes.txt.gz', 'rb').read()\n" + v + "\n>>>",
                v -> "DEBUG worker: received body=" + v + " (" + v.length() / 4 + " bytes)",
                v -> "Traceback (most recent call last):\n  File \"load.py\", line 9, in <module>\nValueError: bad"
                        + " blob " + v + "\n");
        for (int i = 0; i < shapes.size(); i++) {
            Secret s = secret();
            add("pyrepr", s, shapes.get(i).apply(pyRepr(gzip(s.text(), i != 1))));
        }
        negative("pyrepr", "payload = " + pyRepr(gzip(harmless(), true)) + "\n\nWhat is in this payload?");
        negative("pyrepr", "nonce = " + pyRepr(random(12)) + "\nciphertext = " + pyRepr(random(96)) + "\n");
        negative("pyrepr", ">>> hashlib.sha256(data).digest()\n" + pyRepr(random(32)) + "\n");
    }

    private void bytea() {
        Secret s = secret();
        add("bytea", s, copyRow(gzip(s.text(), true)));
        s = secret();
        add("bytea", s, psqlRow(utf8(s.text())));
        s = secret();
        add("bytea", s, byteaJson(gzip(s.text(), false)));
        s = secret();
        add("bytea", s, "COPY public.notes (id, body) FROM stdin;\n7\t\\\\x" + hex(utf8(s.text())) + "\n\\.\n");
        negative("bytea", copyRow(gzip(harmless(), true)));
        negative("bytea", byteaJson(Binary.png(8, 8, (x, y) -> (x * 31 + y * 17) & 0xffffff, List.of())));
        negative("bytea", " id | sha256\n----+--------\n  1 | \\x" + r.from(Rng.HEX, 64) + "\n  2 | \\x"
                + r.from(Rng.HEX, 64) + "\n(2 rows)\n");
    }

    private void sqlHex() {
        int[] levels = {1, 3, 6, 9};
        for (int level : levels) {
            Secret s = secret();
            String sql = sqlHex(zlib(s.text(), level));
            if (level == 3) {
                addReq("sql-hex", s, query(sql), "query");
            } else {
                add("sql-hex", s, "-- settings dump\n" + sql + "\n");
            }
        }
        negative("sql-hex", "-- settings dump\n" + sqlHex(zlib(harmless(), 6)) + "\n");
        negative("sql-hex", "INSERT INTO sessions (id, key_enc) VALUES (0x" + r.from(Rng.HEX, 32).toUpperCase()
                + ", 0x" + hex(random(48)).toUpperCase() + ");\n");
        negativeReq("sql-hex", query(sqlHex(random(40))), "query");
    }

    private void byteArrays() {
        Secret s = secret();
        add("byte-array", s, goBytes(gzip(s.text(), false)));
        s = secret();
        add("byte-array", s, goBytes(gzip(s.text(), true)));
        s = secret();
        add("byte-array", s, cArray(gzip(s.text(), false)));
        s = secret();
        add("byte-array", s, javaBytes(zlib(s.text(), 6)));
        negative("byte-array", goBytes(gzip(harmless(), false)));
        negative("byte-array", cArray(random(64)));
        negative("byte-array", javaBytes(zlib(harmless(), 9)));
    }

    private void hexPacked() {
        Secret s = secret();
        add("hex-packed", s, "notes.txt.bz2 (hex):\n" + hex(bzip2(s.text())) + "\n");
        s = secret();
        add("hex-packed", s, b64("{\"path\": \"/workspace/deploy/notes.txt.bz2\", \"encoding\": \"hex\", "
                + "\"content\": \"" + hex(bzip2(s.text())) + "\"}"));
        s = secret();
        add("hex-packed", s, "blob=" + hex(xz(s.text())) + "\n");
        s = secret();
        add("hex-packed", s, "{\"file\": \"notes.txt.xz\", \"hex\": \"" + hex(xz(s.text())).toUpperCase() + "\"}");
        negative("hex-packed", "notes.txt.bz2 (hex):\n" + hex(bzip2(harmless())) + "\n");
        negative("hex-packed", "{\"file\": \"keys.pub.xz\", \"hex\": \"" + hex(xz(harmless())) + "\"}");
        negative("hex-packed", "blob=" + hex(random(80)) + "\n");
    }

    private void mimeEscaped() {
        Secret s = secret();
        add("mime-escaped", s, "<body><![CDATA[" + mimeEscaped(xz(s.text() + s.text()), "\\r\\n") + "]]></body>");
        s = secret();
        add("mime-escaped", s, "{\"file\": \"notes.txt.xz\", \"transfer\": \"base64\", \"data\": \""
                + mimeEscaped(xz(s.text() + s.text()), "\\r\\n") + "\"}");
        s = secret();
        add("mime-escaped", s, "{\"attachment\": \"" + mimeEscaped(xz(s.text() + s.text()), "\\n") + "\"}");
        s = secret();
        // the rt40 chain: xz, MIME base64, CDATA, JSON-escaped, base64, then the container's JSON string
        String escaped = "\"<![CDATA[" + mimeEscaped(xz(s.text() + s.text()), "\\r\\n") + "]]>\"";
        add("mime-escaped", s, "export.b64: " + b64(escaped));
        negative("mime-escaped", "<body><![CDATA[" + mimeEscaped(xz(harmless() + harmless()), "\\r\\n")
                + "]]></body>");
        negative("mime-escaped", "{\"file\": \"vault.age\", \"transfer\": \"base64\", \"data\": \""
                + mimeEscaped(random(240), "\\r\\n") + "\"}");
        negative("mime-escaped", "{\"attachment\": \"" + mimeEscaped(Binary.png(12, 12, (x, y) -> x * y * 977,
                List.of()), "\\n") + "\"}");
    }

    // ---- requests ----

    private Containers.Req query(String value) {
        return Containers.build("query", value, false, r);
    }

    private void add(String kind, Secret s, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        addReq(kind, s, Containers.build(container, text, false, r), container);
    }

    private void addReq(String kind, Secret s, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(saved(req), List.of(s.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + s.category(), FAMILY + ":" + kind, "container:" + container, "enc:" + kind), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        negativeReq(kind, Containers.build(container, text, false, r), container, text);
    }

    private void negativeReq(String kind, Containers.Req req, String container) {
        negativeReq(kind, req, container, "");
    }

    private void negativeReq(String kind, Containers.Req req, String container, String plain) {
        out.add(new HardCorpus.Out(saved(req), List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + container, "enc:" + kind), plain));
    }

    /** {@code req} as a saved request in {@code cases/} (the manifest is near its 5 MiB cap). */
    private static Containers.Req saved(Containers.Req req) {
        return new Containers.Req(req.method(), req.target(), req.headers(), req.body(), true, req.where(), req.raw());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
