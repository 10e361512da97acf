package dev.fairway.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ResourceType;
import java.util.Map;

/**
 * The JSON types of {@code metadata}'s fields, which kube-apiserver gets for free from decoding
 * into Go's ObjectMeta: an object whose labels are a list or whose annotations are a string would
 * otherwise be stored, and every typed client listing that kind would then fail to read it.
 */
final class ObjectMetaTypes {

    private enum Shape { STRING, INTEGER, STRING_MAP, STRING_LIST, OBJECT_LIST }

    private static final Map<String, Shape> FIELDS = Map.ofEntries(
            Map.entry("name", Shape.STRING), Map.entry("generateName", Shape.STRING), Map.entry("namespace", Shape.STRING),
            Map.entry("selfLink", Shape.STRING), Map.entry("uid", Shape.STRING), Map.entry("resourceVersion", Shape.STRING),
            Map.entry("creationTimestamp", Shape.STRING), Map.entry("deletionTimestamp", Shape.STRING),
            Map.entry("generation", Shape.INTEGER), Map.entry("deletionGracePeriodSeconds", Shape.INTEGER),
            Map.entry("labels", Shape.STRING_MAP), Map.entry("annotations", Shape.STRING_MAP),
            Map.entry("finalizers", Shape.STRING_LIST),
            Map.entry("ownerReferences", Shape.OBJECT_LIST), Map.entry("managedFields", Shape.OBJECT_LIST));

    private ObjectMetaTypes() {}

    /** Fails with the decoding error kube-apiserver gives (400 BadRequest) for the first mistyped field. */
    static void check(ResourceType type, JsonNode obj) throws ApiException {
        JsonNode meta = obj.get("metadata");
        if (meta == null || meta.isNull()) {
            return;
        }
        if (!meta.isObject()) {
            throw decoding(type, meta, type.kind() + ".metadata", "v1.ObjectMeta");
        }
        for (Map.Entry<String, Shape> f : FIELDS.entrySet()) {
            JsonNode v = meta.get(f.getKey());
            if (v == null || v.isNull()) {
                continue;
            }
            String field = "ObjectMeta.metadata." + f.getKey();
            switch (f.getValue()) {
                case STRING -> require(type, v, v.isTextual(), field, "string");
                case INTEGER -> require(type, v, v.isIntegralNumber(), field, "int64");
                case STRING_MAP -> {
                    require(type, v, v.isObject(), field, "map[string]string");
                    for (JsonNode value : v) {
                        require(type, value, value.isTextual() || value.isNull(), field, "string");
                    }
                }
                case STRING_LIST -> {
                    require(type, v, v.isArray(), field, "[]string");
                    for (JsonNode value : v) {
                        require(type, value, value.isTextual(), field, "string");
                    }
                }
                case OBJECT_LIST -> {
                    require(type, v, v.isArray(), field, "[]v1." + (f.getKey().equals("managedFields") ? "ManagedFieldsEntry" : "OwnerReference"));
                    for (JsonNode value : v) {
                        require(type, value, value.isObject(), field, "v1." + (f.getKey().equals("managedFields") ? "ManagedFieldsEntry" : "OwnerReference"));
                    }
                }
            }
        }
    }

    private static void require(ResourceType type, JsonNode value, boolean ok, String field, String goType) throws ApiException {
        if (!ok) {
            throw decoding(type, value, field, goType);
        }
    }

    private static ApiException decoding(ResourceType type, JsonNode value, String field, String goType) {
        return ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a " + type.kind()
                + ": json: cannot unmarshal " + jsonType(value) + " into Go struct field " + field + " of type " + goType);
    }

    private static String jsonType(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return switch (t) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "bool";
            case ARRAY -> "array";
            default -> "object";
        };
    }
}
