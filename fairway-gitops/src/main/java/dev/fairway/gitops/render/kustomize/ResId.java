package dev.fairway.gitops.render.kustomize;

import java.util.Set;

/**
 * What kustomize identifies an object by: group, version, kind, name and namespace. Ids decide
 * which object a patch or generator merge means, and the output order.
 */
record ResId(String group, String version, String kind, String name, String namespace) {

    /**
     * The kinds kustomize v5 knows to be cluster-scoped: those of the Kubernetes 1.21 schema it
     * embeds, by API version. Anything else, newer built-ins included, counts as namespaced, so a
     * kustomization's namespace is set on it, exactly as {@code kubectl kustomize} does.
     */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration",
            "apiextensions.k8s.io/v1 CustomResourceDefinition", "apiextensions.k8s.io/v1beta1 CustomResourceDefinition",
            "apiregistration.k8s.io/v1 APIService", "apiregistration.k8s.io/v1beta1 APIService",
            "certificates.k8s.io/v1 CertificateSigningRequest", "certificates.k8s.io/v1beta1 CertificateSigningRequest",
            "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema",
            "flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration",
            "networking.k8s.io/v1 IngressClass", "networking.k8s.io/v1beta1 IngressClass",
            "node.k8s.io/v1 RuntimeClass", "node.k8s.io/v1beta1 RuntimeClass",
            "rbac.authorization.k8s.io/v1 ClusterRole", "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
            "rbac.authorization.k8s.io/v1beta1 ClusterRole", "rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding",
            "scheduling.k8s.io/v1 PriorityClass", "scheduling.k8s.io/v1beta1 PriorityClass",
            "storage.k8s.io/v1 CSIDriver", "storage.k8s.io/v1 CSINode", "storage.k8s.io/v1 StorageClass",
            "storage.k8s.io/v1 VolumeAttachment", "storage.k8s.io/v1beta1 CSIDriver", "storage.k8s.io/v1beta1 CSINode",
            "storage.k8s.io/v1beta1 StorageClass", "storage.k8s.io/v1beta1 VolumeAttachment",
            "policy/v1beta1 PodSecurityPolicy",
            "v1 ComponentStatus", "v1 Namespace", "v1 Node", "v1 PersistentVolume");

    ResId {
        group = group == null ? "" : group;
        version = version == null ? "" : version;
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    boolean clusterScoped() {
        return CLUSTER_SCOPED.contains(apiVersion() + " " + kind);
    }

    /** The namespace an object really lands in: "default" when it names none. */
    String effectiveNamespace() {
        if (clusterScoped()) {
            return "_non_namespaceable_";
        }
        return namespace.isEmpty() ? "default" : namespace;
    }

    boolean sameGvk(ResId other) {
        return group.equals(other.group) && version.equals(other.version) && kind.equals(other.kind);
    }

    /** Kustomize's id equality: the same kind and name, and the same namespace once "" means "default". */
    boolean matches(ResId other) {
        return sameGvk(other) && name.equals(other.name)
                && effectiveNamespace().equals(other.effectiveNamespace());
    }

    /** Whether this id's kind is one the (group, version, kind) selector picks; empty parts match all. */
    boolean selectedBy(String selectGroup, String selectVersion, String selectKind) {
        return (selectGroup.isEmpty() || selectGroup.equals(group))
                && (selectVersion.isEmpty() || selectVersion.equals(version))
                && (selectKind.isEmpty() || selectKind.equals(kind));
    }

    /** As messages show it: {@code apps/v1/Deployment/shop/web}. */
    @Override
    public String toString() {
        return apiVersion() + "/" + kind + (namespace.isEmpty() ? "" : "/" + namespace) + "/" + name;
    }
}
