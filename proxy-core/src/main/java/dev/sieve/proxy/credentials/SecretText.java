package dev.sieve.proxy.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks and trims the text of a secret. A secret is one line of printable ASCII (what API keys are), at most
 * {@value #MAX_BYTES} bytes; surrounding whitespace, such as the newline at the end of a file, is dropped. A control
 * character inside would let the value break out of the header it is put into, so it is refused. Problems are
 * described without the value.
 */
public final class SecretText {
    /** The largest secret accepted, in bytes. */
    public static final int MAX_BYTES = 16 * 1024;
    /** What a valid secret is, for {@code (expected: ...)}. */
    public static final String EXPECTED = "one line of printable ASCII, 1 byte to 16KiB (surrounding whitespace and"
            + " the final newline are ignored)";

    private SecretText() {}

    /** The trimmed secret, or a problem (never containing the value) as an {@link IllegalArgumentException}. */
    public static String of(byte[] raw) {
        if (raw.length > MAX_BYTES) {
            throw new IllegalArgumentException("larger than 16KiB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 text");
        }
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(c == '\n' || c == '\r' ? "more than one line"
                        : "a character that is not printable ASCII at offset " + i);
            }
        }
        return value;
    }
}
