package dev.fairway.kube;

/** A kind independent of version, as Argo CD and RBAC rules name kinds ("apps", "Deployment"). */
public record GroupKind(String group, String kind) {
    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
