package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Moves objects between fabric8's model and the {@link ObjectNode} trees the engine works on.
 * fabric8 8 serialises with Jackson 3, the engine with Jackson 2, so the bridge is JSON text.
 */
public final class KubeTrees {

    private final KubernetesSerialization serialization;

    public KubeTrees(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    public ObjectNode tree(Object resource) {
        try {
            return (ObjectNode) Json.parse(serialization.asJson(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fabric8 wrote JSON that does not parse", e);
        }
    }

    public GenericKubernetesResource resource(ObjectNode tree) {
        return serialization.unmarshal(Json.write(tree), GenericKubernetesResource.class);
    }
}
