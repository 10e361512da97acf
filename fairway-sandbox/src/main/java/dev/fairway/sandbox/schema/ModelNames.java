package dev.fairway.sandbox.schema;

import java.util.Map;
import java.util.Set;

/**
 * Maps a fabric8 model class to the name the real API server gives its schema in OpenAPI
 * ({@code io.k8s.api.apps.v1.Deployment}). kubectl does not need the names to match, but people
 * reading {@code kubectl explain} output and tools comparing documents do.
 */
final class ModelNames {

    private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    /** Classes of fabric8's core package that Kubernetes keeps in apimachinery's meta/v1. */
    private static final Set<String> META_TYPES = Set.of(
            "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition",
            "DeleteOptions", "Duration", "FieldsV1", "GroupVersionForDiscovery", "LabelSelector",
            "LabelSelectorRequirement", "ListMeta", "ManagedFieldsEntry", "MicroTime", "ObjectMeta",
            "OwnerReference", "Patch", "Preconditions", "ServerAddressByClientCIDR", "Status", "StatusCause",
            "StatusDetails", "Time", "TypeMeta", "WatchEvent");

    /** apiregistration.k8s.io types that fabric8 keeps in its core package. */
    private static final Set<String> AGGREGATOR_TYPES = Set.of(
            "APIService", "APIServiceCondition", "APIServiceList", "APIServiceSpec", "APIServiceStatus",
            "ServiceReference");

    /** fabric8 sub-package (after io.fabric8.kubernetes.api.model.) to the Kubernetes package prefix. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("apps", "io.k8s.api.apps.v1"),
            Map.entry("rbac", "io.k8s.api.rbac.v1"),
            Map.entry("storage", "io.k8s.api.storage.v1"),
            Map.entry("runtime", "io.k8s.apimachinery.pkg.runtime"),
            Map.entry("apiextensions.v1", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1"));

    private ModelNames() {}

    static String of(Class<?> type) {
        String pkg = type.getPackageName();
        String simple = type.getSimpleName();
        if (pkg.equals(FABRIC8)) {
            if (META_TYPES.contains(simple)) {
                return META + simple;
            }
            if (AGGREGATOR_TYPES.contains(simple)) {
                return "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1." + simple;
            }
            return "io.k8s.api.core.v1." + simple;
        }
        if (pkg.startsWith(FABRIC8 + ".")) {
            String sub = pkg.substring(FABRIC8.length() + 1);
            String mapped = PACKAGES.get(sub);
            return (mapped != null ? mapped : "io.k8s.api." + sub) + "." + simple;
        }
        return pkg + "." + simple;
    }
}
