package dev.fairway.gitops.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of one mapping in an Application, each failing with an {@link InvalidSpecError}
 * that names the full field path. Absent and null fields read as "not given".
 */
final class SpecFields {

    private final JsonNode node;
    private final String path;

    SpecFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean present() {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private JsonNode raw(String field) {
        if (!present()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A nested mapping; an absent one reads as an empty, not-present {@code SpecFields}. */
    SpecFields object(String field) {
        JsonNode value = raw(field);
        if (value != null && !value.isObject()) {
            throw wrongType(field, "a mapping", value);
        }
        return new SpecFields(value, path(field));
    }

    Optional<ObjectNode> rawObject(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(field, "a mapping", value);
        }
        return Optional.of((ObjectNode) value);
    }

    String string(String field, String otherwise) {
        JsonNode value = raw(field);
        if (value == null) {
            return otherwise;
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.asText();
    }

    String requiredString(String field, String hint) {
        String value = string(field, "");
        if (value.isBlank()) {
            throw new InvalidSpecError(path(field), "required; " + hint);
        }
        return value;
    }

    boolean bool(String field, boolean otherwise) {
        JsonNode value = raw(field);
        if (value == null) {
            return otherwise;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        // YAML authors write "true" in quotes often enough; Argo CD's schema rejects it, so do we
        throw wrongType(field, "true or false", value);
    }

    Optional<Long> integer(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber()) {
            throw wrongType(field, "a whole number", value);
        }
        return Optional.of(value.asLong());
    }

    List<String> strings(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(field, "a list of strings", value);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new InvalidSpecError(path(field) + "[" + i + "]", "must be a string, not " + describe(item));
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    List<SpecFields> objects(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(field, "a list", value);
        }
        List<SpecFields> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw new InvalidSpecError(path(field) + "[" + i + "]", "must be a mapping, not " + describe(item));
            }
            out.add(new SpecFields(item, path(field) + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    /** A mapping of strings to strings, as labels and annotations are. */
    Map<String, String> stringMap(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw wrongType(field, "a mapping of strings", value);
        }
        Map<String, String> out = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new InvalidSpecError(path(field) + "." + e.getKey(), "must be a string, not " + describe(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /** This mapping as written, for options kept verbatim (kustomize patches). */
    ObjectNode rawObjectSelf() {
        return ((ObjectNode) node).deepCopy();
    }

    /** A non-negative count written as a number or as a string of digits. */
    int rawCount(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            throw new InvalidSpecError(path(field), "required; give the number of replicas");
        }
        if (value.isIntegralNumber() && value.asLong() >= 0 && value.asLong() <= Integer.MAX_VALUE) {
            return value.asInt();
        }
        if (value.isTextual() && value.asText().matches("[0-9]{1,9}")) {
            return Integer.parseInt(value.asText());
        }
        throw new InvalidSpecError(path(field), "must be a non-negative whole number, not " + describe(value));
    }

    private InvalidSpecError wrongType(String field, String expected, JsonNode value) {
        return new InvalidSpecError(path(field), "must be " + expected + ", not " + describe(value));
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "the string \"" + value.asText() + "\"";
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
