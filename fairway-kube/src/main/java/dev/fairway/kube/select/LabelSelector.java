package dev.fairway.kube.select;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Kubernetes label selector in its string form ({@code app=web,tier!=db,env in (a,b),!legacy}),
 * as URLs and kubectl's {@code -l} carry it, or built from a {@code LabelSelector} object
 * ({@code matchLabels}, {@code matchExpressions}).
 */
public record LabelSelector(List<Requirement> requirements) {

    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    public record Requirement(String key, Operator op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
            };
        }
    }

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Matches an object's {@code metadata.labels}. */
    public boolean matchesObject(JsonNode obj) {
        return matches(labelsOf(obj));
    }

    public static Map<String, String> labelsOf(JsonNode obj) {
        JsonNode labels = obj == null ? null : obj.path("metadata").get("labels");
        if (labels == null || !labels.isObject() || labels.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new java.util.HashMap<>();
        labels.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * Parses the string form.
     *
     * @throws IllegalArgumentException with a message in Kubernetes' words for malformed input
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("unable to parse requirement: found '', expected: identifier");
            }
            reqs.add(parseRequirement(p));
        }
        return new LabelSelector(List.copyOf(reqs));
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static Requirement parseRequirement(String p) {
        if (p.startsWith("!")) {
            return new Requirement(checkKey(p.substring(1).trim()), Operator.DOES_NOT_EXIST, Set.of());
        }
        String lower = p;
        int notin = indexOfWord(lower, "notin");
        int in = notin >= 0 ? -1 : indexOfWord(lower, "in");
        if (notin >= 0 || in >= 0) {
            int at = notin >= 0 ? notin : in;
            String key = checkKey(p.substring(0, at).trim());
            String rest = p.substring(at + (notin >= 0 ? 5 : 2)).trim();
            if (!rest.startsWith("(") || !rest.endsWith(")")) {
                throw new IllegalArgumentException("unable to parse requirement: found '" + rest + "', expected: '('");
            }
            Set<String> values = new TreeSet<>();
            for (String v : rest.substring(1, rest.length() - 1).split(",")) {
                if (!v.trim().isEmpty()) {
                    values.add(checkValue(v.trim()));
                }
            }
            return new Requirement(key, notin >= 0 ? Operator.NOT_IN : Operator.IN, values);
        }
        int ne = p.indexOf("!=");
        if (ne >= 0) {
            return new Requirement(checkKey(p.substring(0, ne).trim()), Operator.NOT_EQUALS,
                    Set.of(checkValue(p.substring(ne + 2).trim())));
        }
        int eq2 = p.indexOf("==");
        if (eq2 >= 0) {
            return new Requirement(checkKey(p.substring(0, eq2).trim()), Operator.EQUALS,
                    Set.of(checkValue(p.substring(eq2 + 2).trim())));
        }
        int eq = p.indexOf('=');
        if (eq >= 0) {
            return new Requirement(checkKey(p.substring(0, eq).trim()), Operator.EQUALS,
                    Set.of(checkValue(p.substring(eq + 1).trim())));
        }
        return new Requirement(checkKey(p), Operator.EXISTS, Set.of());
    }

    private static int indexOfWord(String s, String word) {
        int i = s.indexOf(" " + word);
        while (i >= 0) {
            int after = i + 1 + word.length();
            if (after < s.length() && (s.charAt(after) == ' ' || s.charAt(after) == '(')) {
                return i + 1;
            }
            i = s.indexOf(" " + word, i + 1);
        }
        return -1;
    }

    private static String checkKey(String key) {
        if (key.isEmpty() || !key.matches("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("invalid label key \"" + key
                    + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
        return key;
    }

    private static String checkValue(String v) {
        if (!v.isEmpty() && !v.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("invalid label value: \"" + v
                    + "\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
        return v;
    }

    /** Builds a selector from a {@code matchLabels}/{@code matchExpressions} object. Null selects nothing. */
    public static LabelSelector fromObject(JsonNode selector) {
        if (selector == null || selector.isNull()) {
            return null;
        }
        List<Requirement> reqs = new ArrayList<>();
        JsonNode ml = selector.get("matchLabels");
        if (ml != null && ml.isObject()) {
            ml.fields().forEachRemaining(e -> reqs.add(new Requirement(e.getKey(), Operator.EQUALS, Set.of(e.getValue().asText()))));
        }
        JsonNode me = selector.get("matchExpressions");
        if (me != null && me.isArray()) {
            for (JsonNode e : me) {
                Set<String> values = new TreeSet<>();
                e.path("values").forEach(v -> values.add(v.asText()));
                Operator op = switch (e.path("operator").asText()) {
                    case "In" -> Operator.IN;
                    case "NotIn" -> Operator.NOT_IN;
                    case "Exists" -> Operator.EXISTS;
                    case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                    default -> throw new IllegalArgumentException("\"" + e.path("operator").asText() + "\" is not a valid label selector operator");
                };
                reqs.add(new Requirement(e.path("key").asText(), op, values));
            }
        }
        return new LabelSelector(List.copyOf(reqs));
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Requirement r : requirements) {
            String vals = String.join(",", r.values());
            parts.add(switch (r.op()) {
                case EQUALS -> r.key() + "=" + vals;
                case NOT_EQUALS -> r.key() + "!=" + vals;
                case IN -> r.key() + " in (" + vals + ")";
                case NOT_IN -> r.key() + " notin (" + vals + ")";
                case EXISTS -> r.key();
                case DOES_NOT_EXIST -> "!" + r.key();
            });
        }
        return String.join(",", parts);
    }
}
