package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Null-safe reads of an object tree, as the printers need them. */
final class Fields {

    private Fields() {}

    /** The node at a path of field names, or a missing node. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode cur = node == null ? MissingNode.getInstance() : node;
        for (String p : path) {
            cur = cur.path(p);
        }
        return cur;
    }

    /** Text at a path; "" when missing or null. */
    static String text(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    static String textOr(String fallback, JsonNode node, String... path) {
        String t = text(node, path);
        return t.isEmpty() ? fallback : t;
    }

    static long number(JsonNode node, String... path) {
        return at(node, path).asLong(0);
    }

    static boolean present(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return !v.isMissingNode() && !v.isNull();
    }

    static List<JsonNode> items(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }

    static int size(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return v.isContainerNode() ? v.size() : 0;
    }

    /** String map at a path, sorted by key as Go's label printers sort. */
    static Map<String, String> stringMap(JsonNode node, String... path) {
        Map<String, String> out = new TreeMap<>();
        JsonNode v = at(node, path);
        if (v.isObject()) {
            v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /** An RFC 3339 timestamp at a path; null when absent or unparsable. */
    static Instant time(JsonNode node, String... path) {
        return parseTime(text(node, path));
    }

    static Instant parseTime(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static Instant created(JsonNode obj) {
        return time(obj, "metadata", "creationTimestamp");
    }

    static String name(JsonNode obj) {
        return text(obj, "metadata", "name");
    }

    /** An int-or-string as Go prints it: {@code 1} or {@code 25%}. */
    static String intOrString(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull() ? "" : v.asText();
    }
}
