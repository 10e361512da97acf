package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One entry of a Kubernetes {@code status.conditions} list. */
record Condition(String type, String status, String reason, String message) {

    boolean isTrue() {
        return "True".equals(status);
    }

    static Condition of(JsonNode entry) {
        return new Condition(Fields.text(entry, "type"), Fields.text(entry, "status"),
                Fields.text(entry, "reason"), Fields.text(entry, "message"));
    }

    static List<Condition> all(JsonNode object) {
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode entry : Fields.array(object, "status", "conditions")) {
            conditions.add(of(entry));
        }
        return conditions;
    }

    static Optional<Condition> find(JsonNode object, String type) {
        return all(object).stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
