package dev.fairway.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation of client-side apply, which the API server
 * keeps in step with server-side applies by the {@code kubectl} manager so that users can move between the two modes.
 */
final class LastAppliedConfiguration {

    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
    /** Only kubectl's own server-side applies take part; other managers opt out by their name. */
    static final String KUBECTL = "kubectl";

    private LastAppliedConfiguration() {}

    /**
     * The fields a first {@code kubectl apply --server-side} may take over without a conflict: those that the last
     * client-side apply set and that still have the value it set.
     */
    static FieldSet takeoverAllowed(ObjectNode live, ObjectFields fields) {
        String text = annotation(live);
        if (text == null || text.isEmpty()) {
            return FieldSet.empty();
        }
        JsonNode lastApplied;
        try {
            lastApplied = Json.parse(text);
            if (!lastApplied.isObject()) {
                return FieldSet.empty();
            }
            FieldSet set = FieldSet.of(fields.fieldsOf(lastApplied, FieldPath.ROOT));
            ObjectFields.Comparison diff = fields.compare(lastApplied, live);
            return set.difference(diff.modified()).difference(diff.removed());
        } catch (Exception e) {
            // An annotation kubectl did not write (or a mangled one) grants nothing.
            return FieldSet.empty();
        }
    }

    /** Rewrites the annotation, where the object has one, to the configuration just applied. */
    static void sync(ObjectNode merged, ObjectNode applied) {
        if (annotation(merged) == null) {
            return;
        }
        ObjectNode config = applied.deepCopy();
        if (config.get("metadata") instanceof ObjectNode metadata
                && metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(ANNOTATION);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        ((ObjectNode) merged.get("metadata").get("annotations")).put(ANNOTATION, Json.write(config) + "\n");
    }

    private static String annotation(JsonNode object) {
        JsonNode value = object.path("metadata").path("annotations").get(ANNOTATION);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
