package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Media.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text in image metadata, as a view {@code ...|image-meta}; pixels are never scanned. */
class ImageMetaViewsTest {

    static final String PATH = "json:$.messages[0].content[0].source.data|base64";

    /** An Anthropic image block. */
    static byte[] imageBlock(String mediaType, byte[] image) {
        return utf8("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"" + mediaType + "\",\"data\":\"" + Base64.getEncoder().encodeToString(image) + "\"}}]}]}");
    }

    static Map<String, String> views(String mediaType, byte[] image) {
        Map<String, String> views = new LinkedHashMap<>(decode(meta("application/json", null), imageBlock(mediaType, image))
                .ok().views());
        views.remove("json");
        return views;
    }

    @Test
    void pngTextChunks() throws IOException {
        Map<String, byte[]> chunks = new LinkedHashMap<>();
        chunks.put("tEXt", Media.tEXt("Comment", "plain SECRET-000201"));
        chunks.put("zTXt", Media.zTXt("Description", "zipped SECRET-000202"));
        chunks.put("iTXt", Media.iTXt("Title", "unicode caf\u00e9 SECRET-000203", false));
        chunks.put("iTXt2", Media.iTXt("Author", "compressed SECRET-000204", true));
        assertThat(views("image/png", Media.png(chunks))).containsExactly(Map.entry(PATH + "|image-meta",
                "Comment: plain SECRET-000201\nDescription: zipped SECRET-000202\n"
                        + "Title: unicode caf\u00e9 SECRET-000203\nAuthor: compressed SECRET-000204\n"));
    }

    @Test
    void aPngWithoutTextGivesNoViewAndItsPixelsAreNotScanned() throws IOException {
        byte[] png = Media.png(Map.of());
        assertThat(views("image/png", png)).isEmpty();
        assertThat(decode(meta("application/octet-stream", null), png).ok().views()).containsOnlyKeys("body");
    }

    @Test
    void jpegCommentExifAndXmp() {
        Map<Integer, byte[]> segments = new LinkedHashMap<>();
        segments.put(0xe1, Media.exif(Map.of(0x010e, "desc SECRET-000210"), "user SECRET-000211"));
        segments.put(0xfe, utf8("comment SECRET-000212"));
        segments.put(0xe2, utf8("ICC_PROFILE\0ignored"));
        byte[] jpeg = Media.jpeg(segments);
        assertThat(views("image/jpeg", jpeg)).containsExactly(Map.entry(PATH + "|image-meta",
                "ImageDescription: desc SECRET-000210\nUserComment: user SECRET-000211\nComment: comment SECRET-000212\n"));
        byte[] xmp = Media.jpeg(Map.of(0xe1, Media.xmpApp1("xmp SECRET-000213")));
        assertThat(views("image/jpeg", xmp).get(PATH + "|image-meta")).contains("xmp SECRET-000213")
                .contains("CreatorTool: Demo");
    }

    @Test
    void jpegApp13IptcRecordTwoDatasetsAreFieldsAndOtherResourcesAreSkipped() {
        java.io.ByteArrayOutputStream app13 = new java.io.ByteArrayOutputStream();
        app13.writeBytes(utf8("Photoshop 3.0\0"));
        app13.writeBytes(resource(0x0409, new byte[] {1, 2, 3})); // a thumbnail resource, odd size: padded
        java.io.ByteArrayOutputStream iim = new java.io.ByteArrayOutputStream();
        iim.writeBytes(dataset(1, 90, utf8("\u001b%G")));
        iim.writeBytes(dataset(2, 120, utf8("caption SECRET-000215")));
        iim.writeBytes(dataset(2, 25, utf8("keyword caf\u00e9")));
        app13.writeBytes(resource(0x0404, iim.toByteArray()));
        byte[] jpeg = Media.jpeg(Map.of(0xed, app13.toByteArray()));
        assertThat(views("image/jpeg", jpeg)).containsExactly(Map.entry(PATH + "|image-meta",
                "IPTC 2:120: caption SECRET-000215\nIPTC 2:25: keyword caf\u00e9\n"));
        byte[] truncated = Arrays.copyOf(app13.toByteArray(), app13.size() - 10);
        assertThat(views("image/jpeg", Media.jpeg(Map.of(0xed, truncated)))).isEmpty();
    }

    /** A Photoshop image resource: 8BIM, id, empty Pascal name (padded), size, data padded to even. */
    private static byte[] resource(int id, byte[] data) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(utf8("8BIM"));
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0, 0, 0, 0, (byte) (data.length >> 8),
            (byte) data.length});
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] dataset(int record, int number, byte[] value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1c, (byte) record, (byte) number, (byte) (value.length >> 8),
            (byte) value.length});
        out.writeBytes(value);
        return out.toByteArray();
    }

    @Test
    void gifCommentAndWebpExifXmp() {
        assertThat(views("image/gif", Media.gif("gif SECRET-000220")))
                .containsExactly(Map.entry(PATH + "|image-meta", "Comment: gif SECRET-000220\n"));
        assertThat(views("image/gif", Media.gif(null))).isEmpty();
        Map<String, byte[]> chunks = new LinkedHashMap<>();
        chunks.put("EXIF", Arrays.copyOfRange(Media.exif(Map.of(0x013b, "artist SECRET-000221"), null), 6,
                Media.exif(Map.of(0x013b, "artist SECRET-000221"), null).length));
        chunks.put("XMP ", Media.xmp("webp SECRET-000222"));
        String text = views("image/webp", Media.webp(chunks)).get(PATH + "|image-meta");
        assertThat(text).startsWith("Artist: artist SECRET-000221\n").contains("webp SECRET-000222");
    }

    @Test
    void bytesLabelledAsAnImageThatAreNotOneAreScannedAsWhatTheyAre() {
        assertThat(views("image/png", utf8("not a png SECRET-000230")))
                .containsExactly(Map.entry(PATH, "not a png SECRET-000230"));
        String dataUrl = "{\"url\":\"data:image/jpeg;base64," + Base64.getEncoder().encodeToString(
                utf8("{\"k\":\"SECRET-000231\"}")) + "\"}";
        assertThat(decode(meta("application/json", null), utf8(dataUrl)).ok().views())
                .containsEntry("json:$.url|base64|json", "k\nSECRET-000231\n");
    }

    @Test
    void aDamagedImageKeepsWhatWasReadAndIsAlsoScannedRaw() throws IOException {
        byte[] png = Media.png(Map.of("tEXt", Media.tEXt("Comment", "SECRET-000240")));
        byte[] cut = Arrays.copyOf(png, png.length - 20); // breaks off inside IDAT
        Map<String, String> v = views("image/png", cut);
        assertThat(v).containsOnlyKeys(PATH + "|image-meta", PATH);
        assertThat(v.get(PATH + "|image-meta")).isEqualTo("Comment: SECRET-000240\n");
    }

    @Test
    void bytesAfterTheImageEndAreDecodedByWhatTheyAre() throws IOException {
        byte[] zip = Fixtures.zip(Map.of("a.txt", utf8("SECRET-000280")), true);
        byte[] pngZip = Media.cat(Media.png(Map.of()), zip);
        assertThat(decode(meta("image/png", null), pngZip).ok().views()).containsOnlyKeys("body", "body|image-trailer|zip:a.txt",
                "body|image-trailer|zip|names")
                .containsEntry("body|image-trailer|zip:a.txt", "SECRET-000280");
        DecodeOutcome.Failed tooDeep = decode(meta("application/json", null), imageBlock("image/png", pngZip),
                ViewLimits.defaults().withMaxBase64Depth(2)).failed();
        assertThat(tooDeep.reason()).as("the trailer is one more embedded layer").isEqualTo(FailReason.NESTING_TOO_DEEP);
        assertThat(views("image/gif", Media.cat(Media.gif(null), utf8("after SECRET-000281"))))
                .containsExactly(Map.entry(PATH + "|image-trailer", "after SECRET-000281"));
        Map<Integer, byte[]> com = Map.of(0xfe, utf8("c"));
        assertThat(views("image/jpeg", Media.cat(Media.jpeg(com), utf8("tail SECRET-000282"))))
                .containsExactly(Map.entry(PATH + "|image-meta", "Comment: c\n"),
                        Map.entry(PATH + "|image-trailer", "tail SECRET-000282"));
        assertThat(views("image/png", Media.cat(Media.png(Map.of()), new byte[16]))).as("zero padding").isEmpty();
    }

    @Test
    void aJpegCommentAfterTheScanIsRead() {
        byte[] head = Media.jpeg(Map.of());
        byte[] eoi = {(byte) 0xff, (byte) 0xd9};
        byte[] withLateComment = Media.cat(Arrays.copyOf(head, head.length - 2),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 18}, utf8("late SECRET-0283"), eoi);
        assertThat(views("image/jpeg", withLateComment))
                .containsExactly(Map.entry(PATH + "|image-meta", "Comment: late SECRET-0283\n"));
    }

    @Test
    void rawImageBodyIsScannedAsBytesAndForItsMetadata() {
        byte[] gif = Media.gif("raw SECRET-000250");
        assertThat(decode(meta("image/gif", null), gif).ok().views())
                .containsOnlyKeys("body", "body|image-meta")
                .containsEntry("body|image-meta", "Comment: raw SECRET-000250\n");
    }

    @Test
    void imageInsideAZipAndInsideADocx() throws IOException {
        byte[] png = Media.png(Map.of("tEXt", Media.tEXt("Comment", "SECRET-000260")));
        byte[] docx = Media.docx(null, null, Map.of("word/media/image1.png", png), "text");
        assertThat(decode(meta("application/octet-stream", null), docx).ok().views())
                .containsEntry("body|docx:word/media/image1.png|image-meta", "Comment: SECRET-000260\n");
    }

    @Test
    void redactionInImageMetadataEscalatesToBlock() {
        byte[] body = imageBlock("image/gif", Media.gif("SECRET-000270"));
        RewriteOutcome out = Redactor.rewrite(meta("application/json", null), java.nio.ByteBuffer.wrap(body),
                Fixtures.findSecrets(meta("application/json", null), body), ViewLimits.defaults());
        assertThat(out).isEqualTo(new RewriteOutcome.CannotRewrite(PATH + "|image-meta",
                "text extracted from image metadata cannot be written back into it"));
    }
}
