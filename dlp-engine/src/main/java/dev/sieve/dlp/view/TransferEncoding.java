package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** A MIME part's {@code Content-Transfer-Encoding}: decoded for scanning, re-applied when rewriting. */
enum TransferEncoding {
    IDENTITY,
    BASE64,
    QUOTED_PRINTABLE;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int QP_LINE = 76;

    static TransferEncoding of(String header, String path) throws DecodeException {
        if (header == null) {
            return IDENTITY;
        }
        return switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "", "7bit", "8bit", "binary" -> IDENTITY;
            case "base64" -> BASE64;
            case "quoted-printable" -> QUOTED_PRINTABLE;
            default -> throw new DecodeException(FailReason.UNSUPPORTED_ENCODING, path
                    + ": Content-Transfer-Encoding not supported (expected: 7bit, 8bit, binary, base64 or quoted-printable)");
        };
    }

    byte[] decode(byte[] raw, String path) throws DecodeException {
        switch (this) {
            case BASE64:
                try {
                    return Base64.getDecoder().decode(stripWhitespace(raw));
                } catch (IllegalArgumentException e) {
                    throw new DecodeException(FailReason.CORRUPT_ENCODING, path + ": invalid base64 (expected: RFC 2045 base64)");
                }
            case QUOTED_PRINTABLE:
                return decodeQp(raw, path);
            default:
                return raw;
        }
    }

    byte[] encode(byte[] content) {
        return switch (this) {
            case BASE64 -> Base64.getMimeEncoder(QP_LINE, new byte[] {'\r', '\n'}).encode(content);
            case QUOTED_PRINTABLE -> encodeQp(content);
            case IDENTITY -> content;
        };
    }

    private static byte[] stripWhitespace(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (byte c : b) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static byte[] decodeQp(byte[] b, String path) throws DecodeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c != '=') {
                out.write(c);
                continue;
            }
            int j = i + 1;
            while (j < b.length && (b[j] == ' ' || b[j] == '\t')) {
                j++; // transport padding before a soft line break
            }
            if (j < b.length && b[j] == '\r' && j + 1 < b.length && b[j + 1] == '\n') {
                i = j + 1;
            } else if (j < b.length && b[j] == '\n') {
                i = j;
            } else if (j == b.length) {
                i = j; // soft break at the very end
            } else if (i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                out.write(hex(b[i + 1]) << 4 | hex(b[i + 2]));
                i += 2;
            } else {
                throw new DecodeException(FailReason.CORRUPT_ENCODING,
                        path + ": invalid quoted-printable escape at byte " + i + " (expected: =XX or soft line break)");
            }
        }
        return out.toByteArray();
    }

    /** Encodes every byte outside printable ASCII (and '=') as =XX, with soft breaks at 76 columns. */
    private static byte[] encodeQp(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 8 + 16);
        int column = 0;
        for (byte b : content) {
            int c = b & 0xff;
            boolean literal = c >= 33 && c <= 126 && c != '=';
            int width = literal ? 1 : 3;
            if (column + width > QP_LINE - 1) {
                out.write('=');
                out.write('\r');
                out.write('\n');
                column = 0;
            }
            if (literal) {
                out.write(c);
            } else {
                out.write('=');
                out.write(HEX[c >>> 4]);
                out.write(HEX[c & 0xf]);
            }
            column += width;
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
