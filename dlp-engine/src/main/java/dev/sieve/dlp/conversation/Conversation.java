package dev.sieve.dlp.conversation;

import dev.sieve.dlp.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The messages of one model-API request, in conversation order (the system prompt first, when there is one), and
 * the same conversation as a sequence of {@link Unit units}: each message's own fields, then each of its content
 * blocks. History is judged unit by unit, so a turn that appends a block to the last message of the previous turn
 * (an agent that merges a tool result and the user's next words into one message) still extends it.
 *
 * @param shape    the API shape the body was read as
 * @param messages the messages; each knows its JSON path and source byte range in the body
 */
public record Conversation(ConversationShape shape, List<Message> messages) {

    /**
     * One message (or the system prompt) of the conversation.
     *
     * @param index    position in {@link Conversation#messages()}
     * @param role     the message's {@code role} (or {@code type} for Responses items without one); {@code system}
     *                 for the system prompt; empty when the message names neither
     * @param path     its JSON path: {@code $.system}, {@code $.messages[3]}, {@code $.contents[0]}, {@code $.input}
     * @param start    first byte of its JSON value in the body
     * @param end      end (exclusive) of its JSON value in the body
     * @param blocksKey the key of its content block array ({@code content}, {@code parts}), empty when it has none
     * @param blocks   the byte ranges of its content blocks, in order
     */
    public record Message(int index, String role, String path, int start, int end, String blocksKey,
            List<Range> blocks) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(blocksKey, "blocksKey");
            blocks = List.copyOf(blocks);
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("range: " + start + ".." + end + " (expected: 0 <= start < end)");
            }
        }

        /** A message without content blocks. */
        public Message(int index, String role, String path, int start, int end) {
            this(index, role, path, start, end, "", List.of());
        }

        Message at(int newIndex) {
            return new Message(newIndex, role, path, start, end, blocksKey, blocks);
        }

        /** True if {@code jsonPath} is this message or lies inside it. */
        boolean holds(String jsonPath) {
            return within(jsonPath, path);
        }

        /** The path of content block {@code i}: {@code $.messages[3].content[1]}. */
        String blockPath(int i) {
            return path + "." + blocksKey + "[" + i + "]";
        }
    }

    /** A byte range {@code [start, end)} of the body. */
    public record Range(int start, int end) {
    }

    /**
     * One unit of history: a message's own fields (role, and anything but its content blocks: {@code head}), or one
     * of its content blocks.
     *
     * @param message the index of the message it belongs to
     * @param block   the content block's index, or -1 for the head
     * @param path    the JSON path of the message or block
     * @param start   first byte of the message (head) or block in the body
     * @param end     end (exclusive) of the message (head) or block
     */
    public record Unit(int message, int block, String path, int start, int end) {
        /** True for a message's own fields rather than a content block. */
        public boolean head() {
            return block < 0;
        }
    }

    public Conversation {
        Objects.requireNonNull(shape, "shape");
        messages = List.copyOf(messages);
    }

    /** The units in order: for each message its head, then its content blocks. */
    public List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        for (Message m : messages) {
            units.add(new Unit(m.index(), -1, m.path(), m.start(), m.end()));
            for (int i = 0; i < m.blocks().size(); i++) {
                Range r = m.blocks().get(i);
                units.add(new Unit(m.index(), i, m.blockPath(i), r.start(), r.end()));
            }
        }
        return units;
    }

    /** How many {@link #units()} there are, without making them. */
    public int unitCount() {
        int n = 0;
        for (Message m : messages) {
            n += 1 + m.blocks().size();
        }
        return n;
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

    /**
     * The index in {@link #units()} of the unit a finding lies in: the content block that holds it, else its
     * message's head; -1 outside every message.
     */
    public int unitAt(Finding.Location location) {
        int message = messageAt(location);
        if (message < 0) {
            return -1;
        }
        int unit = 0;
        for (int i = 0; i < message; i++) {
            unit += 1 + messages.get(i).blocks().size();
        }
        Message m = messages.get(message);
        for (int i = 0; i < m.blocks().size(); i++) {
            if (within(location.path(), m.blockPath(i))) {
                return unit + 1 + i;
            }
        }
        return unit;
    }

    private static boolean within(String jsonPath, String path) {
        return jsonPath.startsWith(path) && (jsonPath.length() == path.length()
                || jsonPath.charAt(path.length()) == '.' || jsonPath.charAt(path.length()) == '[');
    }
}
