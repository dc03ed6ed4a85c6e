package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Media.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Containers by magic: gzip/zlib, zip, tar, OOXML/ODF, and their bounds. */
class ContainerViewsTest {

    static final String BOUNDARY = "b0undary";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    /** A multipart upload of one file part. */
    static byte[] upload(String filename, String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n"));
        out.writeBytes(content);
        out.writeBytes(utf8("\r\n--" + BOUNDARY + "--\r\n"));
        return out.toByteArray();
    }

    /** An Anthropic message with one base64 document block. */
    static byte[] documentBlock(String mediaType, byte[] data) {
        return utf8("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"" + mediaType + "\",\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\"}}]}]}");
    }

    static Map<String, byte[]> files(String... nameContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameContent.length; i += 2) {
            m.put(nameContent[i], utf8(nameContent[i + 1]));
        }
        return m;
    }

    // ---- gzip / zlib ----

    @Test
    void gzipIsDecodedWhateverTheHeadersClaim() throws IOException {
        byte[] gz = Fixtures.gzip(utf8("token SECRET-000101\n"));
        assertThat(decode(meta("application/octet-stream", null), gz).ok().views())
                .containsExactly(Map.entry("body|gzip", "token SECRET-000101\n"));
        assertThat(decode(meta(null, null), gz).ok().views()).containsOnlyKeys("body|gzip");
        assertThat(decode(meta("text/plain", null), gz).ok().views()).containsOnlyKeys("body|gzip");
        assertThat(decode(meta("image/png", null), gz).ok().views()).containsOnlyKeys("body|gzip");
        // declared JSON too (session 36: it used to fail as invalid UTF-8, blocked but its content never read)
        assertThat(decode(meta("application/json", null), gz).ok().views()).containsOnlyKeys("body|gzip");
    }

    @Test
    void aBodyIsScannedForWhatItsMagicSaysNotWhatItsTypeClaims() throws IOException {
        byte[] zip = Fixtures.zip(files("a.txt", "SECRET-000107"), true);
        for (String type : new String[] {"application/pdf", "image/png", "text/plain", "application/x-tar"}) {
            assertThat(decode(meta(type, null), zip).ok().views()).as(type)
                    .containsExactly(Map.entry("body|zip:a.txt", "SECRET-000107"), Map.entry("body|zip|names", "a.txt\n"));
        }
        byte[] pdf = Fixtures.pdf("pdf SECRET-000108");
        assertThat(decode(meta("application/zip", null), pdf).ok().views()).containsOnlyKeys("pdf");
    }

    @Test
    void gzipFileAsMultipartPartAndBase64OfGzipInADocumentBlock() throws IOException {
        byte[] gz = Fixtures.gzip(utf8("{\"key\":\"SECRET-000102\"}"));
        assertThat(decode(meta(MULTIPART, null), upload("notes.json.gz", "application/gzip", gz)).ok().views())
                .containsExactly(Map.entry("multipart:file|filename", "notes.json.gz"),
                        Map.entry("multipart:file/notes.json.gz|gzip|json", "key\nSECRET-000102\n"));
        assertThat(decode(meta("application/json", null), documentBlock("application/gzip", gz)).ok().views())
                .containsEntry("json:$.messages[0].content[0].source.data|base64|gzip|json", "key\nSECRET-000102\n");
    }

    @Test
    void zlibIsWeakMagicTextThatLooksLikeItIsScannedRaw() throws IOException {
        byte[] zlib = Fixtures.deflate(utf8("zlib SECRET-000103"), false);
        assertThat(decode(meta("application/octet-stream", null), zlib).ok().views())
                .containsExactly(Map.entry("body|zlib", "zlib SECRET-000103"));
        // "x^" opens a valid zlib header; this text is not zlib and is scanned as what it is
        assertThat(decode(meta("text/plain", null), utf8("x^2 + y^2 = SECRET-000104")).ok().views())
                .containsExactly(Map.entry("body", "x^2 + y^2 = SECRET-000104"));
    }

    @Test
    void corruptGzipFailsClosed() throws IOException {
        byte[] gz = Fixtures.gzip(utf8("a".repeat(200) + " SECRET-000105"));
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length - 12);
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), truncated).failed();
        assertThat(f.reason()).isEqualTo(FailReason.CORRUPT_ENCODING);
        assertThat(f.detail()).startsWith("body|gzip: does not decode");
    }

    @Test
    void gzipBombIsRefusedByRatio() throws IOException {
        byte[] bomb = Fixtures.gzip(new byte[8 << 20]);
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), bomb).failed();
        assertThat(f.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
        assertThat(f.limit()).contains(ViewLimits.Limit.MAX_DECOMPRESSION_RATIO);
    }

    @Test
    void redactionThroughAGzipFileRecompresses() throws IOException {
        byte[] body = upload("notes.txt.gz", "application/gzip", Fixtures.gzip(utf8("note SECRET-000106 end")));
        RewriteOutcome.Rewritten r = Fixtures.redactAll(meta(MULTIPART, null), body);
        assertThat(decode(meta(MULTIPART, null), r.body()).ok().views())
                .containsExactly(Map.entry("multipart:file|filename", "notes.txt.gz"),
                        Map.entry("multipart:file/notes.txt.gz|gzip", "note [REDACTED] end"));
    }

    // ---- zip ----

    @Test
    void zipEntriesAreDecodedByWhatTheyAreStoredOrDeflated() throws IOException {
        for (boolean deflate : new boolean[] {true, false}) {
            byte[] zip = Fixtures.zip(files("README.md", "# bundle\n", "config/", "", "config/.env",
                    "API_KEY=SECRET-000110\n", "data/a.json", "{\"k\":\"SECRET-000111\"}"), deflate);
            assertThat(decode(meta(MULTIPART, null), upload("a.zip", "application/zip", zip)).ok().views())
                    .containsExactly(Map.entry("multipart:file|filename", "a.zip"),
                            Map.entry("multipart:file/a.zip|zip:README.md", "# bundle\n"),
                            Map.entry("multipart:file/a.zip|zip:config/.env", "API_KEY=SECRET-000110\n"),
                            Map.entry("multipart:file/a.zip|zip:data/a.json|json", "k\nSECRET-000111\n"),
                            Map.entry("multipart:file/a.zip|zip|names", "README.md\nconfig/\nconfig/.env\ndata/a.json\n"));
        }
    }

    /** Names and comments travel with an archive: a token used as a file name or a comment is scanned too. */
    @Test
    void zipNamesAndCommentsAreAView() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("SECRET-000113.txt");
            e.setComment("entry note SECRET-000114");
            zip.putNextEntry(e);
            zip.write(utf8("plain"));
            zip.closeEntry();
            zip.setComment("archive note SECRET-000115");
        }
        assertThat(decode(meta("application/zip", null), out.toByteArray()).ok().views())
                .containsEntry("body|zip|names", "SECRET-000113.txt\nentry note SECRET-000114\narchive note SECRET-000115\n");
    }

    @Test
    void nestedArchivesCountAgainstTheDepth() throws IOException {
        byte[] inner = Fixtures.zip(files("x.txt", "SECRET-000112"), true);
        byte[] outer = Fixtures.zip(Map.of("inner.zip", inner), true);
        assertThat(decode(meta("application/zip", null), outer).ok().views())
                .containsExactly(Map.entry("body|zip:inner.zip|zip:x.txt", "SECRET-000112"),
                        Map.entry("body|zip:inner.zip|zip|names", "x.txt\n"), Map.entry("body|zip|names", "inner.zip\n"));
        byte[] third = Fixtures.zip(Map.of("outer.zip", outer), false);
        assertThat(decode(meta("application/zip", null), third).ok().views())
                .containsOnlyKeys("body|zip:outer.zip|zip:inner.zip|zip:x.txt", "body|zip:outer.zip|zip:inner.zip|zip|names",
                        "body|zip:outer.zip|zip|names", "body|zip|names");
        byte[] fourth = Fixtures.zip(Map.of("third.zip", third), false);
        DecodeOutcome.Failed f = decode(meta("application/zip", null), fourth).failed();
        assertThat(f.reason()).isEqualTo(FailReason.NESTING_TOO_DEEP);
        assertThat(f.limit()).contains(ViewLimits.Limit.MAX_BASE64_DEPTH);
        assertThat(f.detail()).contains("maxBase64Depth 3");
        assertThat(decode(meta("application/zip", null), third, ViewLimits.defaults().withMaxBase64Depth(2)).failed().reason())
                .isEqualTo(FailReason.NESTING_TOO_DEEP);
    }

    /** A model API's base64 file is one layer a multipart upload does not spend: a zip in a zip, a DOCX in a zip. */
    @Test
    void aZipOrDocumentInAZipIsReadWhenSentAsABase64File() throws IOException {
        byte[] inner = Fixtures.zip(files("x.txt", "SECRET-000150"), true);
        byte[] docx = Media.docx(null, null, Map.of(), "SECRET-000151");
        byte[] bundle = Fixtures.zip(Map.of("inner.zip", inner, "details.docx", docx), true);
        Map<String, String> views = decode(meta("application/json", null), documentBlock("application/zip", bundle)).ok().views();
        assertThat(views).containsEntry("json:$.messages[0].content[0].source.data|base64|zip:inner.zip|zip:x.txt", "SECRET-000150")
                .containsEntry("json:$.messages[0].content[0].source.data|base64|zip:details.docx|docx", "SECRET-000151\n\n");
        byte[] deeper = Fixtures.zip(Map.of("bundle.zip", bundle), true);
        assertThat(decode(meta("application/json", null), documentBlock("application/zip", deeper)).failed().reason())
                .isEqualTo(FailReason.NESTING_TOO_DEEP);
    }

    @Test
    void zipBombByRatioIsRefused() throws IOException {
        byte[] bomb = Fixtures.zip(Map.of("zeros.bin", new byte[4 << 20]), true);
        DecodeOutcome.Failed f = decode(meta("application/octet-stream", null), bomb).failed();
        assertThat(f.reason()).isEqualTo(FailReason.DECOMPRESSION_LIMIT);
        assertThat(f.limit()).contains(ViewLimits.Limit.MAX_DECOMPRESSION_RATIO);
        assertThat(f.detail()).startsWith("body|zip:zeros.bin:");
    }

    @Test
    void tooManyEntriesAreRefusedBeforeReadingAny() throws IOException {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("f" + i, utf8("x"));
        }
        DecodeOutcome.Failed f = decode(meta("application/zip", null), Fixtures.zip(many, true),
                ViewLimits.defaults().withMaxArchiveEntries(19)).failed();
        assertThat(f.reason()).isEqualTo(FailReason.ARCHIVE_LIMIT);
        assertThat(f.detail()).isEqualTo("body: zip archive of 20 entries (expected: <= maxArchiveEntries 19)");
    }

    @Test
    void truncatedCorruptEncryptedAndOverlappingZipsFailClosed() throws IOException {
        byte[] zip = Fixtures.zip(files("a.txt", "SECRET-000113 ".repeat(20), "b.txt", "more"), true);
        byte[] truncated = java.util.Arrays.copyOf(zip, zip.length - 30);
        assertThat(decode(meta("application/zip", null), truncated).failed().reason())
                .isEqualTo(FailReason.ARCHIVE_INVALID);

        byte[] corrupt = zip.clone();
        corrupt[40] ^= 0x55; // inside a.txt's deflated data
        DecodeOutcome.Failed c = decode(meta("application/zip", null), corrupt).failed();
        assertThat(c.reason()).isEqualTo(FailReason.ARCHIVE_INVALID);
        assertThat(c.detail()).startsWith("body: zip archive entry a.txt");

        byte[] encrypted = zip.clone();
        int cd = centralDirectory(encrypted);
        encrypted[cd + 8] |= 1;
        assertThat(decode(meta("application/zip", null), encrypted).failed().detail())
                .isEqualTo("body: zip archive entry a.txt is encrypted (expected: unencrypted entries)");

        byte[] overlapping = zip.clone();
        int second = cd + 46 + 5; // the second central entry: a.txt's record is 46 bytes + its name
        System.arraycopy(overlapping, cd + 42, overlapping, second + 42, 4); // points at a.txt's local header
        assertThat(decode(meta("application/zip", null), overlapping).failed().detail())
                .isEqualTo("body: zip archive entries overlap (expected: each entry's data stored once)");
    }

    private static int centralDirectory(byte[] zip) {
        for (int i = 0; i < zip.length - 4; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                return i;
            }
        }
        throw new AssertionError("no central directory");
    }

    @Test
    void redactionInsideAnArchiveEscalatesToBlock() throws IOException {
        byte[] zip = Fixtures.zip(files("a.txt", "SECRET-000114"), true);
        byte[] body = upload("a.zip", "application/zip", zip);
        RewriteOutcome out = Redactor.rewrite(meta(MULTIPART, null), ByteBuffer.wrap(body),
                Fixtures.findSecrets(meta(MULTIPART, null), body), ViewLimits.defaults());
        assertThat(out).isEqualTo(new RewriteOutcome.CannotRewrite("multipart:file/a.zip|zip",
                "an entry of a zip archive cannot be rewritten"));
    }

    // ---- tar ----

    @Test
    void tarNamesFromUstarGnuAndPax() throws IOException {
        String longName = "deep/" + "d".repeat(120) + "/app.properties";
        byte[] tar = Media.tar(files("etc/app.properties", "db.password=SECRET-000120\n", longName, "SECRET-000121"), false);
        assertThat(decode(meta("application/x-tar", null), tar).ok().views())
                .containsExactly(Map.entry("body|tar:etc/app.properties", "db.password=SECRET-000120\n"),
                        Map.entry("body|tar:" + longName, "SECRET-000121"),
                        Map.entry("body|tar|names", "etc/app.properties\n" + longName + "\n"));
        byte[] pax = Media.tar(files("etc/pax.env", "SECRET-000122"), true);
        assertThat(decode(meta("application/octet-stream", null), pax).ok().views())
                .containsExactly(Map.entry("body|tar:etc/pax.env", "SECRET-000122"), Map.entry("body|tar|names", "etc/pax.env\n"));
    }

    @Test
    void tarGzAndTruncatedTar() throws IOException {
        byte[] tar = Media.tar(files("etc/app.properties", "SECRET-000123 ".repeat(80)), false);
        assertThat(decode(meta("application/gzip", null), Fixtures.gzip(tar)).ok().views())
                .containsExactly(Map.entry("body|gzip|tar:etc/app.properties", "SECRET-000123 ".repeat(80)),
                        Map.entry("body|gzip|tar|names", "etc/app.properties\n"));
        byte[] truncated = java.util.Arrays.copyOf(tar, 900);
        DecodeOutcome.Failed f = decode(meta("application/x-tar", null), truncated).failed();
        assertThat(f.reason()).isEqualTo(FailReason.ARCHIVE_INVALID);
        assertThat(f.detail()).startsWith("body: tar archive");
    }

    // ---- OOXML / ODF ----

    @Test
    void docxTextJoinsRunsAndReadsHeadersCommentsAndExtraEntries() throws IOException {
        byte[] docx = Media.docx("header SECRET-000130", "comment SECRET-000131",
                files("word/media/notes.txt", "smuggled SECRET-000132"), "Quarterly report", "key SECRET-000133 here");
        Map<String, String> views = decode(meta(MULTIPART, null), upload("r.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx)).ok().views();
        String text = views.get("multipart:file/r.docx|docx");
        assertThat(text).contains("Quarterly report\nkey SECRET-000133 here\n")
                .contains("header SECRET-000130").contains("comment SECRET-000131");
        assertThat(views).containsEntry("multipart:file/r.docx|docx:word/media/notes.txt", "smuggled SECRET-000132")
                .containsKey("multipart:file/r.docx|docx:word/styles.xml");
    }

    @Test
    void docxInBase64InJson() throws IOException {
        byte[] docx = Media.docx(null, null, Map.of(), "SECRET-000134");
        assertThat(decode(meta("application/json", null), documentBlock("application/vnd.openxmlformats-officedocument"
                + ".wordprocessingml.document", docx)).ok().views())
                .containsEntry("json:$.messages[0].content[0].source.data|base64|docx", "SECRET-000134\n\n");
    }

    @Test
    void xlsxRendersRowsWithSharedAndInlineStrings() throws IOException {
        byte[] xlsx = Media.xlsx(new String[][] {{"name", "ssn", "score"}, {"Jane", "'SECRET-000140", "=42.5"}});
        assertThat(decode(meta("application/octet-stream", null), xlsx).ok().views())
                .containsEntry("body|xlsx", "name\tssn\tscore\t\nJane\tSECRET-000140\t42.5\t\n\n");
    }

    @Test
    void xlsxOfNumbersOnlyHasNothingButNumbers() throws IOException {
        byte[] xlsx = Media.xlsx(new String[][] {{"=1", "=2.5"}, {"=3", "=-4"}});
        Map<String, String> views = decode(meta("application/octet-stream", null), xlsx).ok().views();
        assertThat(views.get("body|xlsx")).isEqualTo("1\t2.5\t\n3\t-4\t\n\n");
        assertThat(views.values()).noneMatch(v -> Fixtures.SECRET.matcher(v).find());
    }

    /** {@code body} (15 digits) and its Luhn check digit: a synthetic card number. */
    private static String luhn(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return body + (10 - sum % 10) % 10;
    }

    @Test
    void xlsxNumbersInENotationAreTheirIntegerDigits() throws IOException {
        String card = luhn("453952601815908");
        String sci = card.charAt(0) + "." + card.substring(1) + "E+15";
        byte[] xlsx = Media.xlsx(new String[][] {{"=" + sci, "=5.29123456E+8", "=4.5395260181590801E+15"},
                {"=1.5E-3", "=2.5E+0", "=1E+400", "=12345678901234567890E+0"}});
        assertThat(decode(meta("application/octet-stream", null), xlsx).ok().views().get("body|xlsx"))
                .isEqualTo(card + "\t529123456\t4539526018159080\t\n1.5E-3\t2.5E+0\t1E+400\t12345678901234567890E+0\t\n\n");
    }

    @Test
    void odsNumberCellsAddTheIntegerTheirDisplayedTextHides() throws IOException {
        String card = luhn("453952601815908");
        String shown = card.charAt(0) + "." + card.substring(1) + "E+015";
        byte[] ods = Media.ods(new String[] {card, shown}, new String[] {"529123456", "529123456"}, new String[] {"0.25", "25%"});
        assertThat(decode(meta("application/octet-stream", null), ods).ok().views().get("body|ods"))
                .isEqualTo(shown + "\n" + card + "\n529123456\n25%\n\n");
    }

    @Test
    void pptxSlidesAndNotes() throws IOException {
        byte[] pptx = Media.pptx("speaker note SECRET-000150", "Title", "bullet SECRET-000151");
        assertThat(decode(meta("application/octet-stream", null), pptx).ok().views().get("body|pptx"))
                .contains("Title\nbullet SECRET-000151\n").contains("speaker note SECRET-000150");
    }

    @Test
    void odtContentAndMeta() throws IOException {
        byte[] odt = Media.odt("title SECRET-000160", "para SECRET-000161");
        assertThat(decode(meta("application/octet-stream", null), odt).ok().views().get("body|odt"))
                .contains("para SECRET-000161\n").contains("title SECRET-000160");
    }

    @Test
    void documentXmlWithADtdOrEntityIsRefusedAndNothingExternalIsRead() throws IOException {
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("sieve-xxe", ".txt");
        java.nio.file.Files.writeString(secret, "EXTERNAL-FILE-CONTENT");
        try {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">"
                    + "<!ENTITY lol \"lol\">]><w:document xmlns:w=\"w\"><w:body><w:p><w:t>&x;&lol;</w:t></w:p></w:body>"
                    + "</w:document>";
            Map<String, byte[]> parts = files("[Content_Types].xml", "<Types/>");
            parts.put("word/document.xml", utf8(xxe));
            Fixtures.Decoded d = decode(meta("application/octet-stream", null), Fixtures.zip(parts, true));
            DecodeOutcome.Failed f = d.failed();
            assertThat(f.reason()).isEqualTo(FailReason.ARCHIVE_INVALID);
            assertThat(f.detail()).startsWith("body|docx:word/document.xml: XML part does not parse");
            assertThat(d.views().values()).noneMatch(v -> v.contains("EXTERNAL-FILE-CONTENT"));
        } finally {
            java.nio.file.Files.delete(secret);
        }
    }

    @Test
    void customPropertiesAreNameValueLines() throws IOException {
        String custom = "<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "custom-properties\" xmlns:vt=\"vt\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\""
                + " name=\"MSIP_Label_3f8a1c2e-7b4d-4e9a-9c1f-2d6b8e0a5f71_Enabled\"><vt:lpwstr>true</vt:lpwstr></property>"
                + "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\""
                + " name=\"MSIP_Label_3f8a1c2e-7b4d-4e9a-9c1f-2d6b8e0a5f71_Name\"><vt:lpwstr> Highly Confidential </vt:lpwstr>"
                + "</property></Properties>";
        byte[] docx = Media.docx(null, null, Map.of("docProps/custom.xml", utf8(custom)), "quarterly plan");
        assertThat(decode(meta("application/octet-stream", null), docx).ok().views().get("body|docx"))
                .contains("MSIP_Label_3f8a1c2e-7b4d-4e9a-9c1f-2d6b8e0a5f71_Enabled: true\n"
                        + "MSIP_Label_3f8a1c2e-7b4d-4e9a-9c1f-2d6b8e0a5f71_Name: Highly Confidential\n")
                .doesNotContain("D5CDD505");
    }

    @Test
    void entitiesOfXmlItselfAreText() throws IOException {
        byte[] docx = Media.docx(null, null, Map.of(), "a < b & c > d SECRET-000170");
        assertThat(decode(meta("application/octet-stream", null), docx).ok().views().get("body|docx"))
                .startsWith("a < b & c > d SECRET-000170\n");
    }

    @Test
    void aValueDecodedFromADocumentsTextCannotBeRedactedEither() throws IOException {
        String b64 = java.util.Base64.getEncoder().encodeToString(utf8("the key is SECRET-000172, keep it"));
        byte[] docx = Media.docx(null, null, Map.of(), "attachment: " + b64);
        Map<String, List<Span>> spans = Fixtures.findSecrets(meta("application/octet-stream", null), docx);
        assertThat(spans).containsOnlyKeys("body|docx|base64");

        RewriteOutcome out = Redactor.rewrite(meta("application/octet-stream", null), ByteBuffer.wrap(docx), spans,
                ViewLimits.defaults());

        assertThat(out).isEqualTo(new RewriteOutcome.CannotRewrite("body|docx",
                "text extracted from a DOCX document cannot be written back into it"));
    }

    @Test
    void viewsAreTheSameForRewriting() throws IOException {
        byte[] docx = Media.docx(null, null, Map.of(), "SECRET-000171");
        RewriteOutcome out = Redactor.rewrite(meta("application/octet-stream", null), ByteBuffer.wrap(docx),
                Fixtures.findSecrets(meta("application/octet-stream", null), docx), ViewLimits.defaults());
        assertThat(out).isEqualTo(new RewriteOutcome.CannotRewrite("body|docx",
                "text extracted from a DOCX document cannot be written back into it"));
        assertThat(List.of(out)).hasSize(1);
    }
}
