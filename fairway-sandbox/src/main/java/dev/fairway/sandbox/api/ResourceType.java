package dev.fairway.sandbox.api;

import dev.fairway.kube.GroupVersion;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.GroupVersionResource;
import java.util.List;

/**
 * One resource the API server serves in one group version: what discovery advertises, how URLs
 * name it, and which subresources it has. Built-in kinds and CRD versions both become these.
 *
 * @param group         API group ("" for core)
 * @param version       version ("v1")
 * @param kind          kind ("Deployment")
 * @param plural        resource name in URLs ("deployments")
 * @param singular      singular name ("deployment")
 * @param namespaced    whether objects live in a namespace
 * @param shortNames    short names kubectl accepts ("deploy")
 * @param categories    categories ("all")
 * @param verbs         verbs discovery advertises
 * @param statusSubresource whether {@code /status} exists (and spec/status writes are separated)
 * @param scaleSubresource  whether {@code /scale} exists
 * @param storageVersion    whether this version is the one objects are stored in
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        List<String> verbs,
        boolean statusSubresource,
        boolean scaleSubresource,
        boolean storageVersion) {

    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public GroupVersionKind gvk() {
        return new GroupVersionKind(group, version, kind);
    }

    public GroupVersionResource gvr() {
        return new GroupVersionResource(group, version, plural);
    }

    public GroupVersion groupVersion() {
        return new GroupVersion(group, version);
    }

    public String listKind() {
        return kind + "List";
    }
}
