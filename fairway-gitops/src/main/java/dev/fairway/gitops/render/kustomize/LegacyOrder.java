package dev.fairway.gitops.render.kustomize;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order {@code kubectl kustomize} prints objects in ("legacy" sort): namespaces, quotas,
 * storage classes, CRDs, service accounts, RBAC, config, services... first, webhook
 * configurations last, everything else between; then by group, version and kind, then by
 * namespace and name.
 */
final class LegacyOrder implements Comparator<ResId> {

    private static final List<String> FIRST = List.of("Namespace", "ResourceQuota", "StorageClass",
            "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass",
            "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob",
            "PodDisruptionBudget");
    private static final List<String> LAST = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
    private static final Map<String, Integer> RANK = rank();

    private static Map<String, Integer> rank() {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < FIRST.size(); i++) {
            rank.put(FIRST.get(i), i - FIRST.size());
        }
        for (int i = 0; i < LAST.size(); i++) {
            rank.put(LAST.get(i), i + 1);
        }
        return Map.copyOf(rank);
    }

    @Override
    public int compare(ResId a, ResId b) {
        if (!a.sameGvk(b)) {
            int rankA = RANK.getOrDefault(a.kind(), 0);
            int rankB = RANK.getOrDefault(b.kind(), 0);
            if (rankA != rankB) {
                return Integer.compare(rankA, rankB);
            }
            int byGvk = gvk(a).compareTo(gvk(b));
            boolean namespaces = a.kind().equals("Namespace") && b.kind().equals("Namespace")
                    && (a.group().isEmpty() || b.group().isEmpty());
            return namespaces ? -byGvk : byGvk;
        }
        return id(a).compareTo(id(b));
    }

    private static String gvk(ResId id) {
        return or(id.group(), "~G") + "_" + or(id.version(), "~V") + "_" + or(id.kind(), "~K");
    }

    private static String id(ResId id) {
        return or(id.kind(), "[noKind]") + "." + or(id.version(), "[noVer]") + "." + or(id.group(), "[noGrp]") + "|"
                + or(id.namespace(), "~X") + "|" + or(id.name(), "~N");
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
