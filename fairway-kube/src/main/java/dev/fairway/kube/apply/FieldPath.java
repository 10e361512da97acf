package dev.fairway.kube.apply;

import java.util.ArrayList;
import java.util.List;

/** A path to one field or item from the object root, printed as Kubernetes prints it: {@code .spec.containers[name="nginx"].image}. */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        elements = List.copyOf(elements);
    }

    /** A path of plain field names, e.g. {@code FieldPath.of("spec", "replicas")}. */
    public static FieldPath of(String... fields) {
        List<PathElement> out = new ArrayList<>();
        for (String f : fields) {
            out.add(new PathElement.Field(f));
        }
        return new FieldPath(out);
    }

    public FieldPath child(PathElement element) {
        List<PathElement> out = new ArrayList<>(elements);
        out.add(element);
        return new FieldPath(out);
    }

    public FieldPath field(String name) {
        return child(new PathElement.Field(name));
    }

    public boolean isRoot() {
        return elements.isEmpty();
    }

    public PathElement last() {
        return elements.get(elements.size() - 1);
    }

    public FieldPath parent() {
        return new FieldPath(elements.subList(0, elements.size() - 1));
    }

    /** Whether this path is {@code prefix} or lies below it. */
    public boolean startsWith(FieldPath prefix) {
        return elements.size() >= prefix.elements.size()
                && elements.subList(0, prefix.elements.size()).equals(prefix.elements);
    }

    /** The field names only, as {@link dev.fairway.kube.schema.MergeSchema} looks fields up. */
    public List<String> schemaPath() {
        List<String> out = new ArrayList<>();
        for (PathElement e : elements) {
            if (e instanceof PathElement.Field f) {
                out.add(f.name());
            }
        }
        return out;
    }

    @Override
    public int compareTo(FieldPath other) {
        int n = Math.min(elements.size(), other.elements.size());
        for (int i = 0; i < n; i++) {
            int c = elements.get(i).compareTo(other.elements.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(elements.size(), other.elements.size());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        elements.forEach(sb::append);
        return sb.toString();
    }
}
