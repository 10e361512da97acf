package dev.fairway.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.util.ArrayList;
import java.util.List;

/** Relaxed JSON (single quotes) and managedFields lookups for apply tests. */
final class ApplyTestSupport {
    private ApplyTestSupport() {}

    static ObjectNode obj(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static List<ManagedFieldsEntry> entries(JsonNode object) {
        return ManagedFields.of(object);
    }

    static ManagedFieldsEntry entry(JsonNode object, String manager) {
        return entries(object).stream().filter(e -> e.manager().equals(manager)).findFirst()
                .orElseThrow(() -> new AssertionError("no managedFields entry for " + manager + " in " + object));
    }

    /** The owned paths of a manager as Kubernetes prints them. */
    static List<String> owned(JsonNode object, String manager) {
        List<String> out = new ArrayList<>();
        entry(object, manager).fields().paths().forEach(p -> out.add(p.toString()));
        return out;
    }

    static List<String> managers(JsonNode object) {
        return entries(object).stream().map(ManagedFieldsEntry::manager).toList();
    }
}
