package dev.sieve.proxy.redaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Restores placeholders in a {@code text/event-stream} body whose {@code data:} lines are JSON (every model API's
 * streaming shape). It works line by line: a line cut across network chunks waits for its end. In each data line's
 * JSON every string is restored; a string that ends with the start of a placeholder (a model streams text in small
 * deltas, so {@code [REDACTED:credential.aws} may end one {@code content_block_delta} and {@code -access-key-id:1a2b3c4d]}
 * begin the next) holds its event back until the next data line: when that one has a string at the same place (same
 * JSON pointer, same top-level {@code index}), the cut-off start moves into it and is restored whole there; otherwise
 * the held event goes out unchanged. Lines that are not JSON data pass unchanged (a raw value could break the event
 * framing). Changed events are re-serialised as compact JSON after {@code data: }; others keep their bytes.
 *
 * <p>Bounded: a line longer than {@link #MAX_LINE} bytes is relayed as it streams with only the byte-level restore
 * of {@link JsonRestorer}, and a held event with the lines after it never exceeds twice that.
 */
final class SseRestorer implements BodyRestorer {

    static final int MAX_LINE = 1 << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private final PlaceholderLookup lookup;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** Restores an over-long line as it streams; null otherwise. */
    private JsonRestorer overlong;
    private Held held;

    SseRestorer(PlaceholderLookup lookup) {
        this.lookup = lookup;
    }

    /** A data line held back because a string of it ends with the start of a placeholder. */
    private static final class Held {
        final JsonNode event;
        final Slot slot;
        final String before;
        final String partial;
        final String ending;
        final ByteArrayOutputStream after = new ByteArrayOutputStream();

        Held(JsonNode event, Slot slot, String before, String partial, String ending) {
            this.event = event;
            this.slot = slot;
            this.before = before;
            this.partial = partial;
            this.ending = ending;
        }
    }

    /** One string value in an event, where it sits. */
    private record Slot(JsonNode parent, String field, int index, String key) {
        String get() {
            return (field != null ? parent.get(field) : parent.get(index)).textValue();
        }

        void set(String value) {
            if (field != null) {
                ((ObjectNode) parent).put(field, value);
            } else {
                ((ArrayNode) parent).set(index, MAPPER.getNodeFactory().textNode(value));
            }
        }
    }

    @Override
    public byte[] feed(byte[] piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(piece.length + 64);
        int start = 0;
        for (int i = 0; i < piece.length; i++) {
            if (piece[i] == '\n') {
                lineBytes(piece, start, i + 1, true, out);
                start = i + 1;
            }
        }
        lineBytes(piece, start, piece.length, false, out);
        return out.toByteArray();
    }

    private void lineBytes(byte[] piece, int from, int to, boolean complete, ByteArrayOutputStream out) {
        if (overlong != null) {
            write(out, overlong.feed(java.util.Arrays.copyOfRange(piece, from, to)));
            if (complete) {
                write(out, overlong.finish());
                overlong = null;
            }
            return;
        }
        line.write(piece, from, to - from);
        if (complete) {
            byte[] whole = line.toByteArray();
            line.reset();
            onLine(whole, out);
        } else if (line.size() > MAX_LINE) {
            release(out);
            overlong = new JsonRestorer(lookup, true);
            write(out, overlong.feed(line.toByteArray()));
            line.reset();
        }
    }

    @Override
    public byte[] finish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (overlong != null) {
            write(out, overlong.finish());
            overlong = null;
        } else if (line.size() > 0) {
            byte[] rest = line.toByteArray();
            line.reset();
            onLine(rest, out);
        }
        release(out);
        return out.toByteArray();
    }

    private void onLine(byte[] bytes, ByteArrayOutputStream out) {
        if (!startsWith(bytes, DATA)) {
            if (held != null && held.after.size() + bytes.length <= MAX_LINE) {
                held.after.write(bytes, 0, bytes.length);
            } else {
                release(out);
                write(out, bytes);
            }
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String ending = text.endsWith("\r\n") ? "\r\n" : text.endsWith("\n") ? "\n" : "";
        String payload = text.substring(DATA.length, text.length() - ending.length());
        if (held == null && payload.indexOf('[') < 0) {
            write(out, bytes);
            return;
        }
        JsonNode event;
        try {
            event = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            event = null;
        }
        if (event == null || !event.isContainerNode()) {
            release(out);
            write(out, bytes);
            return;
        }
        onEvent(event, bytes, ending, out);
    }

    private void onEvent(JsonNode event, byte[] bytes, String ending, ByteArrayOutputStream out) {
        List<Slot> slots = new ArrayList<>();
        JsonNode index = event.get("index");
        strings(event, index == null ? "" : index.asText() + "|", "", slots);
        boolean changed = false;
        Slot cut = null;
        String before = null;
        String partial = null;
        for (Slot slot : slots) {
            String value = slot.get();
            if (held != null && held.slot.key().equals(slot.key())) {
                held.slot.set(held.before);
                write(out, serialise(held.event, held.ending));
                write(out, held.after.toByteArray());
                value = held.partial + value;
                held = null;
                changed = true;
            }
            String restored = restore(value);
            if (!restored.equals(slot.get())) {
                slot.set(restored);
                changed = true;
            }
            int p = PlaceholderText.partialStart(restored);
            if (p >= 0) {
                cut = slot;
                before = restored.substring(0, p);
                partial = restored.substring(p);
            }
        }
        release(out);
        if (cut != null && bytes.length <= MAX_LINE) {
            held = new Held(event, cut, before, partial, ending);
            return;
        }
        write(out, changed ? serialise(event, ending) : bytes);
    }

    /** Sends a held event unchanged (its string keeps the cut-off start). */
    private void release(ByteArrayOutputStream out) {
        if (held != null) {
            write(out, serialise(held.event, held.ending));
            write(out, held.after.toByteArray());
            held = null;
        }
    }

    private String restore(String value) {
        Matcher m = PlaceholderText.PLACEHOLDER.matcher(value);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            Optional<byte[]> original = lookup.original(m.group());
            if (original.isEmpty()) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(value.length() + 32);
            }
            sb.append(value, last, m.start()).append(new String(original.get(), StandardCharsets.UTF_8));
            last = m.end();
        }
        return sb == null ? value : sb.append(value, last, value.length()).toString();
    }

    private static void strings(JsonNode node, String indexKey, String pointer, List<Slot> slots) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String p = pointer + "/" + f.getKey();
                if (f.getValue().isTextual()) {
                    slots.add(new Slot(node, f.getKey(), -1, indexKey + p));
                } else {
                    strings(f.getValue(), indexKey, p, slots);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = pointer + "/" + i;
                if (node.get(i).isTextual()) {
                    slots.add(new Slot(node, null, i, indexKey + p));
                } else {
                    strings(node.get(i), indexKey, p, slots);
                }
            }
        }
    }

    private static byte[] serialise(JsonNode event, String ending) {
        try {
            return ("data: " + MAPPER.writeValueAsString(event) + ending).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed event does not serialise", e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
