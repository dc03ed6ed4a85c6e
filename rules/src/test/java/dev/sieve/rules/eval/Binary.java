package dev.sieve.rules.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * Byte-exact containers for the evaluation corpus: DEFLATE, gzip, zlib, ZIP, tar, PNG, JPEG, GIF, PDF and minimal
 * OOXML packages, all built here so that regenerating the corpus gives the same bytes on every JDK.
 *
 * <p>Why not {@link java.util.zip.Deflater} and {@link java.util.zip.ZipOutputStream}: their output depends on the
 * zlib the JDK was built with (system zlib, zlib-ng), so the committed corpus could not be compared byte for byte
 * with a regenerated one elsewhere. The DEFLATE writer here uses one fixed-Huffman block of literals (RFC 1951,
 * 3.2.6): valid for every inflater, deterministic, and the plaintext does not survive in the compressed bytes (codes
 * are bit-packed), which is what a container test needs. Checksums come from {@link CRC32} and {@link Adler32}.
 */
final class Binary {

    private Binary() {
    }

    /** One fixed-Huffman DEFLATE block holding {@code data} as literals. */
    static byte[] deflate(byte[] data) {
        BitWriter w = new BitWriter();
        w.bits(1, 1); // BFINAL
        w.bits(1, 2); // BTYPE 01: fixed Huffman
        for (byte b : data) {
            int lit = b & 0xff;
            if (lit < 144) {
                w.huffman(0x30 + lit, 8);
            } else {
                w.huffman(0x190 + lit - 144, 9);
            }
        }
        w.huffman(0, 7); // end of block (256)
        return w.toByteArray();
    }

    /** Stored DEFLATE blocks (RFC 1951, 3.2.4; what level 0 writes): {@code data} as it is, 65,535 bytes a block. */
    static byte[] deflateStored(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        do {
            int n = Math.min(65_535, data.length - at);
            out.write(at + n == data.length ? 1 : 0); // BFINAL, BTYPE 00, padding to the byte
            out.write(n & 0xff);
            out.write(n >> 8);
            out.write(~n & 0xff);
            out.write(~n >> 8 & 0xff);
            out.write(data, at, n);
            at += n;
        } while (at < data.length);
        return out.toByteArray();
    }

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};

    /**
     * One fixed-Huffman DEFLATE block with back-references (RFC 1951, 3.2.5-3.2.6), as zlib writes short inputs: the
     * longest earlier match of 3 or more bytes within 4 KiB, found greedily, else a literal. Deterministic.
     */
    static byte[] deflateLz(byte[] data) {
        BitWriter w = new BitWriter();
        w.bits(1, 1); // BFINAL
        w.bits(1, 2); // BTYPE 01: fixed Huffman
        int i = 0;
        while (i < data.length) {
            int bestLength = 0;
            int bestDistance = 0;
            for (int from = Math.max(0, i - 4096); from < i; from++) {
                int n = 0;
                while (n < 258 && i + n < data.length && data[from + n] == data[i + n]) {
                    n++;
                }
                if (n >= 3 && n >= bestLength) {
                    bestLength = n;
                    bestDistance = i - from;
                }
            }
            if (bestLength < 3) {
                literal(w, data[i] & 0xff);
                i++;
                continue;
            }
            int code = LENGTH_BASE.length - 1;
            while (LENGTH_BASE[code] > bestLength) {
                code--;
            }
            fixedSymbol(w, 257 + code);
            w.bits(bestLength - LENGTH_BASE[code], code < 8 || code == 28 ? 0 : (code - 4) / 4);
            int d = DISTANCE_BASE.length - 1;
            while (DISTANCE_BASE[d] > bestDistance) {
                d--;
            }
            w.huffman(d, 5);
            w.bits(bestDistance - DISTANCE_BASE[d], d < 4 ? 0 : d / 2 - 1);
            i += bestLength;
        }
        fixedSymbol(w, 256);
        return w.toByteArray();
    }

    private static void literal(BitWriter w, int lit) {
        if (lit < 144) {
            w.huffman(0x30 + lit, 8);
        } else {
            w.huffman(0x190 + lit - 144, 9);
        }
    }

    private static void fixedSymbol(BitWriter w, int symbol) {
        if (symbol < 280) {
            w.huffman(symbol - 256, 7);
        } else {
            w.huffman(0xc0 + symbol - 280, 8);
        }
    }

    /** A gzip member (RFC 1952) with no name and modification time 0. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        out.writeBytes(deflate(data));
        le32(out, crc32(data));
        le32(out, data.length);
        return out.toByteArray();
    }

    /**
     * A gzip member whose header carries an extra field, an original file name and a comment (RFC 1952 FEXTRA, FNAME,
     * FCOMMENT; each left out when null; name and comment ISO-8859-1, zero-terminated).
     */
    static byte[] gzip(byte[] data, byte[] extra, String name, String comment) {
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
        out.writeBytes(deflate(data));
        le32(out, crc32(data));
        le32(out, data.length);
        return out.toByteArray();
    }

    /** A zlib stream (RFC 1950) as PNG uses it. */
    static byte[] zlib(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0x01);
        out.writeBytes(deflate(data));
        Adler32 adler = new Adler32();
        adler.update(data);
        be32(out, adler.getValue());
        return out.toByteArray();
    }

    /** A ZIP archive of {@code entries} (name to content, in order), each DEFLATEd or STORED, dated 2024-01-01. */
    static byte[] zip(Map<String, byte[]> entries, boolean deflate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int dosTime = 0;
        int dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] content = e.getValue();
            byte[] data = deflate ? deflate(content) : content;
            int method = deflate ? 8 : 0;
            long crc = crc32(content);
            int offset = out.size();
            le32(out, 0x04034b50);
            entryHeader(out, method, dosTime, dosDate, crc, data.length, content.length, name.length);
            out.writeBytes(name);
            out.writeBytes(data);
            le32(central, 0x02014b50);
            le16(central, 20); // made by
            entryHeader(central, method, dosTime, dosDate, crc, data.length, content.length, name.length);
            le16(central, 0); // comment length
            le16(central, 0); // disk
            le16(central, 0); // internal attributes
            le32(central, 0); // external attributes
            le32(central, offset);
            central.writeBytes(name);
        }
        int cdOffset = out.size();
        out.writeBytes(central.toByteArray());
        le32(out, 0x06054b50);
        le16(out, 0);
        le16(out, 0);
        le16(out, entries.size());
        le16(out, entries.size());
        le32(out, central.size());
        le32(out, cdOffset);
        le16(out, 0);
        return out.toByteArray();
    }

    /** The fields local and central ZIP headers share: version 2.0, UTF-8 names, method, time, sizes, no extra. */
    private static void entryHeader(ByteArrayOutputStream out, int method, int dosTime, int dosDate, long crc,
            int compressed, int size, int nameLength) {
        le16(out, 20);
        le16(out, 0x0800);
        le16(out, method);
        le16(out, dosTime);
        le16(out, dosDate);
        le32(out, crc);
        le32(out, compressed);
        le32(out, size);
        le16(out, nameLength);
        le16(out, 0);
    }

    /** A POSIX ustar archive of regular files, owner root, mode 0644, dated 2024-01-01. */
    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            byte[] h = new byte[512];
            put(h, 0, f.getKey());
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", f.getValue().length));
            put(h, 136, String.format("%011o", 1704067200L));
            java.util.Arrays.fill(h, 148, 156, (byte) ' ');
            h[156] = '0';
            put(h, 257, "ustar");
            put(h, 263, "00");
            put(h, 265, "root");
            put(h, 297, "root");
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            h[155] = ' ';
            out.writeBytes(h);
            out.writeBytes(f.getValue());
            out.writeBytes(new byte[(512 - f.getValue().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A PNG text chunk: {@code tEXt}, {@code iTXt} (uncompressed UTF-8) or {@code zTXt} (zlib). */
    record PngText(String kind, String keyword, String text) {
    }

    /**
     * An RGB PNG of {@code width x height} whose pixels come from {@code pixel} (0xRRGGBB by x, y), with text chunks
     * before the image data.
     */
    static byte[] png(int width, int height, java.util.function.IntBinaryOperator pixel, List<PngText> texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        be32(ihdr, width);
        be32(ihdr, height);
        ihdr.writeBytes(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        for (PngText t : texts) {
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            d.writeBytes(t.keyword().getBytes(StandardCharsets.ISO_8859_1));
            d.write(0);
            switch (t.kind()) {
                case "tEXt" -> d.writeBytes(t.text().getBytes(StandardCharsets.ISO_8859_1));
                case "zTXt" -> {
                    d.write(0);
                    d.writeBytes(zlib(t.text().getBytes(StandardCharsets.ISO_8859_1)));
                }
                case "iTXt" -> {
                    d.writeBytes(new byte[] {0, 0, 'e', 'n', 0, 0});
                    d.writeBytes(t.text().getBytes(StandardCharsets.UTF_8));
                }
                default -> throw new IllegalArgumentException("png text kind: " + t.kind());
            }
            chunk(out, t.kind(), d.toByteArray());
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0);
            for (int x = 0; x < width; x++) {
                int rgb = pixel.applyAsInt(x, y);
                raw.write(rgb >> 16 & 0xff);
                raw.write(rgb >> 8 & 0xff);
                raw.write(rgb & 0xff);
            }
        }
        chunk(out, "IDAT", zlib(raw.toByteArray()));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * A 1x1 grey baseline JPEG with an optional COM segment and an optional EXIF APP1 segment holding IFD0 ASCII
     * fields (tag to text). The Huffman tables hold only the two codes the single block needs.
     */
    static byte[] jpeg(String comment, Map<Integer, String> exif) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
        if (!exif.isEmpty()) {
            segment(out, 0xe1, exif(exif));
        }
        if (comment != null) {
            segment(out, 0xfe, comment.getBytes(StandardCharsets.UTF_8));
        }
        byte[] dqt = new byte[65];
        java.util.Arrays.fill(dqt, 1, 65, (byte) 1);
        segment(out, 0xdb, dqt);
        segment(out, 0xc0, new byte[] {8, 0, 1, 0, 1, 1, 1, 0x11, 0});
        byte[] oneCode = new byte[17 + 1];
        oneCode[1] = 1; // one code of length 1 ...
        segment(out, 0xc4, withClass(oneCode, 0x00)); // DC table 0: symbol 0 (difference category 0)
        segment(out, 0xc4, withClass(oneCode, 0x10)); // AC table 0: symbol 0x00 (end of block)
        segment(out, 0xda, new byte[] {1, 1, 0x00, 0, 63, 0});
        out.write(0x3f); // DC code 0, EOB code 0, padded with ones
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd9});
        return out.toByteArray();
    }

    /** A 1x1 GIF89a with a comment extension. */
    static byte[] gif(String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0});
        out.writeBytes(new byte[] {0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        if (comment != null) {
            out.writeBytes(new byte[] {0x21, (byte) 0xfe});
            byte[] text = comment.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < text.length; i += 255) {
                int n = Math.min(255, text.length - i);
                out.write(n);
                out.write(text, i, n);
            }
            out.write(0);
        }
        out.writeBytes(new byte[] {0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0});
        out.writeBytes(new byte[] {2, 2, 0x44, 1, 0});
        out.write(0x3b);
        return out.toByteArray();
    }

    /** A one-page PDF 1.4 showing {@code lines} in Helvetica, content stream FlateDecoded. ASCII only. */
    static byte[] pdf(List<String> lines) {
        StringBuilder content = new StringBuilder("BT /F1 9 Tf 36 760 Td 11 TL\n");
        for (String line : lines) {
            content.append('(');
            for (char c : line.toCharArray()) {
                if (c > 0x7e || c < 0x20) {
                    throw new IllegalArgumentException("pdf: only printable ASCII");
                }
                if (c == '(' || c == ')' || c == '\\') {
                    content.append('\\');
                }
                content.append(c);
            }
            content.append(") Tj T*\n");
        }
        content.append("ET\n");
        byte[] stream = zlib(content.toString().getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] offsets = new int[6];
        ascii(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
                + "/Contents 4 0 R >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"};
        for (int i = 0; i < objects.length; i++) {
            offsets[i + 1] = out.size();
            ascii(out, (i + 1) + " 0 obj\n");
            if (objects[i] == null) {
                ascii(out, "<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n");
                out.writeBytes(stream);
                ascii(out, "\nendstream\n");
            } else {
                ascii(out, objects[i] + "\n");
            }
            ascii(out, "endobj\n");
        }
        int xref = out.size();
        ascii(out, "xref\n0 6\n0000000000 65535 f \n");
        for (int i = 1; i <= 5; i++) {
            ascii(out, String.format("%010d 00000 n \n", offsets[i]));
        }
        ascii(out, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    /** OOXML packages: the smallest part set a text extractor needs. */
    enum Office { DOCX, XLSX, PPTX }

    /**
     * A minimal OOXML package showing {@code lines}: a Word paragraph per line (each split over two runs, as Word
     * does after edits), a spreadsheet row per line (shared strings), or a slide paragraph per line.
     */
    static byte[] office(Office kind, List<String> lines, java.util.function.IntUnaryOperator splitAt) {
        return office(kind, lines, splitAt, Map.of());
    }

    /** The same package with {@code extra} parts added after its own ({@code docProps/custom.xml}, say). */
    static byte[] office(Office kind, List<String> lines, java.util.function.IntUnaryOperator splitAt,
            Map<String, byte[]> extra) {
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        String ct = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        StringBuilder body = new StringBuilder();
        switch (kind) {
            case DOCX -> {
                parts.put("[Content_Types].xml", utf8(ct + override("/word/document.xml",
                        "wordprocessingml.document.main+xml") + "</Types>"));
                parts.put("_rels/.rels", utf8(rels(rel + "/officeDocument", "word/document.xml")));
                body.append("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                        + "<w:body>");
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    int cut = Math.min(line.length(), Math.max(0, splitAt.applyAsInt(line.length())));
                    body.append("<w:p><w:r><w:t xml:space=\"preserve\">").append(xml(line.substring(0, cut)))
                            .append("</w:t></w:r><w:r><w:t xml:space=\"preserve\">").append(xml(line.substring(cut)))
                            .append("</w:t></w:r></w:p>");
                }
                body.append("</w:body></w:document>");
                parts.put("word/document.xml", utf8(xmlDecl() + body));
            }
            case XLSX -> {
                parts.put("[Content_Types].xml", utf8(ct + override("/xl/workbook.xml", "spreadsheetml.sheet.main+xml")
                        + override("/xl/worksheets/sheet1.xml", "spreadsheetml.worksheet+xml")
                        + override("/xl/sharedStrings.xml", "spreadsheetml.sharedStrings+xml") + "</Types>"));
                parts.put("_rels/.rels", utf8(rels(rel + "/officeDocument", "xl/workbook.xml")));
                parts.put("xl/_rels/workbook.xml.rels", utf8(xmlDecl()
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                        + "<Relationship Id=\"rId2\" Type=\"" + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                        + "</Relationships>"));
                parts.put("xl/workbook.xml", utf8(xmlDecl()
                        + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\""
                        + rel + "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
                StringBuilder sheet = new StringBuilder(xmlDecl()
                        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                StringBuilder strings = new StringBuilder(xmlDecl()
                        + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\""
                        + lines.size() + "\" uniqueCount=\"" + lines.size() + "\">");
                for (int i = 0; i < lines.size(); i++) {
                    sheet.append("<row r=\"").append(i + 1).append("\"><c r=\"A").append(i + 1)
                            .append("\" t=\"s\"><v>").append(i).append("</v></c></row>");
                    strings.append("<si><t xml:space=\"preserve\">").append(xml(lines.get(i))).append("</t></si>");
                }
                parts.put("xl/worksheets/sheet1.xml", utf8(sheet + "</sheetData></worksheet>"));
                parts.put("xl/sharedStrings.xml", utf8(strings + "</sst>"));
            }
            case PPTX -> {
                parts.put("[Content_Types].xml", utf8(ct + override("/ppt/presentation.xml",
                        "presentationml.presentation.main+xml") + override("/ppt/slides/slide1.xml",
                        "presentationml.slide+xml") + "</Types>"));
                parts.put("_rels/.rels", utf8(rels(rel + "/officeDocument", "ppt/presentation.xml")));
                parts.put("ppt/_rels/presentation.xml.rels", utf8(rels(rel + "/slide", "slides/slide1.xml")));
                parts.put("ppt/presentation.xml", utf8(xmlDecl()
                        + "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" "
                        + "xmlns:r=\"" + rel + "\"><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId1\"/></p:sldIdLst>"
                        + "</p:presentation>"));
                body.append("<p:sld xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                        + "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"><p:cSld><p:spTree>"
                        + "<p:sp><p:txBody>");
                for (String line : lines) {
                    body.append("<a:p><a:r><a:t>").append(xml(line)).append("</a:t></a:r></a:p>");
                }
                body.append("</p:txBody></p:sp></p:spTree></p:cSld></p:sld>");
                parts.put("ppt/slides/slide1.xml", utf8(xmlDecl() + body));
            }
            default -> throw new IllegalArgumentException("office: " + kind);
        }
        parts.putAll(extra);
        return zip(parts, true);
    }

    static long crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static String override(String part, String type) {
        return "<Override PartName=\"" + part + "\" ContentType=\"application/vnd.openxmlformats-officedocument."
                + type + "\"/>";
    }

    private static String rels(String type, String target) {
        return xmlDecl() + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + type + "\" Target=\"" + target + "\"/></Relationships>";
    }

    private static String xmlDecl() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] exif(Map<Integer, String> fields) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[] {'I', 'I', 42, 0});
        le32(tiff, 8);
        int n = fields.size();
        int dataOffset = 8 + 2 + n * 12 + 4;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        le16(tiff, n);
        for (Map.Entry<Integer, String> f : new java.util.TreeMap<>(fields).entrySet()) {
            byte[] text = (f.getValue() + "\0").getBytes(StandardCharsets.ISO_8859_1);
            le16(tiff, f.getKey());
            le16(tiff, 2);
            le32(tiff, text.length);
            if (text.length <= 4) {
                byte[] inline = java.util.Arrays.copyOf(text, 4);
                tiff.writeBytes(inline);
            } else {
                le32(tiff, dataOffset + data.size());
                data.writeBytes(text);
                if (data.size() % 2 == 1) {
                    data.write(0);
                }
            }
        }
        le32(tiff, 0);
        tiff.writeBytes(data.toByteArray());
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        app1.writeBytes(tiff.toByteArray());
        return app1.toByteArray();
    }

    private static byte[] withClass(byte[] table, int tableClass) {
        byte[] t = table.clone();
        t[0] = (byte) tableClass;
        return t;
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        if (payload.length + 2 > 0xffff) {
            throw new IllegalArgumentException("jpeg segment too long");
        }
        out.write(0xff);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.writeBytes(payload);
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write(v >> 8 & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, long v) {
        le16(out, (int) (v & 0xffff));
        le16(out, (int) (v >> 16 & 0xffff));
    }

    private static void be32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >> 24 & 0xff));
        out.write((int) (v >> 16 & 0xff));
        out.write((int) (v >> 8 & 0xff));
        out.write((int) (v & 0xff));
    }

    /** LSB-first bit packing as DEFLATE wants; Huffman codes go in most significant bit first. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void bits(int value, int n) {
            for (int i = 0; i < n; i++) {
                bit(value >> i & 1);
            }
        }

        void huffman(int code, int n) {
            for (int i = n - 1; i >= 0; i--) {
                bit(code >> i & 1);
            }
        }

        private void bit(int b) {
            current |= b << used;
            if (++used == 8) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }

        byte[] toByteArray() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}
