package dev.fairway.kube.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON patch (RFC 6902), the {@code application/json-patch+json} patch type that {@code kubectl patch --type json} sends. */
public final class JsonPatch {

    private JsonPatch() {}

    /**
     * Applies the operations in order and returns the patched document; {@code target} is not modified.
     *
     * @throws PatchException 400 when the patch is not a list of well-formed operations, 422 when an operation does
     *                        not fit the document (missing path, index out of range, failed {@code test})
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw PatchException.badRequest("json patch must be a list of operations, e.g. "
                    + "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]");
        }
        JsonNode doc = target == null ? null : target.deepCopy();
        for (int i = 0; i < patch.size(); i++) {
            doc = applyOne(doc, patch.get(i), i);
        }
        return doc;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode op, int index) {
        if (!op.isObject()) {
            throw PatchException.badRequest("json patch operation " + index + " is not an object");
        }
        String name = text(op, "op", index);
        String path = text(op, "path", index);
        List<String> pointer = parsePointer(path, index);
        return switch (name) {
            case "add" -> add(doc, pointer, path, value(op, index), index);
            case "remove" -> {
                get(doc, pointer, path, name);
                yield remove(doc, pointer, path, index);
            }
            case "replace" -> {
                get(doc, pointer, path, name);
                JsonNode removed = remove(doc, pointer, path, index);
                yield add(removed, pointer, path, value(op, index), index);
            }
            case "move" -> {
                String from = text(op, "from", index);
                List<String> fromPointer = parsePointer(from, index);
                if (pointer.size() > fromPointer.size() && pointer.subList(0, fromPointer.size()).equals(fromPointer)) {
                    throw PatchException.unprocessable("json patch operation " + index + ": cannot move \"" + from
                            + "\" into its own child \"" + path + "\"");
                }
                JsonNode value = get(doc, fromPointer, from, name).deepCopy();
                yield add(remove(doc, fromPointer, from, index), pointer, path, value, index);
            }
            case "copy" -> {
                String from = text(op, "from", index);
                JsonNode value = get(doc, parsePointer(from, index), from, name).deepCopy();
                yield add(doc, pointer, path, value, index);
            }
            case "test" -> {
                JsonNode actual = get(doc, pointer, path, name);
                if (!JsonValues.same(actual, value(op, index))) {
                    throw PatchException.unprocessable("json patch test failed: the value at \"" + path + "\" is "
                            + actual + ", not " + op.get("value"));
                }
                yield doc;
            }
            default -> throw PatchException.badRequest("json patch operation " + index + ": unknown op \"" + name
                    + "\"; expected add, remove, replace, move, copy or test");
        };
    }

    private static String text(JsonNode op, String field, int index) {
        JsonNode v = op.get(field);
        if (v == null || !v.isTextual()) {
            throw PatchException.badRequest("json patch operation " + index + " has no \"" + field + "\" string");
        }
        return v.asText();
    }

    private static JsonNode value(JsonNode op, int index) {
        JsonNode v = op.get("value");
        if (v == null) {
            throw PatchException.badRequest("json patch operation " + index + " (" + op.path("op").asText()
                    + ") has no \"value\"");
        }
        return v.deepCopy();
    }

    /** Splits an RFC 6901 pointer into unescaped tokens; "" is the whole document. */
    static List<String> parsePointer(String pointer, int index) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        if (!pointer.startsWith("/")) {
            throw PatchException.badRequest("json patch operation " + index + ": path \"" + pointer
                    + "\" must start with \"/\"");
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode get(JsonNode doc, List<String> pointer, String path, String op) {
        JsonNode cur = doc;
        for (String token : pointer) {
            JsonNode next = null;
            if (cur != null && cur.isObject()) {
                next = cur.get(token);
            } else if (cur != null && cur.isArray()) {
                int i = arrayIndex(token);
                next = i >= 0 && i < cur.size() ? cur.get(i) : null;
            }
            if (next == null) {
                throw PatchException.unprocessable("json patch " + op + " operation does not apply: doc is missing path: \""
                        + path + "\"");
            }
            cur = next;
        }
        if (cur == null) {
            throw PatchException.unprocessable("json patch " + op + " operation does not apply: doc is missing path: \""
                    + path + "\"");
        }
        return cur;
    }

    private static JsonNode parent(JsonNode doc, List<String> pointer, String path) {
        return get(doc, pointer.subList(0, pointer.size() - 1), path, "parent lookup");
    }

    private static JsonNode add(JsonNode doc, List<String> pointer, String path, JsonNode value, int index) {
        if (pointer.isEmpty()) {
            return value;
        }
        JsonNode parent;
        try {
            parent = parent(doc, pointer, path);
        } catch (PatchException e) {
            throw PatchException.unprocessable("json patch add operation does not apply: doc is missing path: \"" + path + "\"");
        }
        String last = pointer.get(pointer.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            int i = last.equals("-") ? array.size() : arrayIndex(last);
            if (i < 0 || i > array.size()) {
                throw PatchException.unprocessable("json patch operation " + index + ": index " + last
                        + " is out of range for \"" + path + "\" (the list has " + array.size() + " items)");
            }
            array.insert(i, value);
        } else {
            throw PatchException.unprocessable("json patch operation " + index + ": the parent of \"" + path
                    + "\" is neither an object nor a list");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, List<String> pointer, String path, int index) {
        if (pointer.isEmpty()) {
            return null;
        }
        JsonNode parent = parent(doc, pointer, path);
        String last = pointer.get(pointer.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(arrayIndex(last));
        }
        return doc;
    }

    /** The index a token names, or -1 when it is not a plain non-negative number (RFC 6901 forbids leading zeros). */
    private static int arrayIndex(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isDigit(token.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(token);
    }
}
