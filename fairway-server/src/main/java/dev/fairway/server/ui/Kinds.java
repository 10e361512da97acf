package dev.fairway.server.ui;

import java.util.Map;

/** Short badges for kinds, as kubectl's short names (a badge reads faster than a word in a tree). */
final class Kinds {

    private static final Map<String, String> SHORT = Map.ofEntries(Map.entry("Deployment", "deploy"), Map.entry("ReplicaSet", "rs"),
            Map.entry("Pod", "pod"), Map.entry("Service", "svc"), Map.entry("ConfigMap", "cm"), Map.entry("Secret", "secret"),
            Map.entry("StatefulSet", "sts"), Map.entry("DaemonSet", "ds"), Map.entry("Job", "job"), Map.entry("CronJob", "cj"),
            Map.entry("Ingress", "ing"), Map.entry("Namespace", "ns"), Map.entry("ServiceAccount", "sa"),
            Map.entry("PersistentVolumeClaim", "pvc"), Map.entry("EndpointSlice", "eps"), Map.entry("Endpoints", "ep"),
            Map.entry("ControllerRevision", "rev"), Map.entry("Role", "role"), Map.entry("RoleBinding", "rb"),
            Map.entry("ClusterRole", "crole"), Map.entry("ClusterRoleBinding", "crb"), Map.entry("CustomResourceDefinition", "crd"),
            Map.entry("HorizontalPodAutoscaler", "hpa"), Map.entry("NetworkPolicy", "netpol"), Map.entry("Application", "app"));

    private Kinds() {}

    static void badge(Html h, String kind) {
        h.open("abbr", "class", "kind", "title", kind).text(SHORT.getOrDefault(kind, kind.length() > 6 ? kind.substring(0, 6).toLowerCase()
                : kind.toLowerCase())).close("abbr");
    }
}
