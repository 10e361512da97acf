package dev.fairway.kube.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;

/** Parses relaxed JSON (single quotes) so test documents read like kubectl output. */
final class PatchTestSupport {
    private PatchTestSupport() {}

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The given field of each item of a list, e.g. the names of containers. */
    static java.util.List<String> values(JsonNode list, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        list.forEach(item -> out.add(item.path(field).asText()));
        return out;
    }

    static ObjectNode obj(String text) {
        return (ObjectNode) json(text);
    }
}
