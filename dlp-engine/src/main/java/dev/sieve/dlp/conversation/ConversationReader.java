package dev.sieve.dlp.conversation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the conversation out of a model-API request body: pure, no state. The shape comes from the request
 * target ({@link ConversationShape#ofPath}); a body that is not a JSON object, or whose conversation keys do not
 * hold what the shape says, gives no conversation (the request is then judged as all new content, the strict
 * reading). Reads the UTF-8 body as sent: a compressed body ({@code Content-Encoding}) is not read.
 */
public final class ConversationReader {

    /** No limits beyond the inspector's: the body already decoded within them (or will fail there). */
    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000)
                    .maxStringLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build())
            .build();

    /** Keys of a message's content block array: Anthropic and OpenAI {@code content}, Gemini {@code parts}. */
    private static final java.util.Set<String> BLOCK_KEYS = java.util.Set.of("content", "parts");

    private ConversationReader() {
    }

    /** The conversation of a request to {@code pathAndQuery} with {@code body}, or empty. */
    public static Optional<Conversation> read(String pathAndQuery, byte[] body) {
        Optional<ConversationShape> shape = ConversationShape.ofPath(pathAndQuery);
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        try {
            return read(shape.get(), body);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not JSON, or not this shape: no conversation
        }
    }

    static Optional<Conversation> read(ConversationShape shape, byte[] body) throws IOException {
        List<Conversation.Message> system = new ArrayList<>(1);
        List<Conversation.Message> messages = new ArrayList<>();
        boolean found = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (shape.systemKeys().contains(key) && value != JsonToken.VALUE_NULL) {
                    system.add(message(p, body, "system", "$." + key));
                    found = true;
                } else if (key.equals(shape.messagesKey()) && value == JsonToken.START_ARRAY) {
                    found = true;
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        messages.add(message(p, body, null, "$." + key + "[" + i++ + "]"));
                    }
                } else if (key.equals(shape.messagesKey()) && value == JsonToken.VALUE_STRING) {
                    found = true; // Responses: a bare string input is one user message
                    messages.add(message(p, body, "user", "$." + key));
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return Optional.empty();
            }
        }
        if (!found) {
            return Optional.empty();
        }
        List<Conversation.Message> all = new ArrayList<>(system.size() + messages.size());
        for (Conversation.Message m : system) {
            all.add(m.at(all.size()));
        }
        for (Conversation.Message m : messages) {
            all.add(m.at(all.size()));
        }
        return Optional.of(new Conversation(shape, all));
    }

    /** The value the parser is at, as a message; leaves the parser at its last token. */
    private static Conversation.Message message(JsonParser p, byte[] body, String fixedRole, String path)
            throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        String role = fixedRole;
        String blocksKey = "";
        List<Conversation.Range> blocks = new ArrayList<>();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            String type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING && key.equals("role")) {
                    role = fixedRole == null ? p.getText() : fixedRole;
                } else if (v == JsonToken.VALUE_STRING && key.equals("type")) {
                    type = p.getText();
                } else if (v == JsonToken.START_ARRAY && blocksKey.isEmpty() && BLOCK_KEYS.contains(key)) {
                    blocksKey = key;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        blocks.add(range(p, body));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (role == null) {
                role = type == null ? "" : type;
            }
        } else if (t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
        int end = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                ? (int) p.currentTokenLocation().getByteOffset() + 1
                : t == JsonToken.VALUE_STRING ? stringEnd(body, start) : start + p.getText().length();
        return new Conversation.Message(0, role == null ? "" : role, path, start, end, blocksKey, blocks);
    }

    /** The byte range of the value the parser is at; leaves the parser at its last token. */
    private static Conversation.Range range(JsonParser p, byte[] body) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return new Conversation.Range(start, (int) p.currentTokenLocation().getByteOffset() + 1);
        }
        return new Conversation.Range(start, t == JsonToken.VALUE_STRING ? stringEnd(body, start)
                : start + p.getText().length());
    }

    /** End (exclusive) of the string literal whose opening quote is at {@code start}. */
    private static int stringEnd(byte[] src, int start) {
        int i = start + 1;
        while (i < src.length) {
            if (src[i] == '\\') {
                i += 2;
            } else if (src[i] == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new IllegalStateException("unterminated string");
    }
}
