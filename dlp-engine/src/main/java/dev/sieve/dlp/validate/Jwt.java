package dev.sieve.dlp.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;

/**
 * {@code jwt}: three base64url segments separated by dots; the header decodes to a JSON object with a textual
 * {@code alg}, the payload decodes to a JSON object, and the signature is non-empty unless {@code alg} is
 * {@code none}.
 */
final class Jwt implements Validator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 16 * 1024;

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        if (match.length() > MAX_LENGTH) {
            return false;
        }
        String token = match.toString();
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
            return false;
        }
        String signature = token.substring(dot2 + 1);
        if (!isBase64Url(signature)) {
            return false;
        }
        JsonNode header = decodeObject(token.substring(0, dot1));
        JsonNode payload = decodeObject(token.substring(dot1 + 1, dot2));
        if (header == null || payload == null || !header.path("alg").isTextual()) {
            return false;
        }
        return !signature.isEmpty() || "none".equalsIgnoreCase(header.path("alg").asText());
    }

    private static JsonNode decodeObject(String segment) {
        if (segment.isEmpty() || !isBase64Url(segment)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(segment));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static boolean isBase64Url(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
