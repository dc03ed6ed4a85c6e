package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A base64 payload as model APIs embed files: a bare base64 string or a {@code data:} URL. Keeps
 * what re-encoding needs (URL prefix, alphabet, padding) so a rewritten payload looks the same.
 *
 * @param prefix  the data URL up to and including the comma, or empty
 * @param mime    the data URL's media type, or null
 * @param decoded the payload bytes
 * @param urlSafe whether the base64url alphabet was used
 * @param padded  whether the encoding carried {@code =} padding
 */
record Base64Payload(String prefix, String mime, byte[] decoded, boolean urlSafe, boolean padded) {

    /** True for {@code data:<mime>;base64,<data>} (case-insensitive scheme and parameter). */
    static boolean isBase64DataUrl(String s) {
        if (s.length() < 13 || !s.regionMatches(true, 0, "data:", 0, 5)) {
            return false;
        }
        int comma = s.indexOf(',');
        return comma > 0 && s.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64");
    }

    /** Decodes a data URL or bare base64; ASCII whitespace is ignored, anything else invalid fails. */
    static Base64Payload parse(String text, String viewPath) throws DecodeException {
        String prefix = "";
        String mime = null;
        String data = text;
        if (isBase64DataUrl(text)) {
            int comma = text.indexOf(',');
            prefix = text.substring(0, comma + 1);
            int semi = text.indexOf(';');
            mime = text.substring(5, semi).trim().toLowerCase(Locale.ROOT);
            data = text.substring(comma + 1);
        }
        byte[] ascii = stripWhitespace(data);
        boolean urlSafe = false;
        for (byte b : ascii) {
            if (b == '-' || b == '_') {
                urlSafe = true;
                break;
            }
        }
        boolean padded = ascii.length > 0 && ascii[ascii.length - 1] == '=';
        try {
            byte[] decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(ascii);
            return new Base64Payload(prefix, mime, decoded, urlSafe, padded);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(FailReason.CORRUPT_ENCODING,
                    viewPath + ": invalid base64 (expected: RFC 4648 base64 or base64url)");
        }
    }

    /** Encodes new payload bytes the way the original was encoded, prefix included. */
    String encode(byte[] bytes) {
        Base64.Encoder encoder = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
        if (!padded) {
            encoder = encoder.withoutPadding();
        }
        return prefix + encoder.encodeToString(bytes);
    }

    private static byte[] stripWhitespace(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = 0;
        for (byte c : b) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                b[n++] = c;
            }
        }
        return n == b.length ? b : java.util.Arrays.copyOf(b, n);
    }

    @Override
    public String toString() {
        return "Base64Payload[mime=" + mime + ", bytes=" + decoded.length + "]";
    }
}
