package dev.fairway.gitops.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of one mapping in an AppProject, each failing with an {@link InvalidProjectError}
 * that names the project and the full field path. Absent and null fields read as "not given".
 */
final class ProjectFields {

    private final String project;
    private final JsonNode node;
    private final String path;

    ProjectFields(String project, JsonNode node, String path) {
        this.project = project;
        this.node = node;
        this.path = path;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean present() {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    boolean has(String field) {
        return raw(field) != null;
    }

    private JsonNode raw(String field) {
        if (!present()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    ProjectFields object(String field) {
        JsonNode value = raw(field);
        if (value != null && !value.isObject()) {
            throw wrongType(path(field), "a mapping", value);
        }
        return new ProjectFields(project, value, path(field));
    }

    String string(String field, String otherwise) {
        JsonNode value = raw(field);
        if (value == null) {
            return otherwise;
        }
        if (!value.isTextual()) {
            throw wrongType(path(field), "a string", value);
        }
        return value.asText();
    }

    boolean bool(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(path(field), "true or false", value);
        }
        return value.asBoolean();
    }

    Optional<Long> integer(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber()) {
            throw wrongType(path(field), "a whole number", value);
        }
        return Optional.of(value.asLong());
    }

    /** A list of strings; absent reads as empty. */
    List<String> strings(String field) {
        return stringList(field).orElse(List.of());
    }

    /** A list of strings, or empty when the field is absent (an empty list is present). */
    Optional<List<String>> stringList(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw wrongType(path(field), "a list of strings", value);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw wrongType(path(field) + "[" + i + "]", "a string", item);
            }
            out.add(item.asText());
        }
        return Optional.of(List.copyOf(out));
    }

    /** The mappings of a list, or empty when the field is absent (an empty list is present). */
    Optional<List<ProjectFields>> objectList(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw wrongType(path(field), "a list", value);
        }
        List<ProjectFields> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = path(field) + "[" + i + "]";
            if (!item.isObject()) {
                throw wrongType(itemPath, "a mapping", item);
            }
            out.add(new ProjectFields(project, item, itemPath));
        }
        return Optional.of(out);
    }

    List<ProjectFields> objects(String field) {
        return objectList(field).orElse(List.of());
    }

    InvalidProjectError error(String field, String problem) {
        return new InvalidProjectError(project, path(field), problem);
    }

    InvalidProjectError error(String problem) {
        return new InvalidProjectError(project, path, problem);
    }

    private InvalidProjectError wrongType(String where, String expected, JsonNode actual) {
        return new InvalidProjectError(project, where, "must be " + expected + ", not " + actual);
    }
}
