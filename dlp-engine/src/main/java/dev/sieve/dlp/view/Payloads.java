package dev.sieve.dlp.view;

import java.nio.charset.Charset;

/**
 * Decodes an embedded file (base64 payload, multipart part, archive entry, decompressed stream) by what it is,
 * sniffed from its bytes, whatever its declared type: containers ({@link Containers}: gzip/zlib, zip, OOXML/ODF,
 * tar, image metadata); PDF -> text view {@code <path>|pdf}; RTF -> text view {@code <path>|rtf}; SVG -> raw view
 * {@code <path>} and its text {@code <path>|svg}; declared or sniffed JSON -> projection
 * {@code <path>|json} (declared JSON in UTF-16/32 too: {@link WideJson}); UTF-16 text ({@link Utf16}) -> text view
 * {@code <path>|utf16}; text in a declared charset that does not write ASCII as ASCII -> raw view and
 * {@code <path>|<charset>} ({@link DeclaredCharset}); anything else -> raw view
 * {@code <path>}. Sniffed JSON that does not parse is scanned as
 * raw text; declared JSON must parse. Bytes labelled as an image that are not one are scanned as what they are.
 */
final class Payloads {

    private Payloads() {
    }

    /**
     * @param depth embedded layers enclosing {@code data} (base64 payloads, compressed streams, archives); a
     *              container's content is decoded one deeper, checked by {@link DecodeContext#checkDepth}
     */
    static Node decode(byte[] data, String path, MediaType declared, DecodeContext ctx, int depth)
            throws DecodeException {
        if (data.length == 0) {
            return Node.NONE;
        }
        Node container = Containers.decode(data, path, ctx, depth);
        if (container != null) {
            return container;
        }
        if (Sniff.isPdf(data)) {
            return PdfText.decode(data, path + "|pdf", ctx);
        }
        if (RtfText.sniff(data)) {
            return RtfText.decode(data, path, ctx);
        }
        if (SvgText.sniff(data)) {
            return SvgText.decode(data, path, ctx);
        }
        boolean declaredJson = declared != null && declared.isJson();
        Charset wide = declaredJson ? WideJson.detect(data) : null;
        if (wide != null) {
            return WideJson.decode(data, wide, path + "|json", ctx, depth);
        }
        if (declaredJson || Sniff.looksLikeJson(data)) {
            try {
                return JsonDecoder.decode(data, path + "|json", ctx, depth);
            } catch (DecodeException e) {
                boolean notJson = e.reason() == FailReason.JSON_INVALID || e.reason() == FailReason.INVALID_UTF8;
                if (declaredJson || !notJson) {
                    throw e;
                }
            }
        }
        Node transcoded = DeclaredCharset.decode(data, path, declared, ctx);
        if (transcoded != null) {
            return transcoded;
        }
        Node utf16 = Utf16.decode(data, path, Utf16.declared(declared) ? declared.param("charset") : null, ctx);
        return utf16 != null ? utf16 : RawView.of(path, data, ctx);
    }
}
