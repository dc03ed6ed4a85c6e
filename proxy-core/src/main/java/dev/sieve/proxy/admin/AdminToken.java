package dev.sieve.proxy.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The admin API's bearer token. Only its SHA-256 digest is kept, compared in constant time; the token is never
 * logged and {@link #toString()} does not show it.
 */
public final class AdminToken {
    static final int MIN_LENGTH = 16;
    private static final String EXPECTED = "one token of at least " + MIN_LENGTH
            + " printable characters without whitespace";

    private final byte[] digest;

    private AdminToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * Reads the token from {@code file}: its content with surrounding whitespace removed.
     *
     * @throws IOException if the file cannot be read, or (as an {@link IllegalArgumentException}) holds no valid token
     */
    public static AdminToken read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (content.length() < MIN_LENGTH || !content.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("admin.tokenFile: " + file + " (expected: " + EXPECTED + ")");
        }
        return new AdminToken(content);
    }

    /** A token given directly (tests, embedding). */
    public static AdminToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("token: (not shown) (expected: " + EXPECTED + ")");
        }
        return new AdminToken(token);
    }

    /** True if {@code presented} is the token; constant time in the token's content. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[(not shown)]";
    }
}
