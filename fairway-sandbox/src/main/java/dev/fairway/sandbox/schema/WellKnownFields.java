package dev.fairway.sandbox.schema;

import java.util.List;
import java.util.Map;

/**
 * What reflection over the model classes cannot tell: how the well-known lists merge, and which
 * fields the API server requires. Keyed by schema name, then property name.
 */
final class WellKnownFields {

    private static final String CORE = "io.k8s.api.core.v1.";
    private static final String APPS = "io.k8s.api.apps.v1.";

    private static final Map<String, ListSemantics> CONTAINER_LISTS = Map.of(
            "ports", ListSemantics.mapBy("containerPort", "containerPort", "protocol"),
            "env", ListSemantics.mapBy("name"),
            "volumeMounts", ListSemantics.mapBy("mountPath"),
            "volumeDevices", ListSemantics.mapBy("devicePath"),
            "envFrom", ListSemantics.atomic());

    private static final Map<String, Map<String, ListSemantics>> LISTS = Map.ofEntries(
            Map.entry(CORE + "PodSpec", Map.of(
                    "containers", ListSemantics.mapBy("name"),
                    "initContainers", ListSemantics.mapBy("name"),
                    "ephemeralContainers", ListSemantics.mapBy("name"),
                    "volumes", new ListSemantics("merge,retainKeys", "name", "map", List.of("name")),
                    "imagePullSecrets", ListSemantics.mapBy("name"),
                    "hostAliases", ListSemantics.mapBy("ip"),
                    "topologySpreadConstraints",
                    ListSemantics.mapBy("topologyKey", "topologyKey", "whenUnsatisfiable"),
                    "schedulingGates", ListSemantics.mapBy("name"),
                    "resourceClaims", new ListSemantics("merge,retainKeys", "name", "map", List.of("name")),
                    "tolerations", ListSemantics.atomic())),
            Map.entry(CORE + "Container", CONTAINER_LISTS),
            Map.entry(CORE + "EphemeralContainer", CONTAINER_LISTS),
            Map.entry(CORE + "ServiceSpec", Map.of("ports", ListSemantics.mapBy("port", "port", "protocol"))),
            Map.entry(CORE + "ServiceAccount", Map.of("secrets", ListSemantics.mapBy("name"))),
            Map.entry(CORE + "NodeStatus", Map.of("addresses", ListSemantics.mapBy("type"))),
            Map.entry(ModelNames.META + "ObjectMeta", Map.of(
                    "ownerReferences", ListSemantics.mapBy("uid"),
                    "finalizers", ListSemantics.mergedSet())));

    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry(CORE + "Container", List.of("name")),
            Map.entry(CORE + "EphemeralContainer", List.of("name")),
            Map.entry(CORE + "ContainerPort", List.of("containerPort")),
            Map.entry(CORE + "EnvVar", List.of("name")),
            Map.entry(CORE + "VolumeMount", List.of("name", "mountPath")),
            Map.entry(CORE + "Volume", List.of("name")),
            Map.entry(CORE + "PodSpec", List.of("containers")),
            Map.entry(CORE + "ServicePort", List.of("port")),
            Map.entry(CORE + "KeyToPath", List.of("key", "path")),
            Map.entry(CORE + "ConfigMapKeySelector", List.of("key")),
            Map.entry(CORE + "SecretKeySelector", List.of("key")),
            Map.entry(CORE + "HTTPGetAction", List.of("port")),
            Map.entry(CORE + "TCPSocketAction", List.of("port")),
            Map.entry(ModelNames.META + "LabelSelectorRequirement", List.of("key", "operator")),
            Map.entry(ModelNames.META + "OwnerReference", List.of("apiVersion", "kind", "name", "uid")),
            Map.entry(APPS + "DeploymentSpec", List.of("selector", "template")),
            Map.entry(APPS + "ReplicaSetSpec", List.of("selector")),
            Map.entry(APPS + "StatefulSetSpec", List.of("selector", "template")),
            Map.entry(APPS + "DaemonSetSpec", List.of("selector", "template")),
            Map.entry(APPS + "ControllerRevision", List.of("revision")),
            Map.entry("io.k8s.api.batch.v1.JobSpec", List.of("template")),
            Map.entry("io.k8s.api.batch.v1.CronJobSpec", List.of("schedule", "jobTemplate")),
            Map.entry("io.k8s.api.rbac.v1.RoleRef", List.of("apiGroup", "kind", "name")),
            Map.entry("io.k8s.api.rbac.v1.Subject", List.of("kind", "name")),
            Map.entry("io.k8s.api.rbac.v1.PolicyRule", List.of("verbs")),
            Map.entry("io.k8s.api.rbac.v1.RoleBinding", List.of("roleRef")),
            Map.entry("io.k8s.api.rbac.v1.ClusterRoleBinding", List.of("roleRef")),
            Map.entry("io.k8s.api.networking.v1.HTTPIngressPath", List.of("pathType", "backend")),
            Map.entry("io.k8s.api.networking.v1.IngressServiceBackend", List.of("name")),
            Map.entry("io.k8s.api.storage.v1.StorageClass", List.of("provisioner")),
            Map.entry("io.k8s.api.coordination.v1.Lease", List.of()),
            Map.entry("io.k8s.api.discovery.v1.EndpointSlice", List.of("addressType", "endpoints")),
            Map.entry("io.k8s.api.discovery.v1.Endpoint", List.of("addresses")),
            Map.entry("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
                    List.of("spec")),
            Map.entry("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec",
                    List.of("group", "names", "scope", "versions")),
            Map.entry("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames",
                    List.of("plural", "kind")),
            Map.entry("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion",
                    List.of("name", "served", "storage")),
            Map.entry("io.k8s.api.admissionregistration.v1.Validation", List.of("expression")),
            Map.entry("io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceSpec",
                    List.of("groupPriorityMinimum", "versionPriority")));

    private WellKnownFields() {}

    /**
     * The list semantics of {@code property} in schema {@code schemaName}, or null. Lists of
     * conditions are merged by {@code type} everywhere, as in the API.
     */
    static ListSemantics listSemantics(String schemaName, String property, String itemSchemaName) {
        ListSemantics known = LISTS.getOrDefault(schemaName, Map.of()).get(property);
        if (known != null) {
            return known;
        }
        if (property.equals("conditions") && itemSchemaName != null) {
            return ListSemantics.mapBy("type");
        }
        return null;
    }

    static List<String> required(String schemaName) {
        return REQUIRED.getOrDefault(schemaName, List.of());
    }
}
