package dev.fairway.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ResourceRegistry;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.api.Schemas;
import dev.fairway.sandbox.http.OpenApiRoutes;
import dev.fairway.sandbox.openapi.OpenApiV3;
import dev.fairway.sandbox.schema.BuiltinSchemas;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAPI v3 documents of what the registry serves, rebuilt when the set of types changes
 * (a CRD added, changed or removed) and cached otherwise.
 */
final class OpenApiDocuments implements OpenApiRoutes.Documents {

    private record Cached(List<ResourceType> types, OpenApiV3.Snapshot snapshot) {}

    private final ResourceRegistry registry;
    private final Schemas schemas;
    private final OpenApiV3 openApi;
    private volatile Cached cached;

    OpenApiDocuments(ResourceRegistry registry, Schemas schemas, BuiltinSchemas builtins) {
        this.registry = registry;
        this.schemas = schemas;
        this.openApi = new OpenApiV3(builtins);
    }

    private OpenApiV3.Snapshot snapshot() {
        List<ResourceType> types = registry.all();
        Cached c = cached;
        if (c == null || c.types() != types) {
            synchronized (this) {
                c = cached;
                if (c == null || c.types() != types) {
                    c = new Cached(types, openApi.snapshot(types, t -> schemas.isCustom(t) ? schemas.crdSchema(t).orElse(null) : null));
                    cached = c;
                }
            }
        }
        return c.snapshot();
    }

    @Override
    public ObjectNode index() {
        return snapshot().index();
    }

    @Override
    public Optional<ObjectNode> groupVersion(String path) {
        return Optional.ofNullable(snapshot().document(path));
    }
}
