package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The pieces behind {@code |gzip|names}, {@code |utf16}, {@code |concat}, {@code |cdata} and {@code |unfolded}: a gzip
 * header read field by field, the UTF-16 test on text and on binary files full of zero bytes, and the searches for
 * what {@link Joins} joins (bounded, never before where they are asked to start).
 */
class SplitWrappingViewsTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] header(int flags, byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, 3});
        for (byte[] f : fields) {
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    // ---- gzip header ----

    @Test
    void gzipHeaderNameAndCommentAreReadAfterTheExtraField() {
        byte[] extra = {6, 0, 'A', 'B', 0, 'n', 'o', 0}; // XLEN 6: its zeros and letters are no name
        byte[] h = header(0x04 | 0x08 | 0x10, extra, ascii("caf\u00e9.txt\0"), ascii("a comment\0"), new byte[8]);
        assertThat(Compressed.headerText(h)).isEqualTo("caf\u00e9.txt\na comment\n");
        assertThat(Compressed.headerText(header(0x10, ascii("only comment\0")))).isEqualTo("only comment\n");
        assertThat(Compressed.headerText(header(0x08, ascii("name\0")))).isEqualTo("name\n");
    }

    @Test
    void gzipWithoutNameOrWithBrokenHeaderGivesNoText() throws Exception {
        ByteArrayOutputStream jdk = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(jdk)) {
            gz.write(ascii("hello"));
        }
        assertThat(Compressed.headerText(jdk.toByteArray())).isEmpty(); // the JDK writes no FNAME
        assertThat(Compressed.headerText(header(0x04, new byte[] {(byte) 0xff}))).isEmpty(); // FEXTRA cut short
        assertThat(Compressed.headerText(header(0x04 | 0x08, new byte[] {(byte) 0xff, (byte) 0xff}))).isEmpty();
        assertThat(Compressed.headerText(ascii("not a gzip header at all"))).isEmpty();
    }

    @Test
    void aLongGzipNameIsCut() {
        String name = "x".repeat(5000);
        String text = Compressed.headerText(header(0x08, ascii(name + "\0")));
        assertThat(text).hasSize(Compressed.MAX_HEADER_TEXT + 1);
    }

    // ---- UTF-16 ----

    @Test
    void utf16TextIsRecognisedWithOrWithoutAByteOrderMark() {
        String s = "Get-ChildItem -Path C:\\Users | Format-List\r\n";
        assertThat(Utf16.detect(s.getBytes(StandardCharsets.UTF_16LE), null)).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(Utf16.detect(s.getBytes(StandardCharsets.UTF_16BE), null)).isEqualTo(StandardCharsets.UTF_16BE);
        assertThat(Utf16.detect(s.getBytes(StandardCharsets.UTF_16), null)).isEqualTo(StandardCharsets.UTF_16BE);
        byte[] le = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] bom = new byte[le.length + 2];
        bom[0] = (byte) 0xff;
        bom[1] = (byte) 0xfe;
        System.arraycopy(le, 0, bom, 2, le.length);
        assertThat(Utf16.detect(bom, null)).isEqualTo(StandardCharsets.UTF_16LE);
        // non-ASCII text without a mark: the header's charset says
        byte[] greek = "\u03b1\u03b2\u03b3\u03b4\u03b5\u03b6\u03b7\u03b8".getBytes(StandardCharsets.UTF_16LE);
        assertThat(Utf16.detect(greek, null)).isNull();
        assertThat(Utf16.detect(greek, "UTF-16LE")).isEqualTo(StandardCharsets.UTF_16LE);
    }

    @Test
    void binaryFilesWithManyZeroBytesAreNoUtf16() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[256];
            random.nextBytes(b);
            for (int i = round % 2; i < b.length; i += 2) {
                b[i] = 0; // every second byte zero, the others random
            }
            assertThat(Utf16.detect(b, null)).as("round %d", round).isNull();
            assertThat(Utf16.decode(b, "body", null, null)).as("round %d", round).isNull();
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0,
            0, 0, 1, 0, 8, 6, 0, 0, 0};
        assertThat(Utf16.detect(java.util.Arrays.copyOf(png, 30), null)).isNull();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("a"));
            z.write(new byte[64]);
            z.closeEntry();
        }
        byte[] zipBytes = zip.toByteArray();
        assertThat(Utf16.detect(zipBytes.length % 2 == 0 ? zipBytes : java.util.Arrays.copyOf(zipBytes,
                zipBytes.length + 1), null)).isNull();
        assertThat(Utf16.detect(new byte[64], null)).isNull(); // zeros only: no printable half
    }

    @Test
    void aByteOrderMarkBeforeBytesThatAreNoTextIsNoLayer() throws DecodeException {
        byte[] b = new byte[64];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xfe;
        for (int i = 2; i < b.length; i += 2) {
            b[i] = 1; // U+0001 throughout: control characters
        }
        assertThat(Utf16.decode(b, "body", null, null)).isNull();
        byte[] lone = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xd8, 'a', 0}; // a lone high surrogate
        assertThat(Utf16.decode(lone, "body", null, null)).isNull();
    }

    // ---- joins ----

    private static List<Candidates.Candidate> codes(String s) {
        byte[] t = ascii(s);
        return Candidates.findCodes(t, 0, t.length);
    }

    private static String joined(String s) {
        byte[] t = ascii(s);
        List<Candidates.Candidate> found = Candidates.findCodes(t, 0, t.length);
        assertThat(found).as(s).hasSize(1);
        return new String(TextCodecs.decode(t, found.get(0)).bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void literalsAreJoinedWithTheirEscapesRead() {
        assertThat(joined("k = \"abcdefgh\" + \"ijkl\\\"mnop\";")).isEqualTo("abcdefghijkl\"mnop");
        assertThat(joined("it's here: k = 'abcdefgh' + 'ijklmnop'")).isEqualTo("abcdefghijklmnop");
        assertThat(joined("k = \"abcdefgh\"\n    \"ijklmnop\"")).isEqualTo("abcdefghijklmnop");
    }

    @Test
    void literalsApartOrTooShortOrWithCodeBetweenAreNotJoined() {
        for (String none : List.of("greeting = \"Hello, \" + name + \"!\"", "f('abc', 'def', 'ghi', 'jklmnop')",
                "k = \"abc\" + \"def\"", "k = \"abcdefgh\" + x + \"ijklmnop\"", "k = \"abcdefgh\"\n\n\n\"ijklmnop\"",
                "k = \"abcdefgh\" - \"ijklmnop\"",
                // a docstring's or text block's three quotes are not empty literals next to its text
                "def _helper():\n    \"\"\"Internal use only.\"\"\"\n    pass", "x = '''abcdefgh ijklmnop'''")) {
            assertThat(codes(none)).as(none).noneMatch(c -> c.kind() == Candidates.Kind.CONCAT);
        }
    }

    @Test
    void aJoinIsBounded() {
        StringBuilder code = new StringBuilder("k = \"x\"");
        for (int i = 0; i < 2000; i++) {
            code.append(" + \"abcdefghij\"");
        }
        String j = joined(code.toString());
        assertThat(j).hasSize(Joins.MAX_JOINED);
    }

    @Test
    void cdataPiecesAreJoinedAndALoneSectionIsNot() {
        assertThat(joined("<a><![CDATA[abc]]><![CDATA[def]]></a>")).isEqualTo("abcdef");
        assertThat(joined("<a><![CDATA[abc]]>def</a>")).isEqualTo("abcdef");
        assertThat(joined("<a>abc<![CDATA[def]]></a>")).isEqualTo("abcdef");
        assertThat(codes("<a><![CDATA[if (a < b) x();]]></a>\n<b> <![CDATA[y]]> </b>"))
                .noneMatch(c -> c.kind() == Candidates.Kind.CDATA);
    }

    @Test
    void foldsAreUnfoldedOnlyInCalendarsCardsAndMailHeaders() {
        assertThat(joined("BEGIN:VCALENDAR\r\nX:abc\r\n def\r\nEND:VCALENDAR\r\n"))
                .isEqualTo("BEGIN:VCALENDAR\r\nX:abcdef\r\nEND:VCALENDAR\r\n");
        assertThat(joined("Subject: abc\n\tdef\n\n body\n indented")).isEqualTo("Subject: abcdef\n");
        // indented code and prose: no calendar, card or mail header around it
        assertThat(codes("def f():\n    return 1\nlist:\n - a\n - b\n")).isEmpty();
        // a line folded right before a space: unfolding drops the line break and one blank, the value keeps its own
        assertThat(joined("BEGIN:VCARD\r\nNOTE:ref 1234 5678\r\n  9012\r\nEND:VCARD\r\n"))
                .isEqualTo("BEGIN:VCARD\r\nNOTE:ref 1234 5678 9012\r\nEND:VCARD\r\n");
        assertThat(joined("Subject: abc\r\n \tdef\r\n\r\nbody")).isEqualTo("Subject: abc\tdef\r\n");
    }

    /** Whatever the bytes, what is joined starts where the search starts or later, and decodes or is null. */
    @Property(tries = 500)
    void joinsStartAtOrAfterTheirSearchStart(@ForAll byte[] junk, @ForAll @IntRange(min = 0, max = 64) int from) {
        byte[] head = ascii("BEGIN:VCARD\n x \"ab\" + 'cd' <![CDATA[e]]>f\nSubject: g\n h ");
        byte[] t = new byte[head.length + junk.length];
        System.arraycopy(junk, 0, t, 0, junk.length);
        System.arraycopy(head, 0, t, junk.length, head.length);
        int start = Math.min(from, t.length);
        for (Candidates.Candidate c : Candidates.findCodes(t, start, t.length)) {
            assertThat(c.start()).isBetween(start, c.end());
            assertThat(c.end()).isLessThanOrEqualTo(t.length);
            TextCodecs.Decoded d = TextCodecs.decode(t, c);
            if (d != null) {
                assertThat(d.bytes().length).isLessThanOrEqualTo(Joins.MAX_JOINED);
            }
        }
    }
}
