package dev.sieve.dlp.validate;

import java.util.Base64;

/**
 * {@code pem}: a complete PEM block: {@code -----BEGIN <label>-----}, a body, {@code -----END <label>-----} with
 * the same label. The body (line breaks, literal {@code \n}/{@code \r} escapes as found in JSON, and RFC 1421
 * header lines containing {@code :} removed) is standard base64 of {@value #MIN_BODY_CHARS} to
 * {@value #MAX_BODY_CHARS} characters that decodes.
 */
final class Pem implements Validator {

    static final int MIN_BODY_CHARS = 64;
    static final int MAX_BODY_CHARS = 64 * 1024;
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        int begin = s.indexOf(BEGIN);
        if (begin < 0) {
            return false;
        }
        int labelStart = begin + BEGIN.length();
        int labelEnd = s.indexOf(DASHES, labelStart);
        int end = labelEnd < 0 ? -1 : s.indexOf(END, labelEnd + DASHES.length());
        if (end < 0) {
            return false;
        }
        String label = s.substring(labelStart, labelEnd);
        int endLabelStart = end + END.length();
        int endLabelEnd = s.indexOf(DASHES, endLabelStart);
        if (endLabelEnd < 0 || label.isEmpty() || !label.equals(s.substring(endLabelStart, endLabelEnd))) {
            return false;
        }
        String body = base64Body(s.substring(labelEnd + DASHES.length(), end));
        if (body.length() < MIN_BODY_CHARS || body.length() > MAX_BODY_CHARS) {
            return false;
        }
        try {
            Base64.getDecoder().decode(body);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String base64Body(String raw) {
        String normalized = raw.replace("\\r", "\n").replace("\\n", "\n").replace('\r', '\n');
        StringBuilder body = new StringBuilder(normalized.length());
        for (String line : normalized.split("\n")) {
            if (line.indexOf(':') >= 0) {
                continue;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c != ' ' && c != '\t') {
                    body.append(c);
                }
            }
        }
        return body.toString();
    }
}
