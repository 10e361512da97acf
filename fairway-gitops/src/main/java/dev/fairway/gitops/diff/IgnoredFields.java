package dev.fairway.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.IgnoreDifferences;
import dev.fairway.gitops.app.InvalidSpecError;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's {@code ignoreDifferences} ({@code jsonPointers}, {@code jqPathExpressions},
 * {@code managedFieldsManagers}): removes the fields they name from both sides of a comparison,
 * so that a change another controller owns (an autoscaler's replicas) is not drift.
 */
public final class IgnoredFields {

    /** One rule with its jq expressions compiled. */
    private record Rule(IgnoreDifferences spec, List<JqPathExpressions.Compiled> jq) {}

    private final List<Rule> rules;
    private final JqPathExpressions jq;

    /**
     * @throws InvalidSpecError naming the jq expression that does not parse
     */
    public IgnoredFields(List<IgnoreDifferences> rules) {
        this(rules, new JqPathExpressions());
    }

    private IgnoredFields(List<IgnoreDifferences> specs, JqPathExpressions jq) {
        this.jq = jq;
        List<Rule> compiled = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            List<JqPathExpressions.Compiled> expressions = new ArrayList<>();
            List<String> texts = specs.get(i).jqPathExpressions();
            for (int j = 0; j < texts.size(); j++) {
                try {
                    expressions.add(jq.compile(texts.get(j)));
                } catch (JqPathExpressions.InvalidExpressionException e) {
                    throw new InvalidSpecError("spec.ignoreDifferences[" + i + "].jqPathExpressions[" + j + "]", e.getMessage());
                }
            }
            compiled.add(new Rule(specs.get(i), List.copyOf(expressions)));
        }
        this.rules = List.copyOf(compiled);
    }

    /**
     * The application's rules with their jq expressions compiled through {@code cache}, so that an
     * expression is parsed once however often the application is compared.
     *
     * @throws InvalidSpecError naming the jq expression that does not parse
     */
    public static IgnoredFields compile(List<IgnoreDifferences> rules, JqPathExpressions cache) {
        return new IgnoredFields(rules, cache);
    }

    public static IgnoredFields none() {
        return new IgnoredFields(List.of());
    }

    /** A copy of the object without the ignored fields. {@code rulesFor} is matched on {@code matchOn}. */
    public ObjectNode strip(ObjectNode object, ObjectNode matchOn) {
        ObjectNode copy = object.deepCopy();
        for (Rule rule : rules) {
            if (!rule.spec().matches(matchOn)) {
                continue;
            }
            rule.spec().jsonPointers().forEach(pointer -> JsonPointers.remove(copy, pointer));
            for (String manager : rule.spec().managedFieldsManagers()) {
                ownedBy(matchOn, manager).forEach(pointer -> JsonPointers.remove(copy, pointer));
            }
            for (JqPathExpressions.Compiled expression : rule.jq()) {
                // deepest and last first, so that removing one list item does not shift the next one's index
                List<String> pointers = new ArrayList<>(jq.pointers(expression, copy));
                pointers.sort(JsonPointers.REMOVAL_ORDER);
                pointers.forEach(pointer -> JsonPointers.remove(copy, pointer));
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
        for (Rule rule : rules) {
            if (!rule.spec().matches(live)) {
                continue;
            }
            rule.spec().jsonPointers().forEach(pointer -> JsonPointers.copy(live, copy, pointer));
            for (String manager : rule.spec().managedFieldsManagers()) {
                ownedBy(live, manager).forEach(pointer -> JsonPointers.copy(live, copy, pointer));
            }
            for (JqPathExpressions.Compiled expression : rule.jq()) {
                java.util.Set<String> pointers = new java.util.TreeSet<>(JsonPointers.REMOVAL_ORDER);
                pointers.addAll(jq.pointers(expression, live));
                pointers.addAll(jq.pointers(expression, desired));
                pointers.forEach(pointer -> JsonPointers.copy(live, copy, pointer));
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
