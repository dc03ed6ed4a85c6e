package dev.sieve.dlp.view;

/**
 * Decodes an embedded file (base64 payload, multipart part) by what it is, sniffed from its bytes:
 * PDF -> text view {@code <path>|pdf}; PNG/JPEG/GIF/WebP -> nothing (no OCR); declared or sniffed
 * JSON -> projection {@code <path>|json}; anything else -> raw view {@code <path>}. Sniffed JSON
 * that does not parse is scanned as raw text; declared JSON must parse.
 */
final class Payloads {

    private Payloads() {
    }

    static Node decode(byte[] data, String path, MediaType declared, DecodeContext ctx, int base64Depth)
            throws DecodeException {
        if (data.length == 0) {
            return Node.NONE;
        }
        if (Sniff.isPdf(data)) {
            return PdfText.decode(data, path + "|pdf", ctx);
        }
        if (Sniff.isImage(data)) {
            return Node.NONE;
        }
        boolean declaredJson = declared != null && declared.isJson();
        if (declaredJson || Sniff.looksLikeJson(data)) {
            try {
                return JsonDecoder.decode(data, path + "|json", ctx, base64Depth);
            } catch (DecodeException e) {
                boolean notJson = e.reason() == FailReason.JSON_INVALID || e.reason() == FailReason.INVALID_UTF8;
                if (declaredJson || !notJson) {
                    throw e;
                }
            }
        }
        return RawView.of(path, data, ctx);
    }
}
