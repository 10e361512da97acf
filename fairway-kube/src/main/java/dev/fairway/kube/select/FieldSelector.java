package dev.fairway.kube.select;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code metadata.name=web,status.phase!=Running}). Only equality and
 * inequality exist, as in Kubernetes; which fields may be used is decided by the server per kind.
 */
public record FieldSelector(List<Term> terms) {

    public record Term(String field, boolean equals, String value) {}

    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int ne = p.indexOf("!=");
            int eq2 = p.indexOf("==");
            int eq = p.indexOf('=');
            if (ne >= 0) {
                terms.add(new Term(p.substring(0, ne), false, p.substring(ne + 2)));
            } else if (eq2 >= 0) {
                terms.add(new Term(p.substring(0, eq2), true, p.substring(eq2 + 2)));
            } else if (eq >= 0) {
                terms.add(new Term(p.substring(0, eq), true, p.substring(eq + 1)));
            } else {
                throw new IllegalArgumentException("invalid selector: '" + text + "'; can't understand '" + p + "'");
            }
        }
        return new FieldSelector(List.copyOf(terms));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The value that a single {@code field=value} term asks for, or null (e.g. metadata.name for watches by name). */
    public String exactValue(String field) {
        for (Term t : terms) {
            if (t.equals() && t.field().equals(field)) {
                return t.value();
            }
        }
        return null;
    }

    /** Evaluates against an object, reading each field by its dotted path (missing = ""). */
    public boolean matches(JsonNode obj) {
        for (Term t : terms) {
            String actual = valueOf(obj, t.field());
            if (t.equals() != actual.equals(t.value())) {
                return false;
            }
        }
        return true;
    }

    static String valueOf(JsonNode obj, String dotted) {
        JsonNode cur = obj;
        for (String p : dotted.split("\\.")) {
            if (cur == null) {
                break;
            }
            cur = cur.get(p);
        }
        if (cur == null || cur.isNull()) {
            return "";
        }
        return cur.isValueNode() ? cur.asText() : cur.toString();
    }
}
