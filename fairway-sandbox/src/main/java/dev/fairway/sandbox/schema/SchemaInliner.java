package dev.fairway.sandbox.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the {@code $ref}s of a component schema into one self-contained structural schema, the
 * form a CRD's {@code openAPIV3Schema} has and the validator reads. Recursive types (JSONSchemaProps
 * contains JSONSchemaProps) and very deep trees end in a free-form object instead of looping.
 */
final class SchemaInliner {

    /** Deeper than any built-in kind nests; a guard against runaway trees, not a limit users meet. */
    static final int MAX_DEPTH = 40;

    /** Components whose published shape differs from what validation needs. */
    private static final Map<String, Function<JsonNodeFactory, ObjectNode>> STRUCTURAL_FORMS = Map.of(
            ModelSchemaReflector.INT_OR_STRING, n -> n.objectNode().put(SchemaKeys.INT_OR_STRING, true),
            ModelSchemaReflector.QUANTITY, n -> n.objectNode().put(SchemaKeys.INT_OR_STRING, true));

    private final Function<String, JsonNode> components;
    private final boolean nullable;
    private final Deque<String> resolving = new ArrayDeque<>();

    /**
     * @param components resolves a component name to its schema
     * @param nullable   whether every field below the root accepts null. Built-in kinds do: Go's
     *                   decoder takes {@code creationTimestamp: null} (common in generated manifests)
     *                   as the zero value, so the API server accepts null anywhere.
     */
    SchemaInliner(Function<String, JsonNode> components, boolean nullable) {
        this.components = components;
        this.nullable = nullable;
    }

    JsonNode inline(JsonNode schema) {
        return copy(schema, 0);
    }

    private JsonNode markNullable(JsonNode schema, int depth) {
        if (nullable && depth > 0 && schema instanceof ObjectNode obj) {
            obj.put(SchemaKeys.NULLABLE, true);
        }
        return schema;
    }

    private JsonNode copy(JsonNode node, int depth) {
        if (!node.isObject()) {
            return node.deepCopy();
        }
        JsonNode ref = node.get(SchemaKeys.REF);
        if (ref != null && ref.isTextual()) {
            return markNullable(resolve(ref.asText(), node, depth), depth);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals(SchemaKeys.PROPERTIES) && value.isObject()) {
                ObjectNode props = out.putObject(key);
                value.fields().forEachRemaining(p -> props.set(p.getKey(), copy(p.getValue(), depth + 1)));
            } else if ((key.equals(SchemaKeys.ITEMS) || key.equals(SchemaKeys.ADDITIONAL_PROPERTIES)) && value.isObject()) {
                out.set(key, copy(value, depth + 1));
            } else {
                out.set(key, value.deepCopy());
            }
        }
        return markNullable(out, depth);
    }

    private JsonNode resolve(String ref, JsonNode referrer, int depth) {
        String name = ref.startsWith(SchemaKeys.COMPONENTS_PREFIX) ? ref.substring(SchemaKeys.COMPONENTS_PREFIX.length()) : ref;
        Function<JsonNodeFactory, ObjectNode> structural = STRUCTURAL_FORMS.get(name);
        if (structural != null) {
            return structural.apply(JsonNodeFactory.instance);
        }
        JsonNode target = components.apply(name);
        if (target == null || resolving.contains(name) || depth > MAX_DEPTH) {
            return JsonNodeFactory.instance.objectNode().put(SchemaKeys.TYPE, "object")
                    .put(SchemaKeys.PRESERVE_UNKNOWN_FIELDS, true);
        }
        resolving.push(name);
        try {
            JsonNode resolved = copy(target, depth);
            if (resolved instanceof ObjectNode obj) {
                // Keywords beside the $ref (list semantics on a referenced array, description) win.
                referrer.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals(SchemaKeys.REF)) {
                        obj.set(e.getKey(), e.getValue().deepCopy());
                    }
                });
            }
            return resolved;
        } finally {
            resolving.pop();
        }
    }
}
