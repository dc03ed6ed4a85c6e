package dev.sieve.dlp.view;

import java.io.ByteArrayInputStream;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The text of an XML part of a document package (OOXML, ODF, XMP), read with the JDK's StAX parser.
 *
 * <p>Why StAX and not Apache POI or Tika: both are large (POI with XMLBeans and Commons Compress, Tika with
 * dozens of parsers), read far more than text, and keep whole documents in memory as object trees. The text of
 * these formats is the character data of a few XML parts, which a streaming parser reads in bounded memory. The
 * parser is configured secure: no DTDs (so no internal entity expansion, the "billion laughs"), no external
 * entities, no external DTD or schema access; a part that declares or references an entity fails to parse and
 * the request is blocked.
 */
final class XmlText {

    /** Elements whose end is a line break: paragraphs, headings, list items, shared strings, table rows. */
    private static final Set<String> LINE_END = Set.of("p", "h", "si", "tr", "row", "li", "list-item");
    /** Elements that stand for a tab, a line break or a space. */
    private static final Set<String> TAB = Set.of("tab");
    private static final Set<String> BREAK = Set.of("br", "cr", "line-break");
    private static final Set<String> SPACE = Set.of("s");
    private static final String ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

    private XmlText() {
    }

    /**
     * Appends the character data of {@code xml} to {@code out}, a line break after every paragraph-like element.
     *
     * @param everyElement also end a line after every element with text (property lists: core.xml, meta.xml)
     * @param attributes   also append attribute values (XMP writes simple properties as attributes)
     */
    static void extract(byte[] xml, String where, ByteSink out, boolean everyElement, boolean attributes)
            throws DecodeException {
        XMLStreamReader r = null;
        try {
            r = reader(xml);
            boolean textSinceLine = false;
            // An ODF number cell's value (office:value) is exact, while its text is as displayed, large numbers in E
            // notation: the value's integer digits follow the cell's text unless that text holds them.
            String cellDigits = null;
            StringBuilder cellText = null;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = r.getLocalName();
                        if (TAB.contains(name)) {
                            out.write('\t');
                        } else if (BREAK.contains(name)) {
                            out.write('\n');
                        } else if (SPACE.contains(name)) {
                            out.write(' ');
                        } else if (name.equals("table-cell")) {
                            String value = r.getAttributeValue(ODF_OFFICE, "value");
                            cellDigits = value == null ? null : CellNumbers.integer(value);
                            cellText = cellDigits == null ? null : new StringBuilder();
                        }
                        if (attributes) {
                            for (int i = 0; i < r.getAttributeCount(); i++) {
                                String v = r.getAttributeValue(i);
                                if (!v.isBlank() && !"http://www.w3.org/XML/1998/namespace".equals(r.getAttributeNamespace(i))) {
                                    out.write(utf8(r.getAttributeLocalName(i) + ": " + v + "\n"));
                                }
                            }
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (cellDigits != null) {
                            cellText.append(r.getText());
                        }
                        if (!r.isWhiteSpace()) {
                            out.write(utf8(r.getText()));
                            textSinceLine = true;
                        } else if (textSinceLine) {
                            out.write(utf8(r.getText()));
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (cellDigits != null && r.getLocalName().equals("table-cell")) {
                            if (cellText.indexOf(cellDigits) < 0) {
                                out.write(utf8(cellDigits + "\n"));
                            }
                            cellDigits = null;
                        }
                        if (LINE_END.contains(r.getLocalName()) || (everyElement && textSinceLine)) {
                            out.write('\n');
                            textSinceLine = false;
                        }
                    }
                    default -> {
                        // comments, processing instructions: not document text
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw unparsable(where, e);
        } finally {
            close(r);
        }
    }

    static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        return factory().createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    static DecodeException unparsable(String where, Exception e) {
        return new DecodeException(FailReason.ARCHIVE_INVALID, where + ": XML part does not parse ("
                + e.getClass().getSimpleName() + "; DTDs and entities are refused)");
    }

    static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing to release for an in-memory stream
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's parser, whatever is on the classpath
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resource refused");
        });
        return f;
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
