package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Prints label maps and label selectors the way kubectl columns show them. */
final class Labels {

    private Labels() {}

    /** {@code a=b,c=d} sorted by key, {@code <none>} when empty. */
    static String format(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    /** A LabelSelector as a selector string; {@code <none>} when null or empty. */
    static String formatSelector(JsonNode selector) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return "<none>";
        }
        String s = selectorString(selector);
        return s.isEmpty() ? "<none>" : s;
    }

    /**
     * The selector string (requirements sorted by key, values sorted), "" for an empty selector and
     * {@code <invalid>} for an unknown operator.
     */
    static String selectorString(JsonNode selector) {
        record Requirement(String key, String text) {}
        List<Requirement> reqs = new ArrayList<>();
        Fields.stringMap(selector, "matchLabels").forEach((k, v) -> reqs.add(new Requirement(k, k + "=" + v)));
        for (JsonNode e : Fields.items(selector, "matchExpressions")) {
            String key = Fields.text(e, "key");
            TreeSet<String> values = new TreeSet<>();
            Fields.items(e, "values").forEach(v -> values.add(v.asText()));
            String op = Fields.text(e, "operator");
            String text = switch (op) {
                case "In" -> key + " in (" + String.join(",", values) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                case "Exists" -> key;
                case "DoesNotExist" -> "!" + key;
                default -> null;
            };
            if (text == null) {
                return "<invalid>";
            }
            reqs.add(new Requirement(key, text));
        }
        reqs.sort(Comparator.comparing(Requirement::key));
        List<String> parts = new ArrayList<>();
        reqs.forEach(r -> parts.add(r.text()));
        return String.join(",", parts);
    }
}
