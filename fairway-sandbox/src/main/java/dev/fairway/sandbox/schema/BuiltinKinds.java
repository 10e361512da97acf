package dev.fairway.sandbox.schema;

import dev.fairway.kube.GroupVersionKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in kinds the sandbox serves, and the fabric8 class that models each. */
final class BuiltinKinds {

    static final Map<GroupVersionKind, Class<?>> ALL;

    static {
        Map<GroupVersionKind, Class<?>> m = new LinkedHashMap<>();
        String core = "io.fabric8.kubernetes.api.model.";
        for (String kind : new String[] {"Namespace", "Pod", "Service", "Endpoints", "ConfigMap", "Secret",
                "ServiceAccount", "PersistentVolumeClaim", "PersistentVolume", "Node", "Event", "LimitRange",
                "ResourceQuota", "ReplicationController"}) {
            m.put(new GroupVersionKind("", "v1", kind), load(core + kind));
        }
        for (String kind : new String[] {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ControllerRevision"}) {
            m.put(new GroupVersionKind("apps", "v1", kind), load(core + "apps." + kind));
        }
        put(m, "batch", "v1", "Job", core + "batch.v1.Job");
        put(m, "batch", "v1", "CronJob", core + "batch.v1.CronJob");
        put(m, "networking.k8s.io", "v1", "Ingress", core + "networking.v1.Ingress");
        put(m, "networking.k8s.io", "v1", "NetworkPolicy", core + "networking.v1.NetworkPolicy");
        put(m, "networking.k8s.io", "v1", "IngressClass", core + "networking.v1.IngressClass");
        for (String kind : new String[] {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"}) {
            put(m, "rbac.authorization.k8s.io", "v1", kind, core + "rbac." + kind);
        }
        put(m, "policy", "v1", "PodDisruptionBudget", core + "policy.v1.PodDisruptionBudget");
        put(m, "autoscaling", "v2", "HorizontalPodAutoscaler", core + "autoscaling.v2.HorizontalPodAutoscaler");
        put(m, "autoscaling", "v1", "HorizontalPodAutoscaler", core + "autoscaling.v1.HorizontalPodAutoscaler");
        put(m, "autoscaling", "v1", "Scale", core + "autoscaling.v1.Scale");
        put(m, "coordination.k8s.io", "v1", "Lease", core + "coordination.v1.Lease");
        put(m, "storage.k8s.io", "v1", "StorageClass", core + "storage.StorageClass");
        put(m, "discovery.k8s.io", "v1", "EndpointSlice", core + "discovery.v1.EndpointSlice");
        put(m, "apiextensions.k8s.io", "v1", "CustomResourceDefinition",
                core + "apiextensions.v1.CustomResourceDefinition");
        put(m, "admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy",
                core + "admissionregistration.v1.ValidatingAdmissionPolicy");
        put(m, "admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding",
                core + "admissionregistration.v1.ValidatingAdmissionPolicyBinding");
        put(m, "apiregistration.k8s.io", "v1", "APIService", core + "APIService");
        put(m, "events.k8s.io", "v1", "Event", core + "events.v1.Event");
        ALL = Collections.unmodifiableMap(m);
    }

    private BuiltinKinds() {}

    private static void put(Map<GroupVersionKind, Class<?>> m, String group, String version, String kind, String type) {
        m.put(new GroupVersionKind(group, version, kind), load(type));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("fabric8 model class " + name + " is missing from the classpath", e);
        }
    }
}
