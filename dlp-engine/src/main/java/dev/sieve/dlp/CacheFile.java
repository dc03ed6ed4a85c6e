package dev.sieve.dlp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The bytes of one {@link CompiledCache} entry, and their verification. Layout (big-endian):
 * <pre>
 * magic     8 bytes  "SIEVEHSC"
 * format    int      {@link #FORMAT}
 * key       32 bytes the SHA-256 the entry was stored under (what was compiled, with which Hyperscan, for which CPU)
 * length    long     payload bytes
 * payload   length bytes
 * checksum  32 bytes SHA-256 of everything before it
 * </pre>
 * Pure: no files, no native code. A file is accepted only if every field checks out; the payload of a file that
 * does not is never looked at.
 */
final class CacheFile {

    static final int FORMAT = 1;
    static final int KEY_BYTES = 32;
    private static final byte[] MAGIC = "SIEVEHSC".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_BYTES = 32;
    private static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + KEY_BYTES + Long.BYTES;

    /** Why a file was refused: a fixed text, never any of the file's content. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private CacheFile() {
    }

    static byte[] encode(byte[] key, byte[] payload) {
        requireKey(key);
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.length + CHECKSUM_BYTES);
        out.put(MAGIC).putInt(FORMAT).put(key).putLong(payload.length).put(payload);
        out.put(sha256(out.array(), out.position()));
        return out.array();
    }

    /**
     * The payload of {@code file} if it is a complete, intact entry of this format stored under {@code key}.
     *
     * @throws Invalid saying what is wrong: too short, not a cache file, another format, a length that does not fit,
     *                 a checksum mismatch (corrupt), or another key (foreign: other rules, Hyperscan or CPU)
     */
    static byte[] decode(byte[] file, byte[] key) throws Invalid {
        requireKey(key);
        if (file.length < HEADER_BYTES + CHECKSUM_BYTES) {
            throw new Invalid("truncated (" + file.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new Invalid("not a Sieve compiled-rules cache file");
        }
        int format = in.getInt();
        if (format != FORMAT) {
            throw new Invalid("format version " + format + " (expected: " + FORMAT + ")");
        }
        byte[] storedKey = new byte[KEY_BYTES];
        in.get(storedKey);
        long length = in.getLong();
        long expected = (long) HEADER_BYTES + length + CHECKSUM_BYTES;
        if (length < 0 || expected != file.length) {
            throw new Invalid(length < 0 || expected > file.length ? "truncated (" + file.length + " bytes)"
                    : "trailing bytes after the checksum");
        }
        int checked = file.length - CHECKSUM_BYTES;
        if (!MessageDigest.isEqual(sha256(file, checked), Arrays.copyOfRange(file, checked, file.length))) {
            throw new Invalid("checksum mismatch (corrupt)");
        }
        if (!MessageDigest.isEqual(storedKey, key)) {
            throw new Invalid("stored under another key (other rules, Hyperscan version or CPU)");
        }
        return Arrays.copyOfRange(file, HEADER_BYTES, checked);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable (every Java platform has it)", e);
        }
    }

    private static byte[] sha256(byte[] bytes, int length) {
        MessageDigest digest = sha256();
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    private static void requireKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("key: " + key.length + " bytes (expected: " + KEY_BYTES + ")");
        }
    }
}
