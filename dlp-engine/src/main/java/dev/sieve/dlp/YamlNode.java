package dev.sieve.dlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on, so that load errors can point at the exact line. Built from Jackson's
 * streaming YAML parser; duplicate mapping keys are rejected.
 */
final class YamlNode {

    enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    final Kind kind;
    final int line;
    final Object value;

    private YamlNode(Kind kind, int line, Object value) {
        this.kind = kind;
        this.line = line;
        this.value = value;
    }

    /** Thrown for malformed YAML; carries the line. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    static YamlNode parse(String text) throws SyntaxError {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new YamlNode(Kind.NULL, 1, null);
            }
            return read(parser, token);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getLineNr() : 1;
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new SyntaxError(line, "invalid YAML: " + message);
        }
    }

    private static YamlNode read(JsonParser parser, JsonToken token) throws IOException, SyntaxError {
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    YamlNode child = read(parser, parser.nextToken());
                    if (map.containsKey(key)) {
                        throw new SyntaxError(keyLine, key + ": duplicate key (expected: each key once; first at line "
                                + keyLines.get(key) + ")");
                    }
                    map.put(key, child);
                    keyLines.put(key, keyLine);
                }
                return new YamlNode(Kind.MAP, line, Collections.unmodifiableMap(map));
            }
            case START_ARRAY: {
                List<YamlNode> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(parser, next));
                }
                return new YamlNode(Kind.LIST, line, Collections.unmodifiableList(list));
            }
            case VALUE_STRING:
                return new YamlNode(Kind.STRING, line, parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode(Kind.NUMBER, line, parser.getNumberValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode(Kind.BOOLEAN, line, token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return new YamlNode(Kind.NULL, line, null);
            default:
                throw new SyntaxError(line, "unsupported YAML token " + token);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, YamlNode> map() {
        return (Map<String, YamlNode>) value;
    }

    @SuppressWarnings("unchecked")
    List<YamlNode> list() {
        return (List<YamlNode>) value;
    }

    /** Scalar text of a string, number or boolean. */
    String text() {
        return value == null ? "" : String.valueOf(value);
    }

    boolean isScalar() {
        return kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOLEAN;
    }

    String describe() {
        return switch (kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case NULL -> "empty";
            default -> "'" + text() + "'";
        };
    }
}
