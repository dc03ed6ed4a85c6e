package dev.sieve.proxy.redaction;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/** Escapes a restored original for the JSON string it is written into (Jackson's encoder: quotes, backslashes, control characters). */
final class JsonEscape {

    private JsonEscape() {}

    /** {@code utf8} as the content of a JSON string (without the quotes), UTF-8. */
    static byte[] stringContent(byte[] utf8) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(new String(utf8, StandardCharsets.UTF_8));
    }
}
