package dev.sieve.proxy.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The values table of the chart's README, generated from the {@code # --} comments of values.yaml in the
 * style of helm-docs (https://github.com/norwoodj/helm-docs): one row per value with its key, type, default
 * and description, in file order.
 *
 * <p>A {@code # --} comment documents the key right below it; the comment lines after it continue the
 * description (a line indented further starts a new line in the table). Comments before the {@code # --} line
 * are for readers of values.yaml only. A documented mapping is one row (its default the whole mapping) and its
 * entries are not listed; an undocumented mapping is descended into. Every other value (a scalar, a list, an
 * empty mapping) needs its own description or a documented mapping above it, else it is listed in
 * {@link #undocumented()}.
 *
 * <p>Why not helm-docs itself: it is a Go binary the build cannot fetch, and the chart tests already run in the
 * JVM; SnakeYAML (Sieve's YAML parser, with comment processing) reads the comments, Jackson the defaults.
 */
final class ValuesDoc {

    static final String BEGIN = "<!-- values:begin (generated from values.yaml; do not edit by hand) -->";
    static final String END = "<!-- values:end -->";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DOC_LINE = Pattern.compile("(?m)^[ \\t]*# --");

    /** One documented value. */
    record Row(String key, String type, String defaultJson, String description) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> undocumented = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int descriptionsUsed;

    private ValuesDoc() {}

    /** Reads values.yaml text. */
    static ValuesDoc parse(String valuesYaml) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        Node root = new Yaml(options).compose(new StringReader(valuesYaml));
        JsonNode values;
        try {
            values = HelmChart.YAML.readTree(valuesYaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("values.yaml is not valid YAML", e);
        }
        ValuesDoc doc = new ValuesDoc();
        if (root instanceof MappingNode mapping) {
            doc.walk(mapping, values, "", false);
        }
        long written = DOC_LINE.matcher(valuesYaml).results().count();
        if (written != doc.descriptionsUsed) {
            doc.problems.add((written - doc.descriptionsUsed) + " `# --` comment(s) document no key (a `# --` block"
                    + " must end right above its key, and a key inside a documented mapping is not listed)");
        }
        return doc;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Values with neither their own description nor a documented mapping above them. */
    List<String> undocumented() {
        return List.copyOf(undocumented);
    }

    /** Comments the generator cannot place: two descriptions for one key, or a description attached to no key. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The values table, between the {@link #BEGIN} and {@link #END} markers. */
    String table() {
        StringBuilder out = new StringBuilder(BEGIN).append("\n");
        out.append("| Key | Type | Default | Description |\n");
        out.append("|-----|------|---------|-------------|\n");
        for (Row row : rows) {
            out.append("| ").append(code(row.key())).append(" | ").append(row.type()).append(" | ")
                    .append(code(row.defaultJson())).append(" | ").append(row.description()).append(" |\n");
        }
        return out.append(END).toString();
    }

    /** {@code readme} with the text between the markers replaced by {@code table}. */
    static String splice(String readme, String table) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("README.md: no values table markers (expected: a line " + BEGIN
                    + " and, below it, a line " + END + ")");
        }
        return readme.substring(0, begin) + table + readme.substring(end + END.length());
    }

    private void walk(MappingNode mapping, JsonNode values, String prefix, boolean insideDocumented) {
        for (NodeTuple tuple : mapping.getValue()) {
            String name = ((ScalarNode) tuple.getKeyNode()).getValue();
            String key = prefix.isEmpty() ? keyPart(name) : prefix + "." + keyPart(name);
            JsonNode value = values.path(name);
            String description = description(key, tuple.getKeyNode().getBlockComments());
            boolean nested = tuple.getValueNode() instanceof MappingNode child && !child.getValue().isEmpty();
            // Inside a documented mapping a key is part of that mapping's row; a description of its own would be
            // lost, and parse reports it as documenting no key.
            if (!insideDocumented && description != null) {
                descriptionsUsed++;
                rows.add(new Row(key, type(value), json(value), description));
            } else if (!insideDocumented && !nested) {
                undocumented.add(key);
                rows.add(new Row(key, type(value), json(value), ""));
            }
            if (nested) {
                walk((MappingNode) tuple.getValueNode(), value, key, insideDocumented || description != null);
            }
        }
    }

    /** The description from the {@code # --} line up to the key, or null when there is none. */
    private String description(String key, List<CommentLine> comments) {
        if (comments == null) {
            return null;
        }
        int start = -1;
        for (int i = 0; i < comments.size(); i++) {
            CommentLine line = comments.get(i);
            if (line.getCommentType() == CommentType.BLOCK && line.getValue().strip().startsWith("--")) {
                if (start >= 0) {
                    problems.add(key + ": two `# --` descriptions (expected: one)");
                }
                start = i;
            }
        }
        if (start < 0) {
            return null;
        }
        StringBuilder text = new StringBuilder(escape(comments.get(start).getValue().strip().substring(2).strip()));
        for (CommentLine line : comments.subList(start + 1, comments.size())) {
            if (line.getCommentType() != CommentType.BLOCK) {
                problems.add(key + ": its `# --` description is separated from it by a blank line");
                return null;
            }
            String value = line.getValue();
            String content = escape(value.strip().replaceAll("\\s+", " "));
            // "#   text" (indented past the usual "# ") starts a new line: a list or an example.
            text.append(value.startsWith("  ") ? "<br>" : " ").append(content);
        }
        return text.toString().strip();
    }

    private static String keyPart(String name) {
        return name.contains(".") || name.contains(" ") ? "\"" + name + "\"" : name;
    }

    private static String type(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        } else if (value.isBoolean()) {
            return "bool";
        } else if (value.isIntegralNumber()) {
            return "int";
        } else if (value.isNumber()) {
            return "float";
        } else if (value.isArray()) {
            return "list";
        } else if (value.isObject()) {
            return "object";
        }
        return "null";
    }

    private static String json(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A code span for a table cell: a pipe is escaped (GitHub tables split on it even in code). */
    private static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        return fence + text.replace("|", "\\|") + fence;
    }

    /**
     * Description text for a table cell: outside code spans, characters Markdown would take as markup
     * ({@code <fullname>} as an HTML tag, {@code *} as emphasis) are escaped; pipes everywhere.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        for (char c : text.toCharArray()) {
            if (c == '`') {
                inCode = !inCode;
                out.append(c);
            } else if (c == '|') {
                out.append("\\|");
            } else if (!inCode && c == '<') {
                out.append("&lt;");
            } else if (!inCode && c == '>') {
                out.append("&gt;");
            } else if (!inCode && (c == '*' || c == '_')) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
