package dev.sieve.dlp.conversation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash chain over a conversation's messages: {@code h0 = HMAC(key, agent)},
 * {@code h(i+1) = HMAC(key, h(i) || canonical(message i))}; {@link #prefixes} gives {@code h1..hn}. A later turn
 * that re-sends the first {@code k} messages of an earlier turn of the same agent has the same {@code h1..hk}, so a
 * store of hashes seen (no content) recognises it. A message's canonical bytes are its JSON tokens (kinds, names,
 * decoded values) with whitespace and escaping left out, so a client that re-serialises its history differently
 * still chains; key order counts (the SDKs keep it).
 */
public final class TurnChain {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /** @param key the chain key (32 random bytes per process, or a configured one) */
    public TurnChain(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("key: " + key.length + " bytes (expected: >= 16)");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * {@code h1..hn} as hex (32 digits each) for the messages of {@code conversation}, read from {@code body}, for
     * {@code agent}.
     */
    public List<String> prefixes(String agent, Conversation conversation, byte[] body) {
        Mac mac = mac();
        byte[] h = mac.doFinal(("sieve-turn-chain-v1\u0000" + agent).getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>(conversation.messages().size());
        for (Conversation.Message m : conversation.messages()) {
            mac.update(h);
            canonical(mac, body, m);
            h = mac.doFinal();
            out.add(HEX.formatHex(h, 0, 16));
        }
        return out;
    }

    private static void canonical(Mac mac, byte[] body, Conversation.Message m) {
        try (JsonParser p = ConversationReader.JSON.createParser(body, m.start(), m.end() - m.start())) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                mac.update((byte) t.ordinal());
                if (t == JsonToken.FIELD_NAME || t.isScalarValue()) {
                    byte[] text = p.getText().getBytes(StandardCharsets.UTF_8);
                    mac.update(int4(text.length));
                    mac.update(text);
                }
            }
        } catch (IOException e) {
            // The conversation was read from this body, so its messages parse; hash the raw bytes if not.
            mac.update(body, m.start(), m.end() - m.start());
        }
    }

    private static byte[] int4(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // every Java runtime has it
        }
    }
}
