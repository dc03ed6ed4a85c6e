package dev.sieve.proxy.redaction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The originals of redacted values, for restoring them in responses ({@code redaction.restoreInResponses}). Each is
 * held AES-256-GCM encrypted under a key made at start and never written anywhere (a heap dump shows ciphertext,
 * and a restart forgets every original), with the agent scope and the placeholder as associated data, so an
 * entry cannot be read under another agent's scope. Bounded: a Caffeine cache weighed in bytes
 * ({@code redaction.restoreMaxBytes}; past it Caffeine evicts by frequency and recency) whose entries expire {@code redaction.restoreTtl}
 * after they were last written (each turn that redacts the value again writes it again). Thread-safe.
 */
public final class OriginalStore {

    /** Bytes counted per entry besides its ciphertext, scope and placeholder (key object, references). */
    static final int ENTRY_OVERHEAD = 64;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private record Key(String scope, String placeholder) {}

    private final Cache<Key, byte[]> sealed;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** @param ticker the clock for expiry (tests inject one) */
    OriginalStore(long maxBytes, Duration ttl, Ticker ticker) {
        this.sealed = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, byte[] v) -> v.length + 2 * (k.scope().length() + k.placeholder().length())
                        + ENTRY_OVERHEAD)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .executor(Runnable::run) // evict on the caller's thread: the bound holds when put returns
                .build();
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            this.key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    public OriginalStore(long maxBytes, Duration ttl) {
        this(maxBytes, ttl, Ticker.systemTicker());
    }

    /** Keeps {@code value} (its remaining bytes; its position is not changed) for {@code placeholder} in {@code scope}. */
    public void put(String scope, String placeholder, ByteBuffer value) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associated(scope, placeholder));
            ByteBuffer out = ByteBuffer.allocate(IV_BYTES + cipher.getOutputSize(value.remaining()));
            out.put(iv);
            cipher.doFinal(value.duplicate(), out);
            sealed.put(new Key(scope, placeholder), out.array());
        } catch (GeneralSecurityException e) {
            // Not kept: the placeholder then stays in the response, which is safe.
            throw new IllegalStateException("sealing an original failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The original of {@code placeholder} in {@code scope}, or empty when none is held (unknown, expired, evicted). */
    public Optional<byte[]> original(String scope, String placeholder) {
        byte[] entry = sealed.getIfPresent(new Key(scope, placeholder));
        if (entry == null) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, entry, 0, IV_BYTES));
            cipher.updateAAD(associated(scope, placeholder));
            return Optional.of(cipher.doFinal(entry, IV_BYTES, entry.length - IV_BYTES));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Entries held now (after pending expiry and eviction). */
    long size() {
        sealed.cleanUp();
        return sealed.estimatedSize();
    }

    private static byte[] associated(String scope, String placeholder) {
        return (scope + '\n' + placeholder).getBytes(StandardCharsets.UTF_8);
    }
}
