package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.AWS_ID;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wrappings that split or hide a value from the pack, found by a red team, each read as a class: a gzip header's
 * file name and comment ({@code |gzip|names}), UTF-16 text ({@code |utf16}), adjacent string literals of source
 * code ({@code |concat}), adjacent CDATA sections ({@code |cdata}) and folded lines of iCalendar, vCard and mail
 * headers ({@code |unfolded}); through the whole inspection, by both engines. Ordinary code, text and files in the
 * same wrappings give nothing.
 */
class SplitWrappingsTest {

    private static final String GITHUB_RULE = "credential.github-classic-token";
    private static final String AWS_RULE = "credential.aws-access-key-id";
    private static final String SSN_RULE = "pii.us-ssn";
    /** The sample pack's own example of a classic GitHub token (synthetic). */
    private static final String GHP = "ghp_y9ojfljoQoaF1LlqsajAIxNKu8iS2G8NPRVd";

    private static final BothEngines ENGINES = new BothEngines();

    @AfterAll
    static void close() {
        ENGINES.close();
    }


    private static RequestMeta text() {
        return meta("/upload", "Content-Type", "text/plain");
    }

    private static List<String> paths(InspectionResult r, String rule) {
        return r.findings().stream().filter(f -> f.ruleId().equals(rule)).map(Finding::viewPath).toList();
    }

    // ---- gzip header ----

    /**
     * A gzip member written by hand (the JDK writes no name): RFC 1952 header with FEXTRA, FNAME and FCOMMENT as
     * asked (null: absent), raw DEFLATE of {@code content}, CRC-32 and size.
     */
    static byte[] gzip(byte[] content, byte[] extra, String name, String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flags = (extra != null ? 4 : 0) | (name != null ? 8 : 0) | (comment != null ? 16 : 0);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, 3});
        if (extra != null) {
            out.write(extra.length & 0xff);
            out.write(extra.length >> 8);
            out.writeBytes(extra);
        }
        for (String field : new String[] {name, comment}) {
            if (field != null) {
                out.writeBytes(field.getBytes(StandardCharsets.ISO_8859_1));
                out.write(0);
            }
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        byte[] buf = new byte[content.length + 64];
        int n = deflater.deflate(buf);
        deflater.end();
        out.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(content);
        long c = crc.getValue();
        int size = content.length;
        out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), (byte) size,
            (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)});
        return out.toByteArray();
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void aTokenAsAGzipFileNameOrCommentIsFoundAfterAnExtraField(boolean hyperscan) {
        byte[] extra = new byte[300]; // FEXTRA: skipped by its length, its bytes (zeros, 'ghp_') never read as a name
        byte[] named = gzip(utf8("nothing to see\n"), extra, "backup-" + GHP + ".tar", null);
        InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "application/octet-stream"),
                named);
        assertThat(paths(r, GITHUB_RULE)).containsExactly("body|gzip|names");

        byte[] commented = gzip(utf8("nothing\n"), null, "notes.txt", "aws " + AWS_ID);
        r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "application/octet-stream"), commented);
        assertThat(paths(r, AWS_RULE)).containsExactly("body|gzip|names");
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void aGzipContentEncodingsFileNameIsScannedAndARedactionThereBlocks(boolean hyperscan) {
        byte[] body = gzip(utf8("hello"), null, "ssn " + SSN, null);
        InspectionResult r = ENGINES.inspect(hyperscan,
                meta("/upload", "Content-Type", "text/plain", "Content-Encoding",
                "gzip"), body);
        assertThat(paths(r, SSN_RULE)).containsExactly("content-encoding|gzip|names");
        assertThat(r.decision()).isEqualTo(Decision.BLOCK); // redact cannot write a gzip header back
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void anOrdinaryGzipFileNameGivesNothingAndTheContentIsStillScanned(boolean hyperscan) {
        byte[] body = gzip(utf8("employee ssn: " + SSN + "\n"), new byte[] {1, 2, 3, 4}, "report-2024.csv",
                "nightly export");
        InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "application/octet-stream"),
                body);
        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("body|gzip");
    }

    // ---- UTF-16 ----

    private static byte[] utf16(String s, Charset cs, boolean bom) {
        byte[] b = s.getBytes(cs);
        if (!bom) {
            return b;
        }
        byte[] mark = cs == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xff, (byte) 0xfe}
                : new byte[] {(byte) 0xfe, (byte) 0xff};
        byte[] out = new byte[b.length + 2];
        System.arraycopy(mark, 0, out, 0, 2);
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void utf16TextBodiesWithAndWithoutByteOrderMarkAreScannedAsText(boolean hyperscan) {
        String text = "deploy notes\r\ntoken " + GHP + "\r\n";
        for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            for (boolean bom : List.of(true, false)) {
                for (String type : List.of("text/plain; charset=utf-16", "application/octet-stream")) {
                    InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", type),
                            utf16(text, cs, bom));
                    assertThat(paths(r, GITHUB_RULE)).as(cs + " bom " + bom + " " + type)
                            .containsExactly("body|utf16");
                }
            }
        }
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void asciiTextLabelledUtf16IsStillScannedAsItIs(boolean hyperscan) {
        // no byte order mark, no zero bytes: read as UTF-16 it is CJK; the bytes as they are hold the token
        byte[] body = utf8("deploy notes: token " + GHP + " for staging\n");
        for (String charset : List.of("utf-16", "UTF-16LE", "utf-16be")) {
            InspectionResult r = ENGINES.inspect(hyperscan,
                    meta("/upload", "Content-Type", "text/plain; charset=" + charset),
                    body.length % 2 == 0 ? body : java.util.Arrays.copyOf(body, body.length + 1));
            assertThat(paths(r, GITHUB_RULE)).as(charset).containsExactly("body");
        }
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void aUtf16ZipEntryIsScanned(boolean hyperscan) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("out.log"));
            z.write(utf16("PS> Get-Secret\r\naws " + AWS_ID + "\r\n", StandardCharsets.UTF_16LE, true));
            z.closeEntry();
        }
        InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "application/zip"),
                zip.toByteArray());
        assertThat(paths(r, AWS_RULE)).containsExactly("body|zip:out.log|utf16");
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void aUtf16SsnIsRedactedAndWrittenBackAsUtf16(boolean hyperscan) {
        byte[] body = utf16("employee ssn: " + SSN + "\r\n", StandardCharsets.UTF_16LE, true);
        InspectionResult r = ENGINES.inspect(hyperscan,
                meta("/upload", "Content-Type", "text/plain; charset=utf-16le"), body);
        assertThat(paths(r, SSN_RULE)).containsExactly("body|utf16");
        assertThat(r.decision()).isEqualTo(Decision.REDACT);
        byte[] out = r.redacted().orElseThrow().body();
        String back = new String(out, StandardCharsets.UTF_16LE);
        assertThat(back).startsWith("\ufeff").contains("8174").doesNotContain(SSN);
    }

    // ---- string literals ----

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void adjacentLiteralsAreJoinedInEveryLanguagesSyntax(boolean hyperscan) {
        String a = GHP.substring(0, 9);
        String b = GHP.substring(9);
        for (String code : List.of(
                "const t = \"" + a + "\" + \"" + b + "\";",
                "t = '" + a + "' + '" + b + "'",
                "t = (\"" + a + "\"\n     \"" + b + "\")",
                "String t = \"" + a + "\" +\n        \"" + b + "\";",
                "String t = \"" + a + "\"\n        + \"" + b + "\";",
                "local t = '" + a + "' .. '" + b + "'",
                "$t = '" + a + "' . '" + b + "';",
                "export T=\"" + a + "\"'" + b + "'",
                "T=\"" + a + "\"\"" + b.substring(0, 10) + "\"\"" + b.substring(10) + "\"",
                "String t = new StringBuilder().append(\"" + a + "\").append(\"" + b + "\").toString();",
                "const t = \"" + a + "\".concat(\"" + b + "\");",
                "SELECT '" + a + "' || '" + b + "' AS t;")) {
            InspectionResult r = ENGINES.inspect(hyperscan, text(), utf8("x = 1\n" + code + "\n"));
            assertThat(paths(r, GITHUB_RULE)).as(code).containsExactly("body|concat");
            InspectionResult j = ENGINES.inspect(hyperscan, json(), utf8(message(escapeJson(code))));
            assertThat(paths(j, GITHUB_RULE)).as(code).containsExactly("json|concat");
        }
    }

    private static String escapeJson(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void aJoinedSsnCannotBeRedactedSoItBlocks(boolean hyperscan) {
        InspectionResult r = ENGINES.inspect(hyperscan, text(), utf8("ssn = \"536-22\" + \"-8174 on file\"\n"));
        assertThat(paths(r, SSN_RULE)).containsExactly("body|concat");
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void ordinaryConcatenationGivesNothing(boolean hyperscan) {
        String code = """
                String greeting = "Hello, " + name + "!";
                String sql = "SELECT id, name FROM users " + "WHERE active = 1 " + "ORDER BY name";
                print('a', 'b', 'c')
                msg = ("first part of a message "
                       "second part")
                $s = 'abc' . $x . 'def';
                sb.append("id=").append(id).append(", name=").append(name);
                SELECT first_name || ' ' || last_name FROM people;
                """;
        InspectionResult r = ENGINES.inspect(hyperscan, text(), utf8(code));
        assertThat(r.findings()).isEmpty();
        assertThat(r.decision()).isEqualTo(Decision.ALLOW);
    }

    /** A token cut in two literals at any place is found whole (every cut and quote: 78 cases, generated exhaustively). */
    @Property(tries = 100)
    void aTokenSplitIntoTwoLiteralsAtEveryPositionIsFound(@ForAll @IntRange(min = 1, max = 39) int cut,
            @ForAll boolean singleQuotes) {
        String q = singleQuotes ? "'" : "\"";
        String code = "token = " + q + GHP.substring(0, cut) + q + " + " + q + GHP.substring(cut) + q + "\n";
        InspectionResult r = ENGINES.inspect(true, text(), utf8(code));
        assertThat(paths(r, GITHUB_RULE)).as(code).containsExactly("body|concat");
    }

    // ---- CDATA ----

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void adjacentCdataSectionsAndTextAreJoined(boolean hyperscan) {
        String a = GHP.substring(0, 12);
        String b = GHP.substring(12);
        for (String xml : List.of(
                "<config><token><![CDATA[" + a + "]]><![CDATA[" + b + "]]></token></config>",
                "<config><token><![CDATA[" + a + "]]>" + b + "</token></config>",
                "<config><token>" + a + "<![CDATA[" + b + "]]></token></config>")) {
            InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "application/xml"),
                    utf8(xml));
            assertThat(paths(r, GITHUB_RULE)).as(xml).containsExactly("body|cdata");
        }
        String sample = "<doc><code><![CDATA[if (a < b && c > d) { return x; }]]></code><![CDATA[more]]></doc>";
        assertThat(ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "application/xml"),
                utf8(sample)).findings())
                .isEmpty();
    }

    /** A token cut in two CDATA sections at any place is found whole. */
    @Property(tries = 100)
    void aTokenSplitIntoTwoCdataSectionsAtEveryPositionIsFound(@ForAll @IntRange(min = 1, max = 39) int cut) {
        String xml = "<v><![CDATA[" + GHP.substring(0, cut) + "]]><![CDATA[" + GHP.substring(cut) + "]]></v>";
        InspectionResult r = ENGINES.inspect(true, meta("/upload", "Content-Type", "text/xml"), utf8(xml));
        assertThat(paths(r, GITHUB_RULE)).as(xml).containsExactly("body|cdata");
    }

    // ---- folded lines ----

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void foldedCalendarCardAndMailHeaderLinesAreUnfolded(boolean hyperscan) {
        String a = GHP.substring(0, 20);
        String b = GHP.substring(20);
        for (String doc : List.of(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDESCRIPTION:key " + a + "\r\n " + b
                        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                "BEGIN:VCARD\nVERSION:4.0\nNOTE:token " + a + "\n\t" + b + "\nEND:VCARD\n",
                "From: a@example.com\r\nSubject: token " + a + "\r\n " + b + "\r\nMIME-Version: 1.0\r\n\r\nbody\r\n")) {
            InspectionResult r = ENGINES.inspect(hyperscan, text(), utf8(doc));
            assertThat(paths(r, GITHUB_RULE)).as(doc).containsExactly("body|unfolded");
        }
        String calendar = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Team sync about the quarterly planning and\r\n"
                + "  the roadmap\r\nDESCRIPTION:Agenda: review the open items\r\n and decide\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n";
        assertThat(ENGINES.inspect(hyperscan, text(), utf8(calendar)).findings()).isEmpty();
    }

    /** A token folded at any place is found whole. */
    @Property(tries = 100)
    void aTokenFoldedAtEveryPositionIsFound(@ForAll @IntRange(min = 1, max = 39) int cut, @ForAll boolean tab) {
        String ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:" + GHP.substring(0, cut) + "\r\n"
                + (tab ? "\t" : " ") + GHP.substring(cut) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        InspectionResult r = ENGINES.inspect(true, meta("/upload", "Content-Type", "text/calendar"), utf8(ics));
        assertThat(paths(r, GITHUB_RULE)).as(ics).containsExactly("body|unfolded");
    }
}
