package dev.sieve.proxy.audit.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies a webhook POSTs for one audit line. Both carry only what the line carries (which the audit already
 * keeps free of request data and secrets) and no chain internals ({@code prev}, {@code mac}).
 *
 * <ul>
 *   <li>{@code json}: the line's fields in their order, without {@code prev} and {@code mac}, plus
 *       {@code sieve_version}. {@code seq} identifies the record in the audit files.</li>
 *   <li>{@code slack}: a Slack incoming-webhook message: {@code text} (the notification line) and {@code blocks}, a
 *       header and a section of fields (for an alert: agent, alert kind, severity, window, time to detect, the
 *       evidence request ids).</li>
 * </ul>
 */
final class WebhookBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Slack allows at most 10 fields in a section. */
    private static final int SLACK_MAX_FIELDS = 10;

    private WebhookBodies() {}

    /** Parses one audit line (a JSON object and its newline). */
    static ObjectNode parse(byte[] line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (!(node instanceof ObjectNode object)) {
            throw new IOException("audit line: not a JSON object (expected: a line of the audit log)");
        }
        return object;
    }

    static byte[] body(WebhookSettings.Format format, ObjectNode line, String sieveVersion) throws IOException {
        return JSON.writeValueAsBytes(format == WebhookSettings.Format.JSON ? json(line, sieveVersion) : slack(line));
    }

    static ObjectNode json(ObjectNode line, String sieveVersion) {
        ObjectNode out = line.deepCopy();
        out.remove("prev");
        out.remove("mac");
        out.put("sieve_version", sieveVersion);
        return out;
    }

    static ObjectNode slack(ObjectNode line) {
        String decision = line.path("decision").asText();
        String agent = line.path("agentId").asText("unknown");
        String title;
        String text;
        List<String[]> fields = new ArrayList<>();
        switch (decision) {
            case "alert" -> {
                String kind = line.path("alert").asText();
                String severity = line.path("severity").asText();
                title = "Sieve alert: " + kind + " (" + severity + ")";
                text = title + " by agent " + agent + ": " + line.path("summary").asText("");
                fields.add(new String[] {"Agent", code(agent)});
                fields.add(new String[] {"Alert", escape(kind)});
                fields.add(new String[] {"Severity", escape(severity)});
                fields.add(new String[] {"Window", escape(line.path("windowStart").asText()) + " to "
                        + escape(line.path("windowEnd").asText())});
                fields.add(new String[] {"Time to detect", escape(seconds(line.path("ttdMillis").asLong()))});
                fields.add(new String[] {"First evidence", escape(line.path("firstEvidence").asText())});
                fields.add(new String[] {"Evidence", ids(line.path("evidence"))});
            }
            case "admin" -> {
                title = "Sieve admin action: " + line.path("action").asText();
                text = title + " by " + line.path("actor").asText() + " on " + line.path("target").asText()
                        + " (" + line.path("outcome").asText() + ")";
                fields.add(new String[] {"Action", escape(line.path("action").asText())});
                fields.add(new String[] {"Actor", code(line.path("actor").asText())});
                fields.add(new String[] {"Target", code(line.path("target").asText())});
                fields.add(new String[] {"Outcome", escape(line.path("outcome").asText())});
            }
            default -> {
                String destination = line.path("host").asText() + ":" + line.path("port").asText();
                title = "Sieve " + decision + " a request";
                text = title + " by agent " + agent + " to " + destination;
                fields.add(new String[] {"Agent", code(agent)});
                fields.add(new String[] {"Destination", code(destination)});
                fields.add(new String[] {"Rules", ids(line.path("reasons"))});
                fields.add(new String[] {"Request", code(line.path("requestId").asText())});
            }
        }
        fields.add(new String[] {"Time", escape(line.path("time").asText())});
        fields.add(new String[] {"Audit seq", escape(line.path("seq").asText())});

        ObjectNode message = NODES.objectNode();
        message.put("text", escape(text));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", title);
        if (decision.equals("alert") && line.hasNonNull("summary")) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", escape(line.path("summary").asText()));
        }
        ArrayNode sectionFields = blocks.addObject().put("type", "section").putArray("fields");
        for (String[] field : fields.subList(0, Math.min(fields.size(), SLACK_MAX_FIELDS))) {
            sectionFields.addObject().put("type", "mrkdwn").put("text", "*" + field[0] + "*\n" + field[1]);
        }
        return message;
    }

    /** Escapes the three characters Slack's mrkdwn gives a meaning to (links, mentions). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String code(String text) {
        return "`" + escape(text.replace("`", "'")) + "`";
    }

    private static String ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(code(id.asText())));
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
