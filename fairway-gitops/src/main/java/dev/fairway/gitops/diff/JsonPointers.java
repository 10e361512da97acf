package dev.fairway.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Removes the field an RFC 6901 JSON pointer names, if it is there. */
final class JsonPointers {

    private JsonPointers() {}

    /**
     * Orders pointers so that removing them one by one never shifts a later one: list items from
     * the highest index down (numerically: /10 before /9), children before their parents.
     */
    static final java.util.Comparator<String> REMOVAL_ORDER = (a, b) -> {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("[0-9]+") && y[i].matches("[0-9]+")
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return -c;
            }
        }
        return -Integer.compare(x.length, y.length);
    };

    static void remove(JsonNode root, String pointer) {
        if (pointer.isEmpty() || !pointer.startsWith("/")) {
            return;
        }
        String[] tokens = pointer.substring(1).split("/", -1);
        JsonNode parent = root;
        for (int i = 0; i < tokens.length - 1 && parent != null; i++) {
            parent = child(parent, unescape(tokens[i]));
        }
        String last = unescape(tokens[tokens.length - 1]);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array && last.matches("[0-9]+") && Integer.parseInt(last) < array.size()) {
            array.remove(Integer.parseInt(last));
        }
    }

    /** Makes the field at {@code pointer} in {@code to} what it is in {@code from}: copied when there, removed when not. */
    static void copy(JsonNode from, ObjectNode to, String pointer) {
        if (pointer.isEmpty() || !pointer.startsWith("/")) {
            return;
        }
        String[] tokens = pointer.substring(1).split("/", -1);
        JsonNode source = from;
        for (int i = 0; i < tokens.length && source != null; i++) {
            source = child(source, unescape(tokens[i]));
        }
        if (source == null) {
            remove(to, pointer);
            return;
        }
        JsonNode parent = to;
        for (int i = 0; i < tokens.length - 1; i++) {
            JsonNode next = child(parent, unescape(tokens[i]));
            if (next == null && parent instanceof ObjectNode object) {
                next = object.putObject(unescape(tokens[i]));
            }
            if (next == null) {
                return; // an array index that is not there: nothing to keep it in
            }
            parent = next;
        }
        String last = unescape(tokens[tokens.length - 1]);
        if (parent instanceof ObjectNode object) {
            object.set(last, source.deepCopy());
        } else if (parent instanceof ArrayNode array && last.matches("[0-9]+") && Integer.parseInt(last) < array.size()) {
            array.set(Integer.parseInt(last), source.deepCopy());
        }
    }

    private static JsonNode child(JsonNode node, String token) {
        if (node instanceof ObjectNode object) {
            return object.get(token);
        }
        if (node instanceof ArrayNode array && token.matches("[0-9]+")) {
            return array.get(Integer.parseInt(token));
        }
        return null;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
