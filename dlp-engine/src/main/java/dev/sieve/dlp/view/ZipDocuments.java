package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A zip archive by what it holds: an OOXML package (DOCX, XLSX, PPTX: {@code [Content_Types].xml}) or an ODF
 * document ({@code mimetype} entry) gives one text view {@code <path>|docx} (or {@code xlsx}, {@code pptx},
 * {@code odt}, ...) of its text parts, and every other entry (media, embedded objects, anything added to the
 * package) is decoded by what it is under {@code <path>|docx:<entry>}; any other zip gives each entry under
 * {@code <path>|zip:<entry>}. The entries of a zip are one embedded layer deeper than the zip.
 *
 * <p>Text parts: DOCX body, headers, footers, comments, footnotes, endnotes (tracked deletions included);
 * XLSX cells rendered row by row (shared strings looked up, inline strings, numbers and formula results as
 * written, except that an integer is plain digits where Excel wrote it in E notation; cells tab-separated, so a
 * column header sits on the line above its values), shared strings no cell uses, and comments; PPTX slides,
 * notes and comments; ODF content.xml, styles.xml (headers and footers live there) and meta.xml, a number cell's
 * integer value beside its displayed text; for all, the document properties (docProps core/app; custom as
 * NAME: VALUE lines) and custom XML parts.
 */
final class ZipDocuments {

    private ZipDocuments() {
    }

    static Node decode(byte[] data, String path, DecodeContext ctx, int depth) throws DecodeException {
        ZipReader zip = ZipReader.open(data, path, ctx);
        String kind = kind(zip, path, ctx);
        String archiveKind = kind == null ? "zip" : kind;
        if (!zip.entries().isEmpty()) {
            ctx.checkDepth(depth + 1, path + "|" + archiveKind);
        }
        List<Node> children = new ArrayList<>();
        if (kind != null) {
            children.add(text(zip, kind, path, ctx));
        }
        for (ZipReader.Entry e : zip.entries()) {
            if (kind != null && isTextPart(kind, e.name())) {
                continue;
            }
            String entryPath = ZipReader.entryPath(path, archiveKind, e.name());
            byte[] content = zip.content(e, entryPath, ctx);
            children.add(Payloads.decode(content, entryPath, null, ctx, depth + 1));
        }
        if (kind == null) {
            children.add(Archive.names(path + "|zip", zip.metadata(), ctx));
        }
        String what = kind == null ? "a zip archive" : "a " + kind.toUpperCase(Locale.ROOT) + " document";
        return new Archive(path + "|" + archiveKind, what, children);
    }

    /** {@code docx}, {@code xlsx}, {@code pptx}, {@code ooxml}, {@code odt}, {@code ods}, {@code odp}, ... or null. */
    private static String kind(ZipReader zip, String path, DecodeContext ctx) throws DecodeException {
        boolean ooxml = false;
        ZipReader.Entry mimetype = null;
        for (ZipReader.Entry e : zip.entries()) {
            if (e.name().equals("[Content_Types].xml")) {
                ooxml = true;
            } else if (e.name().equals("mimetype") && e.size() < 256) {
                mimetype = e;
            }
        }
        if (ooxml) {
            for (ZipReader.Entry e : zip.entries()) {
                switch (e.name()) {
                    case "word/document.xml":
                        return "docx";
                    case "xl/workbook.xml":
                        return "xlsx";
                    case "ppt/presentation.xml":
                        return "pptx";
                    default:
                        break;
                }
            }
            return "ooxml";
        }
        if (mimetype != null) {
            String type = new String(zip.content(mimetype, path + "|zip:mimetype", ctx), StandardCharsets.US_ASCII).trim();
            String prefix = "application/vnd.oasis.opendocument.";
            if (type.startsWith(prefix)) {
                return switch (type.substring(prefix.length())) {
                    case "text" -> "odt";
                    case "spreadsheet" -> "ods";
                    case "presentation" -> "odp";
                    case "graphics" -> "odg";
                    default -> "odf";
                };
            }
        }
        return null;
    }

    static boolean isTextPart(String kind, String name) {
        if (name.startsWith("docProps/") && name.endsWith(".xml") || name.matches("customXml/item\\d+\\.xml")) {
            return true;
        }
        return switch (kind) {
            case "docx" -> name.matches("word/(document|header\\d*|footer\\d*|comments\\w*|footnotes|endnotes)\\.xml");
            case "xlsx" -> name.equals("xl/sharedStrings.xml") || name.matches("xl/worksheets/sheet\\d+\\.xml")
                    || name.matches("xl/comments\\d*\\.xml") || name.matches("xl/threadedComments/[^/]+\\.xml");
            case "pptx" -> name.matches("ppt/(slides|notesSlides|comments)/[^/]+\\.xml");
            case "ooxml" -> false;
            default -> name.equals("content.xml") || name.equals("styles.xml") || name.equals("meta.xml");
        };
    }

    private static boolean isProperties(String name) {
        return name.startsWith("docProps/") || name.startsWith("customXml/") || name.equals("meta.xml");
    }

    private static Node text(ZipReader zip, String kind, String path, DecodeContext ctx) throws DecodeException {
        String textPath = path + "|" + kind;
        ByteSink out = new ByteSink(ctx, textPath);
        List<String> shared = List.of();
        boolean[] used = new boolean[0];
        if (kind.equals("xlsx")) {
            for (ZipReader.Entry e : zip.entries()) {
                if (e.name().equals("xl/sharedStrings.xml")) {
                    String where = ZipReader.entryPath(path, kind, e.name());
                    shared = sharedStrings(zip.content(e, where, ctx), where);
                    used = new boolean[shared.size()];
                }
            }
        }
        for (ZipReader.Entry e : zip.entries()) {
            if (!isTextPart(kind, e.name()) || e.name().equals("xl/sharedStrings.xml")) {
                continue;
            }
            String where = ZipReader.entryPath(path, kind, e.name());
            byte[] xml = zip.content(e, where, ctx);
            if (e.name().startsWith("xl/worksheets/")) {
                sheet(xml, where, shared, used, out);
            } else if (e.name().equals("docProps/custom.xml")) {
                customProperties(xml, where, out);
            } else {
                XmlText.extract(xml, where, out, isProperties(e.name()), false);
            }
            out.write('\n');
        }
        for (int i = 0; i < shared.size(); i++) {
            if (!used[i]) {
                out.write(XmlText.utf8(shared.get(i)));
                out.write('\n');
            }
        }
        return ExtractedText.of(textPath, trimmed(out), "a " + kind.toUpperCase(Locale.ROOT) + " document", ctx);
    }

    private static byte[] trimmed(ByteSink out) {
        byte[] b = out.toByteArray();
        for (byte c : b) {
            if (c != '\n' && c != '\t' && c != ' ' && c != '\r') {
                return b;
            }
        }
        return new byte[0];
    }

    /**
     * An OOXML document's custom properties ({@code docProps/custom.xml}) as {@code NAME: VALUE} lines: a property's
     * name is an attribute ({@code <property name="MSIP_Label_..._Name"><vt:lpwstr>Confidential</vt:lpwstr>}), and
     * what it means is in the pair (a sensitivity label's level, a custom field such as a client or project name).
     */
    private static void customProperties(byte[] xml, String where, ByteSink out) throws DecodeException {
        XMLStreamReader r = null;
        try {
            r = XmlText.reader(xml);
            StringBuilder value = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("property")) {
                    String name = r.getAttributeValue(null, "name");
                    out.write(XmlText.utf8((name == null ? "" : name) + ": "));
                    value = new StringBuilder();
                } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) && value != null) {
                    value.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("property") && value != null) {
                    out.write(XmlText.utf8(value.toString().strip()));
                    out.write('\n');
                    value = null;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw XmlText.unparsable(where, e);
        } finally {
            XmlText.close(r);
        }
    }

    /** The strings of {@code xl/sharedStrings.xml}: each {@code si}'s text runs joined (phonetic runs left out). */
    private static List<String> sharedStrings(byte[] xml, String where) throws DecodeException {
        List<String> out = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            r = XmlText.reader(xml);
            StringBuilder current = null;
            int phonetic = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> current = new StringBuilder();
                        case "rPh" -> phonetic++;
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> {
                            out.add(current == null ? "" : current.toString());
                            current = null;
                        }
                        case "rPh" -> phonetic--;
                        default -> { }
                    }
                } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA)
                        && current != null && phonetic == 0) {
                    current.append(r.getText());
                }
            }
            return out;
        } catch (XMLStreamException | RuntimeException e) {
            throw XmlText.unparsable(where, e);
        } finally {
            XmlText.close(r);
        }
    }

    /**
     * A worksheet as text: per row, each cell's value followed by a tab; shared-string cells looked up (and marked
     * used), inline strings, numbers and formula results as written (an integer as plain digits, {@link
     * CellNumbers}), booleans and errors left out.
     */
    private static void sheet(byte[] xml, String where, List<String> shared, boolean[] used, ByteSink out)
            throws DecodeException {
        XMLStreamReader r = null;
        try {
            r = XmlText.reader(xml);
            String type = null;
            StringBuilder value = null;
            boolean inCell = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "c" -> {
                            inCell = true;
                            type = r.getAttributeValue(null, "t");
                            value = new StringBuilder();
                        }
                        case "f", "v", "t" -> {
                            if (value != null && value.length() > 0) {
                                value.append(' '); // a formula, then its result
                            }
                        }
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS && inCell && value != null) {
                    value.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "c" -> {
                            cell(type, value == null ? "" : value.toString().trim(), shared, used, out);
                            inCell = false;
                            value = null;
                        }
                        case "row" -> out.write('\n');
                        default -> { }
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw XmlText.unparsable(where, e);
        } finally {
            XmlText.close(r);
        }
    }

    private static void cell(String type, String value, List<String> shared, boolean[] used, ByteSink out)
            throws DecodeException {
        String text;
        if ("s".equals(type)) {
            try {
                int i = Integer.parseInt(value);
                text = i >= 0 && i < shared.size() ? shared.get(i) : "";
                if (i >= 0 && i < used.length) {
                    used[i] = true;
                }
            } catch (NumberFormatException e) {
                text = "";
            }
        } else if ("b".equals(type) || "e".equals(type)) {
            text = "";
        } else if (type == null || "n".equals(type)) {
            // A number (after its formula, if any) as the integer it holds: Excel writes 15+ digit numbers in E notation.
            int start = value.lastIndexOf(' ') + 1;
            String digits = CellNumbers.integer(value.substring(start));
            text = digits == null ? value : value.substring(0, start) + digits;
        } else {
            text = value;
        }
        out.write(XmlText.utf8(text));
        out.write('\t');
    }
}
