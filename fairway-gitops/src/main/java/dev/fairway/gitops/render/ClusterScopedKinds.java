package dev.fairway.gitops.render;

import dev.fairway.kube.GroupKind;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The built-in Kubernetes kinds that have no namespace, for when the renderer cannot ask a
 * cluster's discovery (custom resources must be added by the caller, who knows the CRDs).
 */
public final class ClusterScopedKinds {

    private static final Set<GroupKind> BUILT_IN = Set.of(
            new GroupKind("", "Namespace"),
            new GroupKind("", "Node"),
            new GroupKind("", "PersistentVolume"),
            new GroupKind("", "ComponentStatus"),
            new GroupKind("rbac.authorization.k8s.io", "ClusterRole"),
            new GroupKind("rbac.authorization.k8s.io", "ClusterRoleBinding"),
            new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"),
            new GroupKind("apiregistration.k8s.io", "APIService"),
            new GroupKind("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
            new GroupKind("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
            new GroupKind("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
            new GroupKind("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
            new GroupKind("admissionregistration.k8s.io", "MutatingAdmissionPolicy"),
            new GroupKind("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"),
            new GroupKind("storage.k8s.io", "StorageClass"),
            new GroupKind("storage.k8s.io", "CSIDriver"),
            new GroupKind("storage.k8s.io", "CSINode"),
            new GroupKind("storage.k8s.io", "VolumeAttachment"),
            new GroupKind("storage.k8s.io", "VolumeAttributesClass"),
            new GroupKind("scheduling.k8s.io", "PriorityClass"),
            new GroupKind("node.k8s.io", "RuntimeClass"),
            new GroupKind("networking.k8s.io", "IngressClass"),
            new GroupKind("networking.k8s.io", "IPAddress"),
            new GroupKind("networking.k8s.io", "ServiceCIDR"),
            new GroupKind("certificates.k8s.io", "CertificateSigningRequest"),
            new GroupKind("certificates.k8s.io", "ClusterTrustBundle"),
            new GroupKind("flowcontrol.apiserver.k8s.io", "FlowSchema"),
            new GroupKind("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
            new GroupKind("policy", "PodSecurityPolicy"),
            new GroupKind("resource.k8s.io", "DeviceClass"),
            new GroupKind("resource.k8s.io", "ResourceSlice"),
            new GroupKind("internal.apiserver.k8s.io", "StorageVersion"),
            new GroupKind("storagemigration.k8s.io", "StorageVersionMigration"),
            new GroupKind("authentication.k8s.io", "TokenReview"),
            new GroupKind("authentication.k8s.io", "SelfSubjectReview"),
            new GroupKind("authorization.k8s.io", "SelfSubjectAccessReview"),
            new GroupKind("authorization.k8s.io", "SelfSubjectRulesReview"),
            new GroupKind("authorization.k8s.io", "SubjectAccessReview"));

    private ClusterScopedKinds() {}

    /** Built-in kinds only; combine with {@code .or(...)} for cluster-scoped custom resources. */
    public static Predicate<GroupKind> builtIn() {
        return BUILT_IN::contains;
    }
}
