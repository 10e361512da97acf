package dev.fairway.sandbox.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.FieldError;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates an object against a structural schema and prunes the fields the schema does not
 * declare, as the API server does for custom resources. Error messages copy the API server's
 * (kube-openapi's) wording, since kubectl prints them to users verbatim.
 *
 * <p>At the root, {@code apiVersion}, {@code kind} and {@code metadata} are always allowed and
 * left alone: the caller checks metadata. Thread-safe.
 */
public final class SchemaValidator {

    /** The type name kube-openapi reports when an int-or-string field holds something else. */
    private static final String INT_OR_STRING_TYPES = "integer,string";
    private static final Set<String> TYPE_META = Set.of("apiVersion", "kind", "metadata");
    /** Not a FieldError constant (yet): the API server's "Too many: 3: must have at most 2 items". */
    static final String TOO_MANY = "FieldValueTooMany";

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /**
     * Validates {@code obj} against {@code schema}. The input is not modified; the result holds a
     * copy, pruned of unknown fields when {@code prune} is true.
     */
    public ValidationResult validate(ObjectNode obj, JsonNode schema, boolean prune) {
        ObjectNode copy = obj.deepCopy();
        Walk walk = new Walk(prune);
        if (schema != null && schema.isObject()) {
            walk.node(copy, schema, "", true);
        }
        return new ValidationResult(copy, walk.errors, walk.unknown);
    }

    private final class Walk {
        private final boolean prune;
        private final List<FieldError> errors = new ArrayList<>();
        private final List<String> unknown = new ArrayList<>();

        Walk(boolean prune) {
            this.prune = prune;
        }

        void node(JsonNode value, JsonNode schema, String path, boolean root) {
            if (value.isNull()) {
                if (!schema.path(SchemaKeys.NULLABLE).asBoolean(false) && declaresType(schema)) {
                    typeError(path, expectedType(schema), "null");
                }
                return;
            }
            if (schema.path(SchemaKeys.INT_OR_STRING).asBoolean(false)) {
                if (!(value.isTextual() || isIntegral(value))) {
                    typeError(path, INT_OR_STRING_TYPES, typeName(value));
                    return;
                }
            } else if (schema.has(SchemaKeys.TYPE) && !matchesType(value, schema.get(SchemaKeys.TYPE).asText())) {
                typeError(path, schema.get(SchemaKeys.TYPE).asText(), typeName(value));
                return;
            }
            if (schema.has(SchemaKeys.ENUM) && !inEnum(value, schema.get(SchemaKeys.ENUM))) {
                List<String> allowed = new ArrayList<>();
                schema.get(SchemaKeys.ENUM).forEach(v -> allowed.add(BadValues.quote(v.isTextual() ? v.asText() : v.toString())));
                errors.add(new FieldError(FieldError.NOT_SUPPORTED, path, BadValues.of(value),
                        "supported values: " + String.join(", ", allowed)));
            }
            if (value.isTextual()) {
                string(value.asText(), value, schema, path);
            } else if (value.isNumber()) {
                number(value, schema, path);
            } else if (value.isArray()) {
                array((ArrayNode) value, schema, path);
            } else if (value.isObject()) {
                object((ObjectNode) value, schema, path, root);
            }
        }

        private void string(String s, JsonNode value, JsonNode schema, String path) {
            int length = s.codePointCount(0, s.length());
            if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
                // Too long omits the value in the message.
                errors.add(new FieldError(FieldError.TOO_LONG, path, null,
                        "may not be longer than " + schema.get("maxLength").asLong()));
            }
            if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
                invalid(path, value, "should be at least " + schema.get("minLength").asLong() + " chars long");
            }
            if (schema.has("pattern")) {
                Pattern p = pattern(schema.get("pattern").asText());
                if (p != null && !p.matcher(s).find()) {
                    invalid(path, value, "should match '" + schema.get("pattern").asText() + "'");
                }
            }
            String format = schema.path(SchemaKeys.FORMAT).asText("");
            if ((format.equals("date-time") || format.equals("datetime")) && !isDateTime(s)) {
                errors.add(new FieldError(FieldError.TYPE_INVALID, path, BadValues.quote(s),
                        inBody(path) + " must be of type " + format + ": " + BadValues.quote(s)));
            }
        }

        private void number(JsonNode value, JsonNode schema, String path) {
            BigDecimal n = value.decimalValue();
            boolean integral = isIntegral(value);
            if (schema.has("maximum")) {
                BigDecimal max = schema.get("maximum").decimalValue();
                boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
                int cmp = n.compareTo(max);
                if (cmp > 0 || (exclusive && cmp == 0)) {
                    invalid(path, value, (exclusive ? "should be less than " : "should be less than or equal to ")
                            + BadValues.limit(max, integral));
                }
            }
            if (schema.has("minimum")) {
                BigDecimal min = schema.get("minimum").decimalValue();
                boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
                int cmp = n.compareTo(min);
                if (cmp < 0 || (exclusive && cmp == 0)) {
                    invalid(path, value, (exclusive ? "should be greater than " : "should be greater than or equal to ")
                            + BadValues.limit(min, integral));
                }
            }
            if (schema.has("multipleOf")) {
                BigDecimal factor = schema.get("multipleOf").decimalValue();
                if (factor.signum() > 0 && n.remainder(factor).signum() != 0) {
                    invalid(path, value, "should be a multiple of " + BadValues.limit(factor, integral));
                }
            }
        }

        private void array(ArrayNode array, JsonNode schema, String path) {
            JsonNode items = schema.get(SchemaKeys.ITEMS);
            if (items != null && items.isObject()) {
                for (int i = 0; i < array.size(); i++) {
                    node(array.get(i), items, path + "[" + i + "]", false);
                }
            }
            if (schema.has("minItems") && array.size() < schema.get("minItems").asLong()) {
                errors.add(FieldError.invalid(path, String.valueOf(array.size()),
                        inBody(path) + " should have at least " + schema.get("minItems").asLong() + " items"));
            }
            if (schema.has("maxItems") && array.size() > schema.get("maxItems").asLong()) {
                errors.add(new FieldError(TOO_MANY, path, String.valueOf(array.size()),
                        "must have at most " + schema.get("maxItems").asLong() + " items"));
            }
            listUniqueness(array, schema, path);
        }

        /** list-type set and map forbid duplicates, reported per duplicate element. */
        private void listUniqueness(ArrayNode array, JsonNode schema, String path) {
            String listType = schema.path(SchemaKeys.LIST_TYPE).asText("");
            if (!listType.equals("set") && !listType.equals("map")) {
                return;
            }
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                JsonNode key = element;
                if (listType.equals("map")) {
                    if (!element.isObject()) {
                        continue;
                    }
                    ObjectNode keyFields = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                    schema.path(SchemaKeys.LIST_MAP_KEYS).forEach(k -> {
                        if (element.has(k.asText())) {
                            keyFields.set(k.asText(), element.get(k.asText()));
                        }
                    });
                    key = keyFields;
                }
                if (!seen.add(key)) {
                    errors.add(new FieldError(FieldError.DUPLICATE, path + "[" + i + "]", BadValues.of(key), ""));
                }
            }
        }

        private void object(ObjectNode obj, JsonNode schema, String path, boolean root) {
            JsonNode properties = schema.path(SchemaKeys.PROPERTIES);
            JsonNode additional = schema.get(SchemaKeys.ADDITIONAL_PROPERTIES);
            boolean preserve = schema.path(SchemaKeys.PRESERVE_UNKNOWN_FIELDS).asBoolean(false)
                    || (additional != null && additional.isBoolean() && additional.asBoolean());
            boolean embedded = schema.path(SchemaKeys.EMBEDDED_RESOURCE).asBoolean(false);
            boolean declaresNothing = !schema.has(SchemaKeys.PROPERTIES) && additional == null && !declaresType(schema);
            for (String name : fieldNames(obj)) {
                String child = path.isEmpty() ? name : path + "." + name;
                if ((root || embedded) && TYPE_META.contains(name)) {
                    if (embedded && !name.equals("metadata") && !obj.get(name).isTextual()) {
                        typeError(child, "string", typeName(obj.get(name)));
                    }
                    continue;
                }
                if (properties.has(name)) {
                    node(obj.get(name), properties.get(name), child, false);
                } else if (additional != null && additional.isObject()) {
                    node(obj.get(name), additional, child, false);
                } else if (!preserve && !declaresNothing) {
                    unknown.add("." + child);
                    if (prune) {
                        obj.remove(name);
                    }
                }
            }
            if (embedded) {
                for (String name : new String[] {"apiVersion", "kind"}) {
                    if (obj.path(name).asText("").isEmpty()) {
                        errors.add(FieldError.required(path.isEmpty() ? name : path + "." + name, "must not be empty"));
                    }
                }
            }
            for (JsonNode required : schema.path(SchemaKeys.REQUIRED)) {
                String name = required.asText();
                if (!obj.has(name) && !(root && TYPE_META.contains(name))) {
                    errors.add(FieldError.required(path.isEmpty() ? name : path + "." + name, ""));
                }
            }
            if (schema.has("maxProperties") && obj.size() > schema.get("maxProperties").asLong()) {
                errors.add(new FieldError(TOO_MANY, path, schema.get("maxProperties").asText(),
                        "must have at most " + schema.get("maxProperties").asLong() + " items"));
            }
            if (schema.has("minProperties") && obj.size() < schema.get("minProperties").asLong()) {
                errors.add(FieldError.invalid(path, schema.get("minProperties").asText(),
                        inBody(path) + " should have at least " + schema.get("minProperties").asLong() + " properties"));
            }
        }

        private void invalid(String path, JsonNode value, String what) {
            errors.add(FieldError.invalid(path, BadValues.of(value), inBody(path) + " " + what));
        }

        private void typeError(String path, String expected, String actual) {
            errors.add(new FieldError(FieldError.TYPE_INVALID, path, BadValues.quote(actual),
                    inBody(path) + " must be of type " + expected + ": " + BadValues.quote(actual)));
        }
    }

    private static String inBody(String path) {
        return (path.isEmpty() ? "." : path) + " in body";
    }

    private static List<String> fieldNames(ObjectNode obj) {
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean declaresType(JsonNode schema) {
        return schema.has(SchemaKeys.TYPE) || schema.path(SchemaKeys.INT_OR_STRING).asBoolean(false);
    }

    private static String expectedType(JsonNode schema) {
        return schema.path(SchemaKeys.INT_OR_STRING).asBoolean(false) ? INT_OR_STRING_TYPES
                : schema.path(SchemaKeys.TYPE).asText();
    }

    private static boolean isIntegral(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        // JSON has one number type: 3.0 is an acceptable integer, as in the API server.
        return value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    private static boolean matchesType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> isIntegral(value);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
    }

    /** The JSON type name kube-openapi reports for a value. */
    private static String typeName(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? "integer" : "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isObject()) {
            return "object";
        }
        return "null";
    }

    private static boolean inEnum(JsonNode value, JsonNode allowed) {
        for (JsonNode a : allowed) {
            if (a.equals(value) || (a.isNumber() && value.isNumber() && a.decimalValue().compareTo(value.decimalValue()) == 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Compiled once per distinct pattern; a pattern Java cannot compile is not enforced. */
    private Pattern pattern(String regex) {
        Pattern p = patterns.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                return Pattern.compile("");
            }
        });
        return p.pattern().isEmpty() && !regex.isEmpty() ? null : p;
    }
}
