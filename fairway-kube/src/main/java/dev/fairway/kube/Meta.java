package dev.fairway.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and writes the common {@code metadata} fields of an object tree. */
public final class Meta {
    private Meta() {}

    public static ObjectNode metadata(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        if (m instanceof ObjectNode om) {
            return om;
        }
        return obj.putObject("metadata");
    }

    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static String name(JsonNode obj) {
        return text(obj.get("metadata"), "name");
    }

    public static String namespace(JsonNode obj) {
        return text(obj.get("metadata"), "namespace");
    }

    public static String apiVersion(JsonNode obj) {
        return text(obj, "apiVersion");
    }

    public static String kind(JsonNode obj) {
        return text(obj, "kind");
    }

    public static GroupVersionKind gvk(JsonNode obj) {
        return GroupVersionKind.of(apiVersion(obj), kind(obj));
    }

    /** Follows a path of field names; returns null when any step is missing. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode cur = node;
        for (String p : path) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(p);
        }
        return cur == null || cur.isNull() ? null : cur;
    }
}
