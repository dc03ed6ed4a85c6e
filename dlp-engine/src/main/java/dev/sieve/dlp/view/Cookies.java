package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The pairs of a {@code Cookie} request header ({@code a=1; b=2}, RFC 6265 section 4.2), values percent-decoded once
 * the way servers and frameworks read them ({@code %XX} decoded, a {@code %} not followed by two hex digits kept
 * literal, {@code +} kept: cookies are not form-encoded). Lenient: a pair without {@code =} is a value with an empty
 * name, empty pairs are skipped, quotes stay. Never throws for any text.
 */
public final class Cookies {

    /** One cookie: its name as written (trimmed) and its value's bytes, percent-decoded. */
    public record Cookie(String name, byte[] value) {
    }

    private Cookies() {
    }

    public static List<Cookie> parse(String header) {
        List<Cookie> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        for (String pair : header.split(";")) {
            String p = pair.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? "" : p.substring(0, eq).strip();
            byte[] raw = (eq < 0 ? p : p.substring(eq + 1).strip()).getBytes(StandardCharsets.UTF_8);
            out.add(new Cookie(name, UrlEncoded.percentDecode(raw, 0, raw.length, false)));
        }
        return out;
    }
}
