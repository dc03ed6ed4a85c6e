package dev.sieve.proxy.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an export sink turns one chained audit line into messages ({@code audit.export[].format}):
 * <ul>
 *   <li>{@link #JSON}: the chained line as is (without its newline), so an auditor holding the key can verify
 *       what the SIEM received;</li>
 *   <li>{@link #OCSF}: OCSF events from {@link OcsfMapper}; admin, label, seal and head lines (no OCSF class
 *       mapped) are sent as their raw JSON line, like the JSON format.</li>
 * </ul>
 * The selection ({@link RecordKind}) applies in both: a request decision goes out when {@code decisions} is
 * selected, or, in JSON, when {@code findings} is and the decision carries findings. A line of a kind this
 * version does not know goes out as raw JSON only when every kind is selected (the default).
 */
public enum ExportFormat {
    JSON,
    OCSF;

    private static final ObjectMapper JSON_READER = JsonMapper.builder().build();

    /** The YAML spelling. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The messages for {@code line} (one chained line, with or without its newline).
     *
     * @throws IOException when the line is not a JSON object with a {@code decision}
     */
    public List<ExportMessage> messages(byte[] line, Set<RecordKind> selected, OcsfMapper ocsf) throws IOException {
        Objects.requireNonNull(selected, "selected");
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
            end--;
        }
        byte[] raw = end == line.length ? line : Arrays.copyOf(line, end);
        JsonNode node = JSON_READER.readTree(raw);
        if (node == null || !node.isObject() || !node.path("decision").isTextual()) {
            throw new IOException("audit line: not a JSON object with a decision (expected: a chained audit line)");
        }
        String decision = node.get("decision").asText();
        RecordKind kind = RecordKind.of(decision);
        boolean decisions = selected.contains(RecordKind.DECISIONS);
        boolean findings = selected.contains(RecordKind.FINDINGS);
        Instant time = time(node);
        if (kind == null) {
            return selected.containsAll(EnumSet.allOf(RecordKind.class))
                    ? List.of(new ExportMessage(decision, time, ExportMessage.INFO, raw)) : List.of();
        }
        if (kind == RecordKind.DECISIONS) {
            if (this == OCSF) {
                return events(ocsf.map(node, decisions, findings));
            }
            boolean hasFindings = !node.path("findings").isEmpty();
            return decisions || (findings && hasFindings)
                    ? List.of(new ExportMessage("decision", time,
                            "allowed".equals(decision) ? ExportMessage.INFO : ExportMessage.NOTICE, raw))
                    : List.of();
        }
        if (!selected.contains(kind)) {
            return List.of();
        }
        if (kind == RecordKind.ALERTS && this == OCSF) {
            return events(ocsf.map(node, false, true));
        }
        int severity = kind == RecordKind.ALERTS ? ExportMessage.WARNING : ExportMessage.INFO;
        return List.of(new ExportMessage(msgId(kind, decision), time, severity, raw));
    }

    private static String msgId(RecordKind kind, String decision) {
        return switch (kind) {
            case ALERTS -> "alert";
            case ADMIN -> "admin";
            case LABELS -> "label";
            default -> decision; // sealed, head
        };
    }

    private static List<ExportMessage> events(List<OcsfMapper.Event> events) throws IOException {
        List<ExportMessage> out = new ArrayList<>(events.size());
        for (OcsfMapper.Event e : events) {
            out.add(new ExportMessage(e.msgId(), e.time(), e.severity(),
                    JSON_READER.writeValueAsString(e.json()).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static Instant time(JsonNode node) {
        try {
            return Instant.parse(node.path("time").asText());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
