package dev.fairway.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.IgnoreDifferences;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's {@code ignoreDifferences}: removes the fields they name from both sides of a
 * comparison, so that a change another controller owns (an autoscaler's replicas) is not drift.
 */
public final class IgnoredFields {

    private final List<IgnoreDifferences> rules;

    public IgnoredFields(List<IgnoreDifferences> rules) {
        this.rules = List.copyOf(rules);
    }

    public static IgnoredFields none() {
        return new IgnoredFields(List.of());
    }

    /** A copy of the object without the ignored fields. {@code rulesFor} is matched on {@code matchOn}. */
    public ObjectNode strip(ObjectNode object, ObjectNode matchOn) {
        ObjectNode copy = object.deepCopy();
        for (IgnoreDifferences rule : rules) {
            if (!rule.matches(matchOn)) {
                continue;
            }
            rule.jsonPointers().forEach(pointer -> JsonPointers.remove(copy, pointer));
            for (String manager : rule.managedFieldsManagers()) {
                ownedBy(matchOn, manager).forEach(pointer -> JsonPointers.remove(copy, pointer));
            }
        }
        return copy;
    }

    /**
     * {@code RespectIgnoreDifferences=true}: a copy of the object to apply in which every ignored
     * field has the live value (or is left out when the live object lacks it), so that the sync
     * does not overwrite what another controller owns.
     */
    public ObjectNode keepLive(ObjectNode desired, ObjectNode live) {
        ObjectNode copy = desired.deepCopy();
        for (IgnoreDifferences rule : rules) {
            if (!rule.matches(live)) {
                continue;
            }
            rule.jsonPointers().forEach(pointer -> JsonPointers.copy(live, copy, pointer));
            for (String manager : rule.managedFieldsManagers()) {
                ownedBy(live, manager).forEach(pointer -> JsonPointers.copy(live, copy, pointer));
            }
        }
        return copy;
    }

    /**
     * The leaf fields a manager owns in the live object, as JSON pointers. Only plain field steps
     * ({@code f:}) are followed; list items keyed by value are left to the diff.
     */
    private static List<String> ownedBy(ObjectNode live, String manager) {
        List<String> pointers = new ArrayList<>();
        JsonNode entries = live.path("metadata").path("managedFields");
        if (entries instanceof ArrayNode array) {
            for (JsonNode entry : array) {
                if (manager.equals(entry.path("manager").asText()) && entry.get("fieldsV1") instanceof ObjectNode fields) {
                    collect(fields, "", pointers);
                }
            }
        }
        return pointers;
    }

    private static void collect(ObjectNode fields, String prefix, List<String> out) {
        fields.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("f:")) {
                return;
            }
            String pointer = prefix + "/" + e.getKey().substring(2).replace("~", "~0").replace("/", "~1");
            if (e.getValue() instanceof ObjectNode child && child.size() > 0 && !(child.size() == 1 && child.has("."))) {
                collect(child, pointer, out);
            } else {
                out.add(pointer);
            }
        });
    }
}
