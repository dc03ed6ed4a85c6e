package dev.sieve.proxy.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an OCSF event against the checked-in required attributes of OCSF 1.3.0 ({@code ocsf-1.3.0-required.json}):
 * required attributes present with the dictionary's type, {@code at_least_one} constraints, enum ids, the class's
 * category, {@code type_uid = class_uid * 100 + activity_id}, and the types of the optional attributes Sieve sets.
 */
final class OcsfSchemaCheck {
    private static final JsonNode SCHEMA = load();

    private OcsfSchemaCheck() {}

    private static JsonNode load() {
        try (InputStream in = OcsfSchemaCheck.class.getResourceAsStream("ocsf-1.3.0-required.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of {@code event}; empty when it conforms. */
    static List<String> problems(JsonNode event) {
        List<String> problems = new ArrayList<>();
        JsonNode cls = SCHEMA.path("classes").path(event.path("class_uid").asText());
        if (cls.isMissingNode()) {
            problems.add("class_uid: " + event.path("class_uid") + " (expected: 4002 or 2004)");
            return problems;
        }
        checkObject("", event, SCHEMA.path("base_event"), problems);
        checkObject("", event, cls, problems);
        if (event.path("category_uid").asInt() != cls.path("category_uid").asInt()) {
            problems.add("category_uid: " + event.path("category_uid") + " (expected: " + cls.path("category_uid") + ")");
        }
        if (!contains(cls.path("activity_id"), event.path("activity_id").asInt())) {
            problems.add("activity_id: " + event.path("activity_id") + " (expected: one of " + cls.path("activity_id") + ")");
        }
        long typeUid = event.path("class_uid").asLong() * 100 + event.path("activity_id").asLong();
        if (event.path("type_uid").asLong() != typeUid) {
            problems.add("type_uid: " + event.path("type_uid") + " (expected: " + typeUid + ")");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = SCHEMA.path("enums").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (event.has(e.getKey()) && !contains(e.getValue(), event.get(e.getKey()).asInt())) {
                problems.add(e.getKey() + ": " + event.get(e.getKey()) + " (expected: one of " + e.getValue() + ")");
            }
        }
        if (!SCHEMA.path("version").asText().equals(event.path("metadata").path("version").asText())) {
            problems.add("metadata.version: " + event.path("metadata").path("version"));
        }
        return problems;
    }

    private static void checkObject(String at, JsonNode node, JsonNode spec, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("required").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!node.has(e.getKey()) || node.get(e.getKey()).isNull()) {
                problems.add(at + e.getKey() + ": missing (required)");
            } else {
                checkType(at + e.getKey(), node.get(e.getKey()), e.getValue().asText(), problems);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("optional").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (node.has(e.getKey())) {
                checkType(at + e.getKey(), node.get(e.getKey()), e.getValue().asText(), problems);
            }
        }
        for (JsonNode group : spec.path("at_least_one")) {
            boolean any = false;
            for (JsonNode name : group) {
                any |= node.has(name.asText());
            }
            if (!any) {
                problems.add(at + "{" + group + "}: none present (expected: at least one)");
            }
        }
    }

    private static void checkType(String at, JsonNode v, String type, List<String> problems) {
        if (type.endsWith("[]")) {
            if (!v.isArray()) {
                problems.add(at + ": " + v.getNodeType() + " (expected: an array of " + type + ")");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                checkType(at + "[" + i + "]", v.get(i), type.substring(0, type.length() - 2), problems);
            }
            return;
        }
        boolean ok = switch (type) {
            case "integer_t" -> v.isInt();
            case "long_t" -> v.isIntegralNumber();
            case "timestamp_t" -> v.isIntegralNumber() && v.asLong() > 1_000_000_000_000L; // epoch milliseconds
            case "port_t" -> v.isInt() && v.asInt() >= 0 && v.asInt() <= 65535;
            case "boolean_t" -> v.isBoolean();
            case "string_t", "hostname_t" -> v.isTextual() && !v.asText().isEmpty();
            case "ip_t" -> v.isTextual() && v.asText().matches("[0-9a-fA-F.:]+");
            case "object_t" -> v.isObject();
            default -> {
                if (!v.isObject()) {
                    yield false;
                }
                JsonNode spec = SCHEMA.path("objects").path(type);
                if (spec.isMissingNode()) {
                    throw new IllegalStateException("no object " + type + " in the schema file");
                }
                checkObject(at + ".", v, spec, problems);
                yield true;
            }
        };
        if (!ok) {
            problems.add(at + ": " + v + " (expected: " + type + ")");
        }
    }

    private static boolean contains(JsonNode array, int value) {
        for (JsonNode n : array) {
            if (n.asInt() == value) {
                return true;
            }
        }
        return false;
    }
}
