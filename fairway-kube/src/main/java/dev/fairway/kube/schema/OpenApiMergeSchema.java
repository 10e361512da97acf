package dev.fairway.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.GroupVersionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Merge facts read from a custom resource's structural OpenAPI v3 schema. */
final class OpenApiMergeSchema implements MergeSchema {

    private final JsonNode root;

    private OpenApiMergeSchema(JsonNode root) {
        this.root = root;
    }

    static OpenApiMergeSchema of(JsonNode openAPIV3Schema) {
        if (openAPIV3Schema == null || !openAPIV3Schema.isObject()) {
            throw new IllegalArgumentException("openAPIV3Schema must be an object");
        }
        validate(openAPIV3Schema, "openAPIV3Schema");
        return new OpenApiMergeSchema(openAPIV3Schema);
    }

    @Override
    public ListShape list(GroupVersionKind gvk, List<String> path) {
        if (isMetadata(path)) {
            return MergeSchema.builtin().list(gvk, path);
        }
        JsonNode node = resolve(path);
        return node == null ? ListShape.ATOMIC : listShape(node);
    }

    @Override
    public MapShape map(GroupVersionKind gvk, List<String> path) {
        if (isMetadata(path)) {
            return MergeSchema.builtin().map(gvk, path);
        }
        JsonNode node = resolve(path);
        return node != null && "atomic".equals(node.path("x-kubernetes-map-type").asText())
                ? MapShape.ATOMIC : MapShape.GRANULAR;
    }

    private static boolean isMetadata(List<String> path) {
        return !path.isEmpty() && path.get(0).equals("metadata");
    }

    /** Finds the schema of the field at {@code path}, stepping into list items implicitly; null when unknown. */
    private JsonNode resolve(List<String> path) {
        JsonNode node = root;
        for (String field : path) {
            while (node.has("items")) {
                node = node.get("items");
            }
            JsonNode property = node.path("properties").get(field);
            if (property != null) {
                node = property;
            } else if (node.path("additionalProperties").isObject()) {
                node = node.get("additionalProperties");
            } else {
                return null;
            }
        }
        return node;
    }

    private static ListShape listShape(JsonNode node) {
        String type = node.path("x-kubernetes-list-type").asText("atomic");
        return switch (type) {
            case "set" -> new ListShape(ListType.SET, List.of(), Map.of(), null, PatchStrategy.REPLACE, false);
            case "map" -> {
                List<String> keys = new ArrayList<>();
                node.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
                yield new ListShape(ListType.MAP, keys, Map.of(), null, PatchStrategy.REPLACE, false);
            }
            default -> ListShape.ATOMIC;
        };
    }

    private static void validate(JsonNode node, String where) {
        JsonNode listType = node.get("x-kubernetes-list-type");
        if (listType != null) {
            String type = listType.asText();
            if (!List.of("atomic", "set", "map").contains(type)) {
                throw new IllegalArgumentException(where + ".x-kubernetes-list-type: Unsupported value: \"" + type
                        + "\": supported values: \"atomic\", \"map\", \"set\"");
            }
            JsonNode keys = node.get("x-kubernetes-list-map-keys");
            if (type.equals("map") && (keys == null || !keys.isArray() || keys.isEmpty())) {
                throw new IllegalArgumentException(where
                        + ".x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map");
            }
        }
        JsonNode mapType = node.get("x-kubernetes-map-type");
        if (mapType != null && !List.of("atomic", "granular").contains(mapType.asText())) {
            throw new IllegalArgumentException(where + ".x-kubernetes-map-type: Unsupported value: \""
                    + mapType.asText() + "\": supported values: \"atomic\", \"granular\"");
        }
        node.path("properties").fields().forEachRemaining(e ->
                validate(e.getValue(), where + ".properties[" + e.getKey() + "]"));
        if (node.path("items").isObject()) {
            validate(node.get("items"), where + ".items");
        }
        if (node.path("additionalProperties").isObject()) {
            validate(node.get("additionalProperties"), where + ".additionalProperties");
        }
    }
}
