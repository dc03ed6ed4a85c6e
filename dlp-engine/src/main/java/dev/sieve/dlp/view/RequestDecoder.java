package dev.sieve.dlp.view;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Builds the node tree of a request: its query string, and its body through every layer. */
final class RequestDecoder {

    /**
     * @param target   the request target's bytes (source of the query projection)
     * @param query    the query projection, or null when there is no query
     * @param codings  the body's content codings, in the order the sender applied them
     * @param body     the body's node (never null; {@link Node#NONE} for an empty body)
     */
    record DecodedRequest(byte[] target, Projection query, List<ContentCodings.Coding> codings, Node body) {
    }

    private RequestDecoder() {
    }

    static DecodedRequest decode(RequestMeta meta, byte[] body, DecodeContext ctx) throws DecodeException {
        byte[] target = meta.pathAndQuery().getBytes(StandardCharsets.UTF_8);
        Projection query = query(target, ctx);
        if (body.length == 0) {
            return new DecodedRequest(target, query, List.of(), Node.NONE);
        }
        ContentCodings.Decoded decoded =
                ContentCodings.decode(ContentCodings.tokens(meta.headers("Content-Encoding")), body, ctx);
        Node node = body(MediaType.parse(meta.header("Content-Type")), decoded.body(), ctx);
        List<ContentCodings.Coding> codings = decoded.codings();
        if (!codings.isEmpty() && codings.get(codings.size() - 1) == ContentCodings.Coding.GZIP) {
            node = Compressed.withHeaderNames(node, Compressed.headerText(body), CONTENT_ENCODING_GZIP, ctx);
        }
        return new DecodedRequest(target, query, codings, node);
    }

    /**
     * What can still be read of a request whose {@link #decode} failed on its body's syntax: its query (if it decodes)
     * and its body, content codings undone where they decode, as the container its magic names (a coding that was
     * mislabelled) or else as the text view {@code body} with the decoding graph over it (as a body of an unknown
     * type is read); as much as the budget allows. Throws no {@link DecodeException}.
     */
    static DecodedRequest afterFailure(RequestMeta meta, byte[] body, DecodeContext ctx) {
        byte[] target = meta.pathAndQuery().getBytes(StandardCharsets.UTF_8);
        Projection query = null;
        try {
            query = query(target, ctx);
        } catch (DecodeException e) {
            // the query was the failure: the body may still be read
        }
        if (body.length == 0) {
            return new DecodedRequest(target, query, List.of(), Node.NONE);
        }
        byte[] text = body;
        Node node = null;
        try {
            text = ContentCodings.decode(ContentCodings.tokens(meta.headers("Content-Encoding")), body, ctx).body();
        } catch (DecodeException e) {
            // unsupported or corrupt coding: the bytes as they came, read for what their magic says when the coding
            // was mislabelled (zlib sent as br, xz as deflate), so that their findings are reported
            try {
                node = Containers.decode(text, "body", ctx, 0);
            } catch (DecodeException notReadable) {
                // not a readable container: the text
            }
        }
        if (node == null) {
            try {
                node = RawView.of("body", text, ctx);
            } catch (DecodeException e) {
                node = new RawView("body", text); // the graph's budget ran out: the text alone
            }
        }
        return new DecodedRequest(target, query, List.of(), node);
    }

    /** The view path of the name and comment of a gzip {@code Content-Encoding}'s header. */
    static final String CONTENT_ENCODING_GZIP = "content-encoding|gzip";

    private static Projection query(byte[] target, DecodeContext ctx) throws DecodeException {
        int from = queryStart(target);
        int end = queryEnd(target, from);
        return from >= end ? null : UrlEncoded.decode(target, from, end, "query", false, ctx);
    }

    /** Where the query string of a request target starts: after its first {@code ?}, or past the end. */
    static int queryStart(byte[] target) {
        int q = 0;
        while (q < target.length && target[q] != '?') {
            q++;
        }
        return q + 1;
    }

    /** Where the query string starting at {@code from} ends: at a {@code #}, or at the end of the target. */
    static int queryEnd(byte[] target, int from) {
        int end = Math.min(from, target.length);
        while (end < target.length && target[end] != '#') {
            end++;
        }
        return end;
    }

    /**
     * Dispatch by {@code Content-Type}: JSON types must parse (UTF-8, or UTF-16/32 by their bytes: {@link WideJson}),
     * unless the body is a container by its magic (a gzip file sent as JSON without {@code Content-Encoding});
     * multipart and form types must be
     * well-formed; gRPC messages are read one by one ({@link Grpc}; gRPC-Web text
     * as {@code body|base64|grpc[i]}); PDF (declared or sniffed) is extracted; any other body is decoded by its magic when it
     * is a container ({@link Containers}: {@code body|gzip}, {@code body|zip:<entry>}, {@code body|docx},
     * ...), whatever type it declares; RTF and SVG by their start ({@code body|rtf}; {@code body} and
     * {@code body|svg}); a body of any other type that looks like JSON is tried as JSON and scanned raw if it does
     * not parse; UTF-16 text (declared or by its bytes, {@link Utf16}) is
     * the text view {@code body|utf16}; text in a declared charset that does not write ASCII as ASCII is also read
     * transcoded ({@link DeclaredCharset}: {@code body|ibm037}); everything else is one raw view {@code body}.
     */
    private static Node body(MediaType type, byte[] body, DecodeContext ctx) throws DecodeException {
        if (type != null && type.isJson()) {
            Charset wide = WideJson.detect(body);
            if (wide != null) {
                return WideJson.decode(body, wide, "json", ctx, 0);
            }
            Node mislabelled = Sniff.looksLikeJson(body) ? null : Containers.decode(body, "body", ctx, 0);
            if (mislabelled != null) {
                return mislabelled; // gzip, bzip2, xz, zip... declared JSON without its Content-Encoding
            }
            String charset = type.param("charset");
            if (charset != null && !isUtf8(charset)) {
                throw new DecodeException(FailReason.UNSUPPORTED_ENCODING,
                        "json: charset not supported (expected: utf-8)");
            }
            return JsonDecoder.decode(body, "json", ctx, 0);
        }
        if (type != null && type.isMultipart()) {
            return Multipart.decode(body, type, ctx, 0);
        }
        if (type != null && type.isForm()) {
            return UrlEncoded.decode(body, 0, body.length, "form", true, ctx);
        }
        if (Grpc.declared(type)) {
            Node messages = Grpc.declaredText(type) ? Grpc.decodeText(body, ctx) : Grpc.decode(body, ctx);
            if (messages != null) {
                return messages;
            }
        }
        if (Sniff.isPdf(body)) {
            return PdfText.decode(body, "pdf", ctx);
        }
        if (Sniff.isImage(body)) {
            return rawImage(body, ctx);
        }
        Node container = Containers.decode(body, "body", ctx, 0);
        if (container != null) {
            return container;
        }
        if (type != null && type.isPdf()) {
            return PdfText.decode(body, "pdf", ctx); // declared PDF without its magic: fails as unreadable
        }
        if (RtfText.sniff(body)) {
            return RtfText.decode(body, "body", ctx); // by magic only: declared RTF that is not is scanned as text
        }
        if (SvgText.sniff(body)) {
            return SvgText.decode(body, "body", ctx);
        }
        // Whatever type it declares (image/svg+xml, octet-stream, text/markdown...), as for embedded files (Payloads):
        // a JSON document labelled as something else is projected, its escapes read, not scanned as raw text only.
        if (Sniff.looksLikeJson(body)) {
            try {
                return JsonDecoder.decode(body, "json", ctx, 0);
            } catch (DecodeException e) {
                if (e.reason() != FailReason.JSON_INVALID && e.reason() != FailReason.INVALID_UTF8) {
                    throw e;
                }
            }
        }
        Node transcoded = DeclaredCharset.decode(body, "body", type, ctx);
        if (transcoded != null) {
            return transcoded;
        }
        Node utf16 = Utf16.decode(body, "body", Utf16.declared(type) ? type.param("charset") : null, ctx);
        return utf16 != null ? utf16 : RawView.of("body", body, ctx);
    }

    /** An image body: scanned as bytes ({@code body}, as before metadata was read) and its metadata view. */
    private static Node rawImage(byte[] body, DecodeContext ctx) throws DecodeException {
        Node raw = new RawView(ctx.claimView("body"), body);
        Node meta = ImageMeta.decode(body, "body", ctx, 0, false);
        return new Node() {
            @Override
            public void emit(ViewVisitor visitor) {
                raw.emit(visitor);
                meta.emit(visitor);
            }

            @Override
            public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
                meta.rewrite(plan);
                return raw.rewrite(plan);
            }
        };
    }

    private static boolean isUtf8(String charset) {
        String c = charset.toLowerCase(Locale.ROOT);
        return c.equals("utf-8") || c.equals("utf8") || c.equals("us-ascii");
    }
}
