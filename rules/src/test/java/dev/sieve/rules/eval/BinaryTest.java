package dev.sieve.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The corpus's hand-built containers are what real readers (JDK, ImageIO, PDFBox, an XML parser) accept. */
class BinaryTest {

    private static final byte[] TEXT = "GITHUB_TOKEN=ghp_example\nline two \u00e9\u4e2d\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void deflateInflatesBackAndHidesThePlaintext() throws Exception {
        byte[] all = new byte[256 * 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        for (byte[] data : List.of(TEXT, all, new byte[0])) {
            assertInflatesTo(Binary.deflate(data), data);
        }
        assertThat(new String(Binary.deflate(TEXT), StandardCharsets.ISO_8859_1)).doesNotContain("ghp_");
    }

    @Test
    void storedAndBackReferencingStreamsInflateBack() throws Exception {
        byte[] repetitive = "password=hunter2-hunter2-hunter2 and again password=hunter2\n".repeat(90)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + i / 7);
        }
        for (byte[] data : List.of(TEXT, repetitive, big, new byte[0])) {
            assertInflatesTo(Binary.deflateStored(data), data);
            assertInflatesTo(Binary.deflateLz(data), data);
        }
        assertThat(Binary.deflateLz(repetitive).length).as("back-references are used").isLessThan(repetitive.length / 10);
    }

    /** {@code compressed} is one raw DEFLATE stream of exactly {@code data}. */
    private static void assertInflatesTo(byte[] compressed, byte[] data) throws java.util.zip.DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[data.length + 16];
            int n = inflater.inflate(out);
            assertThat(inflater.finished()).isTrue();
            assertThat(java.util.Arrays.copyOf(out, n)).isEqualTo(data);
        } finally {
            inflater.end();
        }
    }

    @Test
    void gzipAndZlibStreamsDecompress() throws IOException {
        assertThat(new GZIPInputStream(new ByteArrayInputStream(Binary.gzip(TEXT))).readAllBytes()).isEqualTo(TEXT);
        assertThat(new InflaterInputStream(new ByteArrayInputStream(Binary.zlib(TEXT))).readAllBytes()).isEqualTo(TEXT);
    }

    @Test
    void zipArchivesOpenWithTheirEntriesDeflatedOrStored() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("README.md", "hello\n".getBytes(StandardCharsets.UTF_8));
        entries.put("config/notes.txt", TEXT);
        for (boolean deflate : new boolean[] {true, false}) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Binary.zip(entries, deflate)))) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = zip.getNextEntry();
                    assertThat(entry.getName()).isEqualTo(e.getKey());
                    assertThat(entry.getMethod()).isEqualTo(deflate ? ZipEntry.DEFLATED : ZipEntry.STORED);
                    assertThat(zip.readAllBytes()).isEqualTo(e.getValue());
                }
                assertThat(zip.getNextEntry()).isNull();
            }
        }
    }

    @Test
    void tarHeadersCarryNameSizeAndAValidChecksum() {
        byte[] tar = Binary.tar(Map.of("config/notes.txt", TEXT));
        assertThat(tar.length % 512).isZero();
        assertThat(new String(tar, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("config/notes.txt");
        assertThat(Long.parseLong(new String(tar, 124, 11, StandardCharsets.US_ASCII), 8)).isEqualTo(TEXT.length);
        assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        long stored = Long.parseLong(new String(tar, 148, 6, StandardCharsets.US_ASCII), 8);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : tar[i] & 0xff;
        }
        assertThat(stored).isEqualTo(sum);
        assertThat(java.util.Arrays.copyOfRange(tar, 512, 512 + TEXT.length)).isEqualTo(TEXT);
    }

    @Test
    void imagesDecode() throws IOException {
        byte[] png = Binary.png(8, 6, (x, y) -> x << 16 | y, List.of(new Binary.PngText("tEXt", "Comment", "hello"),
                new Binary.PngText("zTXt", "Comment", "zipped"), new Binary.PngText("iTXt", "Description", "\u00e9")));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(8);
        assertThat(image.getHeight()).isEqualTo(6);
        assertThat(image.getRGB(3, 2) & 0xffffff).isEqualTo(3 << 16 | 2);
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(Binary.jpeg("a comment",
                Map.of(0x010e, "a description", 0x010f, "Cam"))));
        assertThat(jpeg.getWidth()).isEqualTo(1);
        BufferedImage gif = ImageIO.read(new ByteArrayInputStream(Binary.gif("x".repeat(600))));
        assertThat(gif.getWidth()).isEqualTo(1);
    }

    @Test
    void pdfTextExtracts() throws IOException {
        byte[] pdf = Binary.pdf(List.of("GITHUB_TOKEN=ghp_example", "(parens) and \\ backslash"));
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("GITHUB_TOKEN=ghp_example").contains("(parens) and \\ backslash");
        }
    }

    @ParameterizedTest
    @EnumSource(Binary.Office.class)
    void officePackagesAreZipsOfWellFormedXml(Binary.Office kind) throws Exception {
        byte[] doc = Binary.office(kind, List.of("first & <line>", "GITHUB_TOKEN=ghp_example"), n -> n / 2);
        StringBuilder text = new StringBuilder();
        int parts = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(doc))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                byte[] xml = zip.readAllBytes();
                var parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
                if (e.getName().matches("word/document.xml|xl/sharedStrings.xml|ppt/slides/slide1.xml")) {
                    text.append(parsed.getDocumentElement().getTextContent());
                }
                parts++;
            }
        }
        assertThat(parts).isGreaterThanOrEqualTo(3);
        assertThat(text.toString()).isEqualTo("first & <line>GITHUB_TOKEN=ghp_example");
    }
}
