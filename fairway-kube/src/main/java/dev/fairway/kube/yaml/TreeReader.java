package dev.fairway.kube.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the tree of one document from a streaming parser. We build it ourselves rather than
 * with {@code ObjectMapper.readTree} because Jackson's tree reader forgets where objects start,
 * silently turns YAML aliases into their anchor's name and lets duplicate keys overwrite each
 * other; users need all three done right. One instance per document: YAML anchors are
 * document-scoped.
 */
final class TreeReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final JsonParser parser;
    private final String file;
    private final boolean yaml;
    private final Map<JsonNode, Integer> lines = new IdentityHashMap<>();
    private final Map<String, JsonNode> anchors = new HashMap<>();

    TreeReader(JsonParser parser, String file) {
        this.parser = parser;
        this.file = file;
        this.yaml = parser instanceof YAMLParser;
    }

    /** The 1-based line where an object or array read by this reader starts, or {@code fallback}. */
    int lineOf(JsonNode node, int fallback) {
        return lines.getOrDefault(node, fallback);
    }

    /** Reads the value whose first token is the parser's current token. */
    JsonNode readValue() throws IOException {
        JsonToken token = parser.currentToken();
        int line = parser.currentTokenLocation().getLineNr();
        String anchor = yaml && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
                ? ((YAMLParser) parser).getObjectId()
                : null;
        JsonNode value = switch (token) {
            case START_OBJECT -> readObject();
            case START_ARRAY -> readArray();
            case VALUE_STRING -> readString(line);
            case VALUE_NUMBER_INT -> readInteger();
            case VALUE_NUMBER_FLOAT -> readFloat();
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded();
            default -> throw new ManifestException(file, line, "unexpected " + token);
        };
        if (value.isContainerNode()) {
            lines.putIfAbsent(value, line);
        }
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        return value;
    }

    private ObjectNode readObject() throws IOException {
        ObjectNode object = NODES.objectNode();
        List<JsonNode> merges = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = parser.currentTokenLocation().getLineNr();
            parser.nextToken();
            JsonNode value = readValue();
            if (yaml && "<<".equals(key)) {
                merges.add(value);
                continue;
            }
            if (object.has(key)) {
                throw new ManifestException(file, keyLine,
                        "duplicate key \"" + key + "\": a key may appear only once in a mapping; remove or rename one");
            }
            object.set(key, value);
        }
        for (JsonNode merge : merges) {
            merge(object, merge);
        }
        return object;
    }

    /** YAML merge keys ({@code <<: *base}): keys written in the mapping win over merged ones. */
    private void merge(ObjectNode target, JsonNode source) {
        if (source.isArray()) {
            source.forEach(s -> merge(target, s));
        } else if (source.isObject()) {
            source.fields().forEachRemaining(e -> {
                if (!target.has(e.getKey())) {
                    target.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        } else {
            throw new ManifestException(file, lineOf(target, 0), "a merge key (<<) needs a mapping or a list of mappings");
        }
    }

    private ArrayNode readArray() throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue());
        }
        return array;
    }

    private JsonNode readString(int line) throws IOException {
        String text = parser.getText();
        if (yaml && ((YAMLParser) parser).isCurrentAlias()) {
            JsonNode target = anchors.get(text);
            if (target == null) {
                // Jackson reports anchors only on mappings and sequences, so an alias of a plain value lands here too.
                throw new ManifestException(file, line, "alias *" + text
                        + " does not name an anchored mapping or list in this document; write the value out instead");
            }
            return target.deepCopy();
        }
        return NODES.textNode(text);
    }

    private JsonNode readInteger() throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private JsonNode readFloat() throws IOException {
        try {
            return NODES.numberNode(parser.getDecimalValue());
        } catch (NumberFormatException e) {
            // .inf and .nan have no decimal form
            return NODES.numberNode(parser.getDoubleValue());
        }
    }

    private JsonNode embedded() throws IOException {
        Object value = parser.getEmbeddedObject();
        return value instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.pojoNode(value);
    }
}
