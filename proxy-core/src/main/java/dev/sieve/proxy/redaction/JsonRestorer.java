package dev.sieve.proxy.redaction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Restores placeholders in a JSON body, byte by byte as it streams. A placeholder is plain ASCII that no JSON
 * encoder escapes, so it appears verbatim inside a JSON string, possibly cut across two network chunks (the cut-off
 * start is held back, at most {@link dev.sieve.dlp.inspect.Placeholders#MAX_LENGTH} bytes). The original is written
 * JSON-escaped, as the content of the string it stands in.
 */
final class JsonRestorer implements BodyRestorer {

    private final PlaceholderLookup lookup;
    private final boolean jsonEscape;
    private byte[] held = new byte[0];

    /** @param jsonEscape write originals escaped for a JSON string (else as they are, for text) */
    JsonRestorer(PlaceholderLookup lookup, boolean jsonEscape) {
        this.lookup = lookup;
        this.jsonEscape = jsonEscape;
    }

    @Override
    public byte[] feed(byte[] piece) {
        byte[] buf = concat(held, piece);
        // ISO-8859-1 maps each byte to one char: string indices are byte offsets, whatever the body's UTF-8.
        String text = new String(buf, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(buf.length);
        Matcher m = PlaceholderText.PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            out.write(buf, last, m.start() - last);
            Optional<byte[]> original = lookup.original(m.group());
            byte[] replacement = original.map(o -> jsonEscape ? JsonEscape.stringContent(o) : o)
                    .orElseGet(() -> m.group().getBytes(StandardCharsets.ISO_8859_1));
            out.write(replacement, 0, replacement.length);
            last = m.end();
        }
        int partial = PlaceholderText.partialStart(text.substring(last));
        int keepFrom = partial < 0 ? buf.length : last + partial;
        out.write(buf, last, keepFrom - last);
        held = java.util.Arrays.copyOfRange(buf, keepFrom, buf.length);
        return out.toByteArray();
    }

    @Override
    public byte[] finish() {
        byte[] rest = held;
        held = new byte[0];
        return rest;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
