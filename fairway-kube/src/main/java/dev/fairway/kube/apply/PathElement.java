package dev.fairway.kube.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step of a field path, as server-side apply names it: a field of an object, a list-map item by its keys, a set
 * item by its value, or a list item by index. Each has a FieldsV1 key form ({@code f:name}, {@code k:{"name":"nginx"}},
 * {@code v:"x"}, {@code i:0}) and a printed form ({@code .name}, {@code [name="nginx"]}, {@code [="x"]}, {@code [0]}).
 */
public sealed interface PathElement extends Comparable<PathElement> {

    /** The key of this element in a FieldsV1 object. */
    String fieldsV1Key();

    /** Sorts elements as FieldsV1 lists them: fields, then keys, then values, then indexes. */
    @Override
    default int compareTo(PathElement other) {
        int byKind = Integer.compare(rank(), other.rank());
        if (byKind != 0) {
            return byKind;
        }
        if (this instanceof Index a && other instanceof Index b) {
            return Integer.compare(a.index(), b.index());
        }
        return fieldsV1Key().compareTo(other.fieldsV1Key());
    }

    private int rank() {
        if (this instanceof Field) {
            return 0;
        }
        if (this instanceof Key) {
            return 1;
        }
        return this instanceof Value ? 2 : 3;
    }

    /** A field of an object. */
    record Field(String name) implements PathElement {
        @Override
        public String fieldsV1Key() {
            return "f:" + name;
        }

        @Override
        public String toString() {
            return "." + name;
        }
    }

    /** An item of a list map, named by its key fields; {@code json} is the keys as a compact object sorted by name. */
    record Key(String json) implements PathElement {

        /** The key of an item from its key field values. */
        public static Key of(Map<String, JsonNode> keyFields) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            new TreeMap<>(keyFields).forEach(sorted::set);
            return new Key(Json.write(sorted));
        }

        /** The key fields and their values, sorted by name. */
        public Map<String, JsonNode> fields() {
            Map<String, JsonNode> out = new TreeMap<>();
            JsonNode node = parseJson(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue());
            }
            return out;
        }

        @Override
        public String fieldsV1Key() {
            return "k:" + json;
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            fields().forEach((name, value) -> parts.add(name + "=" + Json.write(value)));
            return "[" + String.join(",", parts) + "]";
        }
    }

    /** An item of a set, named by its value as compact JSON. */
    record Value(String json) implements PathElement {
        public static Value of(JsonNode value) {
            return new Value(Json.write(value));
        }

        @Override
        public String fieldsV1Key() {
            return "v:" + json;
        }

        @Override
        public String toString() {
            return "[=" + json + "]";
        }
    }

    /** An item of a list by position (rare: only lists that are neither atomic nor keyed). */
    record Index(int index) implements PathElement {
        @Override
        public String fieldsV1Key() {
            return "i:" + index;
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** Parses a FieldsV1 key such as {@code f:spec} or {@code k:{"name":"nginx"}}. */
    static PathElement parse(String fieldsV1Key) {
        if (fieldsV1Key.length() < 2 || fieldsV1Key.charAt(1) != ':') {
            throw new IllegalArgumentException("unknown path element \"" + fieldsV1Key
                    + "\": expected f:, k:, v: or i: followed by a name");
        }
        String body = fieldsV1Key.substring(2);
        return switch (fieldsV1Key.charAt(0)) {
            case 'f' -> new Field(body);
            case 'k' -> {
                JsonNode keys = parseJson(body);
                if (!keys.isObject() || keys.isEmpty()) {
                    throw new IllegalArgumentException("path element \"" + fieldsV1Key + "\": keys must be a JSON object");
                }
                Map<String, JsonNode> fields = new TreeMap<>();
                keys.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
                yield Key.of(fields);
            }
            case 'v' -> Value.of(parseJson(body));
            case 'i' -> {
                try {
                    yield new Index(Integer.parseInt(body));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("path element \"" + fieldsV1Key + "\": index is not a number");
                }
            }
            default -> throw new IllegalArgumentException("unknown path element \"" + fieldsV1Key
                    + "\": expected f:, k:, v: or i: followed by a name");
        };
    }

    private static JsonNode parseJson(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("path element value is not valid JSON: " + json);
        }
    }
}
