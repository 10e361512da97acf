package dev.fairway.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The structural facts of one list field.
 *
 * @param type          how server-side apply merges and owns the list
 * @param keys          for {@link ListType#MAP}: the fields that identify an item ({@code x-kubernetes-list-map-keys})
 * @param keyDefaults   values the API server defaults a missing key field to (container port protocol "TCP")
 * @param patchMergeKey for strategic merge patch: the field that identifies an item, or null
 * @param patchStrategy for strategic merge patch: merge or replace when the patch has no directive
 * @param retainKeys    whether items honour the {@code $retainKeys} directive (patchStrategy "merge,retainKeys")
 */
public record ListShape(ListType type, List<String> keys, Map<String, JsonNode> keyDefaults,
                        String patchMergeKey, PatchStrategy patchStrategy, boolean retainKeys) {

    /** What Kubernetes assumes for a list it knows nothing about. */
    public static final ListShape ATOMIC = new ListShape(ListType.ATOMIC, List.of(), Map.of(), null, PatchStrategy.REPLACE, false);

    public ListShape {
        Objects.requireNonNull(type, "type");
        keys = List.copyOf(keys);
        keyDefaults = Map.copyOf(keyDefaults);
        Objects.requireNonNull(patchStrategy, "patchStrategy");
        if (type == ListType.MAP && keys.isEmpty()) {
            throw new IllegalArgumentException("a list of type map needs at least one key field");
        }
    }

    /** An atomic list that strategic merge patch still merges by {@code patchMergeKey} (e.g. Job conditions). */
    public static ListShape atomicMergedBy(String patchMergeKey) {
        return new ListShape(ListType.ATOMIC, List.of(), Map.of(), patchMergeKey, PatchStrategy.MERGE, false);
    }

    /** A list map keyed by {@code keys} that strategic merge patch merges by the first key. */
    public static ListShape mapMergedBy(String patchMergeKey, String... keys) {
        return new ListShape(ListType.MAP, List.of(keys), Map.of(), patchMergeKey, PatchStrategy.MERGE, false);
    }

    /** A set of scalars that strategic merge patch merges too (finalizers). */
    public static ListShape mergedSet() {
        return new ListShape(ListType.SET, List.of(), Map.of(), null, PatchStrategy.MERGE, false);
    }

    public ListShape withKeyDefault(String key, JsonNode value) {
        Map<String, JsonNode> defaults = new java.util.HashMap<>(keyDefaults);
        defaults.put(key, value);
        return new ListShape(type, keys, defaults, patchMergeKey, patchStrategy, retainKeys);
    }

    public ListShape withRetainKeys() {
        return new ListShape(type, keys, keyDefaults, patchMergeKey, patchStrategy, true);
    }
}
