package dev.sieve.dlp.validate;

import java.util.Base64;
import java.util.Locale;

/**
 * {@code base64-credential}: the value at the end of the match (a trailing quote ignored) is standard base64 of a
 * registry credential, as Docker ({@code ~/.docker/config.json}: {@code "auth": "<base64 of user:password>"}) and npm
 * ({@code .npmrc}: {@code _auth=<base64 of user:password>}, {@code //registry/:_password=<base64 of password>}) store
 * them. The decoded text must be 8 or more printable ASCII characters (tabs and line breaks allowed: a GCR
 * {@code _json_key:} carries a JSON key file). When the label before the value ends in {@code password}, the decoded
 * text is the password alone; otherwise it must be {@code user:password}: a user without blanks and a password of 6 or
 * more characters that does not start with a blank (prose such as {@code Note: see the wiki} is not a credential).
 */
final class Base64Credential implements Validator {

    static final int MIN_DECODED = 8;
    static final int MIN_PASSWORD = 6;

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '"' || s.charAt(end - 1) == '\'')) {
            end--;
        }
        int start = end;
        while (start > 0 && end - start < 2 && s.charAt(start - 1) == '=') {
            start--; // padding
        }
        while (start > 0 && isBase64(s.charAt(start - 1))) {
            start--;
        }
        // the label: `//host/:_password=`, `"auth": "`, `auth` + line break; its last word says which form
        int labelEnd = start;
        while (labelEnd > 0 && !Character.isLetter(s.charAt(labelEnd - 1))) {
            labelEnd--;
        }
        boolean passwordOnly = s.substring(0, labelEnd).toLowerCase(Locale.ROOT).endsWith("password");
        String decoded = decode(s.substring(start, end));
        if (decoded == null || decoded.length() < MIN_DECODED) {
            return false;
        }
        if (passwordOnly) {
            return !decoded.isBlank();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || decoded.length() - colon - 1 < MIN_PASSWORD) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            if (Character.isWhitespace(decoded.charAt(i))) {
                return false;
            }
        }
        return !Character.isWhitespace(decoded.charAt(colon + 1));
    }

    /** The decoded text, or null when {@code b64} is not base64 of printable ASCII (tab, CR and LF allowed). */
    private static String decode(String b64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null; // not base64: no detail, the value is never echoed
        }
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            if ((b < 0x20 || b > 0x7e) && b != '\t' && b != '\r' && b != '\n') {
                return null;
            }
            out.append((char) b);
        }
        return out.toString();
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
