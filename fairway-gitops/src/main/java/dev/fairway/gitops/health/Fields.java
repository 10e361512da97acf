package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Meta;

/**
 * Typed reads of status and spec fields. Kubernetes leaves zero counts out of status
 * ({@code omitempty}), so a missing number reads as 0, exactly as Argo CD's typed structs do.
 */
final class Fields {
    private Fields() {}

    static long number(JsonNode object, String... path) {
        JsonNode value = Meta.at(object, path);
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException(String.join(".", path) + " is " + value + ", not a whole number");
        }
        return value.asLong();
    }

    /** The number, or null when the field is absent (for fields such as spec.replicas where absent differs from 0). */
    static Long optionalNumber(JsonNode object, String... path) {
        return Meta.at(object, path) == null ? null : number(object, path);
    }

    static String text(JsonNode object, String... path) {
        JsonNode value = Meta.at(object, path);
        if (value == null) {
            return "";
        }
        if (value.isContainerNode()) {
            throw new IllegalArgumentException(String.join(".", path) + " is " + value + ", not a single value");
        }
        return value.asText();
    }

    static boolean flag(JsonNode object, String... path) {
        JsonNode value = Meta.at(object, path);
        return value != null && value.asBoolean(false);
    }

    static JsonNode array(JsonNode object, String... path) {
        JsonNode value = Meta.at(object, path);
        if (value == null) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(String.join(".", path) + " is " + value + ", not a list");
        }
        return value;
    }

    /** Argo CD assesses only the API versions it knows a kind's status layout for. */
    static void requireApiVersion(JsonNode object, String... supported) {
        String apiVersion = Meta.apiVersion(object);
        for (String s : supported) {
            if (s.equals(apiVersion)) {
                return;
            }
        }
        throw new IllegalArgumentException("no health check for " + Meta.kind(object) + " in " + apiVersion
                + " (known versions: " + String.join(", ", supported) + ")");
    }
}
