package dev.fairway.kube.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Compares JSON values as JSON defines them: {@code 1}, {@code 1.0} and a long 1 are the same number. */
public final class JsonValues {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues() {}

    /** Whether two values are equal, treating numbers by value and null Java references as absent. */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }
}
