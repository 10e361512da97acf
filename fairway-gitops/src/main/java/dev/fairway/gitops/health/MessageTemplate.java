package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A health message with {@code {PATH}} placeholders filled from the object; a missing field reads as "". */
record MessageTemplate(String text, List<Object> parts) {

    static MessageTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                parts.add(text.substring(i));
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("message \"" + text + "\": \"{\" at position " + open
                        + " is never closed; write {field.path}");
            }
            parts.add(text.substring(i, open));
            parts.add(FieldPath.parse(text.substring(open + 1, close).trim()));
            i = close + 1;
        }
        return new MessageTemplate(text, List.copyOf(parts));
    }

    String render(JsonNode object) {
        StringBuilder message = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof FieldPath path) {
                JsonNode value = path.find(object);
                message.append(value == null ? "" : value.isValueNode() ? value.asText() : value.toString());
            } else {
                message.append(part);
            }
        }
        return message.toString();
    }
}
