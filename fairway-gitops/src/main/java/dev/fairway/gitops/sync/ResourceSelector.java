package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.gitops.cluster.ResourceKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code operation.sync.resources}: a selective sync touches only the objects named
 * there. An empty namespace matches the object in any namespace, as Argo CD matches it.
 */
public record ResourceSelector(String group, String kind, String namespace, String name) {

    public boolean matches(ResourceKey key) {
        return group.equals(key.group()) && kind.equals(key.kind()) && name.equals(key.name())
                && (namespace.isEmpty() || namespace.equals(key.namespace()));
    }

    /** Reads {@code operation.sync.resources}; an absent or empty list means "everything". */
    public static List<ResourceSelector> fromOperation(JsonNode sync) {
        List<ResourceSelector> out = new ArrayList<>();
        for (JsonNode r : sync.path("resources")) {
            out.add(new ResourceSelector(r.path("group").asText(""), r.path("kind").asText(""),
                    r.path("namespace").asText(""), r.path("name").asText("")));
        }
        return out;
    }
}
