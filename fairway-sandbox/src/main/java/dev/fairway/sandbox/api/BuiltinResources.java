package dev.fairway.sandbox.api;

import java.util.ArrayList;
import java.util.List;

/** The built-in resources the sandbox serves, with the names, short names and categories of Kubernetes 1.31. */
public final class BuiltinResources {

    private BuiltinResources() {}

    private static final List<String> CREATE_ONLY = List.of("create");

    public static List<ResourceType> all() {
        List<ResourceType> r = new ArrayList<>();
        // core/v1
        r.add(ns("", "v1", "Binding", "bindings", List.of(), List.of(), CREATE_ONLY, false, false));
        r.add(ns("", "v1", "ConfigMap", "configmaps", List.of("cm"), List.of(), null, false, false));
        r.add(ns("", "v1", "Endpoints", "endpoints", List.of("ep"), List.of(), null, false, false));
        r.add(ns("", "v1", "Event", "events", List.of("ev"), List.of(), null, false, false));
        r.add(ns("", "v1", "LimitRange", "limitranges", List.of("limits"), List.of(), null, false, false));
        r.add(cluster("", "v1", "Namespace", "namespaces", List.of("ns"), List.of(), null, true, false));
        r.add(cluster("", "v1", "Node", "nodes", List.of("no"), List.of(), null, true, false));
        r.add(ns("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", List.of("pvc"), List.of(), null, true, false));
        r.add(cluster("", "v1", "PersistentVolume", "persistentvolumes", List.of("pv"), List.of(), null, true, false));
        r.add(ns("", "v1", "Pod", "pods", List.of("po"), List.of("all"), null, true, false));
        r.add(ns("", "v1", "PodTemplate", "podtemplates", List.of(), List.of(), null, false, false));
        // kubectl apply --prune's default allowlist maps it: without it a prune fails on "no matches for kind"
        r.add(ns("", "v1", "ReplicationController", "replicationcontrollers", List.of("rc"), List.of("all"), null, true, true));
        r.add(ns("", "v1", "ResourceQuota", "resourcequotas", List.of("quota"), List.of(), null, true, false));
        r.add(ns("", "v1", "Secret", "secrets", List.of(), List.of(), null, false, false));
        r.add(ns("", "v1", "ServiceAccount", "serviceaccounts", List.of("sa"), List.of(), null, false, false));
        r.add(ns("", "v1", "Service", "services", List.of("svc"), List.of("all"), null, true, false));
        // apps/v1
        r.add(ns("apps", "v1", "ControllerRevision", "controllerrevisions", List.of(), List.of(), null, false, false));
        r.add(ns("apps", "v1", "DaemonSet", "daemonsets", List.of("ds"), List.of("all"), null, true, false));
        r.add(ns("apps", "v1", "Deployment", "deployments", List.of("deploy"), List.of("all"), null, true, true));
        r.add(ns("apps", "v1", "ReplicaSet", "replicasets", List.of("rs"), List.of("all"), null, true, true));
        r.add(ns("apps", "v1", "StatefulSet", "statefulsets", List.of("sts"), List.of("all"), null, true, true));
        // batch/v1
        r.add(ns("batch", "v1", "CronJob", "cronjobs", List.of("cj"), List.of("all"), null, true, false));
        r.add(ns("batch", "v1", "Job", "jobs", List.of(), List.of("all"), null, true, false));
        // networking.k8s.io/v1
        r.add(cluster("networking.k8s.io", "v1", "IngressClass", "ingressclasses", List.of(), List.of(), null, false, false));
        r.add(ns("networking.k8s.io", "v1", "Ingress", "ingresses", List.of("ing"), List.of(), null, true, false));
        r.add(ns("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", List.of("netpol"), List.of(), null, false, false));
        // rbac.authorization.k8s.io/v1
        String rbac = "rbac.authorization.k8s.io";
        r.add(cluster(rbac, "v1", "ClusterRoleBinding", "clusterrolebindings", List.of(), List.of(), null, false, false));
        r.add(cluster(rbac, "v1", "ClusterRole", "clusterroles", List.of(), List.of(), null, false, false));
        r.add(ns(rbac, "v1", "RoleBinding", "rolebindings", List.of(), List.of(), null, false, false));
        r.add(ns(rbac, "v1", "Role", "roles", List.of(), List.of(), null, false, false));
        // others
        r.add(ns("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", List.of("pdb"), List.of(), null, true, false));
        r.add(ns("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", List.of("hpa"), List.of("all"), null, true, false));
        r.add(ns("coordination.k8s.io", "v1", "Lease", "leases", List.of(), List.of(), null, false, false));
        r.add(cluster("storage.k8s.io", "v1", "StorageClass", "storageclasses", List.of("sc"), List.of(), null, false, false));
        r.add(ns("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", List.of(), List.of(), null, false, false));
        r.add(cluster("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
                List.of("crd", "crds"), List.of("api-extensions"), null, true, false));
        String adm = "admissionregistration.k8s.io";
        r.add(cluster(adm, "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", List.of(), List.of("api-extensions"), null, true, false));
        r.add(cluster(adm, "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", List.of(), List.of("api-extensions"), null, false, false));
        r.add(cluster(adm, "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", List.of(), List.of("api-extensions"), null, false, false));
        r.add(cluster(adm, "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", List.of(), List.of("api-extensions"), null, false, false));
        r.add(cluster("apiregistration.k8s.io", "v1", "APIService", "apiservices", List.of(), List.of("api-extensions"), null, true, false));
        // reviews: answered, never stored (kubectl auth can-i / whoami)
        r.add(cluster("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", List.of(), List.of(), CREATE_ONLY, false, false));
        r.add(cluster("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", List.of(), List.of(), CREATE_ONLY, false, false));
        r.add(cluster("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", List.of(), List.of(), CREATE_ONLY, false, false));
        return List.copyOf(r);
    }

    private static ResourceType ns(String g, String v, String kind, String plural, List<String> shortNames,
                                   List<String> categories, List<String> verbs, boolean status, boolean scale) {
        return new ResourceType(g, v, kind, plural, kind.toLowerCase(java.util.Locale.ROOT), true, shortNames, categories,
                verbs == null ? ResourceType.ALL_VERBS : verbs, status, scale, true);
    }

    private static ResourceType cluster(String g, String v, String kind, String plural, List<String> shortNames,
                                        List<String> categories, List<String> verbs, boolean status, boolean scale) {
        return new ResourceType(g, v, kind, plural, kind.toLowerCase(java.util.Locale.ROOT), false, shortNames, categories,
                verbs == null ? ResourceType.ALL_VERBS : verbs, status, scale, true);
    }
}
