package dev.fairway.sandbox.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How a list field merges, as the {@code x-kubernetes-*} extensions on its schema say. kubectl's
 * strategic-merge patch building and server-side apply both read these, so a list that lacks them
 * is replaced wholesale instead of merged by key.
 *
 * @param patchStrategy {@code merge}, {@code retainKeys}, {@code merge,retainKeys} or null
 * @param patchMergeKey the element field that identifies an element in a strategic merge, or null
 * @param listType      {@code atomic}, {@code set}, {@code map} or null
 * @param listMapKeys   the key fields when {@code listType} is {@code map}
 */
public record ListSemantics(String patchStrategy, String patchMergeKey, String listType, List<String> listMapKeys) {

    public ListSemantics {
        listMapKeys = listMapKeys == null ? List.of() : List.copyOf(listMapKeys);
    }

    /** A list merged by key: strategic merge on {@code mergeKey}, list-map on {@code mapKeys}. */
    public static ListSemantics mapBy(String mergeKey, String... mapKeys) {
        return new ListSemantics("merge", mergeKey, "map", mapKeys.length == 0 ? List.of(mergeKey) : List.of(mapKeys));
    }

    public static ListSemantics atomic() {
        return new ListSemantics(null, null, "atomic", List.of());
    }

    public static ListSemantics mergedSet() {
        return new ListSemantics("merge", null, "set", List.of());
    }

    /** Writes the extensions onto an array schema. */
    void applyTo(ObjectNode arraySchema) {
        if (patchStrategy != null) {
            arraySchema.put(SchemaKeys.PATCH_STRATEGY, patchStrategy);
        }
        if (patchMergeKey != null) {
            arraySchema.put(SchemaKeys.PATCH_MERGE_KEY, patchMergeKey);
        }
        if (listType != null) {
            arraySchema.put(SchemaKeys.LIST_TYPE, listType);
        }
        if (!listMapKeys.isEmpty()) {
            ArrayNode keys = arraySchema.putArray(SchemaKeys.LIST_MAP_KEYS);
            listMapKeys.forEach(keys::add);
        }
    }
}
