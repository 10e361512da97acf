package dev.fairway.sandbox.table;

import dev.fairway.kube.GroupKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The column sets a real API server prints for its built-in kinds, by group and kind (all versions alike). */
final class BuiltinPrinters {

    private final Map<GroupKind, KindPrinter> printers = new HashMap<>();

    BuiltinPrinters() {
        core("Pod", new PodPrinter());
        core("PodTemplate", WorkloadPrinters.podTemplate());
        core("ReplicationController", WorkloadPrinters.replicationController());
        core("Service", NetworkPrinters.service());
        core("Endpoints", NetworkPrinters.endpoints());
        core("Node", CorePrinters.node());
        core("Event", CorePrinters.event());
        core("Namespace", CorePrinters.namespace());
        core("Secret", CorePrinters.secret());
        core("ServiceAccount", CorePrinters.serviceAccount());
        core("PersistentVolume", CorePrinters.persistentVolume());
        core("PersistentVolumeClaim", CorePrinters.persistentVolumeClaim());
        core("ConfigMap", CorePrinters.configMap());
        core("ResourceQuota", CorePrinters.resourceQuota());

        add("apps", "Deployment", WorkloadPrinters.deployment());
        add("apps", "ReplicaSet", WorkloadPrinters.replicaSet());
        add("apps", "StatefulSet", WorkloadPrinters.statefulSet());
        add("apps", "DaemonSet", WorkloadPrinters.daemonSet());
        add("apps", "ControllerRevision", WorkloadPrinters.controllerRevision());
        add("batch", "Job", WorkloadPrinters.job());
        add("batch", "CronJob", WorkloadPrinters.cronJob());

        add("networking.k8s.io", "Ingress", NetworkPrinters.ingress());
        add("networking.k8s.io", "IngressClass", NetworkPrinters.ingressClass());
        add("networking.k8s.io", "NetworkPolicy", NetworkPrinters.networkPolicy());
        add("discovery.k8s.io", "EndpointSlice", NetworkPrinters.endpointSlice());
        add("events.k8s.io", "Event", CorePrinters.event());
        add("storage.k8s.io", "StorageClass", CorePrinters.storageClass());

        add("rbac.authorization.k8s.io", "RoleBinding", PolicyPrinters.roleBinding("roleBinding"));
        add("rbac.authorization.k8s.io", "ClusterRoleBinding", PolicyPrinters.roleBinding("clusterRoleBinding"));
        add("policy", "PodDisruptionBudget", PolicyPrinters.podDisruptionBudget());
        add("autoscaling", "HorizontalPodAutoscaler", PolicyPrinters.horizontalPodAutoscaler());
        add("coordination.k8s.io", "Lease", PolicyPrinters.lease());
        add("apiregistration.k8s.io", "APIService", PolicyPrinters.apiService());
        add("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", PolicyPrinters.validatingAdmissionPolicy());
        add("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", PolicyPrinters.validatingAdmissionPolicyBinding());
        add("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", PolicyPrinters.webhookConfiguration());
        add("admissionregistration.k8s.io", "MutatingWebhookConfiguration", PolicyPrinters.webhookConfiguration());
        add("scheduling.k8s.io", "PriorityClass", PolicyPrinters.priorityClass());
        add("node.k8s.io", "RuntimeClass", PolicyPrinters.runtimeClass());
    }

    Optional<KindPrinter> find(String group, String kind) {
        return Optional.ofNullable(printers.get(new GroupKind(group, kind)));
    }

    private void core(String kind, KindPrinter printer) {
        add("", kind, printer);
    }

    private void add(String group, String kind, KindPrinter printer) {
        printers.put(new GroupKind(group, kind), printer);
    }
}
