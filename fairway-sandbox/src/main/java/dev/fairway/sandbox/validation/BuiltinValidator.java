package dev.fairway.sandbox.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.sandbox.api.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The validation of built-in kinds that users run into most, with field paths and messages as a
 * Kubernetes 1.31 API server words them: object names, namespaces, labels and annotations, pod
 * containers and ports, controller selectors, Service ports and cluster IPs, ConfigMap and Secret
 * keys. Run it after defaulting (and after the server generated the name and the Job selector).
 * An empty list means valid.
 */
public final class BuiltinValidator {

    private static final Map<GroupKind, Boolean> NAMESPACED = knownScopes();

    private static Map<GroupKind, Boolean> knownScopes() {
        Map<GroupKind, Boolean> scopes = new HashMap<>();
        for (String kind : List.of("Pod", "Service", "ConfigMap", "Secret", "ServiceAccount", "PersistentVolumeClaim", "Endpoints",
                "Event", "LimitRange", "ResourceQuota", "ReplicationController", "PodTemplate")) {
            scopes.put(new GroupKind("", kind), true);
        }
        for (String kind : List.of("Namespace", "Node", "PersistentVolume", "ComponentStatus")) {
            scopes.put(new GroupKind("", kind), false);
        }
        for (String kind : List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ControllerRevision")) {
            scopes.put(new GroupKind("apps", kind), true);
        }
        scopes.put(new GroupKind("batch", "Job"), true);
        scopes.put(new GroupKind("batch", "CronJob"), true);
        scopes.put(new GroupKind("networking.k8s.io", "Ingress"), true);
        scopes.put(new GroupKind("networking.k8s.io", "NetworkPolicy"), true);
        scopes.put(new GroupKind("networking.k8s.io", "IngressClass"), false);
        scopes.put(new GroupKind("discovery.k8s.io", "EndpointSlice"), true);
        scopes.put(new GroupKind("events.k8s.io", "Event"), true);
        scopes.put(new GroupKind("rbac.authorization.k8s.io", "Role"), true);
        scopes.put(new GroupKind("rbac.authorization.k8s.io", "RoleBinding"), true);
        scopes.put(new GroupKind("rbac.authorization.k8s.io", "ClusterRole"), false);
        scopes.put(new GroupKind("rbac.authorization.k8s.io", "ClusterRoleBinding"), false);
        scopes.put(new GroupKind("policy", "PodDisruptionBudget"), true);
        scopes.put(new GroupKind("autoscaling", "HorizontalPodAutoscaler"), true);
        scopes.put(new GroupKind("coordination.k8s.io", "Lease"), true);
        scopes.put(new GroupKind("storage.k8s.io", "StorageClass"), false);
        scopes.put(new GroupKind("storage.k8s.io", "CSIDriver"), false);
        scopes.put(new GroupKind("storage.k8s.io", "CSINode"), false);
        scopes.put(new GroupKind("storage.k8s.io", "VolumeAttachment"), false);
        scopes.put(new GroupKind("scheduling.k8s.io", "PriorityClass"), false);
        scopes.put(new GroupKind("node.k8s.io", "RuntimeClass"), false);
        scopes.put(new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"), false);
        scopes.put(new GroupKind("apiregistration.k8s.io", "APIService"), false);
        scopes.put(new GroupKind("certificates.k8s.io", "CertificateSigningRequest"), false);
        for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
                "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding")) {
            scopes.put(new GroupKind("admissionregistration.k8s.io", kind), false);
        }
        return Map.copyOf(scopes);
    }

    /** Validates a built-in kind, knowing from the kind whether it is namespaced; other kinds get only the metadata checks. */
    public List<FieldError> validate(GroupVersionKind gvk, ObjectNode obj, ObjectNode old) {
        Objects.requireNonNull(gvk, "gvk");
        return validate(gvk, obj, old, NAMESPACED.get(gvk.groupKind()));
    }

    /**
     * @param namespaced whether objects of the kind live in a namespace (from its ResourceType);
     *                   null skips the namespace check
     */
    public List<FieldError> validate(GroupVersionKind gvk, ObjectNode obj, ObjectNode old, Boolean namespaced) {
        Objects.requireNonNull(gvk, "gvk");
        Objects.requireNonNull(obj, "obj");
        List<FieldError> errs = new ArrayList<>();
        MetadataRules.validate(obj, nameFormat(gvk), namespaced, errs);
        String kind = gvk.kind();
        switch (gvk.group()) {
            case "" -> {
                switch (kind) {
                    case "Pod" -> PodSpecRules.validate(obj.path("spec"), "spec", PodSpecRules.ALL_RESTART_POLICIES, errs);
                    case "Service" -> ServiceRules.validate(obj, old, errs);
                    case "ConfigMap" -> ConfigDataRules.configMap(obj, errs);
                    case "Secret" -> ConfigDataRules.secret(obj, errs);
                    default -> { }
                }
            }
            case "apps" -> {
                switch (kind) {
                    case "Deployment", "ReplicaSet" -> WorkloadRules.deploymentLike(obj, old, errs);
                    case "StatefulSet" -> WorkloadRules.statefulSet(obj, old, errs);
                    case "DaemonSet" -> WorkloadRules.daemonSet(obj, old, errs);
                    default -> { }
                }
            }
            case "batch" -> {
                if (kind.equals("Job")) {
                    WorkloadRules.job(obj, old, errs);
                } else if (kind.equals("CronJob")) {
                    WorkloadRules.cronJob(obj, errs);
                }
            }
            default -> { }
        }
        return errs;
    }

    private static Function<String, List<String>> nameFormat(GroupVersionKind gvk) {
        if (gvk.group().isEmpty() && gvk.kind().equals("Namespace")) {
            return NameFormats::dns1123Label;
        }
        if (gvk.group().isEmpty() && gvk.kind().equals("Service")) {
            return NameFormats::dns1035Label;
        }
        if (gvk.group().equals("rbac.authorization.k8s.io")) {
            return NameFormats::pathSegment;
        }
        return NameFormats::dns1123Subdomain;
    }
}
