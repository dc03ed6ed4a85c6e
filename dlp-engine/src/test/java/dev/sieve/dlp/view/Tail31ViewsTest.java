package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.DecodeGraphTest.chat;
import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Media.utf8;
import static dev.sieve.dlp.view.RadixDecodersTest.codes;
import static dev.sieve.dlp.view.RadixDecodersTest.graph;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The evasions of issue #11's last red-team round, each a view or decoding-graph step: TeX's {@code ^^xx} notation
 * ({@code |tex-caret}), XML internal DTD entities ({@code |xml-entities}), one character per JSON array element
 * ({@code |joined-chars}), one-byte XOR of hex or base64 ({@code |xor}), lz4 frames ({@code |lz4}) and SQLite
 * databases ({@code |sqlite}) by magic; and the two general misses behind {@code b64-reverse} (an {@code =} glued
 * before reversed base64) and {@code dotted-interleave} (a separated keyword followed by a blank). Hard negatives for
 * each: what must give no layer, or a layer without the value.
 */
class Tail31ViewsTest {

    private static final String SECRET = "SECRET-031001";

    // ---- TeX ^^xx ----

    static String texCarets(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            out.append(String.format("^^%02x", b & 0xff));
        }
        return out.toString();
    }

    @Test
    void texCaretNotationIsReadWithItsLabel() {
        assertThat(codes("Compile:\nToken: " + texCarets("sk_live_abc") + " ok\nnext line"))
                .containsExactly("tex-caret:Token: sk_live_abc ok");
        // the one-character form inside an escaped line: ^^p is '0', ^^q '1', ^^M a carriage return
        assertThat(codes("ssn: ^^35^^33^^36-^^p^^q")).containsExactly("tex-caret:ssn: 536-01");
    }

    @Test
    void texDocumentsWithoutThreeHexEscapesInARowAreNoCandidate() {
        assertThat(codes("\\catcode`\\^^M=13 \\def^^M{\\par} caf^^e9 and na^^efve")).isEmpty();
        assertThat(codes("x^^2 + y^^2 = z^^2")).isEmpty(); // not hex: one character each, no hint, no candidate
    }

    // ---- XML internal entities ----

    @Test
    void internalEntitiesAreExpandedInTheTextAfterTheSubset() {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY p \"SECRET-\"><!ENTITY q '031001'>"
                + "<!ENTITY both \"&p;&q;\">]>\n<c>key: &p;&q; and &both; &amp; &unknown;</c>";
        assertThat(codes(doc)).containsExactly(
                "xml-entities:\n<c>key: " + SECRET + " and " + SECRET + " &amp; &unknown;</c>");
    }

    @Test
    void externalAndParameterEntitiesAreNeverRead() {
        String doc = "<!DOCTYPE c [<!ENTITY ext SYSTEM \"file:///etc/passwd\"><!ENTITY % pe \"x\">"
                + "<!ENTITY pub PUBLIC \"-//A//B\" \"http://example.com/e\">]><c>&ext; &pub; %pe;</c>";
        assertThat(codes(doc)).noneMatch(c -> c.startsWith("xml-entities")); // no internal general entity: no layer
    }

    @Test
    void benignEntitiesGiveTheirTextAndNothingElse() {
        String doc = "<!DOCTYPE note [<!ENTITY company \"Example Corp\"><!ENTITY copy \"(c) 2024\">]>"
                + "<note>&company; &copy;</note>";
        assertThat(codes(doc)).containsExactly("xml-entities:<note>Example Corp (c) 2024</note>");
    }

    @Test
    void aBillionLaughsIsCutNotExpanded() {
        StringBuilder doc = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String prev = "&lol" + (i - 1) + ";";
            doc.append("<!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">");
        }
        doc.append("<!ENTITY k \"").append(SECRET).append("\">]><a>&lol9;&lol9; then &k;</a>");
        byte[] t = utf8(doc.toString());
        long before = System.nanoTime();
        List<Candidates.Candidate> found = Candidates.findCodes(t, 0, t.length);
        TextCodecs.Decoded d = TextCodecs.decode(t, found.get(0));
        assertThat((System.nanoTime() - before) / 1_000_000).as("milliseconds").isLessThan(2_000);
        String text = new String(d.bytes(), StandardCharsets.UTF_8);
        assertThat(d.bytes().length).isLessThanOrEqualTo(XmlEntities.MAX_EXPANDED);
        // four levels are expanded (lol9 to lol5's references, left as written); the text after them is read
        assertThat(text).startsWith("<a>&lol5;&lol5;").contains(" then " + SECRET + "</a>");
        assertThat(text.length()).isEqualTo(3 + 2 * 10_000 * "&lol5;".length() + " then </a>".length()
                + SECRET.length());
        // nested deeper than MAX_DEPTH: the inner references stay as written
        assertThat(codes("<!DOCTYPE a [<!ENTITY a \"&b;\"><!ENTITY b \"&c;\"><!ENTITY c \"&d;\"><!ENTITY d \"&e;\">"
                + "<!ENTITY e \"deep\"><!ENTITY self \"&self;x\">]><a>&a; &self;</a>"))
                .containsExactly("xml-entities:<a>&e; &self;xxxx</a>"); // four levels of itself, then left
    }

    // ---- one character per array element ----

    @Test
    void anArrayOfSingleCharactersIsJoined() {
        String chars = String.join(", ", SECRET.chars().mapToObj(c -> "\"" + (char) c + "\"").toList());
        Map<String, String> views = decode(meta("application/json", null),
                utf8("{\"metadata\":{\"chars\":[" + chars + "]}}")).ok().views();
        assertThat(views).containsEntry("json:$.metadata.chars|joined-chars", SECRET);
        // two characters an element, too
        Map<String, String> pairs = decode(meta("application/json", null),
                utf8("{\"p\":[\"SE\",\"CR\",\"ET\",\"-0\",\"31\",\"00\",\"1 \",\"ok\"]}")).ok().views();
        assertThat(pairs).containsEntry("json:$.p|joined-chars", SECRET + " ok");
    }

    @Test
    void shortListsMixedArraysAndLongerStringsAreNotJoined() {
        for (String array : List.of("[\"a\",\"b\",\"c\"]", "[\"x\",\"y\"]",
                "[\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\",\"longer\"]", "[\"A\",\"B\",\"C\",1,\"D\",\"E\",\"F\",\"G\"]",
                "[\"A\",\"B\",\"C\",{\"k\":\"D\"},\"E\",\"F\",\"G\",\"H\"]", "[[\"a\"],\"B\",\"C\",\"D\",\"E\",\"F\",\"G\",\"H\"]")) {
            Map<String, String> views = decode(meta("application/json", null), utf8("{\"options\":" + array + "}"))
                    .ok().views();
            assertThat(views.keySet()).as(array).noneMatch(p -> p.contains("joined-chars"));
        }
        // a legitimate list of grades is joined, and its text is what it is
        assertThat(decode(meta("application/json", null),
                utf8("{\"grades\":[\"A\",\"B+\",\"C\",\"A-\",\"B\",\"F\",\"A\",\"C+\"]}")).ok().views())
                .containsEntry("json:$.grades|joined-chars", "AB+CA-BFAC+");
    }

    // ---- one-byte XOR ----

    static String xorHex(String s, int key) {
        byte[] b = utf8(s);
        for (int i = 0; i < b.length; i++) {
            b[i] ^= (byte) key;
        }
        return HexFormat.of().formatHex(b);
    }

    @Test
    void hexUnderAOneByteKeyIsReadWhenItIsNoText() {
        // key 0x77 turns ASCII into control characters: the hex is no text, and the key that makes it text is found
        String data = xorHex("token " + SECRET + " for the build", 0x77);
        Map<String, String> views = decode(meta("application/json", null), chat("data=" + data)).ok().views();
        // the best keys' texts, a line each, the right one first
        assertThat(views.get("json:$.messages[0].content|hex|xor")).startsWith("token " + SECRET + " for the build");
        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(data));
        assertThat(decode(meta("application/json", null), chat("blob " + b64)).ok().views())
                .extractingByKey("json:$.messages[0].content|base64|xor").asString()
                .startsWith("token " + SECRET + " for the build");
    }

    @Test
    void aKeyWrittenBeforeTheValueReadsXorThatStaysPrintable() {
        // key 0x19 keeps ASCII printable: the hex is text, kept, and read once more with the key written before it
        String data = xorHex("key " + SECRET, 0x19);
        Map<String, String> views = decode(meta("application/json", null), chat("xor: key=0x19 data=" + data))
                .ok().views();
        assertThat(views).containsEntry("json:$.messages[0].content|hex|xor", "key " + SECRET);
        assertThat(views).containsKey("json:$.messages[0].content|hex");
        // no key written: the value's own text only
        assertThat(decode(meta("application/json", null), chat("data=" + data)).ok().views().keySet())
                .noneMatch(p -> p.endsWith("|xor"));
    }

    @Test
    void hashesAndRandomBytesGiveNoXorLayerAndCostLittle() throws NoSuchAlgorithmException {
        Random random = new Random(31);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        StringBuilder doc = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[16 + random.nextInt(48)];
            random.nextBytes(bytes);
            byte[] digest = sha.digest(bytes);
            doc.append(i == 0 ? "" : ",").append("{\"sha256\":\"").append(HexFormat.of().formatHex(digest))
                    .append("\",\"b64\":\"").append(Base64.getEncoder().encodeToString(digest))
                    .append("\",\"raw\":\"").append(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                    .append("\",\"hex\":\"").append(HexFormat.of().formatHex(bytes)).append("\"}");
        }
        Map<String, String> views = decode(meta("application/json", null), utf8(doc.append("]}").toString()))
                .ok().views();
        assertThat(views.keySet()).noneMatch(p -> p.contains("|xor"));
        // null hashes (zeros share their top bit) are no text under any key: no layer, so no layer budget spent
        String zeros = "{\"before\":\"" + "0".repeat(40) + "\",\"pad\":\"" + "A".repeat(22) + "==\"}";
        assertThat(decode(meta("application/json", null), utf8(zeros)).ok().views().keySet())
                .noneMatch(p -> p.contains("|hex") || p.contains("|base"));
        // the key search itself: every key of 10,000 random 32-byte values stops at once
        TextCodecs.Decoded none = null;
        long before = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            TextCodecs.Decoded x = Xor.anyKey(new TextCodecs.Decoded("hex", 0, 64, b, TextCodecs.NOT_REWRITTEN),
                    Candidates.Kind.HEX);
            none = x != null ? x : none;
        }
        assertThat(none).isNull();
        assertThat((System.nanoTime() - before) / 1_000_000).as("milliseconds for 10,000").isLessThan(2_000);
    }

    // ---- lz4 ----

    static byte[] lz4(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream c = new LZ4FrameOutputStream(out)) {
            c.write(content);
        }
        return out.toByteArray();
    }

    @Test
    void anLz4FrameIsDecodedByMagicInABodyAndABase64String() throws IOException {
        byte[] frame = lz4(utf8("LOG_LEVEL=info\n".repeat(20) + "token " + SECRET + "\n"));
        assertThat(decode(meta("application/octet-stream", null), frame).ok().views())
                .containsExactly(Map.entry("body|lz4", "LOG_LEVEL=info\n".repeat(20) + "token " + SECRET + "\n"));
        String text = "notes.txt.lz4, base64 below:\\n\\n" + Base64.getEncoder().encodeToString(frame);
        assertThat(decode(meta("application/json", null), utf8("{\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}")).ok().views()).containsKey("json:$.messages[0].content|base64|lz4");
    }

    @Test
    void anLz4BombFailsByRatioAndACorruptFrameFailsClosed() throws IOException {
        byte[] bomb = lz4(new byte[8 << 20]);
        assertThat(bomb.length).isLessThan(80 * 1024);
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), bomb).failed();
        assertThat(f.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
        assertThat(f.limit()).contains(ViewLimits.Limit.MAX_DECOMPRESSION_RATIO);
        byte[] frame = lz4(utf8("token " + SECRET + "\n".repeat(50)));
        byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 9);
        assertThat(decode(meta("application/octet-stream", null), cut).failed().reason())
                .isEqualTo(FailReason.CORRUPT_ENCODING);
    }

    // ---- SQLite ----

    @Test
    void anSqliteDatabaseIsReadAsTheTextOfItsCells() {
        byte[] db = SqliteFixture.db("creds", List.of(new String[] {"stripe", "sk_live_" + SECRET},
                new String[] {"note", "x".repeat(6000) + " " + SECRET + " end"})); // the second spills to overflow
        Map<String, String> views = decode(meta("application/octet-stream", null), db).ok().views();
        String text = views.get("body|sqlite");
        assertThat(text).contains("CREATE TABLE creds (id integer primary key, name text, value text)")
                .contains("stripe sk_live_" + SECRET + "\n").contains(" " + SECRET + " end\n");
        String json = "{\"messages\":[{\"role\":\"user\",\"content\":\"app.db, base64 below:\\n\\n"
                + Base64.getEncoder().encodeToString(db) + "\"}]}";
        assertThat(decode(meta("application/json", null), utf8(json)).ok().views())
                .containsKey("json:$.messages[0].content|base64|sqlite");
    }

    @Test
    void aCraftedSqlitePageCannotMakeItsTextLargerThanTwiceTheFile() {
        byte[] db = SqliteFixture.db("t", List.<String[]>of(new String[] {"a", "y".repeat(400)}));
        // every cell pointer of page 2 names its one cell: 200 pointers
        int page2 = SqliteFixture.PAGE;
        int cell = (db[page2 + 8] & 0xff) << 8 | (db[page2 + 9] & 0xff);
        db[page2 + 3] = 0;
        db[page2 + 4] = (byte) 200;
        for (int k = 0; k < 200; k++) {
            db[page2 + 8 + 2 * k] = (byte) (cell >> 8);
            db[page2 + 9 + 2 * k] = (byte) cell;
        }
        byte[] text = SqliteText.text(db);
        assertThat(text.length).isLessThanOrEqualTo(2 * db.length + 1024);
        assertThat(SqliteText.text(utf8("SQLite format 3\0 but no more than that"))).isNull();
    }

    @Test
    void aRedactionInsideTheNewLayersEscalatesToBlock() throws IOException {
        String xorData = xorHex("token " + SECRET + " for the build", 0x77);
        String chars = String.join(",", SECRET.chars().mapToObj(c -> "\"" + (char) c + "\"").toList());
        Map<String, byte[]> bodies = Map.of(
                "json:$.messages[0].content|hex|xor", chat("data=" + xorData),
                "json:$.p|joined-chars", utf8("{\"p\":[" + chars + "]}"),
                "json:$.messages[0].content|base64|lz4", chat("f.lz4 " + Base64.getEncoder().encodeToString(
                        lz4(utf8("token " + SECRET + "\n")))),
                "json:$.messages[0].content|base64|sqlite", chat("app.db " + Base64.getEncoder().encodeToString(
                        SqliteFixture.db("t", List.<String[]>of(new String[] {"k", SECRET})))));
        for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
            String view = decode(meta("application/json", null), e.getValue()).ok().views().get(e.getKey());
            assertThat(view).as(e.getKey()).contains(SECRET);
            int at = view.indexOf(SECRET); // ASCII before it: a byte offset
            RewriteOutcome out = Redactor.rewrite(meta("application/json", null), ByteBuffer.wrap(e.getValue()),
                    Map.of(e.getKey(), List.of(new Span(at, at + SECRET.length(), Fixtures.REDACTED))),
                    ViewLimits.defaults());
            assertThat(out).as(e.getKey()).isInstanceOf(RewriteOutcome.CannotRewrite.class);
        }
    }

    // ---- the general misses ----

    @Test
    void anEqualsSignGluedBeforeReversedBase64IsNoPadding() {
        String reversed = new StringBuilder(Base64.getEncoder().withoutPadding()
                .encodeToString(utf8("cc: 4539526018159082 exp 04/27"))).reverse().toString();
        assertThat(reversed.length() % 4).isZero();
        assertThat(graph("x=" + reversed)).containsExactly("reversed:" + new StringBuilder(reversed).reverse());
    }

    @Test
    void aSeparatedKeywordFollowedByABlankIsRead() {
        assertThat(codes("s.s.n. .5.3.6.-.2.2.-.8.1.7.4")).containsExactly("separated:ssn 536-22-8174");
    }

    /** A minimal SQLite 3 file writer (one table, rows of text, overflow pages), so no driver is needed. */
    static final class SqliteFixture {
        static final int PAGE = 4096;

        static byte[] db(String table, List<String[]> rows) {
            List<byte[]> overflow = new ArrayList<>();
            int firstOverflow = 3;
            byte[] page1 = leaf(true, List.of(record("table", table, table, 2,
                    "CREATE TABLE " + table + " (id integer primary key, name text, value text)")), overflow, 0);
            List<byte[]> records = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                records.add(record((Object[]) rows.get(i)));
            }
            byte[] page2 = leaf(false, records, overflow, firstOverflow);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] header = new byte[100];
            System.arraycopy(utf8("SQLite format 3\0"), 0, header, 0, 16);
            header[16] = (byte) (PAGE >> 8);
            header[18] = 1;
            header[19] = 1;
            header[21] = 64;
            header[22] = 32;
            header[23] = 32;
            int pages = 2 + overflow.size();
            header[31] = (byte) pages;
            header[47] = 4;
            header[59] = 1;
            System.arraycopy(header, 0, page1, 0, 100);
            out.writeBytes(page1);
            out.writeBytes(page2);
            overflow.forEach(out::writeBytes);
            return out.toByteArray();
        }

        /** A record of text values (and one integer for sqlite_master's root page). */
        static byte[] record(Object... values) {
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
            int headerSize = types.size() + 1;
            if (headerSize > 127) {
                headerSize++;
            }
            varint(rec, headerSize);
            rec.writeBytes(types.toByteArray());
            rec.writeBytes(body.toByteArray());
            return rec.toByteArray();
        }

        /** A table leaf page of {@code records} (rowids 1, 2, ...); payloads too large spill to overflow pages. */
        static byte[] leaf(boolean first, List<byte[]> records, List<byte[]> overflow, int nextOverflowPage) {
            byte[] page = new byte[PAGE];
            int h = first ? 100 : 0;
            page[h] = 0x0d;
            page[h + 3] = (byte) (records.size() >> 8);
            page[h + 4] = (byte) records.size();
            int contentEnd = PAGE;
            int usable = PAGE;
            for (int i = 0; i < records.size(); i++) {
                byte[] rec = records.get(i);
                ByteArrayOutputStream cell = new ByteArrayOutputStream();
                varint(cell, rec.length);
                varint(cell, i + 1);
                int x = usable - 35;
                if (rec.length <= x) {
                    cell.writeBytes(rec);
                } else {
                    int m = (usable - 12) * 32 / 255 - 23;
                    int k = m + (rec.length - m) % (usable - 4);
                    int local = k <= x ? k : m;
                    cell.write(rec, 0, local);
                    int pageNo = nextOverflowPage + overflow.size();
                    cell.write(pageNo >> 24);
                    cell.write(pageNo >> 16);
                    cell.write(pageNo >> 8);
                    cell.write(pageNo);
                    for (int at = local; at < rec.length; at += usable - 4) {
                        byte[] o = new byte[PAGE];
                        int n = Math.min(usable - 4, rec.length - at);
                        int next = at + n < rec.length ? nextOverflowPage + overflow.size() + 1 : 0;
                        o[0] = (byte) (next >> 24);
                        o[1] = (byte) (next >> 16);
                        o[2] = (byte) (next >> 8);
                        o[3] = (byte) next;
                        System.arraycopy(rec, at, o, 4, n);
                        overflow.add(o);
                    }
                }
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

        static void varint(ByteArrayOutputStream out, long v) {
            if (v < 0x80) {
                out.write((int) v);
                return;
            }
            ByteBuffer b = ByteBuffer.allocate(9);
            int n = 0;
            long x = v;
            byte[] groups = new byte[9];
            while (x > 0) {
                groups[n++] = (byte) (x & 0x7f);
                x >>>= 7;
            }
            for (int i = n - 1; i >= 0; i--) {
                out.write(groups[i] | (i > 0 ? 0x80 : 0));
            }
            b.clear();
        }
    }
}
