package dev.fairway.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** Label selector questions the validators ask: is it empty, does it select these labels. */
final class Selectors {

    private Selectors() {}

    static boolean isEmpty(JsonNode selector) {
        return selector.path("matchLabels").size() + selector.path("matchExpressions").size() == 0;
    }

    /** Whether the selector selects an object with these labels; a null selector selects nothing. */
    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        var matchLabels = selector.path("matchLabels").fields();
        while (matchLabels.hasNext()) {
            var e = matchLabels.next();
            if (!labels.has(e.getKey()) || !labels.get(e.getKey()).asText().equals(e.getValue().asText())) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            Set<String> values = new HashSet<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            boolean has = labels.has(key);
            boolean ok = switch (expr.path("operator").asText()) {
                case "In" -> has && values.contains(labels.get(key).asText());
                case "NotIn" -> !has || !values.contains(labels.get(key).asText());
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
