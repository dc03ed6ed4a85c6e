package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/** Test builders for archives, documents and images, byte by byte (the formats' smallest valid forms). */
final class Media {

    private Media() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A ustar archive; a name over 100 bytes gets a GNU long-name entry, {@code pax} puts names in pax headers. */
    static byte[] tar(Map<String, byte[]> files, boolean pax) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            if (pax) {
                String rec = " path=" + name + "\n";
                int digits = 1;
                while (Integer.toString(digits + rec.length()).length() != digits) {
                    digits++;
                }
                rec = (digits + rec.length()) + rec;
                tarEntry(out, "PaxHeaders/x", 'x', utf8(rec));
                name = "short";
            } else if (name.length() > 100) {
                tarEntry(out, "././@LongLink", 'L', utf8(name + "\0"));
                name = name.substring(0, 100);
            }
            tarEntry(out, name, '0', f.getValue());
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    static void tarEntry(ByteArrayOutputStream out, String name, char type, byte[] content) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, String.format("%011o", 1704067200L));
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        out.writeBytes(h);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(b.length, 100));
    }

    private static final String W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    private static final String CT = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

    /** A DOCX: one paragraph per text, each split over two runs; a header, a comment and optional extra parts. */
    static byte[] docx(String header, String comment, Map<String, byte[]> extra, String... paragraphs)
            throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", utf8(CT));
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " + W + "><w:body>");
        for (String p : paragraphs) {
            int cut = p.length() / 2;
            body.append("<w:p><w:r><w:t xml:space=\"preserve\">").append(xml(p.substring(0, cut)))
                    .append("</w:t></w:r><w:r><w:t>").append(xml(p.substring(cut))).append("</w:t></w:r></w:p>");
        }
        parts.put("word/document.xml", utf8(body + "</w:body></w:document>"));
        if (header != null) {
            parts.put("word/header1.xml", utf8("<w:hdr " + W + "><w:p><w:r><w:t>" + xml(header) + "</w:t></w:r></w:p></w:hdr>"));
        }
        if (comment != null) {
            parts.put("word/comments.xml", utf8("<w:comments " + W + "><w:comment><w:p><w:r><w:t>" + xml(comment)
                    + "</w:t></w:r></w:p></w:comment></w:comments>"));
        }
        parts.put("word/styles.xml", utf8("<w:styles " + W + "><w:style w:styleId=\"Normal\"/></w:styles>"));
        parts.putAll(extra);
        return Fixtures.zip(parts, true);
    }

    /** An XLSX: {@code rows} of cells; a cell starting with {@code =} is a number, {@code '} an inline string. */
    static byte[] xlsx(String[][] rows) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", utf8(CT));
        parts.put("xl/workbook.xml", utf8("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"));
        StringBuilder sheet = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        StringBuilder sst = new StringBuilder("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        int shared = 0;
        for (String[] row : rows) {
            sheet.append("<row>");
            for (String cell : row) {
                if (cell.startsWith("=")) {
                    sheet.append("<c><v>").append(cell.substring(1)).append("</v></c>");
                } else if (cell.startsWith("'")) {
                    sheet.append("<c t=\"inlineStr\"><is><t>").append(xml(cell.substring(1))).append("</t></is></c>");
                } else {
                    sheet.append("<c t=\"s\"><v>").append(shared++).append("</v></c>");
                    sst.append("<si><t>").append(xml(cell)).append("</t></si>");
                }
            }
            sheet.append("</row>");
        }
        parts.put("xl/worksheets/sheet1.xml", utf8(sheet + "</sheetData></worksheet>"));
        if (shared > 0) {
            parts.put("xl/sharedStrings.xml", utf8(sst + "</sst>"));
        }
        return Fixtures.zip(parts, true);
    }

    /** A PPTX with one slide of {@code slide} lines and a notes page. */
    static byte[] pptx(String notes, String... slide) throws IOException {
        String a = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                + "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", utf8(CT));
        parts.put("ppt/presentation.xml", utf8("<p:presentation " + a + "/>"));
        StringBuilder s = new StringBuilder("<p:sld " + a + "><p:cSld><p:spTree><p:sp><p:txBody>");
        for (String line : slide) {
            s.append("<a:p><a:r><a:t>").append(xml(line)).append("</a:t></a:r></a:p>");
        }
        parts.put("ppt/slides/slide1.xml", utf8(s + "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"));
        parts.put("ppt/notesSlides/notesSlide1.xml", utf8("<p:notes " + a + "><a:p><a:r><a:t>" + xml(notes)
                + "</a:t></a:r></a:p></p:notes>"));
        return Fixtures.zip(parts, true);
    }

    /** An ODT: the mimetype entry (stored, first), content.xml paragraphs and a meta.xml title. */
    static byte[] odt(String title, String... paragraphs) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("mimetype", utf8("application/vnd.oasis.opendocument.text"));
        String ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
        StringBuilder c = new StringBuilder("<office:document-content " + ns + "><office:body><office:text>");
        for (String p : paragraphs) {
            c.append("<text:p>").append(xml(p)).append("</text:p>");
        }
        parts.put("content.xml", utf8(c + "</office:text></office:body></office:document-content>"));
        parts.put("meta.xml", utf8("<office:document-meta " + ns + "><office:meta><dc:title>" + xml(title)
                + "</dc:title></office:meta></office:document-meta>"));
        return Fixtures.zip(parts, false);
    }

    /** An ODS with one row of float cells, each {@code {office:value, displayed text}}. */
    static byte[] ods(String[]... cells) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("mimetype", utf8("application/vnd.oasis.opendocument.spreadsheet"));
        StringBuilder c = new StringBuilder("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
                + "<table:table table:name=\"Sheet1\"><table:table-row>");
        for (String[] cell : cells) {
            c.append("<table:table-cell office:value-type=\"float\" office:value=\"").append(cell[0]).append("\"><text:p>")
                    .append(xml(cell[1])).append("</text:p></table:table-cell>");
        }
        parts.put("content.xml", utf8(c + "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"));
        return Fixtures.zip(parts, false);
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---- images ----

    /** A 2x2 RGB PNG with the given chunks ({@code type} to data) before IDAT. */
    static byte[] png(Map<String, byte[]> chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", new byte[] {0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0});
        for (Map.Entry<String, byte[]> c : chunks.entrySet()) {
            chunk(out, c.getKey().substring(0, 4), c.getValue());
        }
        chunk(out, "IDAT", Fixtures.deflate(new byte[2 * 7], false));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static byte[] tEXt(String keyword, String text) {
        return cat(keyword.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0}, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] zTXt(String keyword, String text) throws IOException {
        return cat(keyword.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0},
                Fixtures.deflate(text.getBytes(StandardCharsets.ISO_8859_1), false));
    }

    static byte[] iTXt(String keyword, String text, boolean compressed) throws IOException {
        byte[] t = compressed ? Fixtures.deflate(utf8(text), false) : utf8(text);
        return cat(keyword.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, (byte) (compressed ? 1 : 0), 0},
                utf8("en"), new byte[] {0}, new byte[] {0}, t);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        be32(out, data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        be32(out, crc.getValue());
    }

    /** A JPEG head (SOI, segments, SOS, a byte of scan data, EOI): {@code segments} marker to payload. */
    static byte[] jpeg(Map<Integer, byte[]> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
        for (Map.Entry<Integer, byte[]> s : segments.entrySet()) {
            segment(out, s.getKey(), s.getValue());
        }
        segment(out, 0xdb, new byte[65]);
        segment(out, 0xda, new byte[] {1, 1, 0, 0, 63, 0});
        out.writeBytes(new byte[] {0x3f, (byte) 0xff, (byte) 0xd9});
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xff);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.writeBytes(payload);
    }

    /** An APP1 EXIF payload: big-endian TIFF, IFD0 ASCII tags, and an EXIF sub-IFD with a UserComment. */
    static byte[] exif(Map<Integer, String> ascii, String userComment) {
        ByteArrayOutputStream ifd = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int n = ascii.size() + (userComment == null ? 0 : 1);
        int dataStart = 8 + 2 + n * 12 + 4;
        int subIfd = -1;
        byte[] sub = null;
        be16(ifd, n);
        for (Map.Entry<Integer, String> f : ascii.entrySet()) {
            byte[] text = (f.getValue() + "\0").getBytes(StandardCharsets.ISO_8859_1);
            be16(ifd, f.getKey());
            be16(ifd, 2);
            be32(ifd, text.length);
            be32(ifd, dataStart + data.size());
            data.writeBytes(text);
        }
        if (userComment != null) {
            subIfd = dataStart + data.size();
            be16(ifd, 0x8769);
            be16(ifd, 4);
            be32(ifd, 1);
            be32(ifd, subIfd);
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            byte[] comment = cat(utf8("ASCII\0\0\0"), utf8(userComment));
            be16(s, 1);
            be16(s, 0x9286);
            be16(s, 7);
            be32(s, comment.length);
            be32(s, subIfd + 2 + 12 + 4);
            be32(s, 0);
            s.writeBytes(comment);
            sub = s.toByteArray();
        }
        be32(ifd, 0);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        tiff.writeBytes(ifd.toByteArray());
        tiff.writeBytes(data.toByteArray());
        if (sub != null) {
            tiff.writeBytes(sub);
        }
        return cat(new byte[] {'E', 'x', 'i', 'f', 0, 0}, tiff.toByteArray());
    }

    static byte[] xmpApp1(String description) {
        return cat(utf8("http://ns.adobe.com/xap/1.0/\0"), xmp(description));
    }

    static byte[] xmp(String description) {
        return utf8("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " xmp:CreatorTool=\"Demo\"><dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(description)
                + "</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>");
    }

    /** A 1x1 GIF89a, with a comment extension when {@code comment} is not null. */
    static byte[] gif(String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("GIF89a"));
        out.writeBytes(new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        if (comment != null) {
            out.writeBytes(new byte[] {0x21, (byte) 0xfe});
            byte[] text = utf8(comment);
            for (int i = 0; i < text.length; i += 255) {
                int n = Math.min(255, text.length - i);
                out.write(n);
                out.write(text, i, n);
            }
            out.write(0);
        }
        out.writeBytes(new byte[] {0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b});
        return out.toByteArray();
    }

    /** A WebP (RIFF) with a VP8L chunk stub and the given chunks ({@code fourcc} to data). */
    static byte[] webp(Map<String, byte[]> chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("WEBP"));
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("VP8L", new byte[] {0x2f, 0, 0, 0, 0});
        all.putAll(chunks);
        for (Map.Entry<String, byte[]> c : all.entrySet()) {
            body.writeBytes(c.getKey().getBytes(StandardCharsets.US_ASCII));
            le32(body, c.getValue().length);
            body.writeBytes(c.getValue());
            if (c.getValue().length % 2 == 1) {
                body.write(0);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("RIFF"));
        le32(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void be16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8 & 0xff);
        out.write(v & 0xff);
    }

    private static void be32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >> 24) & 0xff);
        out.write((int) (v >> 16) & 0xff);
        out.write((int) (v >> 8) & 0xff);
        out.write((int) v & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, long v) {
        out.write((int) v & 0xff);
        out.write((int) (v >> 8) & 0xff);
        out.write((int) (v >> 16) & 0xff);
        out.write((int) (v >> 24) & 0xff);
    }
}
