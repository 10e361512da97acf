package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * The patch {@code kubectl apply} (client-side) sends: the fields that the configuration sets and
 * the live object does not have (or has with another value), plus {@code null} for each field that
 * the last applied configuration set and this one no longer does. Fields nobody ever applied (set
 * by controllers or by hand) are left alone. Lists are sent whole; the API server merges them
 * by their merge key (strategic merge patch) or replaces them (merge patch).
 */
public final class ThreeWayPatch {

    private ThreeWayPatch() {}

    /**
     * @param lastApplied the previous configuration (the annotation), null when there is none
     * @param desired the configuration to apply now
     * @param live the object in the cluster
     * @return the patch, an empty object when there is nothing to change
     */
    public static ObjectNode of(JsonNode lastApplied, ObjectNode desired, ObjectNode live) {
        return diff(lastApplied instanceof ObjectNode o ? o : null, desired, live);
    }

    private static ObjectNode diff(ObjectNode original, ObjectNode modified, ObjectNode current) {
        ObjectNode patch = Json.object();
        Iterator<Map.Entry<String, JsonNode>> fields = modified.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode now = current == null ? null : current.get(field.getKey());
            JsonNode wanted = field.getValue();
            if (wanted.equals(now)) {
                continue;
            }
            if (wanted instanceof ObjectNode wantedObject && now instanceof ObjectNode nowObject) {
                JsonNode before = original == null ? null : original.get(field.getKey());
                ObjectNode child = diff(before instanceof ObjectNode b ? b : null, wantedObject, nowObject);
                if (!child.isEmpty()) {
                    patch.set(field.getKey(), child);
                }
            } else {
                patch.set(field.getKey(), wanted.deepCopy());
            }
        }
        if (original != null) {
            original.fieldNames().forEachRemaining(name -> {
                if (!modified.has(name) && current != null && current.has(name)) {
                    patch.set(name, NullNode.getInstance());
                }
            });
        }
        return patch;
    }
}
