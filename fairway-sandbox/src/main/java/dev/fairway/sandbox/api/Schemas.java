package dev.fairway.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.schema.MergeSchema;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merge schema (list and map semantics) of every served type: built-ins from their Kubernetes
 * definitions, custom resources from their CRD's openAPIV3Schema (cached per CRD revision).
 */
public final class Schemas {

    private final ResourceRegistry registry;
    private final Map<String, MergeSchema> custom = new ConcurrentHashMap<>();

    public Schemas(ResourceRegistry registry) {
        this.registry = registry;
    }

    public boolean isCustom(ResourceType t) {
        return registry.custom(t.group(), t.plural()).isPresent();
    }

    /** The CRD version's openAPIV3Schema, if the type is a custom resource with one. */
    public Optional<JsonNode> crdSchema(ResourceType t) {
        return registry.custom(t.group(), t.plural())
                .flatMap(c -> c.version(t.version()))
                .map(v -> v.path("schema").get("openAPIV3Schema"));
    }

    public MergeSchema mergeSchema(ResourceType t) {
        Optional<ResourceRegistry.CustomResource> cr = registry.custom(t.group(), t.plural());
        if (cr.isEmpty()) {
            return MergeSchema.builtin();
        }
        String key = t.group() + "/" + t.plural() + "/" + t.version() + "@"
                + cr.get().crd().path("metadata").path("resourceVersion").asText();
        return custom.computeIfAbsent(key, k -> {
            JsonNode schema = crdSchema(t).orElse(null);
            try {
                return schema == null ? MergeSchema.builtin() : MergeSchema.fromOpenApi(schema);
            } catch (IllegalArgumentException e) {
                return MergeSchema.builtin();
            }
        });
    }
}
