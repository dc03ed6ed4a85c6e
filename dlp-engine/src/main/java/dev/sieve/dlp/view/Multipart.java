package dev.sieve.dlp.view;

import dev.sieve.dlp.Finding;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/*} body (RFC 2046, CRLF line ends). Each part is transfer-decoded and then
 * decoded as an embedded file ({@link Payloads}) under {@code multipart:<name>} or
 * {@code multipart:<name>/<filename>} (unnamed parts: {@code multipart:[<index>]}); a part's file name is a view of
 * its own, {@code multipart:<name>|filename}. Rewriting
 * replaces only part contents, re-applying each part's transfer encoding; the boundary, preamble,
 * part headers and epilogue stay byte-identical.
 */
final class Multipart implements Node {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    private static final int MAX_HEADER_BLOCK = 64 * 1024;

    /** @param filename the view of the part's file name (a value can be hidden there too), or {@link Node#NONE} */
    private record Part(String path, int contentStart, int contentEnd, TransferEncoding encoding, Node filename,
                        Node node, byte[] text, String names) {
    }

    private final byte[] source;
    private final byte[] delimiter;
    private final List<Part> parts;
    /** The boundaries between consecutive text parts ({@link Boundaries}), and their view path; null without any. */
    private final Boundaries joined;
    private final String joinedPath;
    /** The parts' names and uncommon header lines ({@link #names}), a line each; null without any. */
    private final PartHeaders partHeaders;

    private Multipart(byte[] source, byte[] delimiter, List<Part> parts, Boundaries joined, String joinedPath,
                      PartHeaders partHeaders) {
        this.source = source;
        this.delimiter = delimiter;
        this.parts = parts;
        this.joined = joined;
        this.joinedPath = joinedPath;
        this.partHeaders = partHeaders;
    }

    /**
     * The view {@code multipart|part-headers}: every part's field name and the header lines that are not
     * Content-Disposition, Content-Type, Content-Transfer-Encoding or Content-Length ({@code X-Part-Auth: ...}), a
     * line each. A value sent as a field's name or in a part header of its own is scanned there; a finding is placed
     * at {@code multipart:[<index>]} (the index, not the name, which may be the value). Values decoded out of it (the
     * graph) are views too. Never rewritten: a redaction there escalates to block. One view a body, however many
     * parts, so it does not count against {@code maxViews} per part.
     */
    private record PartHeaders(String path, byte[] text, int[] starts, List<Layer> layers) {
    }

    private static PartHeaders partHeaders(List<Part> parts, DecodeContext ctx) throws DecodeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] starts = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            starts[i] = out.size();
            String names = parts.get(i).names;
            if (!names.isEmpty()) {
                out.writeBytes(names.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (out.size() == 0) {
            return null;
        }
        byte[] text = out.toByteArray();
        String path = ctx.claimView("multipart|part-headers");
        ctx.charge(text.length, path);
        List<Layer> layers = ctx.forRewrite() ? List.of() : DecodeGraph.expand(text, 0, text.length, () -> path, ctx);
        return new PartHeaders(path, text, starts, layers);
    }

    /** Headers a part always has, whose values are read elsewhere (the file name) or are protocol. */
    private static final java.util.Set<String> COMMON_PART_HEADERS = java.util.Set.of("content-disposition",
            "content-type", "content-transfer-encoding", "content-length");

    /** A part's name and its uncommon header lines, each ended by a line break; empty without any. */
    private static String names(String name, Map<String, String> headers) {
        StringBuilder out = new StringBuilder();
        if (name != null && mayHoldValue(name)) {
            out.append(name).append('\n');
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!COMMON_PART_HEADERS.contains(h.getKey())) {
                out.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Whether a field's name may be a value: 8 characters or more, and not a plain lower-case name ({@code file},
     * {@code purpose}, {@code attachment_file}, {@code user-name}): a credential, a number, an address or an id has
     * capitals, digits or other characters. So a form of ordinary names has no such view.
     */
    static boolean mayHoldValue(String name) {
        if (name.length() < 8) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < 'a' || c > 'z') && c != '_' && c != '-' && c != '.') {
                return true;
            }
        }
        return false;
    }

    static Multipart decode(byte[] src, MediaType type, DecodeContext ctx, int base64Depth) throws DecodeException {
        String boundary = type.param("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw invalid("Content-Type: " + type.essence() + " without a valid boundary parameter"
                    + " (expected: boundary of 1..70 characters)");
        }
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = concat(CRLF, dashBoundary);
        int pos;
        if (Sniff.startsWith(src, 0, dashBoundary)) {
            pos = dashBoundary.length;
        } else {
            int first = Sniff.indexOf(src, delimiter, 0, src.length);
            if (first < 0) {
                throw invalid("multipart: no opening boundary (expected: a line --<boundary>)");
            }
            pos = first + delimiter.length;
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (Sniff.startsWith(src, pos, new byte[] {'-', '-'})) {
                break; // close delimiter; the epilogue is ignored
            }
            while (pos < src.length && (src[pos] == ' ' || src[pos] == '\t')) {
                pos++;
            }
            if (!Sniff.startsWith(src, pos, CRLF)) {
                throw invalid("multipart: boundary line of part " + parts.size()
                        + " not followed by CRLF (expected: --<boundary>CRLF or --<boundary>--)");
            }
            pos += 2;
            int headersEnd;
            int contentStart;
            if (Sniff.startsWith(src, pos, CRLF)) {
                headersEnd = pos;
                contentStart = pos + 2;
            } else {
                headersEnd = Sniff.indexOf(src, CRLFCRLF, pos, Math.min(src.length, pos + MAX_HEADER_BLOCK));
                if (headersEnd < 0) {
                    throw invalid("multipart: headers of part " + parts.size()
                            + " not ended by an empty line within " + MAX_HEADER_BLOCK + " bytes");
                }
                contentStart = headersEnd + 4;
            }
            int contentEnd = Sniff.indexOf(src, delimiter, contentStart, src.length);
            if (contentEnd < 0) {
                throw invalid("multipart: part " + parts.size() + " has no closing boundary"
                        + " (expected: CRLF--<boundary> after every part and --<boundary>-- at the end)");
            }
            if (parts.size() >= ctx.limits().maxMultipartParts()) {
                throw new DecodeException(FailReason.MULTIPART_LIMIT, ViewLimits.Limit.MAX_MULTIPART_PARTS,
                        "multipart: more than "
                        + ctx.limits().maxMultipartParts() + " parts (expected: <= maxMultipartParts)");
            }
            Map<String, String> headers = headers(new String(src, pos, headersEnd - pos, StandardCharsets.UTF_8));
            parts.add(part(parts.size(), headers, src, contentStart, contentEnd, ctx, base64Depth));
            pos = contentEnd + delimiter.length;
        }
        // Consecutive text parts (form fields, text/plain parts) are joined, for a value split over parts; a file
        // or any other part between ends a run. View multipart|joined, never rewritten.
        Boundaries joined = Boundaries.ofValues();
        for (int i = 0; i < parts.size(); i++) {
            byte[] text = parts.get(i).text;
            if (text == null) {
                joined.breakRun();
            } else if (text.length >= Boundaries.MIN_VALUE) {
                joined.add(text, 0, text.length, i);
            }
        }
        PartHeaders partHeaders = partHeaders(parts, ctx);
        if (!joined.finish()) {
            return new Multipart(src, delimiter, parts, null, null, partHeaders);
        }
        String joinedPath = ctx.claimView("multipart|joined");
        ctx.charge(joined.length(), joinedPath);
        return new Multipart(src, delimiter, parts, joined, joinedPath, partHeaders);
    }

    private static Part part(int index, Map<String, String> headers, byte[] src, int start, int end,
                             DecodeContext ctx, int base64Depth) throws DecodeException {
        MediaType disposition = MediaType.parse(headers.get("content-disposition"));
        String name = disposition == null ? null : disposition.param("name");
        String filename = disposition == null ? null : filename(disposition);
        String path = "multipart:" + (name == null ? "[" + index + "]" : name) + (filename == null ? "" : "/" + filename);
        TransferEncoding encoding = TransferEncoding.of(headers.get("content-transfer-encoding"), path);
        byte[] raw = Arrays.copyOfRange(src, start, end);
        byte[] content = encoding.decode(raw, path);
        if (encoding != TransferEncoding.IDENTITY) {
            ctx.charge(content.length, path);
        }
        // The file name is scanned like any text the agent sends: multipart:<name>|filename. It cannot be rewritten.
        Node filenameView = filename == null ? Node.NONE : ExtractedText.of("multipart:"
                + (name == null ? "[" + index + "]" : name) + "|filename", filename.getBytes(StandardCharsets.UTF_8),
                "a multipart file name", ctx);
        MediaType type = MediaType.parse(headers.get("content-type"));
        Node node = Payloads.decode(content, path, type, ctx, base64Depth);
        boolean text = filename == null && (type == null || type.essence().equals("text/plain"));
        return new Part(path, start, end, encoding, filenameView, node, text ? content : null, names(name, headers));
    }

    /**
     * {@code filename*=UTF-8''...} (RFC 6266) wins over {@code filename}; a name cut into RFC 2231 continuations
     * ({@code filename*0*=UTF-8''ab; filename*1*=c%64; filename*2=ef}) is joined in order, each {@code *N*} piece
     * percent-decoded, so a value split over the pieces is scanned whole.
     */
    private static String filename(MediaType disposition) {
        String extended = disposition.param("filename*");
        if (extended == null && disposition.param("filename*0*") == null && disposition.param("filename*0") == null) {
            return disposition.param("filename");
        }
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        if (extended != null) {
            appendExtended(name, extended, true);
        } else {
            for (int n = 0; n < MAX_CONTINUATIONS; n++) {
                String encoded = disposition.param("filename*" + n + "*");
                String literal = encoded == null ? disposition.param("filename*" + n) : null;
                if (encoded == null && literal == null) {
                    break;
                }
                if (encoded != null) {
                    appendExtended(name, encoded, n == 0);
                } else {
                    name.writeBytes(literal.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return name.toString(StandardCharsets.UTF_8);
    }

    /** Continuations read at most (RFC 2231 sets no limit; a name is short). */
    private static final int MAX_CONTINUATIONS = 64;

    /** A percent-encoded piece; the first one starts with {@code charset'language'}, which is skipped. */
    private static void appendExtended(ByteArrayOutputStream out, String piece, boolean first) {
        int quote = first ? piece.indexOf("''") : -1;
        int at = quote >= 0 ? quote + 2 : first ? piece.lastIndexOf('\'') + 1 : 0;
        byte[] b = piece.substring(at).getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(UrlEncoded.decode(b, 0, b.length));
    }

    /** Header names lower-cased; folded lines joined; the first of a name wins. */
    private static Map<String, String> headers(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        String unfolded = block.replaceAll("\r\n[ \t]+", " ");
        for (String line : unfolded.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    @Override
    public void emit(ViewVisitor visitor) {
        for (Part p : parts) {
            p.filename.emit(visitor);
            p.node.emit(visitor);
        }
        if (partHeaders != null) {
            int[] starts = partHeaders.starts;
            visitor.view(partHeaders.path, ByteBuffer.wrap(partHeaders.text).asReadOnlyBuffer(), offset -> {
                int i = starts.length - 1;
                while (i > 0 && starts[i] > offset) {
                    i--;
                }
                return Optional.of(new Finding.Location("multipart:[" + i + "]", "", offset - starts[i]));
            });
            for (Layer layer : partHeaders.layers) {
                layer.emit(visitor);
            }
        }
        if (joined != null) {
            visitor.view(joinedPath, joined.content(), joined.locator(
                    i -> Optional.of(new Finding.Location(parts.get(i).path, "", 0))));
        }
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        if (joined != null && plan.has(joinedPath)) {
            throw new CannotRewriteException(joinedPath, "a value split over parts cannot be redacted in place");
        }
        if (partHeaders != null && plan.hasWithin(partHeaders.path)) {
            throw new CannotRewriteException(partHeaders.path, "a part's name or header cannot be redacted in place");
        }
        Splicer splicer = new Splicer();
        for (Part p : parts) {
            p.filename.rewrite(plan); // throws when a span is addressed to the file name
            byte[] rewritten = p.node.rewrite(plan);
            if (rewritten == null) {
                continue;
            }
            byte[] encoded = p.encoding.encode(rewritten);
            byte[] probe = concat(encoded, delimiter);
            if (Sniff.indexOf(probe, delimiter, 0, probe.length) != encoded.length) {
                throw new CannotRewriteException(p.path, "the rewritten part would contain the multipart boundary");
            }
            splicer.replace(p.contentStart, p.contentEnd, encoded);
        }
        return splicer.isEmpty() ? null : splicer.apply(source);
    }

    private static DecodeException invalid(String detail) {
        return new DecodeException(FailReason.MULTIPART_INVALID, detail);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
