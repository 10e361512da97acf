package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A field a transformer works on, in kustomize's terms: a slash-separated path (lists on the way
 * are entered item by item; {@code \/} is a slash inside a key), the kinds it applies to (empty
 * parts match any), and whether missing maps on the way are created.
 */
record FieldSpec(String group, String version, String kind, String path, boolean create) {

    boolean appliesTo(ResId id) {
        return id.selectedBy(group, version, kind);
    }

    List<String> segments() {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '/') {
                current.append('/');
                i++;
            } else if (c == '/') {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        segments.add(current.toString());
        segments.replaceAll(s -> s.endsWith("[]") ? s.substring(0, s.length() - 2) : s);
        return segments;
    }

    /**
     * Calls {@code action} with each map that holds the path's last field and that field's name.
     * The last field itself may be missing: the action decides what to do then.
     */
    void visit(ObjectNode object, BiConsumer<ObjectNode, String> action) {
        visit(object, segments(), 0, action);
    }

    private void visit(JsonNode node, List<String> segments, int index, BiConsumer<ObjectNode, String> action) {
        if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                visit(item, segments, index, action);
            }
            return;
        }
        if (!(node instanceof ObjectNode map)) {
            return;
        }
        String field = segments.get(index);
        if (index == segments.size() - 1) {
            action.accept(map, field);
            return;
        }
        JsonNode child = map.get(field);
        if (child == null || child.isNull()) {
            if (!create) {
                return;
            }
            child = map.putObject(field);
        }
        visit(child, segments, index + 1, action);
    }

    /** Reads specs written one a line as {@code PATH [kind=K] [group=G] [version=V] [create]}. */
    static List<FieldSpec> parse(String lines) {
        List<FieldSpec> specs = new ArrayList<>();
        for (String line : lines.strip().split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            String group = "";
            String version = "";
            String kind = "";
            boolean create = false;
            for (int i = 1; i < words.length; i++) {
                String word = words[i];
                if (word.equals("create")) {
                    create = true;
                } else if (word.startsWith("kind=")) {
                    kind = word.substring(5);
                } else if (word.startsWith("group=")) {
                    group = word.substring(6);
                } else if (word.startsWith("version=")) {
                    version = word.substring(8);
                } else {
                    throw new IllegalArgumentException("unknown word " + word + " in field spec " + line);
                }
            }
            specs.add(new FieldSpec(group, version, kind, words[0], create));
        }
        return List.copyOf(specs);
    }
}
