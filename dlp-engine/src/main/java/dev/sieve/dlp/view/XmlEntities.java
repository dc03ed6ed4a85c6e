package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An XML document's internal general entities expanded, so that a value assembled from them is seen whole:
 * {@code <!DOCTYPE c [<!ENTITY p "sk_live_IJ..."><!ENTITY q "LFl...">]> <c>key: &p;&q;</c>} reads as
 * {@code <c>key: sk_live_IJ...LFl...</c>}. View step {@code |xml-entities}, found after the scan's hint (the literal
 * {@code <!ENTITY}), never rewritten (a redaction there escalates to block).
 *
 * <p>Only internal general entities whose value is a string literal are read: a parameter entity ({@code <!ENTITY %
 * ...}) and an external one ({@code SYSTEM} or {@code PUBLIC}) are skipped, and nothing is ever fetched or opened. The
 * text expanded is what follows the internal subset ({@code ]>}); the declarations themselves are in the raw view
 * already. A reference inside an entity's value is expanded down to {@value #MAX_DEPTH} levels; a reference whose
 * expansion would take the text past {@value #MAX_EXPANDED} bytes (a billion-laughs document's {@code &lol9;}) is left
 * as written and the text after it is still expanded: the size of each expansion is counted before anything is
 * written, so such a document costs a few arithmetic steps, never its expansion. Predefined entities ({@code &amp;})
 * and character references are left as written (the decoding graph's {@code html} step reads them).
 */
final class XmlEntities {

    /** Nesting of references inside entity values that is expanded. */
    static final int MAX_DEPTH = 4;
    /** Longest expanded text, in bytes. */
    static final int MAX_EXPANDED = 256 * 1024;
    /** Entities read from one internal subset at most. */
    static final int MAX_ENTITIES = 256;
    /** Text read after the internal subset at most. */
    static final int MAX_TEXT = 64 * 1024;

    private static final byte[] ENTITY = "<!ENTITY".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSET_END = "]>".getBytes(StandardCharsets.US_ASCII);

    private XmlEntities() {
    }

    /**
     * The internal subsets with entity declarations in {@code t[from, to)}: a {@link Candidates.Kind#XML_ENTITIES}
     * candidate from the first {@code <!ENTITY} to {@value #MAX_TEXT} bytes after the subset's {@code ]>}.
     */
    static List<Candidates.Candidate> find(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        int i = Sniff.indexOf(t, ENTITY, from, to);
        while (i >= 0) {
            int close = Sniff.indexOf(t, SUBSET_END, i, to);
            if (close < 0) {
                return out;
            }
            int end = (int) Math.min(to, close + 2L + MAX_TEXT);
            out = Candidates.add(out, new Candidates.Candidate(i, end, Candidates.Kind.XML_ENTITIES));
            i = Sniff.indexOf(t, ENTITY, end, to);
        }
        return out;
    }

    /** The text after the internal subset in {@code t[start, end)} with its entity references expanded, or null. */
    static TextCodecs.Decoded decode(byte[] t, int start, int end) {
        int close = Sniff.indexOf(t, SUBSET_END, start, end);
        if (close < 0) {
            return null;
        }
        Map<String, String> entities = declarations(t, start, close);
        if (entities.isEmpty()) {
            return null;
        }
        String text = new String(t, close + 2, end - close - 2, StandardCharsets.UTF_8);
        Expander x = new Expander(entities);
        String expanded = x.expand(text, 0, MAX_EXPANDED);
        if (!x.expandedAny) {
            return null;
        }
        return new TextCodecs.Decoded(Views.XML_ENTITIES_STEP, start, end, expanded.getBytes(StandardCharsets.UTF_8),
                TextCodecs.NOT_REWRITTEN);
    }

    /** The internal general entities with a literal value declared in {@code t[from, to)} (the first of a name wins). */
    static Map<String, String> declarations(byte[] t, int from, int to) {
        Map<String, String> entities = new HashMap<>();
        for (int i = Sniff.indexOf(t, ENTITY, from, to); i >= 0 && entities.size() < MAX_ENTITIES;
                i = Sniff.indexOf(t, ENTITY, i + 1, to)) {
            int k = blanks(t, i + ENTITY.length, to);
            if (k == i + ENTITY.length || k >= to || t[k] == '%') {
                continue; // no blank after the keyword, or a parameter entity
            }
            int nameStart = k;
            while (k < to && nameChar(t[k])) {
                k++;
            }
            if (k == nameStart) {
                continue;
            }
            String name = new String(t, nameStart, k - nameStart, StandardCharsets.UTF_8);
            k = blanks(t, k, to);
            if (k >= to || (t[k] != '"' && t[k] != '\'')) {
                continue; // SYSTEM or PUBLIC: external, never read
            }
            byte quote = t[k];
            int valueStart = k + 1;
            int valueEnd = valueStart;
            while (valueEnd < to && t[valueEnd] != quote) {
                valueEnd++;
            }
            if (valueEnd >= to) {
                continue;
            }
            entities.putIfAbsent(name, new String(t, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8));
            i = valueEnd;
        }
        return entities;
    }

    private static int blanks(byte[] t, int k, int to) {
        while (k < to && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\n')) {
            k++;
        }
        return k;
    }

    /** An XML name character (ASCII ones, and any byte of a non-ASCII character). */
    private static boolean nameChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-'
                || b == '.' || b == ':' || b < 0;
    }

    /** Expands references, measuring each before writing it. */
    private static final class Expander {
        private final Map<String, String> entities;
        private final Map<String, Long> sizes = new HashMap<>();
        boolean expandedAny;

        Expander(Map<String, String> entities) {
            this.entities = entities;
        }

        /** {@code s} with its references expanded ({@code depth} levels used), at most {@code budget} characters. */
        String expand(String s, int depth, long budget) {
            StringBuilder out = new StringBuilder(Math.min(s.length(), (int) Math.min(budget, 1 << 16)));
            int i = 0;
            while (i < s.length()) {
                int amp = s.indexOf('&', i);
                if (amp < 0) {
                    out.append(s, i, s.length());
                    break;
                }
                out.append(s, i, amp);
                int semi = s.indexOf(';', amp + 1);
                String value = semi < 0 || semi - amp > 64 ? null : entities.get(s.substring(amp + 1, semi));
                if (value == null || depth >= MAX_DEPTH
                        || out.length() + size(value, depth + 1) > budget) {
                    out.append('&'); // not an entity of the subset, too deep, or too large: left as written
                    i = amp + 1;
                    continue;
                }
                out.append(expand(value, depth + 1, budget - out.length()));
                expandedAny = true;
                i = semi + 1;
            }
            return out.toString();
        }

        /** The length {@code s} expands to at {@code depth} (saturating), the way {@link #expand} expands it. */
        long size(String s, int depth) {
            long n = 0;
            int i = 0;
            while (i < s.length()) {
                int amp = s.indexOf('&', i);
                if (amp < 0) {
                    n += s.length() - i;
                    break;
                }
                n += amp - i;
                int semi = s.indexOf(';', amp + 1);
                String name = semi < 0 || semi - amp > 64 ? null : s.substring(amp + 1, semi);
                String value = name == null ? null : entities.get(name);
                if (value == null || depth >= MAX_DEPTH) {
                    n++;
                    i = amp + 1;
                    continue;
                }
                String key = name + '#' + depth;
                Long known = sizes.get(key);
                if (known == null) {
                    sizes.put(key, Long.MAX_VALUE / 4); // a reference to itself is as large as can be
                    known = size(value, depth + 1);
                    sizes.put(key, known);
                }
                n = Math.min(Long.MAX_VALUE / 4, n + known);
                i = semi + 1;
            }
            return n;
        }
    }
}
