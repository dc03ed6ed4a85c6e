package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Base64 framed so that the run loop of {@link Candidates#find} does not read it as one run
 * ({@link Candidates.Kind#B64_JOINED}, view step {@code base64}):
 * <ul>
 *   <li>segments with padding between them ({@code c2tfbGl2ZV8=NDIw...}: two encodings concatenated), found by the
 *       run loop when a long run starts right after an {@code =} ({@link #paddedSegments});</li>
 *   <li>short lines ({@code c2tfbGl2\nZV80ZUMz\n...}: 4 to 12 characters a line, narrower than any encoder wraps)
 *       and YAML's {@code !!binary} scalars (indented lines), found after the scan's hint ({@link #find}).</li>
 * </ul>
 * Decoded segment by segment, concatenated ({@link #decode}); kept as any base64 layer is (text or a known file).
 * Not rewritten: a redaction there escalates to block.
 */
final class Framings {

    private static final byte[] BINARY_TAG = "!!binary".getBytes(StandardCharsets.US_ASCII);
    /** Narrowest and widest short line read; fewest lines. */
    static final int MIN_WIDTH = 4;
    static final int MAX_WIDTH = 12;
    static final int MIN_LINES = 3;
    /** Most characters read from one framed block. */
    private static final int MAX_CHARS = 1024 * 1024;

    private Framings() {
    }

    // ---- padding inside a run ----

    /**
     * The run loop met a long base64-alphabet run at {@code t[i]} right after an {@code =}: when what comes before is
     * a padded segment ({@code (4n+2) chars ==} or {@code (4n+3) chars =}, both letter cases, as base64 of text has)
     * and the run with what follows is one or more segments more, the whole is a candidate. An assignment
     * ({@code API_KEY=...}, {@code x=...}) has no such segment before its {@code =}.
     */
    static List<Candidates.Candidate> paddedSegments(byte[] t, int from, int i, int to,
            List<Candidates.Candidate> out) {
        int start = segmentStart(t, from, i);
        if (start < 0) {
            return out;
        }
        int s = start;
        while (true) { // earlier segments, each padded
            int before = segmentStart(t, from, s);
            if (before < 0) {
                break;
            }
            s = before;
        }
        int end = i;
        int segments = 1;
        while (end < to) {
            int e = end;
            while (e < to && e - end <= MAX_CHARS && Candidates.base64Value(t[e]) >= 0) {
                e++;
            }
            int p = e;
            while (p < to && p - e < 2 && t[p] == '=') {
                p++;
            }
            if (e == end || (p > e && (p - end) % 4 != 0)) {
                break;
            }
            end = p;
            segments++;
            if (p == e || p >= to || Candidates.base64Value(t[p]) < 0) {
                break;
            }
        }
        return segments < 2 ? out : Candidates.add(out, new Candidates.Candidate(s, end, Candidates.Kind.B64_JOINED));
    }

    /** The start of a padded segment ending at {@code t[i]} (just after its padding), or -1. */
    private static int segmentStart(byte[] t, int from, int i) {
        int p = i;
        while (p > from && i - p < 2 && t[p - 1] == '=') {
            p--;
        }
        if (p == i) {
            return -1;
        }
        int s = p;
        boolean upper = false;
        boolean lower = false;
        while (s > from && p - s <= MAX_CHARS && Candidates.base64Value(t[s - 1]) >= 0) {
            byte c = t[--s];
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return p - s >= 4 && (i - s) % 4 == 0 && upper && lower ? s : -1;
    }

    // ---- hex in labels, hex backwards ----

    /** Most labels joined. */
    private static final int MAX_LABELS = 64;

    /**
     * A hex run {@code t[i, j)} that looks like text's hex, followed by a {@code .} and more hex labels (a value
     * exfiltrated through DNS names, {@code 6177...5f.6964...x.exfil.net}): the labels joined, when there are two or
     * more and an even number of digits in all. The domain after them (a label with a letter after f) ends it.
     */
    static List<Candidates.Candidate> hexLabels(byte[] t, int i, int j, int to, List<Candidates.Candidate> out) {
        int end = j;
        int digits = j - i;
        int labels = 1;
        while (end < to && t[end] == '.' && labels < MAX_LABELS) {
            int k = end + 1;
            while (k < to && hex(t[k])) {
                k++;
            }
            if (k == end + 1 || (k < to && Candidates.alphabet(t[k]))) {
                break; // no label, or a word that starts with hex digits (the domain)
            }
            digits += k - end - 1;
            end = k;
            labels++;
        }
        if (labels < 2) {
            return out;
        }
        while (digits % 2 != 0 && labels > 1) { // the last label may be part of the name
            int k = end - 1;
            while (t[k] != '.') {
                k--;
            }
            digits -= end - k - 1;
            end = k;
            labels--;
        }
        return labels < 2 || digits % 2 != 0 ? out
                : Candidates.add(out, new Candidates.Candidate(i, end, Candidates.Kind.HEX_JOINED));
    }

    /** The bytes of dot-separated hex labels, or null. */
    static TextCodecs.Decoded decodeHex(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) / 2);
        int high = -1;
        for (int i = start; i < end; i++) {
            if (t[i] == '.') {
                continue;
            }
            if (!hex(t[i])) {
                return null;
            }
            int v = Character.digit(t[i], 16);
            if (high < 0) {
                high = v;
            } else {
                out.write(high << 4 | v);
                high = -1;
            }
        }
        return high >= 0 || out.size() == 0 ? null
                : new TextCodecs.Decoded("hex", start, end, out.toByteArray(), TextCodecs.NOT_REWRITTEN);
    }

    /**
     * Whether the hex run {@code t[i, j)} (an even number of digits) looks like text's hex written backwards: read from
     * its end, every pair's first digit (the byte's high nibble) is 2 to 7 for at least 7 pairs in 8 and never 0 or 1
     * more than once in 8. Only for hex runs that did not look like text forwards; a digest fails within a few pairs.
     */
    static boolean reversedHexLooksLikeText(byte[] t, int i, int j) {
        int pairs = (j - i) / 2;
        if (pairs < Candidates.MIN_HEX_PAIRS) {
            return false;
        }
        int bad = 0;
        for (int k = j - 1; k > i; k -= 2) {
            byte hi = t[k];
            if (hi < '2' || hi > '7') {
                if (++bad * 8 > pairs) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Hex written backwards, read forwards and decoded in one step ({@code |hex}): the turned digits are never a view
     * of their own (a digit-heavy hex run turned around could read as a card number).
     */
    static TextCodecs.Decoded reversedHex(byte[] t, int start, int end) {
        byte[] turned = new byte[end - start];
        for (int k = 0; k < turned.length; k++) {
            turned[k] = t[end - 1 - k];
        }
        TextCodecs.Decoded d = decodeHex(turned, 0, turned.length);
        return d == null ? null : new TextCodecs.Decoded("reversed|hex", start, end, d.bytes(), TextCodecs.NOT_REWRITTEN);
    }

    private static boolean hex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    // ---- short lines, YAML !!binary ----

    /** The short-line blocks and {@code !!binary} scalars of {@code t[from, to)}, after the hint. */
    static List<Candidates.Candidate> find(byte[] t, int from, int to, List<Candidates.Candidate> out) {
        for (int k = Sniff.indexOf(t, BINARY_TAG, from, to); k >= 0; k = Sniff.indexOf(t, BINARY_TAG, k + 1, to)) {
            out = binary(t, k + BINARY_TAG.length, to, out);
        }
        int i = from;
        while (i > 0 && i < to && t[i - 1] != '\n') {
            i++;
        }
        while (i < to) {
            int e = lineEnd(t, i, to);
            int w = alphabetLine(t, i, e);
            if (w >= MIN_WIDTH && w <= MAX_WIDTH && w % 4 == 0) {
                int lines = 1;
                int end = e;
                int next = e + 1;
                while (next < to) {
                    int ne = lineEnd(t, next, to);
                    int nw = alphabetLine(t, next, ne);
                    boolean padded = nw > 0 && ne > next + nw;
                    if (nw == w && !padded) {
                        lines++;
                        end = ne;
                        next = ne + 1;
                        continue;
                    }
                    if (nw > 0 && nw <= w && (nw % 4 == 0 || padded)) {
                        lines++;
                        end = ne; // the last line, shorter or padded
                    }
                    break;
                }
                if (lines >= MIN_LINES) {
                    out = Candidates.add(out, new Candidates.Candidate(i, trimCr(t, i, end), Candidates.Kind.B64_JOINED));
                }
                i = end < to ? end + 1 : to;
                continue;
            }
            i = e + 1;
        }
        return out;
    }

    /** After {@code !!binary}: the rest of its line, or its block ({@code |} or {@code >}) of indented lines. */
    private static List<Candidates.Candidate> binary(byte[] t, int i, int to, List<Candidates.Candidate> out) {
        int e = lineEnd(t, i, to);
        int s = i;
        while (s < e && (t[s] == ' ' || t[s] == '\t' || t[s] == '"' || t[s] == '\'')) {
            s++;
        }
        if (s < e && t[s] != '|' && t[s] != '>') {
            return Candidates.add(out, new Candidates.Candidate(s, trimCr(t, s, e), Candidates.Kind.B64_JOINED));
        }
        int start = e + 1;
        int end = start;
        int indent = -1;
        for (int line = start; line < to; ) {
            int le = lineEnd(t, line, to);
            int n = 0;
            while (line + n < le && t[line + n] == ' ') {
                n++;
            }
            if (n == 0 || (indent > 0 && n < indent) || alphabetLine(t, line + n, le) == 0 || end - start > MAX_CHARS) {
                break;
            }
            indent = indent < 0 ? n : indent;
            end = le;
            line = le + 1;
        }
        return end <= start ? out
                : Candidates.add(out, new Candidates.Candidate(start, trimCr(t, start, end), Candidates.Kind.B64_JOINED));
    }

    /** The base64 characters of the line {@code t[i, e)} when it holds only them and padding (and a CR); else 0. */
    private static int alphabetLine(byte[] t, int i, int e) {
        int n = 0;
        while (i + n < e && Candidates.base64Value(t[i + n]) >= 0) {
            n++;
        }
        int k = i + n;
        while (k < e && k - (i + n) < 2 && t[k] == '=') {
            k++;
        }
        if (k < e && t[k] == '\r') {
            k++;
        }
        return k == e ? n : 0;
    }

    private static int lineEnd(byte[] t, int i, int to) {
        while (i < to && t[i] != '\n') {
            i++;
        }
        return i;
    }

    private static int trimCr(byte[] t, int s, int e) {
        return e > s && t[e - 1] == '\r' ? e - 1 : e;
    }

    // ---- decoding ----

    /** The concatenated bytes of the framed base64 in {@code t[start, end)}, or null when a segment does not decode. */
    static TextCodecs.Decoded decode(byte[] t, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) * 3 / 4 + 3);
        StringBuilder segment = new StringBuilder();
        boolean url = false;
        for (int i = start; i <= end; i++) {
            byte c = i < end ? t[i] : (byte) '=';
            if (Candidates.base64Value(c) >= 0) {
                if (segment.length() > 0 && segment.charAt(segment.length() - 1) == '=') {
                    if (!flush(segment, url, out)) {
                        return null;
                    }
                }
                url |= c == '-' || c == '_';
                segment.append((char) c);
            } else if (c == '=') {
                segment.append('=');
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return null;
            }
        }
        if (!flush(segment, url, out)) {
            return null;
        }
        return out.size() == 0 ? null : new TextCodecs.Decoded("base64", start, end, out.toByteArray(),
                TextCodecs.NOT_REWRITTEN);
    }

    private static boolean flush(StringBuilder segment, boolean url, ByteArrayOutputStream out) {
        int n = segment.length();
        while (n > 0 && segment.charAt(n - 1) == '=') {
            n--;
        }
        if (n == 0) {
            segment.setLength(0);
            return true;
        }
        if (n % 4 == 1) {
            return false;
        }
        try {
            byte[] b = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(segment.substring(0, n));
            out.write(b, 0, b.length);
        } catch (IllegalArgumentException e) {
            return false;
        }
        segment.setLength(0);
        return true;
    }
}
