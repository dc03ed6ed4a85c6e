package dev.sieve.proxy.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script for the fleet's Redis and its SHA-1, the name {@code EVALSHA} runs it by. Built only by
 * {@link #of}, so the SHA-1 is always the text's. Run it with {@link FleetConnection#run}: a request then sends the
 * keys and arguments, not the script.
 */
public final class LuaScript {

    private final String text;
    private final String sha;

    private LuaScript(String text, String sha) {
        this.text = text;
        this.sha = sha;
    }

    /** The script {@code text}, named by its SHA-1 as Redis names it. */
    public static LuaScript of(String text) {
        Objects.requireNonNull(text, "text");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(text, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    public String text() {
        return text;
    }

    /** The SHA-1 of {@link #text()} in lower-case hex. */
    public String sha() {
        return sha;
    }
}
