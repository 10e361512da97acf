package dev.fairway.kube.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.schema.ListShape;
import dev.fairway.kube.schema.MapShape;
import dev.fairway.kube.schema.MergeSchema;
import dev.fairway.kube.schema.PatchStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}), as {@code kubectl apply},
 * {@code kubectl patch} and {@code kubectl edit} send it for built-in kinds.
 *
 * <p>Like a JSON merge patch, except that lists tagged {@code patchStrategy=merge} merge item by item (by their
 * {@code patchMergeKey}, or as sets of scalars), and these directives are honoured: {@code $patch: replace|delete|merge}
 * in a map or list item, {@code $retainKeys}, {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private final MergeSchema schema;
    private final GroupVersionKind gvk;

    private StrategicMergePatch(MergeSchema schema, GroupVersionKind gvk) {
        this.schema = schema;
        this.gvk = gvk;
    }

    /**
     * Returns {@code original} with {@code patch} applied; neither argument is modified.
     *
     * @throws PatchException 400 for a malformed directive, 422 when the patch content contradicts its
     *                        {@code $retainKeys} list
     */
    public static ObjectNode apply(ObjectNode original, ObjectNode patch, MergeSchema schema, GroupVersionKind gvk) {
        JsonNode merged = new StrategicMergePatch(schema, gvk).mergeMap(original.deepCopy(), patch, List.of());
        return merged instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    }

    /** Merges a map patch into {@code original} (modified in place, may be null); returns the result, null to delete. */
    private JsonNode mergeMap(ObjectNode from, ObjectNode patch, List<String> path) {
        String directive = patchDirective(patch, path);
        MapShape shape = path.isEmpty() ? MapShape.GRANULAR : schema.map(gvk, path);
        if (directive.equals("delete")) {
            return null;
        }
        boolean replace = directive.equals("replace") || shape.patchStrategy() == PatchStrategy.REPLACE;
        ObjectNode original = replace || from == null ? JsonNodeFactory.instance.objectNode() : from;
        applyRetainKeys(original, patch, path);

        Map<String, ArrayNode> orders = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.startsWith(SET_ELEMENT_ORDER)) {
                orders.put(key.substring(SET_ELEMENT_ORDER.length()), requireList(e.getValue(), key, path));
            } else if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deleteFromPrimitiveList(original, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()),
                        requireList(e.getValue(), key, path));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER)
                    || key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                continue;
            }
            JsonNode value = e.getValue();
            if (value.isNull()) {
                original.remove(key);
                continue;
            }
            JsonNode merged = mergeValue(original.get(key), value, child(path, key), orders.remove(key));
            if (merged == null) {
                original.remove(key);
            } else {
                original.set(key, merged);
            }
        }
        // An order without list content reorders the list the server has.
        orders.forEach((key, order) -> {
            if (original.get(key) instanceof ArrayNode list) {
                original.set(key, mergeList(list, JsonNodeFactory.instance.arrayNode(), child(path, key), order));
            }
        });
        return original;
    }

    private JsonNode mergeValue(JsonNode original, JsonNode patch, List<String> path, ArrayNode order) {
        if (patch instanceof ObjectNode patchMap) {
            return mergeMap(original instanceof ObjectNode o ? o : null, patchMap, path);
        }
        if (patch instanceof ArrayNode patchList) {
            return mergeList(original instanceof ArrayNode a ? a : null, patchList, path, order);
        }
        return patch.deepCopy();
    }

    private String patchDirective(ObjectNode patch, List<String> path) {
        JsonNode directive = patch.get(PATCH);
        if (directive == null) {
            return "merge";
        }
        String value = directive.asText();
        if (!List.of("merge", "replace", "delete").contains(value)) {
            throw PatchException.badRequest("Unknown patch type: \"" + value + "\" in " + where(path)
                    + "; $patch must be merge, replace or delete");
        }
        return value;
    }

    private void applyRetainKeys(ObjectNode original, ObjectNode patch, List<String> path) {
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        Set<String> keep = new HashSet<>();
        for (JsonNode k : requireList(retain, RETAIN_KEYS, path)) {
            if (!k.isTextual()) {
                throw PatchException.badRequest("$retainKeys in " + where(path) + " must be a list of field names, got " + k);
            }
            keep.add(k.asText());
        }
        patch.fieldNames().forEachRemaining(k -> {
            if (!k.startsWith("$") && !keep.contains(k)) {
                throw PatchException.unprocessable("patch content doesn't match retainKeys list: \"" + k
                        + "\" in " + where(path) + " is not in $retainKeys " + retain);
            }
        });
        original.retain(keep);
    }

    private void deleteFromPrimitiveList(ObjectNode original, String field, ArrayNode toDelete) {
        if (original.get(field) instanceof ArrayNode list) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : list) {
                if (!contains(toDelete, item)) {
                    kept.add(item);
                }
            }
            original.set(field, kept);
        }
    }

    /** Merges a list patch into {@code original} (may be null) as the list's schema says. */
    private JsonNode mergeList(ArrayNode original, ArrayNode patch, List<String> path, ArrayNode order) {
        ListShape shape = schema.list(gvk, path);
        List<JsonNode> items = new ArrayList<>();
        boolean replace = shape.patchStrategy() == PatchStrategy.REPLACE;
        for (JsonNode item : patch) {
            if (item instanceof ObjectNode map && map.size() == 1 && map.has(PATCH)) {
                String directive = patchDirective(map, path);
                if (directive.equals("replace")) {
                    replace = true;
                    continue;
                }
                if (directive.equals("delete") && shape.patchMergeKey() == null) {
                    // {"$patch":"delete"} alone in an unkeyed list deletes the whole list.
                    return null;
                }
            }
            items.add(item);
        }
        if (replace || original == null) {
            return sanitized(items, shape, path);
        }
        if (shape.patchMergeKey() == null) {
            return mergeScalars(original, items, order);
        }
        return mergeByKey(original, items, shape.patchMergeKey(), path, order);
    }

    /** The patch list as a new value: directives resolved, deleted items dropped. */
    private ArrayNode sanitized(List<JsonNode> items, ListShape shape, List<String> path) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : items) {
            JsonNode clean = item.isObject() ? mergeMap(null, (ObjectNode) item, path)
                    : item.isArray() ? mergeList(null, (ArrayNode) item, path, null) : item;
            if (clean != null) {
                out.add(clean);
            }
        }
        return out;
    }

    private ArrayNode mergeScalars(ArrayNode original, List<JsonNode> patch, ArrayNode order) {
        List<JsonNode> merged = new ArrayList<>();
        original.forEach(merged::add);
        for (JsonNode item : patch) {
            if (merged.stream().noneMatch(m -> JsonValues.same(m, item))) {
                merged.add(item.deepCopy());
            }
        }
        List<JsonNode> wanted = order != null ? toList(order) : patch;
        return ordered(merged, toList(original), wanted, v -> v);
    }

    private ArrayNode mergeByKey(ArrayNode original, List<JsonNode> patch, String mergeKey, List<String> path,
                                 ArrayNode order) {
        List<JsonNode> merged = new ArrayList<>();
        original.forEach(item -> merged.add(item));
        List<JsonNode> wanted = new ArrayList<>();
        for (JsonNode item : patch) {
            if (!(item instanceof ObjectNode map)) {
                throw PatchException.badRequest(where(path) + ": list items must be objects with the merge key \""
                        + mergeKey + "\", got " + item);
            }
            JsonNode key = map.get(mergeKey);
            if (key == null) {
                throw PatchException.badRequest(where(path) + ": item " + item
                        + " does not contain declared merge key: " + mergeKey);
            }
            int at = indexOfKey(merged, mergeKey, key);
            if ("delete".equals(patchDirective(map, path))) {
                while (at >= 0) {
                    merged.remove(at);
                    at = indexOfKey(merged, mergeKey, key);
                }
                continue;
            }
            wanted.add(map);
            JsonNode result = mergeMap(at >= 0 && merged.get(at) instanceof ObjectNode o ? o : null, map, path);
            if (at >= 0) {
                merged.set(at, result);
            } else if (result != null) {
                merged.add(result);
            }
        }
        if (order != null) {
            wanted = new ArrayList<>();
            for (JsonNode o : order) {
                if (!o.isObject() || !o.has(mergeKey)) {
                    throw PatchException.badRequest("$setElementOrder/" + path.get(path.size() - 1) + " in "
                            + where(path) + ": every item must be an object with the merge key \"" + mergeKey
                            + "\", got " + o);
                }
                wanted.add(o);
            }
        }
        return ordered(merged, toList(original), wanted, item -> item.get(mergeKey));
    }

    /**
     * Orders the merged items: those the patch names follow the patch's order (or its {@code $setElementOrder});
     * items only the server has keep their place relative to the original list, and new items go after them.
     */
    private static ArrayNode ordered(List<JsonNode> merged, List<JsonNode> original, List<JsonNode> wanted,
                                     java.util.function.Function<JsonNode, JsonNode> keyOf) {
        List<JsonNode> wantedKeys = wanted.stream().map(keyOf).toList();
        List<JsonNode> originalKeys = original.stream().map(keyOf).toList();
        List<JsonNode> named = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (indexOf(wantedKeys, keyOf.apply(item)) >= 0 ? named : serverOnly).add(item);
        }
        named.sort(java.util.Comparator.comparingInt(item -> indexOf(wantedKeys, keyOf.apply(item))));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int i = 0;
        int j = 0;
        while (i < named.size() || j < serverOnly.size()) {
            if (j >= serverOnly.size()) {
                out.add(named.get(i++));
            } else if (i >= named.size()) {
                out.add(serverOnly.get(j++));
            } else {
                int left = indexOf(originalKeys, keyOf.apply(named.get(i)));
                int right = indexOf(originalKeys, keyOf.apply(serverOnly.get(j)));
                out.add(left >= 0 && left < right ? named.get(i++) : serverOnly.get(j++));
            }
        }
        return out;
    }

    private static int indexOf(List<JsonNode> keys, JsonNode key) {
        for (int i = 0; i < keys.size(); i++) {
            if (JsonValues.same(keys.get(i), key)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfKey(List<JsonNode> items, String mergeKey, JsonNode key) {
        for (int i = 0; i < items.size(); i++) {
            if (JsonValues.same(items.get(i).get(mergeKey), key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode item : list) {
            if (JsonValues.same(item, value)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> toList(ArrayNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static ArrayNode requireList(JsonNode value, String directive, List<String> path) {
        if (!(value instanceof ArrayNode list)) {
            throw PatchException.badRequest(directive + " in " + where(path) + " must be a list, got " + value);
        }
        return list;
    }

    private static List<String> child(List<String> path, String field) {
        List<String> out = new ArrayList<>(path);
        out.add(field);
        return out;
    }

    private static String where(List<String> path) {
        return path.isEmpty() ? "the object" : "." + String.join(".", path);
    }
}
