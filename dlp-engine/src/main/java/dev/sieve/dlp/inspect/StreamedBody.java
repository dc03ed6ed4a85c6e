package dev.sieve.dlp.inspect;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.ScanSession;
import dev.sieve.dlp.view.RequestMeta;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Scans body chunks as they arrive when the body will most likely be the raw view {@code body}, so the verdict
 * is ready at the last byte. Speculative and checked: the session's findings are used only if the raw view
 * {@link dev.sieve.dlp.view.Views#decode} delivers has exactly the fed length and CRC-32C; otherwise the view is
 * scanned again. Keeps no body bytes.
 */
final class StreamedBody implements AutoCloseable {

    static final String BODY_VIEW = "body";

    private static final Set<String> STRUCTURED = Set.of("application/json", "text/json",
            "application/x-www-form-urlencoded", "application/pdf");

    private final CompiledRules engine;
    private final boolean mayBeSniffedJson;
    private final CRC32C crc = new CRC32C();
    private ScanSession session;
    private boolean started;
    private RuntimeException error;

    private StreamedBody(CompiledRules engine, boolean mayBeSniffedJson) {
        this.engine = engine;
        this.mayBeSniffedJson = mayBeSniffedJson;
    }

    /**
     * A streamed scan when {@code meta} says the body is neither content-encoded nor of a structured type;
     * otherwise null.
     */
    static StreamedBody forRequest(CompiledRules engine, RequestMeta meta) {
        for (String coding : meta.headers("Content-Encoding")) {
            for (String token : coding.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("identity")) {
                    return null;
                }
            }
        }
        String type = essence(meta.header("Content-Type"));
        if (STRUCTURED.contains(type) || type.endsWith("+json") || type.startsWith("multipart/")) {
            return null;
        }
        return new StreamedBody(engine, type.isEmpty() || type.equals("text/plain"));
    }

    private static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Scans {@code chunk}'s remaining bytes without moving its position; records engine errors. The session is
     * opened at the first byte (a request without a body costs nothing) unless that byte shows a structured body.
     */
    void feed(ByteBuffer chunk) {
        if (!chunk.hasRemaining() || error != null || (started && session == null)) {
            return;
        }
        try {
            if (!started) {
                started = true;
                if (likelyStructured(chunk)) {
                    return;
                }
                session = engine.open(BODY_VIEW);
            }
            crc.update(chunk.duplicate());
            session.feed(chunk.duplicate());
        } catch (RuntimeException e) {
            error = e;
            close();
        }
    }

    /** PDF magic, or a JSON opener where an undeclared type may be sniffed as JSON: the raw scan would be wasted. */
    private boolean likelyStructured(ByteBuffer chunk) {
        int p = chunk.position();
        if (chunk.get(p) == '%') {
            return true;
        }
        if (!mayBeSniffedJson) {
            return false;
        }
        for (int i = p; i < chunk.limit(); i++) {
            byte b = chunk.get(i);
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' || b == '[' || b == (byte) 0xef;
            }
        }
        return false;
    }

    /** The engine error that ended streaming, if any. */
    RuntimeException error() {
        return error;
    }

    /** The streamed session when it scanned exactly {@code content}, else null (the caller scans the view). */
    ScanSession sessionCovering(ByteBuffer content) {
        if (session == null || session.bytesScanned() != content.remaining()) {
            return null;
        }
        CRC32C check = new CRC32C();
        check.update(content.duplicate());
        return check.getValue() == crc.getValue() ? session : null;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
