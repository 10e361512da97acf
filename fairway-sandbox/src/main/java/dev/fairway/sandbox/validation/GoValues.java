package dev.fairway.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bad values printed as the Go API server prints them in {@code Invalid value: ...}: strings
 * quoted, numbers plain, maps and label selectors in Go syntax.
 */
final class GoValues {

    private GoValues() {}

    /** Go's %q for a string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A JSON scalar as the API server shows it: text quoted, numbers and booleans bare. */
    static String scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isTextual()) {
            return quote(v.asText());
        }
        return v.asText();
    }

    static String stringMap(JsonNode map) {
        if (map == null || !map.isObject()) {
            return "map[string]string(nil)";
        }
        Map<String, String> sorted = new TreeMap<>();
        map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        List<String> entries = new ArrayList<>();
        sorted.forEach((k, v) -> entries.add(quote(k) + ":" + quote(v)));
        return "map[string]string{" + String.join(", ", entries) + "}";
    }

    static String stringSlice(JsonNode array) {
        if (array == null || !array.isArray()) {
            return "[]string(nil)";
        }
        List<String> items = new ArrayList<>();
        array.forEach(v -> items.add(quote(v.asText())));
        return "[]string{" + String.join(", ", items) + "}";
    }

    /** A metav1.LabelSelector in Go syntax, as "field is immutable" and "empty selector" errors show it. */
    static String labelSelector(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return "null";
        }
        String expressions;
        JsonNode exprs = selector.get("matchExpressions");
        if (exprs == null || !exprs.isArray()) {
            expressions = "[]v1.LabelSelectorRequirement(nil)";
        } else {
            List<String> items = new ArrayList<>();
            exprs.forEach(e -> items.add("v1.LabelSelectorRequirement{Key:" + quote(e.path("key").asText())
                    + ", Operator:" + quote(e.path("operator").asText())
                    + ", Values:" + stringSlice(e.get("values")) + "}"));
            expressions = "[]v1.LabelSelectorRequirement{" + String.join(", ", items) + "}";
        }
        return "v1.LabelSelector{MatchLabels:" + stringMap(selector.get("matchLabels")) + ", MatchExpressions:" + expressions + "}";
    }
}
