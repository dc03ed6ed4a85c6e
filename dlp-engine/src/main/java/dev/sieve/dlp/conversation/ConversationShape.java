package dev.sieve.dlp.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model APIs whose request bodies carry a whole conversation, and the top-level keys that hold it: the
 * system prompt first (a string or blocks), then the message list, in order.
 */
public enum ConversationShape {
    /** Anthropic Messages: {@code system}, {@code messages[].content[]} blocks (text, tool_use, tool_result). */
    ANTHROPIC_MESSAGES(List.of("system"), "messages"),
    /** OpenAI Chat Completions: {@code messages[]} (system, user, assistant with tool_calls, tool). */
    OPENAI_CHAT(List.of(), "messages"),
    /** OpenAI Responses: {@code instructions}, {@code input} (a string or items). */
    OPENAI_RESPONSES(List.of("instructions"), "input"),
    /** Gemini generateContent: {@code systemInstruction}, {@code contents[].parts[]}. */
    GEMINI(List.of("systemInstruction", "system_instruction"), "contents");

    private final List<String> systemKeys;
    private final String messagesKey;

    ConversationShape(List<String> systemKeys, String messagesKey) {
        this.systemKeys = systemKeys;
        this.messagesKey = messagesKey;
    }

    List<String> systemKeys() {
        return systemKeys;
    }

    String messagesKey() {
        return messagesKey;
    }

    /**
     * The shape a request target names: {@code .../messages} (Anthropic), {@code .../chat/completions} (OpenAI and
     * Azure OpenAI), {@code .../responses} (OpenAI), {@code ...:generateContent} and {@code ...:streamGenerateContent}
     * (Gemini, Vertex AI); empty for any other path.
     */
    public static Optional<ConversationShape> ofPath(String pathAndQuery) {
        String path = pathAndQuery;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        path = path.toLowerCase(Locale.ROOT);
        while (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(":generatecontent") || path.endsWith(":streamgeneratecontent")) {
            return Optional.of(GEMINI);
        }
        if (path.endsWith("/chat/completions")) {
            return Optional.of(OPENAI_CHAT);
        }
        if (path.endsWith("/responses")) {
            return Optional.of(OPENAI_RESPONSES);
        }
        if (path.endsWith("/messages")) {
            return Optional.of(ANTHROPIC_MESSAGES);
        }
        return Optional.empty();
    }
}
