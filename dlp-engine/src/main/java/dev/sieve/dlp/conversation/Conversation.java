package dev.sieve.dlp.conversation;

import dev.sieve.dlp.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The messages of one model-API request, in conversation order (the system prompt first, when there is one).
 *
 * @param shape    the API shape the body was read as
 * @param messages the messages; each knows its JSON path and source byte range in the body
 */
public record Conversation(ConversationShape shape, List<Message> messages) {

    /**
     * One message (or the system prompt) of the conversation.
     *
     * @param index position in {@link Conversation#messages()}
     * @param role  the message's {@code role} (or {@code type} for Responses items without one); {@code system}
     *              for the system prompt; empty when the message names neither
     * @param path  its JSON path: {@code $.system}, {@code $.messages[3]}, {@code $.contents[0]}, {@code $.input}
     * @param start first byte of its JSON value in the body
     * @param end   end (exclusive) of its JSON value in the body
     */
    public record Message(int index, String role, String path, int start, int end) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(path, "path");
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("range: " + start + ".." + end + " (expected: 0 <= start < end)");
            }
        }

        /** True if {@code jsonPath} is this message or lies inside it. */
        boolean holds(String jsonPath) {
            return jsonPath.startsWith(path) && (jsonPath.length() == path.length()
                    || jsonPath.charAt(path.length()) == '.' || jsonPath.charAt(path.length()) == '[');
        }
    }

    public Conversation {
        Objects.requireNonNull(shape, "shape");
        messages = List.copyOf(messages);
    }

    /** The index of the message that holds {@code jsonPath} (a path into the body's JSON document), or -1. */
    public int messageAt(String jsonPath) {
        for (Message m : messages) {
            if (m.holds(jsonPath)) {
                return m.index();
            }
        }
        return -1;
    }

    /**
     * The index of the message a finding lies in, or -1 when it has no place in the body's JSON document or lies
     * outside every message (tool definitions, parameters).
     */
    public int messageAt(Finding.Location location) {
        return location.inBodyJson() ? messageAt(location.path()) : -1;
    }
}
