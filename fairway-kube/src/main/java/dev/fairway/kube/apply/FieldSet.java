package dev.fairway.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.schema.MergeSchema;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An immutable set of field paths: what one manager owns, in the FieldsV1 form Kubernetes stores in
 * {@code metadata.managedFields[].fieldsV1}. A path in the set is owned itself; its ancestors only lead to it.
 */
public final class FieldSet {

    private static final FieldSet EMPTY = new FieldSet(new TreeSet<>());

    private final NavigableSet<FieldPath> paths;

    private FieldSet(NavigableSet<FieldPath> paths) {
        this.paths = Collections.unmodifiableNavigableSet(paths);
    }

    public static FieldSet empty() {
        return EMPTY;
    }

    public static FieldSet of(Collection<FieldPath> paths) {
        return paths.isEmpty() ? EMPTY : new FieldSet(new TreeSet<>(paths));
    }

    public static FieldSet of(FieldPath... paths) {
        return of(java.util.List.of(paths));
    }

    /**
     * The fields an object sets: every scalar, atomic list or map, list-map item and set item, with keys as the
     * schema names them.
     *
     * @throws dev.fairway.kube.patch.PatchException when a list-map item lacks a key field or two items share a key
     */
    public static FieldSet of(JsonNode object, MergeSchema schema, GroupVersionKind gvk) {
        return of(new ObjectFields(schema, gvk, true).fieldsOf(object, FieldPath.ROOT));
    }

    /**
     * Decodes a FieldsV1 object such as {@code {"f:spec":{"f:replicas":{}}}}.
     *
     * @throws IllegalArgumentException naming the bad key when the value is not valid FieldsV1
     */
    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        if (fieldsV1 == null || !fieldsV1.isObject()) {
            throw new IllegalArgumentException("fieldsV1 must be a JSON object");
        }
        Set<FieldPath> out = new TreeSet<>();
        decode(fieldsV1, FieldPath.ROOT, out);
        return of(out);
    }

    private static void decode(JsonNode node, FieldPath at, Set<FieldPath> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException("fieldsV1 " + (at.isRoot() ? "" : at + " ") + "\"" + e.getKey()
                        + "\": value must be an object, got " + e.getValue());
            }
            if (e.getKey().equals(".")) {
                if (at.isRoot()) {
                    throw new IllegalArgumentException("fieldsV1: \".\" is not allowed at the top level");
                }
                out.add(at);
                continue;
            }
            FieldPath child = at.child(PathElement.parse(e.getKey()));
            if (e.getValue().isEmpty()) {
                out.add(child);
            } else {
                decode(e.getValue(), child, out);
            }
        }
    }

    /** Encodes as FieldsV1: children sorted, {@code ".": {}} marking a path that is owned and also has owned children. */
    public ObjectNode toFieldsV1() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (FieldPath path : paths) {
            ObjectNode node = root;
            for (PathElement e : path.elements()) {
                JsonNode child = node.get(e.fieldsV1Key());
                node = child instanceof ObjectNode o ? o : node.putObject(e.fieldsV1Key());
            }
            // Paths come sorted, so a path precedes its children and "." lands first.
            node.putObject(".");
        }
        dropLoneDots(root);
        return root;
    }

    private static void dropLoneDots(ObjectNode node) {
        node.fields().forEachRemaining(e -> {
            ObjectNode child = (ObjectNode) e.getValue();
            if (child.size() == 1 && child.has(".")) {
                child.remove(".");
            } else {
                dropLoneDots(child);
            }
        });
    }

    public FieldSet union(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        TreeSet<FieldPath> out = new TreeSet<>(paths);
        out.addAll(other.paths);
        return new FieldSet(out);
    }

    public FieldSet difference(FieldSet other) {
        return filter(p -> !other.paths.contains(p));
    }

    public FieldSet intersection(FieldSet other) {
        return filter(other.paths::contains);
    }

    public FieldSet filter(Predicate<FieldPath> keep) {
        return of(paths.stream().filter(keep).collect(Collectors.toCollection(TreeSet::new)));
    }

    public boolean contains(FieldPath path) {
        return paths.contains(path);
    }

    /** Whether the set holds a path strictly below {@code path}. */
    public boolean hasDescendant(FieldPath path) {
        FieldPath next = paths.higher(path);
        return next != null && next.startsWith(path);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    public int size() {
        return paths.size();
    }

    /** The paths in FieldsV1 order. */
    public NavigableSet<FieldPath> paths() {
        return paths;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && paths.equals(other.paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    /** The paths as Kubernetes prints them, one per line. */
    @Override
    public String toString() {
        return paths.stream().map(FieldPath::toString).collect(Collectors.joining("\n"));
    }
}
