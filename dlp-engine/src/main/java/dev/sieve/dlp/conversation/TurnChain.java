package dev.sieve.dlp.conversation;

import dev.sieve.dlp.Hmac;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * The keyed hash chain over a conversation's {@link Conversation#units() units} (each message's own fields, then
 * each of its content blocks): {@code h0 = HMAC(key, agent)}, {@code h(i+1) = HMAC(key, h(i) || canonical(unit i))};
 * {@link #prefixes} gives {@code h1..hn}. A later turn that re-sends the first {@code k} units of an earlier turn of
 * the same agent has the same {@code h1..hk}, so a store of hashes seen (no content) recognises it. A unit's
 * canonical bytes are its JSON tokens (kinds, names, decoded values) with whitespace and escaping left out, so a
 * client that re-serialises its history differently still chains; key order counts (the SDKs keep it). A message's
 * head leaves its content blocks out (they are units of their own).
 */
public final class TurnChain {

    private static final HexFormat HEX = HexFormat.of();

    private final Hmac key;
    /** One reader per thread: its buffer grows to the largest unit once, not on every turn. */
    private static final ThreadLocal<CanonicalTokens> TOKENS = ThreadLocal.withInitial(CanonicalTokens::new);

    /** @param key the chain key (32 random bytes per process, or a configured one) */
    public TurnChain(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("key: " + key.length + " bytes (expected: >= 16)");
        }
        this.key = new Hmac(key);
    }

    /**
     * {@code h1..hn} as hex (32 digits each) for the {@link Conversation#units() units} of {@code conversation}, read
     * from {@code body}, for {@code agent}.
     */
    public List<String> prefixes(String agent, Conversation conversation, byte[] body) {
        Mac mac = this.key.mac();
        byte[] h = mac.doFinal(("sieve-turn-chain-v1\u0000" + agent).getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>(conversation.unitCount());
        CanonicalTokens tokens = TOKENS.get();
        for (Conversation.Message m : conversation.messages()) {
            List<Conversation.Range> blocks = m.blocks();
            h = link(mac, h, 'H', body, m.start(), m.end(), m.blocksKey(), tokens,
                    blocks.isEmpty() ? -1 : blocks.get(0).start(), blocks.isEmpty() ? -1 : blocks.get(blocks.size() - 1).end());
            out.add(HEX.formatHex(h, 0, 16));
            for (Conversation.Range r : m.blocks()) {
                h = link(mac, h, 'B', body, r.start(), r.end(), "", tokens, -1, -1);
                out.add(HEX.formatHex(h, 0, 16));
            }
        }
        tokens.trim();
        return out;
    }

    /** {@code HMAC(key, h || kind || canonical(body[start, end)))}. */
    private static byte[] link(Mac mac, byte[] h, char kind, byte[] body, int start, int end, String skipKey,
            CanonicalTokens tokens, int blocksStart, int blocksEnd) {
        mac.update(h);
        mac.update((byte) kind);
        if (tokens.write(body, start, end, skipKey, blocksStart, blocksEnd)) {
            mac.update(tokens.bytes(), 0, tokens.length());
        } else {
            canonical(mac, body, start, end, skipKey);
        }
        return mac.doFinal();
    }

    /**
     * Feeds the unit's tokens as Jackson reads them, for what {@link CanonicalTokens} leaves to it; a head skips the
     * value of the top-level field {@code skipKey} (its blocks).
     */
    static void canonical(Mac mac, byte[] body, int start, int end, String skipKey) {
        try (JsonParser p = ConversationReader.JSON.createParser(body, start, end - start)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (!skipKey.isEmpty() && t == JsonToken.FIELD_NAME && p.getParsingContext().getParent().inRoot()
                        && p.currentName().equals(skipKey)) {
                    p.nextToken();
                    p.skipChildren();
                    continue;
                }
                mac.update((byte) t.ordinal());
                if (t == JsonToken.FIELD_NAME || t.isScalarValue()) {
                    byte[] text = p.getText().getBytes(StandardCharsets.UTF_8);
                    mac.update(int4(text.length));
                    mac.update(text);
                }
            }
        } catch (IOException e) {
            // The conversation was read from this body, so its messages parse; hash the raw bytes if not.
            mac.update(body, start, end - start);
        }
    }

    private static byte[] int4(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
