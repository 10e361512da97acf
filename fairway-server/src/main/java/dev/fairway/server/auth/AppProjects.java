package dev.fairway.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The AppProjects of the control-plane namespace, read straight from the cluster (not a cache) so
 * that a revoked token stops working with the very next request, on every replica.
 */
public final class AppProjects {

    public static final ResourceDefinitionContext APP_PROJECT = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withPlural("appprojects").withKind("AppProject")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final String namespace;

    public AppProjects(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    public Optional<ObjectNode> get(String name) {
        GenericKubernetesResource r = client.genericKubernetesResources(APP_PROJECT).inNamespace(namespace).withName(name).get();
        return Optional.ofNullable(r).map(AppProjects::tree);
    }

    /** All projects, by name. */
    public List<ObjectNode> list() {
        return client.genericKubernetesResources(APP_PROJECT).inNamespace(namespace).list().getItems().stream()
                .map(AppProjects::tree)
                .sorted(Comparator.comparing(p -> p.path("metadata").path("name").asText()))
                .toList();
    }

    /**
     * Writes a project back, guarded by the resourceVersion it was read at: the cluster answers 409
     * when someone changed it meanwhile, instead of losing their change.
     */
    public ObjectNode update(ObjectNode project) {
        GenericKubernetesResource r = Json.MAPPER.convertValue(project, GenericKubernetesResource.class);
        return tree(client.genericKubernetesResources(APP_PROJECT).inNamespace(namespace).resource(r).update());
    }

    private static ObjectNode tree(GenericKubernetesResource r) {
        return Json.MAPPER.valueToTree(r);
    }
}
