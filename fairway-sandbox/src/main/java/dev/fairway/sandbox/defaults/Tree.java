package dev.fairway.sandbox.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Small edits on object trees that defaulting repeats: set-if-absent and walking optional children. */
final class Tree {

    private Tree() {}

    /** The object child, created when absent or null. */
    static ObjectNode child(ObjectNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(field);
    }

    /** The object child when present, else null (nothing is created). */
    static ObjectNode existing(JsonNode parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonNode v = parent.get(field);
        return v instanceof ObjectNode o ? o : null;
    }

    static List<ObjectNode> objects(JsonNode parent, String field) {
        List<ObjectNode> out = new ArrayList<>();
        if (parent != null && parent.get(field) instanceof ArrayNode array) {
            array.forEach(e -> {
                if (e instanceof ObjectNode o) {
                    out.add(o);
                }
            });
        }
        return out;
    }

    static boolean absent(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull();
    }

    /** Absent, null or the empty string: what Go's zero value looks like after decoding. */
    static boolean blank(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
    }

    static void text(ObjectNode node, String field, String value) {
        if (blank(node, field)) {
            node.put(field, value);
        }
    }

    static void number(ObjectNode node, String field, int value) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            node.put(field, value);
        }
    }

    /** For Go int32 fields without a pointer, where 0 means unset. */
    static void numberIfZero(ObjectNode node, String field, int value) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isNumber() && v.asLong() == 0)) {
            node.put(field, value);
        }
    }

    static void bool(ObjectNode node, String field, boolean value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static String textOf(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
