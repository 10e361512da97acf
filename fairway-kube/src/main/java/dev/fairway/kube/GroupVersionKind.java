package dev.fairway.kube;

import java.util.Objects;

/** A Kubernetes kind in one API group version, as in {@code apps/v1 Deployment}. The core group is "". */
public record GroupVersionKind(String group, String version, String kind) {

    public GroupVersionKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
    }

    /** Parses an {@code apiVersion} field ("v1", "apps/v1") together with a kind. */
    public static GroupVersionKind of(String apiVersion, String kind) {
        GroupVersion gv = GroupVersion.parse(apiVersion);
        return new GroupVersionKind(gv.group(), gv.version(), kind);
    }

    public GroupVersion groupVersion() {
        return new GroupVersion(group, version);
    }

    /** The value of an object's {@code apiVersion} field. */
    public String apiVersion() {
        return groupVersion().toString();
    }

    public GroupKind groupKind() {
        return new GroupKind(group, kind);
    }

    @Override
    public String toString() {
        return apiVersion() + ", Kind=" + kind;
    }
}
