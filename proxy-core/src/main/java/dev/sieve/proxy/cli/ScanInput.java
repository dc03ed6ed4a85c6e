package dev.sieve.proxy.cli;

import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.proxy.route.RequestTarget;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One thing {@code sieve scan} inspects: a saved HTTP/1.x request (its headers decide decoding) or a plain file
 * treated as a request body.
 *
 * <p>A saved request starts with a request line {@code METHOD SP target SP HTTP/1.x}; header fields follow up to
 * an empty line (CRLF or LF line ends); the rest is the body, de-chunked when {@code Transfer-Encoding: chunked},
 * with the trailer fields after its last chunk scanned like headers ({@code trailer:<name>}). {@code Content-Length}
 * is not enforced: everything after the head is scanned. An absolute-form target ({@code https://host/path?q})
 * becomes its path and query; a userinfo in it ({@code https://user:password@host/}) and a fragment in any target
 * ({@code #...}) are scanned ({@code target:userinfo}, {@code target:fragment}), as the proxy scans them before it
 * refuses such a request ({@link RequestTarget}).
 *
 * <p>A body file gets a {@code Content-Encoding} from its extension ({@code .gz}, {@code .zst}, {@code .br}) or
 * magic bytes (gzip, zstd), and {@code Content-Type: application/pdf} for {@code .pdf}; every other type is
 * left undeclared, so JSON and PDF are recognised by content and anything else (including JSON that does not
 * parse) is scanned as text.
 */
record ScanInput(String name, RequestMeta meta, byte[] body) {

    private static final Map<String, String> COMPRESSED_EXTENSIONS =
            Map.of(".gz", "gzip", ".gzip", "gzip", ".zst", "zstd", ".br", "br");

    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z][A-Z-]{0,19} \\S+ HTTP/1\\.[01]");

    /** Parses {@code bytes} read from {@code fileName} (used only to guess a body's encoding). */
    static ScanInput of(String name, String fileName, byte[] bytes) {
        int firstLineEnd = indexOf(bytes, (byte) '\n', 0);
        String firstLine = new String(bytes, 0, firstLineEnd < 0 ? Math.min(bytes.length, 200) : firstLineEnd,
                StandardCharsets.ISO_8859_1).stripTrailing();
        if (REQUEST_LINE.matcher(firstLine).matches()) {
            return request(name, bytes, firstLine, firstLineEnd);
        }
        return body(name, fileName, bytes);
    }

    /**
     * A request given by its parts (as {@code sieve eval} manifests do): {@code target} in origin-form or
     * absolute-form; an absolute-form target's host becomes the {@code Host} header when none is given.
     */
    static ScanInput inline(String name, String method, String target, List<Map.Entry<String, String>> headers,
            byte[] body) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        RequestTarget parsed = RequestTarget.parse(target);
        String host = parsed.authority();
        if (host != null && all.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Host"))) {
            all.add(0, Map.entry("Host", host));
        }
        return new ScanInput(name, meta(method, parsed, all, List.of()), body);
    }

    /** The destination host (from {@code Host}, without port, lower case), or empty when there is none. */
    String host() {
        String host = meta.header("Host");
        if (host == null) {
            return "";
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(1, close);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** Inspects this request the way the proxy does: headers, query and every view of the body. */
    InspectionResult inspect(Inspector inspector, InspectionPolicy policy) {
        try (Inspection inspection = inspector.open(meta, policy)) {
            return inspection.finish(ByteBuffer.wrap(body));
        }
    }

    /** The request as the proxy's inspection sees it: fragment kept in the origin form, userinfo kept aside. */
    private static RequestMeta meta(String method, RequestTarget target, List<Map.Entry<String, String>> headers,
            List<Map.Entry<String, String>> trailers) {
        return new RequestMeta(method, target.originFormWithFragment(), headers,
                target.userinfo() == null ? "" : target.userinfo(), trailers);
    }

    private static ScanInput request(String name, byte[] bytes, String requestLine, int firstLineEnd) {
        String[] parts = requestLine.split(" ");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int pos = firstLineEnd + 1;
        int lineNo = 1;
        while (true) {
            lineNo++;
            if (pos >= bytes.length) {
                throw new IllegalArgumentException("line " + lineNo + ": end of file inside the header block "
                        + "(expected: an empty line before the body)");
            }
            int end = indexOf(bytes, (byte) '\n', pos);
            int lineEnd = end < 0 ? bytes.length : end;
            String line = new String(bytes, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            pos = end < 0 ? bytes.length : end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + lineNo + ": not a header field (expected: name: value)");
            }
            headers.add(Map.entry(line.substring(0, colon).strip(),
                    new String(line.substring(colon + 1).strip().getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8)));
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, pos, bytes.length);
        RequestTarget target = RequestTarget.parse(parts[1]);
        List<Map.Entry<String, String>> trailers = new ArrayList<>();
        String te = new RequestMeta(parts[0], "/", headers).header("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(body, trailers);
        }
        return new ScanInput(name, meta(parts[0], target, headers, trailers), body);
    }

    /** The body of a chunked message; the trailer fields after its last chunk are added to {@code trailers}. */
    private static byte[] dechunk(byte[] chunked, List<Map.Entry<String, String>> trailers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunked.length);
        int pos = 0;
        while (true) {
            int end = indexOf(chunked, (byte) '\n', pos);
            if (end < 0) {
                throw new IllegalArgumentException("chunked body: missing chunk size line (expected: hex size, CRLF)");
            }
            String sizeLine = new String(chunked, pos, end - pos, StandardCharsets.ISO_8859_1).strip();
            int semi = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt(semi < 0 ? sizeLine : sizeLine.substring(0, semi).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("chunked body: chunk size '" + sizeLine + "' (expected: hex digits)");
            }
            pos = end + 1;
            if (size == 0) {
                readTrailers(chunked, pos, trailers);
                return out.toByteArray();
            }
            if (size < 0 || pos + size > chunked.length) {
                throw new IllegalArgumentException("chunked body: chunk of " + size + " bytes runs past the end of the "
                        + "file (expected: a complete chunk)");
            }
            out.write(chunked, pos, size);
            pos += size;
            if (pos < chunked.length && chunked[pos] == '\r') {
                pos++;
            }
            if (pos < chunked.length && chunked[pos] == '\n') {
                pos++;
            }
        }
    }

    /** Reads trailer fields ({@code name: value} lines) from {@code pos} up to an empty line or the end. */
    private static void readTrailers(byte[] chunked, int pos, List<Map.Entry<String, String>> trailers) {
        while (pos < chunked.length) {
            int end = indexOf(chunked, (byte) '\n', pos);
            int lineEnd = end < 0 ? chunked.length : end;
            String line = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            pos = end < 0 ? chunked.length : end + 1;
            if (line.isEmpty()) {
                return;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("chunked body: a trailer line is not a field (expected: name: value)");
            }
            trailers.add(Map.entry(line.substring(0, colon).strip(),
                    new String(line.substring(colon + 1).strip().getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8)));
        }
    }

    private static ScanInput body(String name, String fileName, byte[] bytes) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String coding = null;
        for (Map.Entry<String, String> ext : COMPRESSED_EXTENSIONS.entrySet()) {
            if (lower.endsWith(ext.getKey())) {
                coding = ext.getValue();
                lower = lower.substring(0, lower.length() - ext.getKey().length());
            }
        }
        if (coding == null && startsWith(bytes, 0x1f, 0x8b)) {
            coding = "gzip";
        } else if (coding == null && startsWith(bytes, 0x28, 0xb5, 0x2f, 0xfd)) {
            coding = "zstd";
        }
        if (coding != null) {
            headers.add(Map.entry("Content-Encoding", coding));
        }
        if (lower.endsWith(".pdf")) {
            headers.add(Map.entry("Content-Type", "application/pdf"));
        }
        return new ScanInput(name, new RequestMeta("POST", "/", headers), bytes);
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
