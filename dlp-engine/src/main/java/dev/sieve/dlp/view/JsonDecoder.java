package dev.sieve.dlp.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Streams a UTF-8 JSON document into a {@link Projection}: every object name, string value (unescaped)
 * and number (as written) becomes a segment. Base64 payloads that model APIs use are decoded into
 * child nodes instead:
 * <ul>
 *   <li>{@code "data"} of an object whose {@code "type"} is {@code "base64"} (Anthropic image and
 *       document sources), or that has no {@code "type"} but a {@code media_type}/{@code mime_type}/
 *       {@code mimeType} (Gemini inline data);</li>
 *   <li>{@code "file_data"} (OpenAI files), a data URL or bare base64;</li>
 *   <li>any string that is a {@code data:...;base64,} URL (OpenAI {@code image_url.url}).</li>
 * </ul>
 * A payload path is the projection path, {@code :}, a JSONPath-like locator and {@code |base64}:
 * {@code json:$.messages[0].content[1].source.data|base64}.
 */
final class JsonDecoder {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_KEY_IN_PATH = 64;
    /** Shorter strings are not tried as embedded documents (an object of a one-letter name and value has nine). */
    private static final int MIN_DOCUMENT = 9;

    private final byte[] src;
    private final int base;
    private final Projection projection;
    private final DecodeContext ctx;
    private final int base64Depth;
    private final Deque<Frame> stack = new ArrayDeque<>();
    /** Boundaries between sibling string fields of every object of the document (view {@code json:$|joined-fields}). */
    private Boundaries fields;
    /**
     * The last command a tool call ran ({@link #COMMAND_KEYS}), as a terminal shows it ({@code $ } and its last
     * {@link Boundaries#WINDOW} characters, then a line break), and how many string values after it may still be its
     * output; then the pairs of it and a lone-token output (view {@code json:$|joined-exchange}).
     */
    private String command;
    private int commandLeft;
    private Boundaries exchange;
    /** {@link #command} was read in this document, not handed down by the enclosing one. */
    private boolean ownCommand;
    /** While a string is decoded as a document of its own: the command whose output its values may be, or null. */
    private String handDown;

    /**
     * Keys whose string is a command a tool runs: Claude Code's Bash {@code command}, Codex's {@code command} array
     * (its strings), {@code cmd} and {@code script} of other agents' shell tools, and a tool call's {@code arguments}
     * document as a string (OpenAI Chat and Responses), read as one line.
     */
    private static final Set<String> COMMAND_KEYS = Set.of("command", "cmd", "script", "arguments");
    /**
     * String values after a command that may be its output: Claude Code's Bash call has its {@code description}
     * after the command, and the result's text may sit in a block; a value set by the protocol ({@link
     * #PROTOCOL_KEYS}) does not count.
     */
    private static final int OUTPUT_VALUES = 3;
    /** Keys whose values the protocol sets (a block's type, ids, a thinking block's signature): never joined. */
    private static final Set<String> SET_BY_PROTOCOL = Set.of("type", "id", "tool_use_id", "tool_call_id", "call_id",
            "signature", "model", "media_type", "mime_type", "mimeType");
    /** Those, a message's role, a tool's name and a call's status: never a tool's output. */
    private static final Set<String> PROTOCOL_KEYS = Stream.concat(SET_BY_PROTOCOL.stream(),
            Stream.of("role", "name", "status")).collect(Collectors.toUnmodifiableSet());

    /** Arrays of messages: Anthropic and OpenAI Chat {@code messages}, OpenAI Responses {@code input}, Gemini
     * {@code contents}. */
    private static final Set<String> MESSAGE_ARRAYS = Set.of("messages", "input", "contents");

    private static final class Frame {
        final boolean array;
        int index = -1;
        String key;
        String type;
        String mime;
        Deferred data;
        /** The key this container sits under in its object, or null. */
        String name;
        /** An object's {@code "text"} string and where its token starts. */
        String text;
        int textStart;
        /** A content block array's last text block (its text and index), and its joined boundaries. */
        String prevText;
        int prevTextStart;
        int prevIndex = -2;
        /** Whether {@link #prevText} was added to {@link #joined} (a run of adjacent text blocks is open). */
        boolean runOpen;
        Boundaries joined;
        /** The container this one is in, or null. */
        final Frame parent;
        /** An object's first string field that may be joined to a sibling (kept by reference), then its boundaries. */
        String firstField;
        int firstFieldStart;
        Boundaries siblings;
        /** A message's role, and its first and last text (string content or text blocks) with their tokens' starts. */
        String role;
        String firstText;
        int firstTextStart;
        String lastText;
        int lastTextStart;
        /** A messages array's boundaries between the texts of consecutive messages of one role, by role. */
        Map<String, Boundaries> roles;
        /** A tool call's {@code index} and its {@code function.arguments} (OpenAI stream deltas replayed). */
        String callIndex;
        String arguments;
        int argumentsStart;
        /** A {@code tool_calls} array's run of entries of one index: the index, the last entry's, its pieces. */
        String runIndex;
        int runEntry = -2;
        List<String> pieces;
        List<Integer> pieceStarts;
        /** An array whose elements so far are all strings of one or two characters: them joined, and the first's start. */
        StringBuilder chars;
        int charsStart;
        int charCount;
        /** An OCR result's word object: its block type (Textract) and its word, under which name it stood. */
        String blockType;
        String ocrText;
        String ocrKey;
        int ocrTextStart;
        /** An array of OCR word objects: their words a blank apart, the first's start, how many. */
        StringBuilder words;
        int wordsStart;
        int wordCount;

        Frame(boolean array) {
            this.array = array;
            this.parent = null;
        }

        /** A message's next text: its first one is kept, and its last. */
        void text(String t, int start) {
            if (firstText == null) {
                firstText = t;
                firstTextStart = start;
            }
            lastText = t;
            lastTextStart = start;
        }

        Frame(boolean array, Frame parent) {
            this.array = array;
            this.parent = parent;
            this.name = parent != null && !parent.array ? parent.key : null;
        }
    }

    /** A {@code "data"} string held back until its object ends and {@code "type"} is known. */
    private record Deferred(int start, int end, String text, String locator) {
    }

    private JsonDecoder(byte[] src, int base, Projection projection, DecodeContext ctx, int base64Depth) {
        this.src = src;
        this.base = base;
        this.projection = projection;
        this.ctx = ctx;
        this.base64Depth = base64Depth;
    }

    /**
     * Decodes {@code src} as one JSON value.
     *
     * @param path        the projection's view path (ends in {@code json})
     * @param base64Depth how many base64 payloads enclose this document
     */
    static Projection decode(byte[] src, String path, DecodeContext ctx, int base64Depth) throws DecodeException {
        return decode(src, path, ctx, base64Depth, null);
    }

    /**
     * Decodes {@code src}, a string of the document {@code parent} decodes (null: none). Its values may be the output
     * of the parent's last command ({@link #exchange}); a command it holds (a tool call's {@code arguments}) becomes
     * the parent's last command, for the values after it.
     */
    private static Projection decode(byte[] src, String path, DecodeContext ctx, int base64Depth, JsonDecoder parent)
            throws DecodeException {
        if (src.length >= 2 && (src[0] == 0 || src[1] == 0)) {
            throw new DecodeException(FailReason.UNSUPPORTED_ENCODING, path + ": JSON is not UTF-8 (expected: UTF-8)");
        }
        int bad = Utf8.firstInvalid(src, 0, src.length);
        if (bad >= 0) {
            throw new DecodeException(FailReason.INVALID_UTF8,
                    path + ": invalid UTF-8 at byte offset " + bad + " (expected: UTF-8 JSON)");
        }
        int base = Sniff.startsWith(src, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}) ? 3 : 0;
        Projection projection = new Projection(path, src, JsonDecoder::encodeString,
                new JsonRelocator(src, base, ctx.limits()), ctx);
        JsonDecoder decoder = new JsonDecoder(src, base, projection, ctx, base64Depth);
        if (parent != null && parent.handDown != null) {
            decoder.command = parent.handDown;
            decoder.commandLeft = OUTPUT_VALUES;
        }
        decoder.parse(path);
        if (parent != null && decoder.ownCommand) {
            parent.command = decoder.command;
            parent.commandLeft = OUTPUT_VALUES;
        }
        if (decoder.fields != null) {
            projection.joined(":$|joined-fields", decoder.fields);
        }
        if (decoder.exchange != null) {
            projection.joined(":$|joined-exchange", decoder.exchange);
        }
        return projection.finish();
    }

    private void parse(String path) throws DecodeException {
        try (JsonParser p = factory(ctx.limits()).createParser(src, base, src.length - base)) {
            boolean rootDone = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (rootDone) {
                    throw new DecodeException(FailReason.JSON_INVALID, path + ": content after the top-level value"
                            + " at byte offset " + tokenStart(p) + " (expected: exactly one JSON value)");
                }
                Frame top = stack.peek();
                if (top != null && top.array && t != JsonToken.END_ARRAY) {
                    top.index++;
                }
                switch (t) {
                    case START_OBJECT -> stack.push(new Frame(false, top));
                    case START_ARRAY -> stack.push(new Frame(true, top));
                    case END_OBJECT -> endObject(stack.pop());
                    case END_ARRAY -> endArray(stack.pop());
                    case FIELD_NAME -> {
                        top.key = p.currentName();
                        int start = tokenStart(p);
                        projection.segment(start, stringEnd(start), top.key, this::locator);
                    }
                    case VALUE_STRING -> string(p, top);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        int start = tokenStart(p);
                        if (top != null && !top.array && top.key.equals("index")) {
                            top.callIndex = p.getText();
                        }
                        projection.segment(start, numberEnd(start), p.getText());
                    }
                    default -> {
                        // true, false, null: nothing to scan
                    }
                }
                rootDone = stack.isEmpty();
            }
            if (!rootDone) {
                throw new DecodeException(FailReason.JSON_INVALID, path + ": empty document (expected: one JSON value)");
            }
        } catch (StreamConstraintsException e) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.contains("getMaxNestingDepth") || m.contains("nesting depth")) {
                throw new DecodeException(FailReason.JSON_TOO_DEEP, ViewLimits.Limit.MAX_JSON_DEPTH, path
                        + ": nesting deeper than " + ctx.limits().maxJsonDepth() + " (expected: <= maxJsonDepth)");
            }
            if (m.contains("getMaxDocumentLength") || m.startsWith("Document length")) {
                throw new DecodeException(FailReason.SIZE_LIMIT, ViewLimits.Limit.MAX_DECODED_BYTES, path
                        + ": the document is longer than " + ctx.limits().maxDecodedBytes()
                        + " (expected: <= maxDecodedBytes)");
            }
            // Strings, names and numbers share one limit (see newFactory).
            throw new DecodeException(FailReason.SIZE_LIMIT, ViewLimits.Limit.MAX_JSON_STRING_BYTES, path
                    + ": a JSON string, name or number is longer than " + ctx.limits().maxJsonStringBytes()
                    + " (expected: <= maxJsonStringBytes)");
        } catch (StreamReadException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset() + base;
            throw new DecodeException(FailReason.JSON_INVALID,
                    path + ": invalid JSON at byte offset " + at + " (expected: one RFC 8259 JSON value)");
        } catch (IOException e) {
            throw new DecodeException(FailReason.JSON_INVALID,
                    path + ": unreadable JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void string(JsonParser p, Frame top) throws IOException, DecodeException {
        String text = p.getText();
        int start = tokenStart(p);
        int end = valueStringEnd(p, start);
        if (top != null && !top.array) {
            switch (top.key) {
                case "data" -> {
                    top.data = new Deferred(start, end, text, locator());
                    return;
                }
                case "file_data" -> {
                    payload(start, end, text, locator(), null);
                    return;
                }
                case "type" -> top.type = text;
                case "text" -> {
                    top.text = text;
                    top.textStart = start;
                }
                case "media_type", "mime_type", "mimeType" -> top.mime = text;
                case "BlockType" -> top.blockType = text;
                default -> {
                }
            }
            if (OCR_WORD_KEYS.contains(top.key)) {
                top.ocrText = text;
                top.ocrKey = top.key;
                top.ocrTextStart = start;
            }
        }
        if (top != null && !top.array) {
            joinField(top, text, start);
        } else if (top != null) {
            joinChar(top, text, start);
        }
        handDown = output(top, text, start);
        if (top != null && COMMAND_KEYS.contains(top.array ? String.valueOf(top.name) : top.key)) {
            command(text);
        }
        if (Base64Payload.isBase64DataUrl(text)) {
            payload(start, end, text, locator(), null);
        } else if (!embeddedDocument(start, end, text)) {
            projection.segment(start, end, text, this::locator);
        }
        handDown = null;
    }

    /**
     * A string value that may be the output of the last command a tool call ran: when it is a lone token (a secret
     * store's read prints one: {@code vault kv get -field=password ...}, {@code op read ...}), the command and it are
     * joined as a terminal shows them, {@code $ <command>} on one line and the token on the next, in view
     * {@code json:$|joined-exchange}; rules that know such commands read it there. Agents' transcripts keep the
     * call and its result in different messages, so no other view has the two together.
     *
     * @return the command, when this value is a document whose own values may be its output (a tool's JSON result)
     */
    private String output(Frame top, String text, int start) {
        if (command == null || commandLeft <= 0 || top == null || top.array || PROTOCOL_KEYS.contains(top.key)) {
            return null;
        }
        commandLeft--;
        if (loneToken(text)) {
            if (exchange == null) {
                exchange = new Boundaries(Boundaries.WINDOW);
            }
            exchange.breakRun();
            exchange.add(command, start);
            exchange.add(text, start);
        }
        return documentShaped(text) ? command : null;
    }

    /** A command a tool call runs: kept as a terminal shows it, for the values after it ({@link #output}). */
    private void command(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return;
        }
        int from = Math.max(0, end - Boundaries.WINDOW);
        if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
            from++;
        }
        command = "$ " + text.substring(from, end) + "\n";
        commandLeft = OUTPUT_VALUES;
        ownCommand = true;
    }

    /** Shortest and longest lone token read as a command's output. */
    private static final int MIN_TOKEN = 8;
    private static final int MAX_TOKEN = 512;

    /** White space around it aside, {@link #MIN_TOKEN} to {@link #MAX_TOKEN} characters without white space. */
    static boolean loneToken(String text) {
        int first = 0;
        int last = text.length();
        while (first < last && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        while (last > first && Character.isWhitespace(text.charAt(last - 1))) {
            last--;
        }
        if (last - first < MIN_TOKEN || last - first > MAX_TOKEN) {
            return false;
        }
        for (int i = first; i < last; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A string that is itself a JSON object or array (OpenAI's tool-call {@code arguments}, a JSON file an agent
     * writes or reads as a tool's text) is decoded as a document of its own, {@code <path>:<locator>|json}, instead of
     * being scanned as escaped text: in the text a value the document quotes is one escape deeper ({@code
     * \"password\": \"...\"}) than rules and validators read. Redacting in it writes the rewritten document back as
     * a JSON string. A string that does not parse, or one beyond the nesting of embedded layers ({@code
     * maxBase64Depth}), stays a plain value: its text is still scanned, and such a request is not refused for it.
     *
     * @return true if the string was added as a document
     */
    private boolean embeddedDocument(int start, int end, String text) throws DecodeException {
        if (!documentShaped(text) || base64Depth + 1 > ctx.limits().maxBase64Depth()) {
            return false;
        }
        String path = projection.path() + ":" + locator() + "|json";
        Projection child;
        try {
            child = decode(text.getBytes(StandardCharsets.UTF_8), path, ctx, base64Depth + 1, this);
        } catch (DecodeException e) {
            if (e.reason() == FailReason.JSON_INVALID) {
                return false;
            }
            throw e;
        }
        projection.child(start, end, child, JsonDecoder::encodeString);
        return true;
    }

    /** White space aside, an object's braces or an array's brackets around at least one string's quote. */
    static boolean documentShaped(String text) {
        int first = 0;
        int last = text.length() - 1;
        while (first < last && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        while (last > first && Character.isWhitespace(text.charAt(last))) {
            last--;
        }
        if (last - first < MIN_DOCUMENT - 1) {
            return false;
        }
        char open = text.charAt(first);
        char close = text.charAt(last);
        return ((open == '{' && close == '}') || (open == '[' && close == ']')) && text.indexOf('"', first) >= 0;
    }

    private void endObject(Frame f) throws DecodeException {
        joinText(f);
        if (f.ocrText != null && f.parent != null && f.parent.array && f.parent.name != null) {
            joinWord(f.parent, f);
        }
        if (f.siblings != null) {
            if (fields == null) {
                fields = Boundaries.ofValues();
            }
            fields.addAll(f.siblings);
        }
        Frame array = f.parent;
        if (array != null && array.array && array.name != null) {
            if (MESSAGE_ARRAYS.contains(array.name)) {
                joinMessage(array, f);
            } else if (array.name.equals("tool_calls")) {
                joinToolCall(array, f);
            }
        }
        Deferred d = f.data;
        if (d == null) {
            return;
        }
        boolean declaredBase64 = "base64".equals(f.type) || (f.type == null && f.mime != null);
        if (declaredBase64 || Base64Payload.isBase64DataUrl(d.text)) {
            payload(d.start, d.end, d.text, d.locator, f.mime);
        } else {
            projection.segment(d.start, d.end, d.text, d::locator);
        }
    }

    /** Content block arrays: Anthropic and OpenAI {@code content}, Gemini {@code parts}. */
    private static boolean blockArray(Frame array) {
        return "content".equals(array.name) || "parts".equals(array.name);
    }

    /** A text block: {@code "type": "text"} (Anthropic, OpenAI Chat), {@code input_text}/{@code output_text}
     * (OpenAI Responses), or no type (Gemini parts). */
    private static boolean textBlock(Frame object) {
        return object.text != null && (object.type == null || object.type.equals("text")
                || object.type.equals("input_text") || object.type.equals("output_text"));
    }

    /**
     * A text block right after another text block of the same content array gives the two texts' boundary to the
     * array's joined view ({@link Boundaries}, {@code json:$.messages[0].content|joined}): a value an agent split
     * over blocks of one message is seen whole. Blocks with anything between them are not joined. The text is also
     * the message's (its first and last text are joined to the messages of its role, {@link #joinMessage}).
     */
    private void joinText(Frame block) throws DecodeException {
        Frame array = stack.peek();
        if (array == null || !array.array || !blockArray(array) || !textBlock(block)) {
            return;
        }
        if (array.prevIndex == array.index - 1) {
            if (array.joined == null) {
                array.joined = new Boundaries(Boundaries.TEXT_WINDOW);
            }
            if (!array.runOpen) { // the previous block starts a run (nothing is copied for a lone block)
                array.joined.breakRun();
                array.joined.add(array.prevText, array.prevTextStart);
            }
            array.joined.add(block.text, block.textStart);
            array.runOpen = true;
        } else {
            array.runOpen = false;
        }
        array.prevText = block.text;
        array.prevTextStart = block.textStart;
        array.prevIndex = array.index;
        Frame message = array.parent;
        if (message != null && !message.array) {
            message.text(block.text, block.textStart);
        }
    }

    /**
     * A string field of an object: the value a message, tool call or sibling join needs is kept (by reference), and
     * a value that may hold part of a secret is joined to the object's earlier such field (view
     * {@code json:$|joined-fields}, one for the document's objects). Not joined: values shorter than {@link
     * Boundaries#MIN_VALUE}, data URLs, and what the protocol sets (a block's type, a message's role, ids, a thinking
     * block's signature, the model, a media type).
     */
    private static void joinField(Frame object, String text, int start) {
        switch (object.key) {
            case "role" -> {
                object.role = text;
                return;
            }
            case "content" -> object.text(text, start);
            case "arguments" -> {
                if ("function".equals(object.name) && object.parent != null) {
                    object.parent.arguments = text;
                    object.parent.argumentsStart = start;
                }
            }
            default -> {
                if (SET_BY_PROTOCOL.contains(object.key)) {
                    return;
                }
            }
        }
        if (text.length() < Boundaries.MIN_VALUE || text.startsWith("data:")) {
            return;
        }
        if (object.firstField == null) {
            object.firstField = text;
            object.firstFieldStart = start;
            return;
        }
        if (object.siblings == null) {
            object.siblings = Boundaries.ofValues();
            object.siblings.add(object.firstField, object.firstFieldStart);
        }
        object.siblings.add(text, start);
    }

    /**
     * A message of a messages array: its first text is joined to the last text of the array's previous message of
     * the same role (a message of another role, or one without text, may be between), in view
     * {@code json:$.messages|joined-<role>}. A message with more texts than one starts a new run at its last one.
     */
    private void joinMessage(Frame array, Frame message) {
        if (message.role == null || message.firstText == null) {
            return;
        }
        if (array.roles == null) {
            array.roles = new LinkedHashMap<>(4);
        }
        Boundaries b = array.roles.get(message.role);
        if (b == null) {
            if (!plainRole(message.role)) {
                return; // a role that is not a plain word does not name a view
            }
            b = Boundaries.ofValues();
            array.roles.put(message.role, b);
        }
        b.add(message.firstText, message.firstTextStart);
        if (message.lastText != message.firstText) {
            b.breakRun();
            b.add(message.lastText, message.lastTextStart);
        }
    }

    /** {@code user}, {@code assistant}, {@code model}, {@code tool}: 1 to 20 lower-case letters or underscores. */
    private static boolean plainRole(String role) {
        if (role.isEmpty() || role.length() > 20) {
            return false;
        }
        for (int i = 0; i < role.length(); i++) {
            char c = role.charAt(i);
            if ((c < 'a' || c > 'z') && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * An entry of a {@code tool_calls} array: consecutive entries with the same {@code index} are the deltas of one
     * streamed call, and their {@code function.arguments} are joined as a client joins them; the joined document is
     * decoded as any {@code arguments} ({@code <array>|joined-arguments|json}) when it parses, else its pieces'
     * boundaries are scanned as text ({@code <array>|joined-arguments}). Entries without an index are never joined.
     */
    private void joinToolCall(Frame array, Frame call) throws DecodeException {
        boolean continues = call.callIndex != null && call.callIndex.equals(array.runIndex)
                && array.runEntry == array.index - 1 && call.arguments != null;
        if (!continues) {
            flushToolCalls(array);
            if (call.callIndex == null || call.arguments == null) {
                return;
            }
            array.runIndex = call.callIndex;
            array.pieces = new ArrayList<>(4);
            array.pieceStarts = new ArrayList<>(4);
        }
        array.pieces.add(call.arguments);
        array.pieceStarts.add(call.argumentsStart);
        array.runEntry = array.index;
    }

    private void flushToolCalls(Frame array) throws DecodeException {
        List<String> pieces = array.pieces;
        array.pieces = null;
        array.runIndex = null;
        array.runEntry = -2;
        if (pieces == null || pieces.size() < 2) {
            return;
        }
        String name = arrayLocator(array) + "|joined-arguments";
        String joined = String.join("", pieces);
        int place = array.pieceStarts.get(pieces.size() - 1);
        if (documentShaped(joined) && base64Depth + 1 <= ctx.limits().maxBase64Depth()) {
            String path = projection.path() + ":" + name + "|json";
            try {
                projection.joinedDocument(path, place,
                        decode(joined.getBytes(StandardCharsets.UTF_8), path, ctx, base64Depth + 1, this));
                return;
            } catch (DecodeException e) {
                if (e.reason() != FailReason.JSON_INVALID) {
                    throw e;
                }
            }
        }
        Boundaries b = Boundaries.ofValues();
        for (int i = 0; i < pieces.size(); i++) {
            b.add(pieces.get(i), array.pieceStarts.get(i));
        }
        projection.joined(":" + name, b);
    }

    /** Fewest elements of an array of one or two characters each that are joined ({@link #joinChar}). */
    static final int MIN_CHAR_ELEMENTS = 8;
    /** The longest element of such an array. */
    private static final int MAX_CHAR_ELEMENT = 2;

    /**
     * An array's string element: while every element is a string of one or two characters ({@code ["s", "k", "_",
     * ...]}, a value written one character an element), they are joined; the first longer element, or any element
     * that is no string ({@link #endArray} counts them), ends it. Nothing is kept for other arrays: a builder is made
     * only at a first element that short, and arrays of short strings are rare in agent JSON.
     */
    private static void joinChar(Frame array, String text, int start) {
        if (text.isEmpty() || text.length() > MAX_CHAR_ELEMENT) {
            array.chars = null;
            return;
        }
        if (array.index == 0) {
            array.chars = new StringBuilder(32);
            array.charsStart = start;
            array.charCount = 0;
        }
        if (array.chars != null) {
            array.chars.append(text);
            array.charCount++;
        }
    }

    /**
     * The view of an array of {@value #MIN_CHAR_ELEMENTS} or more strings of one or two characters each and nothing
     * else, joined ({@code json:$.metadata.chars|joined-chars}; its text is searched by the decoding graph like any
     * view's), placed at the first element. A legitimate list of letters (options, axes, grades) holds no secret and
     * gives no finding. Never rewritten: redact escalates to block.
     */
    private void joinedChars(Frame array) throws DecodeException {
        StringBuilder chars = array.chars;
        array.chars = null;
        if (chars == null || array.charCount < MIN_CHAR_ELEMENTS || array.charCount != array.index + 1) {
            return; // too few, or an element that was no string (a number, an object)
        }
        String path = projection.path() + ":" + arrayLocator(array) + "|joined-chars";
        byte[] bytes = chars.toString().getBytes(StandardCharsets.UTF_8);
        ctx.charge(bytes.length, path);
        projection.joinedDocument(path, array.charsStart, RawView.of(path, bytes, ctx));
    }

    /** Names of the string that holds an OCR word ({@link #joinWord}). */
    private static final Set<String> OCR_WORD_KEYS = Set.of("Text", "text", "content", "description");
    /** Fewest OCR words joined into a view. */
    static final int MIN_OCR_WORDS = 3;

    /**
     * An object of an OCR result's word list: AWS Textract's {@code Blocks} ({@code "BlockType": "WORD"}, its
     * {@code Text}; LINE, PAGE and other blocks are passed over), Azure AI Vision Read's and Document Intelligence's
     * {@code words} ({@code text} or {@code content}) and Google Cloud Vision's {@code textAnnotations}
     * ({@code description}). OCR cuts a number printed in groups (an SSN, a card's four groups) into one word a
     * group, so no rule sees it whole in the document's projection.
     */
    private static void joinWord(Frame array, Frame word) {
        boolean isWord = switch (array.name) {
            case "Blocks" -> "WORD".equals(word.blockType) && "Text".equals(word.ocrKey);
            case "words" -> "text".equals(word.ocrKey) || "content".equals(word.ocrKey);
            case "textAnnotations" -> "description".equals(word.ocrKey);
            default -> false;
        };
        if (!isWord) {
            return;
        }
        if (array.words == null) {
            array.words = new StringBuilder(64);
            array.wordsStart = word.ocrTextStart;
        } else {
            array.words.append(' ');
        }
        array.words.append(word.ocrText);
        array.wordCount++;
    }

    /**
     * The view of an OCR result's words ({@link #joinWord}) a blank apart, as the page printed them
     * ({@code json:$.Blocks|joined-words}; searched by the decoding graph like any view), placed at the first word.
     * Never rewritten: redact escalates to block.
     */
    private void joinedWords(Frame array) throws DecodeException {
        StringBuilder words = array.words;
        array.words = null;
        if (array.wordCount < MIN_OCR_WORDS) {
            return;
        }
        String path = projection.path() + ":" + arrayLocator(array) + "|joined-words";
        byte[] bytes = words.toString().getBytes(StandardCharsets.UTF_8);
        ctx.charge(bytes.length, path);
        projection.joinedDocument(path, array.wordsStart, RawView.of(path, bytes, ctx));
    }

    private void endArray(Frame array) throws DecodeException {
        if (array.chars != null) {
            joinedChars(array);
        }
        if (array.words != null) {
            joinedWords(array);
        }
        if (array.joined != null) {
            projection.joined(":" + arrayLocator(array) + "|joined", array.joined);
        }
        if (array.roles != null) {
            for (Map.Entry<String, Boundaries> r : array.roles.entrySet()) {
                projection.joined(":" + arrayLocator(array) + "|joined-" + r.getKey(), r.getValue());
            }
        }
        if (array.pieces != null) {
            flushToolCalls(array);
        }
    }

    private void payload(int start, int end, String text, String locator, String declaredMime) throws DecodeException {
        String path = projection.path() + ":" + locator + "|base64";
        if (base64Depth + 1 > ctx.limits().maxBase64Depth()) {
            throw new DecodeException(FailReason.NESTING_TOO_DEEP, ViewLimits.Limit.MAX_BASE64_DEPTH, path
                    + ": base64 payloads nested "
                    + (base64Depth + 1) + " deep (expected: <= maxBase64Depth " + ctx.limits().maxBase64Depth() + ")");
        }
        Base64Payload payload = Base64Payload.parse(text, path);
        ctx.charge(payload.decoded().length, path);
        String mime = payload.mime() != null ? payload.mime() : declaredMime;
        Node child = Payloads.decode(payload.decoded(), path, MediaType.parse(mime), ctx, base64Depth + 1);
        projection.child(start, end, child, bytes -> encodeString(payload.encode(bytes).getBytes(StandardCharsets.US_ASCII)));
    }

    /** JSONPath-like locator of the value being read: {@code $.a[2]['odd key']}. */
    private String locator() {
        return locator(stack);
    }

    /**
     * Names the name or value whose token starts at a source offset, by reading the document again: asked for
     * findings only, so that decoding keeps no path per value. One reader serves a projection's findings: it goes
     * on forward from where the last question left it (findings come in offset order) and starts over only for an
     * offset behind it, so a document with thousands of findings is read about once, not once per finding. A
     * document that decoded once reads the same way again; {@code $} if the token is not found.
     */
    static final class JsonRelocator implements Projection.Relocator {
        private final byte[] src;
        private final int base;
        private final ViewLimits limits;
        private JsonParser parser;
        private Deque<Frame> frames;
        /** Offset of the last token read, and whether it was a name or a scalar (a token a locator names). */
        private long at = Long.MAX_VALUE;
        private boolean named;

        JsonRelocator(byte[] src, int base, ViewLimits limits) {
            this.src = src;
            this.base = base;
            this.limits = limits;
        }

        @Override
        public String locator(int target) {
            try {
                if (target < at) {
                    restart();
                } else if (target == at) {
                    return named ? JsonDecoder.locator(frames) : "$";
                }
                JsonToken t;
                while ((t = parser.nextToken()) != null) {
                    Frame top = frames.peek();
                    if (top != null && top.array && t != JsonToken.END_ARRAY) {
                        top.index++;
                    }
                    switch (t) {
                        case START_OBJECT -> frames.push(new Frame(false));
                        case START_ARRAY -> frames.push(new Frame(true));
                        case END_OBJECT, END_ARRAY -> frames.pop();
                        case FIELD_NAME -> top.key = parser.currentName();
                        default -> {
                        }
                    }
                    at = parser.currentTokenLocation().getByteOffset() + base;
                    named = t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY && t != JsonToken.START_OBJECT
                            && t != JsonToken.START_ARRAY;
                    if (at == target && named) {
                        return JsonDecoder.locator(frames);
                    }
                    if (at > target) {
                        break;
                    }
                }
            } catch (IOException e) {
                // fall through: the document decoded before, so this does not happen; the root is still true
                at = Long.MAX_VALUE;
            }
            return "$";
        }

        private void restart() throws IOException {
            if (parser != null) {
                parser.close();
            }
            parser = factory(limits).createParser(src, base, src.length - base);
            frames = new ArrayDeque<>();
            at = -1;
            named = false;
        }
    }

    private static String locator(Deque<Frame> stack) {
        return locator(stack, false);
    }

    /** The locator of {@code array}: the top of the stack, or just popped from it. */
    private String arrayLocator(Frame array) {
        return stack.peek() == array ? containerLocator(stack) : locator(stack);
    }

    /** The locator of the container at the top of the stack itself ({@code $.messages[0].content}). */
    private static String containerLocator(Deque<Frame> stack) {
        return locator(stack, true);
    }

    private static String locator(Deque<Frame> stack, boolean container) {
        StringBuilder sb = new StringBuilder("$");
        Iterator<Frame> it = stack.descendingIterator();
        while (it.hasNext()) {
            Frame f = it.next();
            if (container && !it.hasNext()) {
                break;
            }
            if (f.array) {
                sb.append('[').append(f.index).append(']');
            } else {
                appendKey(sb, f.key);
            }
        }
        return sb.toString();
    }

    private static void appendKey(StringBuilder sb, String key) {
        String k = key.length() > MAX_KEY_IN_PATH ? key.substring(0, MAX_KEY_IN_PATH) + "..." : key;
        if (PLAIN_KEY.matcher(k).matches()) {
            sb.append('.').append(k);
        } else {
            sb.append("['").append(k.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        }
    }

    private int tokenStart(JsonParser p) throws DecodeException {
        long offset = p.currentTokenLocation().getByteOffset();
        if (offset < 0 || offset + base >= src.length) {
            throw new DecodeException(FailReason.INTERNAL_ERROR, "json: token offset unavailable");
        }
        return (int) offset + base;
    }

    /**
     * End (exclusive) of the string value just read, whose opening quote is at {@code start}: where the parser
     * stands after {@link JsonParser#getText()} finished it, right after the closing quote. Spares a second pass over
     * the string (a quarter of a JSON body's decoding time when it was walked again here). Checked, not trusted.
     */
    private int valueStringEnd(JsonParser p, int start) throws DecodeException {
        long after = p.currentLocation().getByteOffset() + base;
        if (after > start + 1 && after <= src.length && src[start] == '"' && closingQuote((int) after - 1)) {
            return (int) after;
        }
        return stringEnd(start);
    }

    /** {@code src[at]} is a quote that no backslash escapes. */
    private boolean closingQuote(int at) {
        int backslashes = 0;
        while (src[at - 1 - backslashes] == '\\') {
            backslashes++;
        }
        return src[at] == '"' && backslashes % 2 == 0;
    }

    /** End (exclusive) of the string literal whose opening quote is at {@code start}. */
    private int stringEnd(int start) throws DecodeException {
        if (src[start] != '"') {
            throw new DecodeException(FailReason.INTERNAL_ERROR, "json: string token not at its quote");
        }
        int i = start + 1;
        while (i < src.length) {
            byte b = src[i];
            if (b == '\\') {
                i += 2;
            } else if (b == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new DecodeException(FailReason.INTERNAL_ERROR, "json: string token without closing quote");
    }

    private int numberEnd(int start) {
        int i = start;
        while (i < src.length) {
            byte b = src[i];
            if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** A JSON string literal, quotes included, for decoded UTF-8 content. */
    static byte[] encodeString(byte[] decoded) {
        byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(new String(decoded, StandardCharsets.UTF_8));
        byte[] out = new byte[inner.length + 2];
        out[0] = '"';
        System.arraycopy(inner, 0, out, 1, inner.length);
        out[out.length - 1] = '"';
        return out;
    }

    /**
     * One factory per limits (a handful per process: limits come from configuration). A factory is thread-safe
     * and owns the field-name symbol table that its parsers share; building one per document cost more than the
     * parse of a small request.
     */
    private static final Map<ViewLimits, JsonFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final int MAX_FACTORIES = 64;

    private static JsonFactory factory(ViewLimits limits) {
        JsonFactory cached = FACTORIES.get(limits);
        if (cached != null) {
            return cached;
        }
        JsonFactory built = newFactory(limits);
        if (FACTORIES.size() < MAX_FACTORIES) {
            FACTORIES.putIfAbsent(limits, built);
        }
        return built;
    }

    private static JsonFactory newFactory(ViewLimits limits) {
        int maxString = (int) Math.min(Integer.MAX_VALUE, limits.maxJsonStringBytes());
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxStringLength(maxString)
                        .maxNameLength(maxString)
                        // Numbers are scanned as written and never converted, so a long one costs what a
                        // string does; Jackson's fixed 1000-digit default would fail such a body for no reason.
                        .maxNumberLength(maxString)
                        .maxDocumentLength(limits.maxDecodedBytes())
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }
}
