package dev.fairway.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields of an Application's {@code spec.source}; a field of the wrong type is an
 * {@link InvalidSourceException} naming its path, such as {@code spec.source.kustomize.images[1]}.
 */
final class SourceFields {

    private final JsonNode node;
    private final String path;

    SourceFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    boolean present() {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    SourceFields field(String name) {
        if (present() && !node.isObject()) {
            throw new InvalidSourceException(path + " must be a mapping");
        }
        return new SourceFields(present() ? node.get(name) : null, path + "." + name);
    }

    String text(String defaultValue) {
        if (!present()) {
            return defaultValue;
        }
        if (!node.isValueNode()) {
            throw new InvalidSourceException(path + " must be text");
        }
        return node.asText();
    }

    boolean bool() {
        if (!present()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw new InvalidSourceException(path + " must be true or false");
    }

    List<SourceFields> list() {
        if (!present()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidSourceException(path + " must be a list");
        }
        List<SourceFields> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new SourceFields(node.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    List<String> texts() {
        return list().stream().map(item -> item.text("")).toList();
    }

    Map<String, String> textMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (!present()) {
            return map;
        }
        if (!node.isObject()) {
            throw new InvalidSourceException(path + " must be a mapping of text");
        }
        for (var entry : node.properties()) {
            map.put(entry.getKey(), new SourceFields(entry.getValue(), path + "." + entry.getKey()).text(""));
        }
        return map;
    }

    ObjectNode object() {
        if (!present()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidSourceException(path + " must be a mapping");
        }
        return ((ObjectNode) node).deepCopy();
    }

    JsonNode raw() {
        return present() ? node : null;
    }
}
