package dev.sieve.dlp.conversation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sieve.dlp.view.JsonStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
     * {@code h1..hn} as hex (32 digits each) for the {@link Conversation#units() units} of {@code conversation}, read
     * from {@code body}, for {@code agent}.
     */
    public List<String> prefixes(String agent, Conversation conversation, byte[] body) {
        Mac mac = mac();
        byte[] h = mac.doFinal(("sieve-turn-chain-v1\u0000" + agent).getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        for (Conversation.Message m : conversation.messages()) {
            List<Canonical> units = oneReading(body, m);
            if (units == null) {
                units = unitByUnit(body, m);
            }
            for (int i = 0; i < units.size(); i++) {
                mac.update(h);
                mac.update((byte) (i == 0 ? 'H' : 'B'));
                mac.update(units.get(i).bytes, 0, units.get(i).size);
                h = mac.doFinal();
                out.add(HEX.formatHex(h, 0, 16));
            }
        }
        return out;
    }

    /**
     * The canonical bytes of a message's units (its head, then each content block) from one reading of the
     * message: the head's tokens leave out every top-level field named {@link Conversation.Message#blocksKey()}, and
     * the elements of the first of them that holds an array are the blocks. Null when the blocks read are not the
     * message's (then each unit is read on its own). One parser per message instead of one per unit: a parser's
     * set-up and release cost more than a short block's tokens.
     */
    static List<Canonical> oneReading(byte[] body, Conversation.Message m) {
        String skipKey = m.blocksKey();
        Canonical head = new Canonical();
        List<Canonical> units = new ArrayList<>(1 + m.blocks().size());
        units.add(head);
        boolean blocksRead = false;
        try (JsonParser p = ConversationReader.JSON.createParser(body, m.start(), m.end() - m.start())) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (!skipKey.isEmpty() && t == JsonToken.FIELD_NAME && p.getParsingContext().getParent().inRoot()
                        && p.currentName().equals(skipKey)) {
                    if (p.nextToken() == JsonToken.START_ARRAY && !blocksRead) {
                        blocksRead = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            int block = units.size() - 1;
                            if (block >= m.blocks().size() || p.currentTokenLocation().getByteOffset() + m.start()
                                    != m.blocks().get(block).start()) {
                                return null;
                            }
                            units.add(value(p, body, m.start()));
                        }
                    } else {
                        p.skipChildren();
                    }
                    continue;
                }
                head.token(p, t, body, m.start());
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return units.size() == 1 + m.blocks().size() ? units : null;
    }

    /** The canonical bytes of the value the parser is at; leaves the parser at its last token. */
    private static Canonical value(JsonParser p, byte[] body, int base) throws IOException {
        Canonical c = new Canonical();
        int depth = 0;
        JsonToken t = p.currentToken();
        while (true) {
            c.token(p, t, body, base);
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                return c;
            }
            t = p.nextToken();
            if (t == null) {
                throw new IOException("value without its end");
            }
        }
    }

    /** The canonical bytes of a message's units, each read on its own. */
    static List<Canonical> unitByUnit(byte[] body, Conversation.Message m) {
        List<Canonical> units = new ArrayList<>(1 + m.blocks().size());
        units.add(canonical(body, m.start(), m.end(), m.blocksKey()));
        for (Conversation.Range r : m.blocks()) {
            units.add(canonical(body, r.start(), r.end(), ""));
        }
        return units;
    }

    /** The tokens of {@code body[start, end)}; a head skips the value of the top-level field {@code skipKey}. */
    private static Canonical canonical(byte[] body, int start, int end, String skipKey) {
        Canonical c = new Canonical();
        try (JsonParser p = ConversationReader.JSON.createParser(body, start, end - start)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (!skipKey.isEmpty() && t == JsonToken.FIELD_NAME && p.getParsingContext().getParent().inRoot()
                        && p.currentName().equals(skipKey)) {
                    p.nextToken();
                    p.skipChildren();
                    continue;
                }
                c.token(p, t, body, start);
            }
        } catch (IOException e) {
            // The conversation was read from this body, so its messages parse; hash the raw bytes if not.
            c.add(body, start, end - start);
        }
        return c;
    }

    /** A unit's canonical bytes: per token its kind, and for a name or scalar the length and UTF-8 of its text. */
    static final class Canonical {
        private byte[] bytes = new byte[64];
        private int size;

        void token(JsonParser p, JsonToken t, byte[] body, int base) throws IOException {
            add((byte) t.ordinal());
            if (t == JsonToken.FIELD_NAME || t.isScalarValue()) {
                text(p, t, body, base);
            }
        }

        /**
         * Adds the length and UTF-8 bytes of the token's text. A string or name without escapes is its own UTF-8 in
         * the body (which parsed as UTF-8 JSON): added from there, the parser never builds its string.
         */
        private void text(JsonParser p, JsonToken t, byte[] body, int base) throws IOException {
            if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
                long at = p.currentTokenLocation().getByteOffset() + base;
                int end = at >= base && at < body.length ? JsonStrings.plainEnd(body, (int) at) : -1;
                if (end > 0) {
                    int4(end - (int) at - 2);
                    add(body, (int) at + 1, end - (int) at - 2);
                    return;
                }
            }
            byte[] text = p.getText().getBytes(StandardCharsets.UTF_8);
            int4(text.length);
            add(text, 0, text.length);
        }

        private void int4(int v) {
            add((byte) (v >>> 24));
            add((byte) (v >>> 16));
            add((byte) (v >>> 8));
            add((byte) v);
        }

        private void add(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = b;
        }

        void add(byte[] b, int off, int len) {
            if (size + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + len, size * 2));
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
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
