package dev.fairway.sandbox.simulation;

import dev.fairway.sandbox.api.ResourceRegistry;
import dev.fairway.sandbox.api.ResourceType;

/** The built-in resource types the simulation reads and writes, looked up once. */
record Kinds(
        ResourceType pods, ResourceType nodes, ResourceType leases, ResourceType events, ResourceType namespaces,
        ResourceType services, ResourceType endpoints, ResourceType endpointSlices, ResourceType ingresses,
        ResourceType replicaSets, ResourceType deployments, ResourceType statefulSets, ResourceType daemonSets,
        ResourceType controllerRevisions, ResourceType jobs, ResourceType cronJobs,
        ResourceType pvcs, ResourceType pvs, ResourceType storageClasses, ResourceType hpas) {

    static Kinds of(ResourceRegistry r) {
        return new Kinds(
                type(r, "", "v1", "pods"), type(r, "", "v1", "nodes"), type(r, "coordination.k8s.io", "v1", "leases"),
                type(r, "", "v1", "events"), type(r, "", "v1", "namespaces"),
                type(r, "", "v1", "services"), type(r, "", "v1", "endpoints"),
                type(r, "discovery.k8s.io", "v1", "endpointslices"), type(r, "networking.k8s.io", "v1", "ingresses"),
                type(r, "apps", "v1", "replicasets"), type(r, "apps", "v1", "deployments"),
                type(r, "apps", "v1", "statefulsets"), type(r, "apps", "v1", "daemonsets"),
                type(r, "apps", "v1", "controllerrevisions"), type(r, "batch", "v1", "jobs"),
                type(r, "batch", "v1", "cronjobs"), type(r, "", "v1", "persistentvolumeclaims"),
                type(r, "", "v1", "persistentvolumes"), type(r, "storage.k8s.io", "v1", "storageclasses"),
                type(r, "autoscaling", "v2", "horizontalpodautoscalers"));
    }

    private static ResourceType type(ResourceRegistry r, String group, String version, String plural) {
        return r.byResource(group, version, plural).orElseThrow(() ->
                new IllegalStateException("the sandbox does not serve " + plural + "." + (group.isEmpty() ? "core" : group) + "/" + version));
    }
}
