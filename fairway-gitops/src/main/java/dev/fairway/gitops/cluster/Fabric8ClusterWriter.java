package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Meta;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;

/** {@link ClusterWriter} through the fabric8 client. */
public final class Fabric8ClusterWriter implements ClusterWriter {

    private final KubernetesClient client;
    private final KubeTrees trees;

    public Fabric8ClusterWriter(KubernetesClient client) {
        this.client = client;
        this.trees = new KubeTrees(client.getKubernetesSerialization());
    }

    @Override
    public ObjectNode apply(ObjectNode desired, boolean dryRun) {
        GroupVersionKind gvk = Meta.gvk(desired);
        ObjectNode body = desired.deepCopy();
        // server-side apply refuses these; they come along when a live object is fed back in
        Meta.metadata(body).remove(java.util.List.of("resourceVersion", "managedFields", "uid", "creationTimestamp"));
        try {
            Resource<GenericKubernetesResource> resource = kind(gvk, Meta.namespace(body)).resource(trees.resource(body));
            GenericKubernetesResource result = dryRun
                    ? resource.dryRun().fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply()
                    : resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            return trees.tree(result);
        } catch (KubernetesClientException e) {
            throw refused(ResourceKey.of(body), e);
        }
    }

    @Override
    public void delete(ResourceKey key, String apiVersion) {
        try {
            resource(GroupVersionKind.of(apiVersion, key.kind()), key.namespace().isEmpty() ? null : key.namespace(), key.name())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw refused(key, e);
            }
        }
    }

    private Resource<GenericKubernetesResource> resource(GroupVersionKind gvk, String namespace, String name) {
        return kind(gvk, namespace).withName(name);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> kind(
            GroupVersionKind gvk, String namespace) {
        return namespace == null
                ? client.genericKubernetesResources(gvk.apiVersion(), gvk.kind())
                : client.genericKubernetesResources(gvk.apiVersion(), gvk.kind()).inNamespace(namespace);
    }

    private static ClusterWriteException refused(ResourceKey key, KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return new ClusterWriteException(key + ": " + message, e.getCode(), e);
    }
}
