package dev.sieve.proxy.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.audit.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps chained audit lines (parsed JSON, so the same code serves live export and {@code sieve audit export}) to OCSF
 * {@value #OCSF_VERSION} events:
 * <ul>
 *   <li>a request decision to one HTTP Activity (class 4002, category 4): actor.user = agent, src_endpoint = the
 *       agent's address, dst_endpoint = host and port, http_request = method and the audit's masked path (query
 *       values were masked before the line was written), action/disposition from the decision;</li>
 *   <li>each DLP finding of a decision to one Detection Finding (class 2004, category 2): finding_info.uid =
 *       {@code <requestId>:<ruleId>}, types = the rule id, related_events = the request;</li>
 *   <li>an {@code alert} line to one Detection Finding with the alert kind, window and evidence request ids.</li>
 * </ul>
 * Every event carries metadata (product Sieve, uid = the line's {@code seq}, correlation_uid = the request id).
 * Masked samples are not copied into OCSF events (the JSON format carries the audit line as is). Other kinds
 * (admin, label, seal, head, and kinds this version does not know) have no OCSF mapping: {@link #map} returns
 * nothing for them and the caller decides (the export sink sends them as their raw JSON line).
 */
public final class OcsfMapper {
    /** The OCSF schema version the events follow. */
    public static final String OCSF_VERSION = "1.3.0";
    static final int HTTP_ACTIVITY = 4002;
    static final int DETECTION_FINDING = 2004;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Integer> HTTP_METHODS = Map.of("CONNECT", 1, "DELETE", 2, "GET", 3, "HEAD", 4,
            "OPTIONS", 5, "POST", 6, "PUT", 7, "TRACE", 8, "PATCH", 9);

    private final String productVersion;

    /** @param productVersion Sieve's version, for {@code metadata.product.version} */
    public OcsfMapper(String productVersion) {
        this.productVersion = productVersion;
    }

    /** One mapped event and the syslog header facts about it. */
    record Event(String msgId, Instant time, int severity, ObjectNode json) {}

    /**
     * The events for one line: a decision's HTTP Activity (when {@code decisions}) and its findings' Detection
     * Findings (when {@code findings}), an alert's Detection Finding (when {@code findings}, here meaning alerts
     * were selected by the caller); empty for kinds without an OCSF mapping.
     */
    List<Event> map(JsonNode line, boolean decisions, boolean findings) {
        String decision = line.path("decision").asText("");
        List<Event> events = new ArrayList<>();
        if (AuditRecord.DECISIONS.contains(decision)) {
            if (decisions) {
                events.add(httpActivity(line, decision));
            }
            if (findings) {
                for (JsonNode f : line.path("findings")) {
                    events.add(dlpFinding(line, decision, f));
                }
            }
        } else if ("alert".equals(decision) && findings) {
            events.add(alertFinding(line));
        }
        return events;
    }

    private Event httpActivity(JsonNode line, String decision) {
        Instant time = Instant.parse(line.path("time").asText());
        String method = text(line, "method");
        int activity = method == null ? 0 : HTTP_METHODS.getOrDefault(method.toUpperCase(Locale.ROOT), 99);
        int severity = switch (decision) {
            case "allowed" -> 1;
            case "logged" -> 2;
            case "redacted", "denied" -> 3;
            default -> line.path("findings").isEmpty() ? 3 : 4; // blocked
        };
        ObjectNode e = base(line, HTTP_ACTIVITY, 4, "HTTP Activity", "Network Activity", activity,
                activity == 0 ? "Unknown" : activity == 99 ? method : capitalize(method), severity, time);
        disposition(e, decision);
        e.put("status_id", "allowed".equals(decision) || "logged".equals(decision) || "redacted".equals(decision)
                ? 1 : 2);
        e.put("status", e.get("status_id").asInt() == 1 ? "Success" : "Failure");
        List<String> reasons = texts(line.path("reasons"));
        if (!reasons.isEmpty()) {
            e.put("status_detail", String.join(",", reasons)); // reason codes and rule ids only
        }
        e.put("message", "Sieve " + decision + " " + (method == null ? "" : method + " ") + host(line));
        actor(e, line);
        source(e, line);
        destination(e, line);
        ObjectNode request = e.putObject("http_request");
        if (method != null) {
            request.put("http_method", method);
        }
        ObjectNode url = request.putObject("url");
        url.put("hostname", line.path("host").asText());
        if (line.path("port").asInt() > 0) {
            url.put("port", line.path("port").asInt());
        }
        String path = text(line, "path");
        if (path != null) {
            int q = path.indexOf('?');
            url.put("path", q < 0 ? path : path.substring(0, q));
            if (q >= 0) {
                url.put("query_string", path.substring(q + 1));
            }
        }
        ObjectNode unmapped = e.putObject("unmapped");
        for (String field : List.of("mode", "ruleSetVersion", "bytesIn", "bytesOut", "latencyMicros")) {
            if (line.hasNonNull(field)) {
                unmapped.set(field, line.get(field));
            }
        }
        return new Event("decision", time, "allowed".equals(decision) ? ExportMessage.INFO : ExportMessage.NOTICE, e);
    }

    private Event dlpFinding(JsonNode line, String decision, JsonNode f) {
        Instant time = Instant.parse(line.path("time").asText());
        String rule = f.path("ruleId").asText();
        String action = f.path("action").asText();
        int severity = switch (action) {
            case "block" -> 4;
            case "redact" -> 3;
            default -> 2;
        };
        ObjectNode e = base(line, DETECTION_FINDING, 2, "Detection Finding", "Findings", 1, "Create", severity, time);
        disposition(e, decision);
        e.put("is_alert", !"log".equals(action));
        e.put("message", "DLP rule " + rule + " (" + f.path("category").asText() + ") matched in request "
                + line.path("requestId").asText() + ": " + decision);
        ObjectNode info = e.putObject("finding_info");
        info.put("uid", line.path("requestId").asText() + ":" + rule);
        info.put("title", "DLP rule " + rule + " matched (" + f.path("category").asText() + ")");
        info.putArray("types").add(rule);
        info.put("first_seen_time", time.toEpochMilli());
        if (f.path("repeat").asBoolean(false)) {
            info.put("uid_alt", f.path("firstRequestId").asText() + ":" + rule);
        }
        ArrayNode related = info.putArray("related_events");
        related.addObject().put("uid", line.path("requestId").asText())
                .put("type_uid", HTTP_ACTIVITY * 100L + 6).put("type", "HTTP Activity");
        actor(e, line);
        source(e, line);
        destination(e, line);
        ObjectNode unmapped = e.putObject("unmapped");
        unmapped.put("category", f.path("category").asText());
        unmapped.put("action", action);
        unmapped.put("count", f.path("count").asInt());
        unmapped.put("viewPath", f.path("viewPath").asText());
        for (String field : List.of("location", "offset", "history", "repeat")) {
            if (f.hasNonNull(field)) {
                unmapped.set(field, f.get(field));
            }
        }
        return new Event("finding", time, severity >= 4 ? ExportMessage.WARNING : ExportMessage.NOTICE, e);
    }

    private Event alertFinding(JsonNode line) {
        Instant time = Instant.parse(line.path("time").asText());
        String kind = line.path("alert").asText("unknown");
        int severity = switch (line.path("severity").asText("")) {
            case "low" -> 2;
            case "medium" -> 3;
            case "high" -> 4;
            default -> 0;
        };
        ObjectNode e = base(line, DETECTION_FINDING, 2, "Detection Finding", "Findings", 1, "Create", severity, time);
        e.put("action_id", 1).put("action", "Allowed").put("disposition_id", 19).put("disposition", "Alert");
        e.put("is_alert", true);
        String summary = line.path("summary").asText("");
        e.put("message", "Sieve behaviour alert " + kind + " for agent " + line.path("agentId").asText()
                + (summary.isEmpty() ? "" : ": " + summary));
        ObjectNode info = e.putObject("finding_info");
        info.put("uid", "alert:" + kind + ":" + line.path("agentId").asText() + ":"
                + line.path("windowStart").asText());
        info.put("title", "Behaviour alert: " + kind);
        info.putArray("types").add(kind);
        epochMillis(line, "firstEvidence").ifPresent(t -> info.put("first_seen_time", t));
        epochMillis(line, "windowEnd").ifPresent(t -> info.put("last_seen_time", t));
        if (!summary.isEmpty()) {
            info.put("desc", summary);
        }
        ArrayNode related = info.putArray("related_events");
        for (JsonNode id : line.path("evidence")) {
            related.addObject().put("uid", id.asText()).put("type_uid", HTTP_ACTIVITY * 100L + 6)
                    .put("type", "HTTP Activity");
        }
        epochMillis(line, "windowStart").ifPresent(t -> e.put("start_time", t));
        epochMillis(line, "windowEnd").ifPresent(t -> e.put("end_time", t));
        actor(e, line);
        if (line.has("ttdMillis")) {
            e.putObject("unmapped").set("ttdMillis", line.get("ttdMillis"));
        }
        return new Event("alert", time, severity >= 4 ? ExportMessage.WARNING : ExportMessage.NOTICE, e);
    }

    private ObjectNode base(JsonNode line, int classUid, int categoryUid, String className, String categoryName,
            int activityId, String activityName, int severityId, Instant time) {
        ObjectNode e = NODES.objectNode();
        e.put("class_uid", classUid);
        e.put("class_name", className);
        e.put("category_uid", categoryUid);
        e.put("category_name", categoryName);
        e.put("activity_id", activityId);
        e.put("activity_name", activityName);
        e.put("type_uid", classUid * 100L + activityId);
        e.put("type_name", className + ": " + activityName);
        e.put("severity_id", severityId);
        e.put("severity", SEVERITIES[severityId]);
        e.put("time", time.toEpochMilli());
        ObjectNode metadata = e.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        ObjectNode product = metadata.putObject("product");
        product.put("name", "Sieve");
        product.put("vendor_name", "Sieve");
        product.put("version", productVersion);
        metadata.put("uid", line.path("seq").asText());
        metadata.put("sequence", line.path("seq").asLong());
        String requestId = text(line, "requestId");
        if (requestId != null) {
            metadata.put("correlation_uid", requestId);
        }
        metadata.put("log_name", "audit");
        metadata.put("log_provider", "sieve");
        metadata.put("original_time", line.path("time").asText());
        return e;
    }

    private static final String[] SEVERITIES = {"Unknown", "Informational", "Low", "Medium", "High"};

    private static void disposition(ObjectNode e, String decision) {
        switch (decision) {
            case "allowed" -> e.put("action_id", 1).put("action", "Allowed").put("disposition_id", 1)
                    .put("disposition", "Allowed");
            // The request went on (rewritten, or as sent): action Allowed, the disposition says what happened.
            case "redacted" -> e.put("action_id", 1).put("action", "Allowed").put("disposition_id", 11)
                    .put("disposition", "Corrected");
            case "logged" -> e.put("action_id", 1).put("action", "Allowed").put("disposition_id", 17)
                    .put("disposition", "Logged");
            default -> e.put("action_id", 2).put("action", "Denied").put("disposition_id", 2)
                    .put("disposition", "Blocked");
        }
    }

    private static void actor(ObjectNode e, JsonNode line) {
        String agent = text(line, "agentId");
        if (agent != null) {
            e.putObject("actor").putObject("user").put("uid", agent).put("name", agent);
        }
    }

    private static void source(ObjectNode e, JsonNode line) {
        String address = text(line, "clientAddress");
        if (address == null) {
            return;
        }
        int colon = address.lastIndexOf(':');
        ObjectNode src = e.putObject("src_endpoint");
        String ip = colon < 0 ? address : address.substring(0, colon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        src.put("ip", ip.startsWith("/") ? ip.substring(1) : ip);
        if (colon >= 0) {
            try {
                src.put("port", Integer.parseInt(address.substring(colon + 1)));
            } catch (NumberFormatException notAPort) {
                // an address without a port: the ip alone
            }
        }
    }

    private static void destination(ObjectNode e, JsonNode line) {
        ObjectNode dst = e.putObject("dst_endpoint");
        dst.put("hostname", line.path("host").asText());
        if (line.path("port").asInt() > 0) {
            dst.put("port", line.path("port").asInt());
        }
    }

    private static String host(JsonNode line) {
        int port = line.path("port").asInt();
        return line.path("host").asText() + (port > 0 ? ":" + port : "");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Optional<Long> epochMillis(JsonNode line, String field) {
        String v = text(line, field);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v).toEpochMilli());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String capitalize(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
