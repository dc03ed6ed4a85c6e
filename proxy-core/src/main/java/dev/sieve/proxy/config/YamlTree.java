package dev.sieve.proxy.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One YAML document as a Jackson tree, plus the line of every key and list item.
 *
 * <p>Paths are written as in error messages: {@code proxy.listen}, {@code allow[1].ports[0]}.
 * Duplicate keys and multiple documents are errors.
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlTree(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** The document's root; a {@code NullNode} for an empty document. */
    JsonNode root() {
        return root;
    }

    /** The line of {@code path}, or of its nearest ancestor that has one; 0 if none. */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = parentPath(p);
        }
        return 0;
    }

    /** True if the document itself sets {@code path}. */
    boolean has(String path) {
        return lines.containsKey(path);
    }

    static YamlTree parse(String yaml, String sourceName) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlTree(NODES.nullNode(), lines);
            }
            JsonNode root = read(parser, "", lines, sourceName);
            if (parser.nextToken() != null) {
                throw new ConfigException(sourceName, line(parser.currentTokenLocation()),
                        "a second YAML document (expected: one document)");
            }
            return new YamlTree(root, lines);
        } catch (JacksonException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                throw new ConfigException(sourceName, marked.getProblemMark().getLine() + 1,
                        "invalid YAML: " + context + marked.getProblem());
            }
            throw new ConfigException(sourceName, line(e.getLocation()), "invalid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(sourceName, 0, "cannot read YAML: " + e.getMessage(), e);
        }
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines, String sourceName)
            throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    int keyLine = line(p.currentTokenLocation());
                    if (object.has(key)) {
                        throw new ConfigException(sourceName, keyLine,
                                "duplicate key '" + childPath + "' (expected: each key once; first on line "
                                        + lines.get(childPath) + ")");
                    }
                    lines.put(childPath, keyLine);
                    p.nextToken();
                    object.set(key, read(p, childPath, lines, sourceName));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                    String childPath = path + "[" + i + "]";
                    lines.put(childPath, line(p.currentTokenLocation()));
                    array.add(read(p, childPath, lines, sourceName));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new ConfigException(sourceName, line(p.currentTokenLocation()),
                        (path.isEmpty() ? "(root)" : path) + ": unsupported YAML value " + p.currentToken());
        }
    }

    static String parentPath(String path) {
        if (path.endsWith("]")) {
            return path.substring(0, path.lastIndexOf('['));
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
