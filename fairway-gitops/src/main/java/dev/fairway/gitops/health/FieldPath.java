package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path to a field in an object, as custom health rules write it:
 * {@code status.phase}, {@code status.containerStatuses[0].ready},
 * {@code status.conditions[type=Ready].status} (the first list entry whose {@code type} is
 * {@code Ready}) and {@code metadata.annotations["example.com/key"]} (keys with dots).
 */
record FieldPath(String text, List<Step> steps) {

    /** One step down the tree. */
    sealed interface Step permits Field, Index, Match {}

    record Field(String name) implements Step {}

    record Index(int index) implements Step {}

    /** The first entry of a list whose field {@code key} has the text {@code value}. */
    record Match(String key, String value) implements Step {}

    /** The value at this path, or null when any step is missing. */
    JsonNode find(JsonNode root) {
        JsonNode current = root;
        for (Step step : steps) {
            if (current == null) {
                return null;
            }
            if (step instanceof Field f) {
                current = current.isObject() ? current.get(f.name()) : null;
            } else if (step instanceof Index i) {
                current = current.isArray() ? current.get(i.index()) : null;
            } else {
                current = firstMatch(current, (Match) step);
            }
        }
        return current == null || current.isNull() ? null : current;
    }

    private static JsonNode firstMatch(JsonNode list, Match match) {
        if (!list.isArray()) {
            return null;
        }
        for (JsonNode entry : list) {
            JsonNode key = entry.get(match.key());
            if (key != null && key.isValueNode() && key.asText().equals(match.value())) {
                return entry;
            }
        }
        return null;
    }

    static FieldPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.' && !steps.isEmpty()) {
                i++;
                if (i == text.length() || text.charAt(i) == '.' || text.charAt(i) == '[') {
                    throw invalid(text, "a field name must follow \".\"");
                }
                continue;
            }
            if (c == '[') {
                int close = closingBracket(text, i);
                steps.add(selector(text, text.substring(i + 1, close).trim()));
                i = close + 1;
                continue;
            }
            int end = i;
            while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                end++;
            }
            String name = text.substring(i, end);
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw invalid(text, "\"" + name + "\" is not a field name");
            }
            steps.add(new Field(name));
            i = end;
        }
        if (steps.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        return new FieldPath(text, List.copyOf(steps));
    }

    private static int closingBracket(String text, int open) {
        char quote = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        throw invalid(text, "\"[\" is never closed");
    }

    private static Step selector(String path, String inside) {
        if (isQuoted(inside)) {
            return new Field(unquote(inside));
        }
        if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit)) {
            return new Index(Integer.parseInt(inside));
        }
        int equals = inside.indexOf('=');
        if (equals > 0) {
            return new Match(inside.substring(0, equals).trim(), unquote(inside.substring(equals + 1).trim()));
        }
        throw invalid(path, "[" + inside + "] is none of [N], [key=value] or [\"field name\"]");
    }

    static boolean isQuoted(String s) {
        return s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0);
    }

    static String unquote(String s) {
        return isQuoted(s) ? s.substring(1, s.length() - 1) : s;
    }

    private static IllegalArgumentException invalid(String path, String why) {
        return new IllegalArgumentException("field path \"" + path + "\" is invalid: " + why);
    }

    @Override
    public String toString() {
        return text;
    }
}
