package dev.fairway.sandbox.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.sandbox.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The most common reasons a real API server rejects a CRD's {@code openAPIV3Schema} as not
 * structural. Not exhaustive: value validations (CEL, defaults against the schema) are not checked.
 */
public final class CrdSchemaCheck {

    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");

    private CrdSchemaCheck() {}

    /** Checks a schema, reporting paths under {@code openAPIV3Schema}. */
    public static List<FieldError> structural(JsonNode openAPIV3Schema) {
        return structural(openAPIV3Schema, "openAPIV3Schema");
    }

    /**
     * Checks a schema, reporting paths under {@code path}, e.g.
     * {@code spec.versions[0].schema.openAPIV3Schema}.
     */
    public static List<FieldError> structural(JsonNode openAPIV3Schema, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (openAPIV3Schema == null || !openAPIV3Schema.isObject()) {
            errors.add(FieldError.required(path, "a schema is required"));
            return errors;
        }
        String rootType = openAPIV3Schema.path(SchemaKeys.TYPE).asText("");
        if (rootType.isEmpty()) {
            errors.add(FieldError.required(path + ".type", "must not be empty at the root"));
        } else if (!rootType.equals("object")) {
            errors.add(FieldError.invalid(path + ".type", BadValues.quote(rootType), "must be object at the root"));
        }
        JsonNode metadata = openAPIV3Schema.path(SchemaKeys.PROPERTIES).path("metadata");
        if (metadata.isObject()) {
            metadata.path(SchemaKeys.PROPERTIES).fieldNames().forEachRemaining(name -> {
                if (!name.equals("name") && !name.equals("generateName")) {
                    errors.add(new FieldError(FieldError.FORBIDDEN, path + ".properties[metadata]", null,
                            "must not specify anything other than name and generateName, but metadata is implicitly specified"));
                }
            });
        }
        node(openAPIV3Schema, path, errors);
        return errors;
    }

    private static void node(JsonNode schema, String path, List<FieldError> errors) {
        String type = schema.path(SchemaKeys.TYPE).asText("");
        boolean intOrString = schema.path(SchemaKeys.INT_OR_STRING).asBoolean(false);
        boolean preserve = schema.path(SchemaKeys.PRESERVE_UNKNOWN_FIELDS).asBoolean(false);
        if (!type.isEmpty() && !TYPES.contains(type)) {
            errors.add(new FieldError(FieldError.NOT_SUPPORTED, path + ".type", BadValues.quote(type),
                    "supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\""));
        }
        if (schema.has(SchemaKeys.PRESERVE_UNKNOWN_FIELDS) && !preserve) {
            errors.add(FieldError.invalid(path + "." + SchemaKeys.PRESERVE_UNKNOWN_FIELDS, "false", "must be true or undefined"));
        }
        if (intOrString && !type.isEmpty()) {
            errors.add(FieldError.invalid(path + ".type", BadValues.quote(type),
                    "must be empty if x-kubernetes-int-or-string is true"));
        }
        if (schema.path(SchemaKeys.EMBEDDED_RESOURCE).asBoolean(false) && !type.equals("object")) {
            errors.add(FieldError.invalid(path + ".type", BadValues.quote(type),
                    "must be object if x-kubernetes-embedded-resource is true"));
        }
        JsonNode properties = schema.get(SchemaKeys.PROPERTIES);
        JsonNode additional = schema.get(SchemaKeys.ADDITIONAL_PROPERTIES);
        if (properties != null && properties.size() > 0 && additional != null && !additional.isBoolean()) {
            errors.add(new FieldError(FieldError.FORBIDDEN, path + ".additionalProperties", null,
                    "additionalProperties and properties are mutual exclusive"));
        }
        if (properties != null) {
            properties.fields().forEachRemaining(p -> {
                String child = path + ".properties[" + p.getKey() + "]";
                if (typeMissing(p.getValue())) {
                    errors.add(FieldError.required(child + ".type", "must not be empty for specified object fields"));
                }
                node(p.getValue(), child, errors);
            });
        }
        if (additional != null && additional.isObject()) {
            if (typeMissing(additional)) {
                errors.add(FieldError.required(path + ".additionalProperties.type",
                        "must not be empty for specified object fields"));
            }
            node(additional, path + ".additionalProperties", errors);
        }
        if (type.equals("array")) {
            JsonNode items = schema.get(SchemaKeys.ITEMS);
            if (items == null || !items.isObject()) {
                errors.add(FieldError.required(path + ".items", "must be specified"));
            } else {
                if (typeMissing(items)) {
                    errors.add(FieldError.required(path + ".items.type", "must not be empty for specified array items"));
                }
                node(items, path + ".items", errors);
            }
        }
    }

    /** A type may only be left out where any value goes or the int-or-string union applies. */
    private static boolean typeMissing(JsonNode schema) {
        return !schema.has(SchemaKeys.TYPE)
                && !schema.path(SchemaKeys.INT_OR_STRING).asBoolean(false)
                && !schema.path(SchemaKeys.PRESERVE_UNKNOWN_FIELDS).asBoolean(false);
    }
}
