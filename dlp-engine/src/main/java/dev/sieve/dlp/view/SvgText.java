package dev.sieve.dlp.view;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An SVG image (text, sniffed by its root element whatever the declared type) is scanned as it is, the raw view
 * {@code <path>} as before, and also as its text, the view {@code <path>|svg}: the character data of each
 * {@code <text>} element with its {@code <tspan>}s joined with no separator (a drawing places each piece by its own
 * coordinates, so {@code <tspan x="10">sk_live_WIeN</tspan><tspan x="70">R8zK...</tspan>} shows one word that the
 * raw bytes split with markup), then a line break; and every other element's text ({@code <title>}, {@code <desc>},
 * {@code <metadata>}'s RDF and Dublin Core values) a line each, character references resolved.
 *
 * <p>The text view is derived: it reports only what no earlier view of the request gave (a value inside one
 * {@code <tspan>} is the raw view's, and is redacted there); a value found only in it cannot be written back and
 * escalates to block. An SVG that does not parse as XML (DTDs and entities are refused, as for document parts) is
 * scanned as its raw view alone, as it was before.
 */
final class SvgText {

    /** How far into the bytes the root element is looked for (past an XML declaration, comments, a DOCTYPE). */
    static final int SNIFF_BYTES = 512;

    private SvgText() {
    }

    /**
     * Whether {@code b} starts like an SVG document: an optional UTF-8 byte order mark and white space, then any
     * XML declaration, comments and DOCTYPE, then {@code <svg} followed by a space or {@code >}, within the first
     * {@link #SNIFF_BYTES} bytes. A few byte compares unless the first non-blank byte is {@code <}.
     */
    static boolean sniff(byte[] b) {
        int end = Math.min(b.length, SNIFF_BYTES);
        int i = Sniff.startsWith(b, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}) ? 3 : 0;
        while (true) {
            while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
                i++;
            }
            if (i + 5 > end || b[i] != '<') {
                return false;
            }
            byte[] close;
            if (b[i + 1] == '?') {
                close = new byte[] {'?', '>'};
            } else if (b[i + 1] == '!' && b[i + 2] == '-' && b[i + 3] == '-') {
                close = new byte[] {'-', '-', '>'};
            } else if (b[i + 1] == '!') {
                close = new byte[] {'>'}; // a DOCTYPE without an internal subset
            } else {
                return b[i + 1] == 's' && b[i + 2] == 'v' && b[i + 3] == 'g'
                        && (b[i + 4] == ' ' || b[i + 4] == '>' || b[i + 4] == '\n' || b[i + 4] == '\r' || b[i + 4] == '\t');
            }
            int at = Sniff.indexOf(b, close, i + 2, end);
            if (at < 0) {
                return false;
            }
            i = at + close.length;
        }
    }

    /** The raw view {@code path} and, when the SVG parses and holds text, the text view {@code path|svg}. */
    static Node decode(byte[] svg, String path, DecodeContext ctx) throws DecodeException {
        Node raw = RawView.of(path, svg, ctx);
        String textPath = path + "|svg";
        ByteSink out = new ByteSink(ctx, textPath);
        if (!extract(svg, out)) {
            return raw;
        }
        return rawAndText(raw, ExtractedText.of(textPath, out.toByteArray(), "an SVG image", ctx));
    }

    /**
     * A document's raw view and its derived text view (an SVG's, an RTF's): both emitted, the raw view first; a span
     * in the text view cannot be rewritten, one in the raw view is.
     */
    static Node rawAndText(Node raw, Node text) {
        return new Node() {
            @Override
            public void emit(ViewVisitor visitor) {
                raw.emit(visitor);
                text.emit(visitor);
            }

            @Override
            public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
                text.rewrite(plan); // throws for a span in the text view
                return raw.rewrite(plan);
            }
        };
    }

    /** True when {@code svg} parsed; its text is in {@code out}. */
    private static boolean extract(byte[] svg, ByteSink out) throws DecodeException {
        XMLStreamReader r = null;
        try {
            r = XmlText.reader(svg);
            int inText = 0; // depth inside <text> elements
            boolean textSinceLine = false;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (r.getLocalName().equals("text")) {
                            inText++;
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        // inside <text>, the white space between tspans is layout: the pieces join
                        if (!r.isWhiteSpace()) {
                            out.write(XmlText.utf8(r.getText()));
                            textSinceLine = true;
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (r.getLocalName().equals("text") && inText > 0) {
                            inText--;
                        }
                        if (inText == 0 && textSinceLine) {
                            out.write('\n');
                            textSinceLine = false;
                        }
                    }
                    default -> {
                        // comments, processing instructions, the DOCTYPE: not text
                    }
                }
            }
            return true;
        } catch (XMLStreamException | RuntimeException e) {
            return false; // not well-formed, or it declares entities: the raw view is scanned as before
        } finally {
            XmlText.close(r);
        }
    }
}
