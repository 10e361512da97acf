package dev.fairway.sandbox.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersion;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.schema.BuiltinSchemas;
import dev.fairway.sandbox.schema.SchemaKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The OpenAPI v3 documents kubectl fetches: the index at {@code GET /openapi/v3} and one document
 * per group version at {@code GET /openapi/v3/apis/G/V} (or {@code /openapi/v3/api/v1}). kubectl uses
 * them for {@code explain}, to build strategic-merge patches in {@code apply} (list merge keys),
 * and to decide whether the server validates fields itself ({@code fieldValidation} on patch).
 *
 * <p>Schemas of built-in kinds come from {@link BuiltinSchemas}; custom resources bring their
 * CRD's {@code openAPIV3Schema}. Stateless apart from the shared built-in schemas; thread-safe.
 */
public final class OpenApiV3 {

    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final String OBJECT_META = META + "ObjectMeta";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BuiltinSchemas builtins;

    public OpenApiV3(BuiltinSchemas builtins) {
        this.builtins = builtins;
    }

    /** {@code api/v1} for the core group, {@code apis/GROUP/VERSION} otherwise. */
    public static String groupVersionPath(GroupVersion gv) {
        return gv.group().isEmpty() ? "api/" + gv.version() : "apis/" + gv.group() + "/" + gv.version();
    }

    /**
     * Every group version document and the index that points at them, built at once so the index's
     * hashes match the documents. Build a new snapshot when the set of types or a CRD schema changes.
     *
     * @param types    all served resource types, built-in and custom
     * @param schemaOf a type's {@code openAPIV3Schema} (CRDs), or null to use the built-in schema
     */
    public Snapshot snapshot(Collection<ResourceType> types, Function<ResourceType, JsonNode> schemaOf) {
        Map<String, List<ResourceType>> byPath = new TreeMap<>();
        for (ResourceType t : types) {
            byPath.computeIfAbsent(groupVersionPath(t.groupVersion()), k -> new ArrayList<>()).add(t);
        }
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        byPath.forEach((path, gvTypes) -> documents.put(path, groupVersionDocument(path, gvTypes, schemaOf)));
        return new Snapshot(indexOf(documents), documents);
    }

    /** The {@code GET /openapi/v3} index for built-in kinds only. Prefer {@link #snapshot}. */
    public ObjectNode index(Collection<ResourceType> types) {
        return snapshot(types, t -> null).index();
    }

    /**
     * The index: {@code {"paths":{"apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash=..."}}}}
     * with the hash of each document, so clients may cache a URL forever.
     */
    public static ObjectNode indexOf(Map<String, ObjectNode> documentsByPath) {
        ObjectNode index = NODES.objectNode();
        ObjectNode paths = index.putObject("paths");
        new TreeMap<>(documentsByPath).forEach((path, doc) ->
                paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash(doc)));
        return index;
    }

    /**
     * The OpenAPI 3.0 document of one group version.
     *
     * @param groupVersionPath {@code api/v1} or {@code apis/apps/v1}
     * @param typesOfThatGv    the resource types served in that group version
     * @param schemaOf         a type's {@code openAPIV3Schema} (CRDs), or null to use the built-in schema
     * @throws IllegalArgumentException if a type belongs to another group version
     */
    public ObjectNode groupVersionDocument(String groupVersionPath, Collection<ResourceType> typesOfThatGv,
                                           Function<ResourceType, JsonNode> schemaOf) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v1.31.0");
        ObjectNode paths = doc.putObject("paths");
        Map<String, ObjectNode> schemas = new TreeMap<>();
        Set<String> served = new TreeSet<>();
        for (ResourceType t : typesOfThatGv) {
            served.add(t.kind());
        }
        List<ResourceType> sorted = new ArrayList<>(typesOfThatGv);
        sorted.sort((a, b) -> a.plural().compareTo(b.plural()));
        for (ResourceType t : sorted) {
            if (!groupVersionPath(t.groupVersion()).equals(groupVersionPath)) {
                throw new IllegalArgumentException(t.kind() + " is served in " + groupVersionPath(t.groupVersion())
                        + ", not in " + groupVersionPath);
            }
            String name = ComponentNames.of(t, builtins);
            JsonNode custom = schemaOf.apply(t);
            ObjectNode kindSchema;
            if (custom != null) {
                kindSchema = customResourceSchema(custom, t);
            } else if (builtins.components().containsKey(name)) {
                kindSchema = builtins.components().get(name).deepCopy();
            } else {
                kindSchema = customResourceSchema(NODES.objectNode().put(SchemaKeys.TYPE, "object")
                        .put(SchemaKeys.PRESERVE_UNKNOWN_FIELDS, true), t);
            }
            schemas.put(name, kindSchema);
            String listName = name + "List";
            schemas.put(listName, listSchema(name, t));
            new ResourcePaths(t, groupVersionPath, name, listName,
                    custom == null && builtins.components().containsKey(name))
                    .addTo(paths, builtins.components().containsKey("io.k8s.api.autoscaling.v1.Scale"));
        }
        for (String shared : List.of(OBJECT_META, META + "ListMeta", META + "Status", META + "DeleteOptions",
                META + "Patch", META + "APIResourceList")) {
            schemas.putIfAbsent(shared, builtins.components().get(shared).deepCopy());
        }
        if (sorted.stream().anyMatch(ResourceType::scaleSubresource)) {
            schemas.putIfAbsent("io.k8s.api.autoscaling.v1.Scale",
                    builtins.components().get("io.k8s.api.autoscaling.v1.Scale").deepCopy());
        }
        addReferencedComponents(schemas);
        ObjectNode components = doc.putObject("components").putObject("schemas");
        schemas.forEach(components::set);
        return doc;
    }

    /** The CRD's schema with the fields every object has, as the API server publishes it. */
    private static ObjectNode customResourceSchema(JsonNode openApiV3Schema, ResourceType t) {
        ObjectNode schema = openApiV3Schema.isObject() ? (ObjectNode) openApiV3Schema.deepCopy() : NODES.objectNode();
        schema.put(SchemaKeys.TYPE, "object");
        ObjectNode properties = schema.has(SchemaKeys.PROPERTIES) && schema.get(SchemaKeys.PROPERTIES).isObject()
                ? (ObjectNode) schema.get(SchemaKeys.PROPERTIES) : schema.putObject(SchemaKeys.PROPERTIES);
        properties.putObject("apiVersion").put(SchemaKeys.TYPE, "string");
        properties.putObject("kind").put(SchemaKeys.TYPE, "string");
        properties.set("metadata", ResourcePaths.ref(OBJECT_META));
        schema.remove(SchemaKeys.GROUP_VERSION_KIND);
        schema.putArray(SchemaKeys.GROUP_VERSION_KIND).addObject()
                .put("group", t.group()).put("kind", t.kind()).put("version", t.version());
        return schema;
    }

    private static ObjectNode listSchema(String itemComponent, ResourceType t) {
        ObjectNode list = NODES.objectNode();
        list.put("description", t.listKind() + " is a list of " + t.kind());
        ObjectNode properties = list.putObject(SchemaKeys.PROPERTIES);
        properties.putObject("apiVersion").put(SchemaKeys.TYPE, "string");
        ObjectNode items = properties.putObject("items");
        items.put(SchemaKeys.TYPE, "array");
        items.set(SchemaKeys.ITEMS, ResourcePaths.ref(itemComponent));
        properties.putObject("kind").put(SchemaKeys.TYPE, "string");
        properties.set("metadata", ResourcePaths.ref(META + "ListMeta"));
        list.putArray(SchemaKeys.REQUIRED).add("items");
        list.put(SchemaKeys.TYPE, "object");
        list.putArray(SchemaKeys.GROUP_VERSION_KIND).addObject()
                .put("group", t.group()).put("kind", t.listKind()).put("version", t.version());
        return list;
    }

    /** Adds every built-in component that the document's schemas reach through {@code $ref}. */
    private void addReferencedComponents(Map<String, ObjectNode> schemas) {
        Deque<JsonNode> pending = new ArrayDeque<>(schemas.values());
        while (!pending.isEmpty()) {
            for (JsonNode ref : pending.pop().findValues(SchemaKeys.REF)) {
                if (!ref.isTextual() || !ref.asText().startsWith(SchemaKeys.COMPONENTS_PREFIX)) {
                    continue;
                }
                String name = ref.asText().substring(SchemaKeys.COMPONENTS_PREFIX.length());
                ObjectNode component = builtins.components().get(name);
                if (component != null && !schemas.containsKey(name)) {
                    ObjectNode copy = component.deepCopy();
                    schemas.put(name, copy);
                    pending.push(copy);
                }
            }
        }
    }

    /**
     * The hash in {@code serverRelativeURL}: SHA-512 in upper-case hex, as the API server computes
     * it, over the document with its keys sorted so that equal content always hashes equal.
     */
    public static String hash(ObjectNode doc) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            byte[] digest = sha.digest(Json.write(sorted(doc)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-512", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            Map<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            fields.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            var out = NODES.arrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }

    /**
     * The published documents of one moment.
     *
     * @param index     the body of {@code GET /openapi/v3}
     * @param documents group version documents by path ({@code apis/apps/v1})
     */
    public record Snapshot(ObjectNode index, Map<String, ObjectNode> documents) {
        public Snapshot {
            documents = Map.copyOf(documents);
        }

        /** The document at {@code /openapi/v3/<path>}, e.g. path {@code apis/apps/v1}, or null. */
        public ObjectNode document(String path) {
            return documents.get(path);
        }

        /** The current hash of a document, to compare with the request's {@code hash} parameter. */
        public String hashOf(String path) {
            String url = index.path("paths").path(path).path("serverRelativeURL").asText("");
            int at = url.indexOf("?hash=");
            return at < 0 ? null : url.substring(at + 6);
        }
    }
}
