package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Meta;
import java.util.Comparator;
import java.util.List;

/**
 * The order Argo CD applies objects in: by sync wave (annotation
 * {@code argocd.argoproj.io/sync-wave}, else Helm's {@code helm.sh/hook-weight}, default 0), then by kind so that what others need exists
 * first (namespaces, then policies and accounts, config, storage, CRDs, RBAC, services,
 * workloads, ingress), then by name. Kinds not on the list come last.
 */
public final class SyncOrder {

    public static final String SYNC_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";

    private static final List<String> KIND_ORDER = List.of(
            "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
            "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
            "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
            "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
            "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
            "IngressClass", "Ingress", "APIService");

    /** Orders objects for applying. */
    public static final Comparator<JsonNode> APPLY = Comparator.comparingInt(SyncOrder::wave)
            .thenComparingInt(SyncOrder::kindRank)
            .thenComparing(o -> Meta.kind(o) == null ? "" : Meta.kind(o))
            .thenComparing(o -> Meta.namespace(o) == null ? "" : Meta.namespace(o))
            .thenComparing(o -> Meta.name(o) == null ? "" : Meta.name(o));

    private SyncOrder() {}

    /** The object's sync wave; a value that is not a whole number counts as 0, as in Argo CD. */
    public static int wave(JsonNode object) {
        JsonNode annotations = Meta.at(object, "metadata", "annotations");
        String text = Meta.text(annotations, SYNC_WAVE_ANNOTATION);
        if (text == null) {
            // Helm's hook weight orders hooks as a wave does, as Argo CD reads it
            text = Meta.text(annotations, Hook.HELM_WEIGHT_ANNOTATION);
        }
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static int kindRank(JsonNode object) {
        int rank = KIND_ORDER.indexOf(Meta.kind(object));
        return rank < 0 ? KIND_ORDER.size() : rank;
    }
}
