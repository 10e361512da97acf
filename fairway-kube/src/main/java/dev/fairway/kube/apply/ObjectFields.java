package dev.fairway.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.patch.JsonValues;
import dev.fairway.kube.patch.PatchException;
import dev.fairway.kube.schema.ListShape;
import dev.fairway.kube.schema.ListType;
import dev.fairway.kube.schema.MergeSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks object trees of one kind with its merge schema: which fields an object sets, how two versions differ, how an
 * applied configuration merges into a live object, and how an owned field is removed.
 */
final class ObjectFields {

    private final MergeSchema schema;
    private final GroupVersionKind gvk;
    /** Whether a duplicate list-map key is an error (applied configurations) or the first item wins (stored objects). */
    private final boolean strict;

    ObjectFields(MergeSchema schema, GroupVersionKind gvk, boolean strict) {
        this.schema = schema;
        this.gvk = gvk;
        this.strict = strict;
    }

    // ---- the fields a value sets

    Set<FieldPath> fieldsOf(JsonNode value, FieldPath at) {
        Set<FieldPath> out = new TreeSet<>();
        collect(value, at, out);
        return out;
    }

    private void collect(JsonNode value, FieldPath at, Set<FieldPath> out) {
        if (value instanceof ObjectNode object && (at.isRoot() || (!object.isEmpty() && !atomicMap(at)))) {
            object.fields().forEachRemaining(e -> collect(e.getValue(), at.field(e.getKey()), out));
        } else if (value instanceof ArrayNode list && !list.isEmpty() && shape(at).type() != ListType.ATOMIC) {
            items(list, at).forEach((element, item) -> {
                FieldPath itemPath = at.child(element);
                out.add(itemPath);
                if (element instanceof PathElement.Key && item instanceof ObjectNode fields) {
                    fields.fields().forEachRemaining(e -> collect(e.getValue(), itemPath.field(e.getKey()), out));
                }
            });
        } else {
            out.add(at);
        }
    }

    // ---- how two versions differ

    /** What changed from {@code before} to {@code after}, as the paths that were added, modified and removed. */
    record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
        FieldSet changed() {
            return added.union(modified);
        }

        boolean isEmpty() {
            return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
        }
    }

    Comparison compare(JsonNode before, JsonNode after) {
        Set<FieldPath> added = new TreeSet<>();
        Set<FieldPath> modified = new TreeSet<>();
        Set<FieldPath> removed = new TreeSet<>();
        diff(before, after, FieldPath.ROOT, added, modified, removed);
        return new Comparison(FieldSet.of(added), FieldSet.of(modified), FieldSet.of(removed));
    }

    private void diff(JsonNode l, JsonNode r, FieldPath at, Set<FieldPath> added, Set<FieldPath> modified,
                      Set<FieldPath> removed) {
        if (l == null && r == null) {
            return;
        }
        if (l == null) {
            collect(r, at, added);
            return;
        }
        if (r == null) {
            removed.add(at);
            collect(l, at, removed);
            return;
        }
        if (l instanceof ObjectNode lo && r instanceof ObjectNode ro
                && (at.isRoot() || (!atomicMap(at) && !(lo.isEmpty() && ro.isEmpty())))) {
            Set<String> names = new java.util.LinkedHashSet<>();
            lo.fieldNames().forEachRemaining(names::add);
            ro.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(lo.get(name), ro.get(name), at.field(name), added, modified, removed);
            }
            return;
        }
        if (l instanceof ArrayNode la && r instanceof ArrayNode ra && !(la.isEmpty() && ra.isEmpty())
                && shape(at).type() != ListType.ATOMIC) {
            Map<PathElement, JsonNode> before = items(la, at);
            Map<PathElement, JsonNode> after = items(ra, at);
            after.forEach((element, item) -> {
                FieldPath itemPath = at.child(element);
                JsonNode old = before.get(element);
                if (old == null) {
                    added.add(itemPath);
                    collect(item, itemPath, added);
                } else if (element instanceof PathElement.Key) {
                    diffItemFields(old, item, itemPath, added, modified, removed);
                }
            });
            before.forEach((element, item) -> {
                if (!after.containsKey(element)) {
                    removed.add(at.child(element));
                    collect(item, at.child(element), removed);
                }
            });
            return;
        }
        if (sameKind(l, r)) {
            if (!JsonValues.same(l, r)) {
                modified.add(at);
            }
            return;
        }
        // The value changed kind (say from a scalar to an object): everything below it changed.
        modified.add(at);
        collect(l, at, removed);
        removed.remove(at);
        collect(r, at, added);
        added.remove(at);
    }

    private void diffItemFields(JsonNode l, JsonNode r, FieldPath itemPath, Set<FieldPath> added,
                                Set<FieldPath> modified, Set<FieldPath> removed) {
        ObjectNode lo = l instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        ObjectNode ro = r instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        Set<String> names = new java.util.LinkedHashSet<>();
        lo.fieldNames().forEachRemaining(names::add);
        ro.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            diff(lo.get(name), ro.get(name), itemPath.field(name), added, modified, removed);
        }
    }

    private static boolean sameKind(JsonNode l, JsonNode r) {
        boolean lContainer = l.isContainerNode();
        boolean rContainer = r.isContainerNode();
        return lContainer == rContainer && (!lContainer || l.getNodeType() == r.getNodeType());
    }

    // ---- merging an applied configuration into a live object

    /** The live value with the applied value merged in: granular maps and keyed lists merge, everything else is replaced. */
    JsonNode merge(JsonNode live, JsonNode applied, FieldPath at) {
        if (applied == null) {
            return live == null ? null : live.deepCopy();
        }
        if (live instanceof ObjectNode lo && applied instanceof ObjectNode ao && (at.isRoot() || !atomicMap(at))) {
            ObjectNode out = lo.deepCopy();
            ao.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    // A null in an applied configuration unsets the field (the path is still owned).
                    out.remove(e.getKey());
                } else {
                    out.set(e.getKey(), merge(lo.get(e.getKey()), e.getValue(), at.field(e.getKey())));
                }
            });
            return out;
        }
        if (live instanceof ArrayNode la && applied instanceof ArrayNode aa && shape(at).type() != ListType.ATOMIC) {
            return mergeItems(la, aa, at);
        }
        return applied.deepCopy();
    }

    /** Merges list items: the applied order for items both have, live-only items staying where they were. */
    private ArrayNode mergeItems(ArrayNode live, ArrayNode applied, FieldPath at) {
        Map<PathElement, JsonNode> liveItems = items(live, at);
        Map<PathElement, JsonNode> appliedItems = items(applied, at);
        List<PathElement> appliedOrder = new ArrayList<>(appliedItems.keySet());
        Set<PathElement> emitted = new java.util.HashSet<>();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int next = 0;
        for (Map.Entry<PathElement, JsonNode> e : liveItems.entrySet()) {
            PathElement element = e.getKey();
            if (!appliedItems.containsKey(element)) {
                out.add(e.getValue().deepCopy());
                continue;
            }
            while (next < appliedOrder.size() && !emitted.contains(element)) {
                PathElement take = appliedOrder.get(next++);
                if (emitted.add(take)) {
                    out.add(merge(liveItems.get(take), appliedItems.get(take), at.child(take)));
                }
            }
        }
        for (; next < appliedOrder.size(); next++) {
            PathElement take = appliedOrder.get(next);
            if (emitted.add(take)) {
                out.add(merge(liveItems.get(take), appliedItems.get(take), at.child(take)));
            }
        }
        return out;
    }

    // ---- removing an owned field

    /** Removes the field or item at {@code path} from {@code root} (in place); a missing path is left alone. */
    void remove(ObjectNode root, FieldPath path) {
        if (path.isRoot()) {
            return;
        }
        JsonNode parent = resolve(root, path.parent());
        PathElement last = path.last();
        if (parent instanceof ObjectNode object && last instanceof PathElement.Field field) {
            object.remove(field.name());
        } else if (parent instanceof ArrayNode list) {
            FieldPath listPath = path.parent();
            for (int i = 0; i < list.size(); i++) {
                if (last.equals(elementOrNull(list.get(i), i, listPath))) {
                    list.remove(i);
                    return;
                }
            }
        }
    }

    private JsonNode resolve(JsonNode root, FieldPath path) {
        JsonNode cur = root;
        FieldPath at = FieldPath.ROOT;
        for (PathElement e : path.elements()) {
            if (cur instanceof ObjectNode object && e instanceof PathElement.Field field) {
                cur = object.get(field.name());
            } else if (cur instanceof ArrayNode list) {
                cur = items(list, at).get(e);
            } else {
                return null;
            }
            if (cur == null) {
                return null;
            }
            at = at.child(e);
        }
        return cur;
    }

    // ---- list items

    private ListShape shape(FieldPath list) {
        return schema.list(gvk, list.schemaPath());
    }

    private boolean atomicMap(FieldPath at) {
        return schema.map(gvk, at.schemaPath()).atomic();
    }

    /** The items of a non-atomic list by their path element, in list order. */
    private Map<PathElement, JsonNode> items(ArrayNode list, FieldPath at) {
        ListShape shape = shape(at);
        Map<PathElement, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            PathElement element = elementOf(list.get(i), i, at, shape);
            if (out.putIfAbsent(element, list.get(i)) != null && strict) {
                throw PatchException.unprocessable(at + ": duplicate entries for key " + element);
            }
        }
        return out;
    }

    /** The element of a stored item, or null when it lacks its keys (it then matches no owned path). */
    private PathElement elementOrNull(JsonNode item, int index, FieldPath at) {
        try {
            return elementOf(item, index, at, shape(at));
        } catch (PatchException e) {
            return null;
        }
    }

    private PathElement elementOf(JsonNode item, int index, FieldPath at, ListShape shape) {
        return switch (shape.type()) {
            case SET -> PathElement.Value.of(item);
            case MAP -> keyOf(item, index, at, shape);
            case ATOMIC -> new PathElement.Index(index);
        };
    }

    private PathElement.Key keyOf(JsonNode item, int index, FieldPath at, ListShape shape) {
        if (!(item instanceof ObjectNode object)) {
            throw PatchException.unprocessable(at + ": element " + index
                    + ": associative list with keys may only have map elements, got " + item);
        }
        Map<String, JsonNode> keys = new HashMap<>();
        for (String key : shape.keys()) {
            JsonNode value = object.get(key);
            if (value == null || value.isNull()) {
                value = shape.keyDefaults().get(key);
            }
            if (value == null) {
                throw PatchException.unprocessable(at + ": element " + index
                        + ": associative list with keys has an element that omits key field \"" + key
                        + "\" (and doesn't have default value)");
            }
            keys.put(key, value);
        }
        return PathElement.Key.of(keys);
    }
}
