package dev.fairway.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fairway.kube.Meta;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a desired or live object to the form in which two objects that mean the same compare
 * equal: what the cluster keeps for itself (status, bookkeeping metadata, kubectl's
 * last-applied annotation) is dropped, Secret {@code stringData} is folded into {@code data}, and
 * resource quantities are written by value.
 */
public final class Normalizer {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final List<String> BOOKKEEPING = List.of("managedFields", "resourceVersion", "uid", "generation",
            "creationTimestamp", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");
    // maps of resource name to quantity: container resources, quotas, limit ranges, PVC requests
    private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests", "hard", "capacity", "default",
            "defaultRequest", "max", "min", "maxLimitRequestRatio");

    /** A normalised copy; the argument is not changed. */
    public ObjectNode normalize(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        ObjectNode metadata = Meta.metadata(copy);
        metadata.remove(BOOKKEEPING);
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(LAST_APPLIED);
        }
        dropIfEmpty(metadata, "annotations");
        dropIfEmpty(metadata, "labels");
        if ("Secret".equals(Meta.kind(copy)) && "v1".equals(Meta.apiVersion(copy))) {
            foldStringData(copy);
        }
        normalizeQuantities(copy);
        dropNulls(copy);
        return copy;
    }

    private static void dropIfEmpty(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value != null && (value.isNull() || (value.isContainerNode() && value.isEmpty()))) {
            parent.remove(field);
        }
    }

    /** The API server stores stringData as base64 data; do the same so both sides agree. */
    private static void foldStringData(ObjectNode secret) {
        JsonNode stringData = secret.remove("stringData");
        if (stringData instanceof ObjectNode plain && !plain.isEmpty()) {
            ObjectNode data = secret.get("data") instanceof ObjectNode d ? d : secret.putObject("data");
            plain.fields().forEachRemaining(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
        dropIfEmpty(secret, "data");
    }

    /** A null field means the same as an absent one (Go writes {@code creationTimestamp: null} in pod templates). */
    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> dropNulls(e.getValue()));
            object.properties().removeIf(e -> e.getValue().isNull());
        } else if (node instanceof ArrayNode array) {
            array.forEach(Normalizer::dropNulls);
        }
    }

    private static void normalizeQuantities(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (QUANTITY_MAPS.contains(field.getKey()) && field.getValue() instanceof ObjectNode quantities) {
                    canonicalQuantities(quantities);
                } else {
                    normalizeQuantities(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Normalizer::normalizeQuantities);
        }
    }

    private static void canonicalQuantities(ObjectNode quantities) {
        quantities.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual() || e.getValue().isNumber()) {
                Quantity.parse(e.getValue().asText()).ifPresent(q -> e.setValue(TextNode.valueOf(q.canonical())));
            }
        });
    }
}
