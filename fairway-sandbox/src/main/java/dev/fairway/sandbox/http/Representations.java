package dev.fairway.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.ObjectService.ListPage;
import dev.fairway.sandbox.api.ResourceRegistry;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.table.TableConverter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * How objects are shown to a client: as themselves, as {@code meta.k8s.io/v1} Tables (what
 * {@code kubectl get} asks for) or as {@code PartialObjectMetadata} (metadata-only clients).
 */
public final class Representations {

    private static final List<String> AS_KINDS = List.of("Table", "PartialObjectMetadata", "PartialObjectMetadataList");

    private final ResourceRegistry registry;
    private final TableConverter tables;
    private final Clock clock;

    public Representations(ResourceRegistry registry, TableConverter tables, Clock clock) {
        this.registry = registry;
        this.tables = tables;
        this.clock = clock;
    }

    ObjectNode single(ResourceType t, ObjectNode obj, MediaTypes accept) {
        String as = accept.firstAs("meta.k8s.io", AS_KINDS);
        if ("Table".equals(as)) {
            return table(t, List.of(obj), "Metadata", null);
        }
        if (as != null && as.startsWith("PartialObjectMetadata")) {
            return partial(obj);
        }
        return obj;
    }

    ObjectNode list(ResourceType t, ListPage page, MediaTypes accept, String includeObject) {
        String as = accept.firstAs("meta.k8s.io", AS_KINDS);
        if ("Table".equals(as)) {
            ObjectNode table = table(t, page.items(), includeObject == null ? "Metadata" : includeObject, null);
            listMeta((ObjectNode) table.get("metadata"), page);
            return table;
        }
        ObjectNode list = Json.object();
        boolean partial = as != null && as.startsWith("PartialObjectMetadata");
        list.put("kind", partial ? "PartialObjectMetadataList" : t.listKind());
        list.put("apiVersion", partial ? "meta.k8s.io/v1" : t.groupVersion().toString());
        listMeta(list.putObject("metadata"), page);
        ArrayNode items = list.putArray("items");
        for (ObjectNode o : page.items()) {
            items.add(partial ? partial(o) : o);
        }
        return list;
    }

    /** A Table for the given objects; {@code withHeaders} false leaves out column definitions (watch events after the first). */
    ObjectNode table(ResourceType t, List<ObjectNode> objects, String includeObject, Boolean withHeaders) {
        List<JsonNode> columns = null;
        if (registry.custom(t.group(), t.plural()).isPresent()) {
            // custom resources always get printer columns (none = NAME and AGE); null means a built-in kind
            columns = new ArrayList<>();
            JsonNode v = registry.custom(t.group(), t.plural()).get().version(t.version()).orElse(null);
            if (v != null && v.has("additionalPrinterColumns")) {
                for (JsonNode c : v.get("additionalPrinterColumns")) {
                    columns.add(c);
                }
            }
        }
        ObjectNode table = tables.toTable(t, objects, columns, includeObject, clock.instant());
        if (Boolean.FALSE.equals(withHeaders)) {
            table.remove("columnDefinitions");
        }
        if (!table.has("metadata")) {
            table.putObject("metadata");
        }
        return table;
    }

    static ObjectNode partial(ObjectNode obj) {
        ObjectNode p = Json.object();
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        p.set("metadata", obj.path("metadata").deepCopy());
        return p;
    }

    private static void listMeta(ObjectNode meta, ListPage page) {
        meta.put("resourceVersion", Long.toString(page.resourceVersion()));
        if (page.continueToken() != null) {
            meta.put("continue", page.continueToken());
        }
        if (page.remainingItemCount() != null) {
            meta.put("remainingItemCount", page.remainingItemCount());
        }
    }
}
