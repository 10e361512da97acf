package dev.fairway.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.util.HashMap;
import java.util.Map;

/**
 * Hides Secret values in diffs while still showing which keys changed: every distinct value
 * becomes a run of '+' of its own length (as Argo CD masks them), so equal values look equal and
 * changed values look different, but nothing of the value is shown.
 */
public final class SecretMask {

    private SecretMask() {}

    /** Masks {@code data} (and any {@code stringData}) of both sides of a Secret diff, in place. */
    static void mask(ObjectNode left, ObjectNode right) {
        if (!isSecret(left) && !isSecret(right)) {
            return;
        }
        Map<String, String> masks = new HashMap<>();
        for (ObjectNode side : new ObjectNode[] {left, right}) {
            if (side == null) {
                continue;
            }
            for (String field : new String[] {"data", "stringData"}) {
                if (side.get(field) instanceof ObjectNode values) {
                    values.fields().forEachRemaining(e -> e.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                            masks.computeIfAbsent(e.getValue().asText(), v -> "+".repeat(8 + masks.size())))));
                }
            }
        }
    }

    /** A copy of the object with a Secret's values masked (other kinds are copied as they are). */
    public static ObjectNode masked(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        mask(copy, null);
        return copy;
    }

    private static boolean isSecret(JsonNode object) {
        return object != null && "Secret".equals(Meta.kind(object)) && "v1".equals(Meta.apiVersion(object));
    }
}
