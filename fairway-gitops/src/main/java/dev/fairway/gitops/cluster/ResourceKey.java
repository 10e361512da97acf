package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.Meta;
import java.util.Comparator;

/**
 * Names one object independently of its API version, as Argo CD keys resources:
 * group, kind, namespace ("" for cluster-scoped objects) and name.
 */
public record ResourceKey(String group, String kind, String namespace, String name) implements Comparable<ResourceKey> {

    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::group)
            .thenComparing(ResourceKey::kind).thenComparing(ResourceKey::namespace).thenComparing(ResourceKey::name);

    public ResourceKey {
        namespace = namespace == null ? "" : namespace;
    }

    public static ResourceKey of(JsonNode object) {
        GroupKind gk = Meta.gvk(object).groupKind();
        String name = Meta.name(object);
        return new ResourceKey(gk.group(), gk.kind(), Meta.namespace(object), name == null ? "" : name);
    }

    public GroupKind groupKind() {
        return new GroupKind(group, kind);
    }

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }

    /** {@code Kind/namespace/name} or {@code Kind/name}, as messages name objects. */
    @Override
    public String toString() {
        String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
        return qualifiedKind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
