package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.Meta;
import dev.fairway.kube.yaml.ManifestException;
import dev.fairway.kube.yaml.ManifestReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Health rules for kinds Fairway has no built-in check for (custom resources, mostly), written
 * declaratively where Argo CD uses Lua. The format is documented in the gitops module README:
 *
 * <pre>
 * - group: cert-manager.io
 *   kind: Certificate
 *   rules:
 *     - when: status.conditions[type=Ready].status == True
 *       status: Healthy
 *     - when: [status.conditions[type=Ready].status == False]
 *       status: Degraded
 *       message: "{status.conditions[type=Ready].message}"
 *     - status: Progressing
 *       message: Waiting for the certificate
 * </pre>
 *
 * For each object the first rule whose {@code when} tests all hold decides; a rule without
 * {@code when} always holds.
 */
public final class CustomHealthRules {

    /** The ConfigMap data key that holds the rules. */
    public static final String CONFIG_MAP_KEY = "health.yaml";

    private static final Set<String> ENTRY_KEYS = Set.of("group", "kind", "rules");
    private static final Set<String> RULE_KEYS = Set.of("when", "status", "message");

    private final Map<GroupKind, HealthCheck> checks;

    private CustomHealthRules(Map<GroupKind, HealthCheck> checks) {
        this.checks = Map.copyOf(checks);
    }

    public static CustomHealthRules none() {
        return new CustomHealthRules(Map.of());
    }

    /** One check per kind the rules cover. */
    public Map<GroupKind, HealthCheck> checks() {
        return checks;
    }

    /**
     * Reads rules from the {@value #CONFIG_MAP_KEY} key of a ConfigMap.
     *
     * @throws HealthRulesException naming the ConfigMap, the entry and the mistake
     */
    public static CustomHealthRules fromConfigMap(ObjectNode configMap) {
        String source = "ConfigMap " + (Meta.namespace(configMap) == null ? "" : Meta.namespace(configMap) + "/")
                + Meta.name(configMap) + " key " + CONFIG_MAP_KEY;
        JsonNode text = Meta.at(configMap, "data", CONFIG_MAP_KEY);
        if (text == null) {
            throw new HealthRulesException("ConfigMap " + Meta.name(configMap) + " has no data key " + CONFIG_MAP_KEY
                    + "; put the health rules there");
        }
        return parse(text.asText(), source);
    }

    /**
     * Reads rules from YAML (or JSON) text.
     *
     * @param source what to name in errors, such as a file name
     * @throws HealthRulesException naming the source, the entry and the mistake
     */
    public static CustomHealthRules parse(String text, String source) {
        JsonNode document;
        try {
            document = new ManifestReader().readDocument(text, source);
        } catch (ManifestException e) {
            throw new HealthRulesException(e.getMessage(), e);
        }
        if (document.isNull()) {
            return none();
        }
        if (!document.isArray()) {
            throw new HealthRulesException(source + ": expected a list of entries, each with group, kind and rules");
        }
        Map<GroupKind, HealthCheck> checks = new LinkedHashMap<>();
        int number = 0;
        for (JsonNode entry : document) {
            number++;
            String where = source + ": entry " + number;
            GroupKind kind = kindOf(entry, where);
            where += " (" + kind + ")";
            if (checks.containsKey(kind)) {
                throw new HealthRulesException(where + ": " + kind + " already has rules in an earlier entry;"
                        + " put all its rules in one entry");
            }
            checks.put(kind, new RuleList(rulesOf(entry, where)));
        }
        return new CustomHealthRules(checks);
    }

    private static GroupKind kindOf(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new HealthRulesException(where + ": expected a mapping with group, kind and rules, found " + entry);
        }
        requireKnownKeys(entry, ENTRY_KEYS, where);
        String kind = textField(entry, "kind", where);
        if (kind.isEmpty()) {
            throw new HealthRulesException(where + ": kind is missing; name the kind the rules are for, such as"
                    + " \"kind: Certificate\"");
        }
        return new GroupKind(textField(entry, "group", where), kind);
    }

    private static List<Rule> rulesOf(JsonNode entry, String where) {
        JsonNode rules = entry.get("rules");
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw new HealthRulesException(where + ": rules must be a non-empty list of {when, status, message}");
        }
        List<Rule> parsed = new ArrayList<>();
        int number = 0;
        for (JsonNode rule : rules) {
            number++;
            String ruleWhere = where + " rule " + number;
            if (!rule.isObject()) {
                throw new HealthRulesException(ruleWhere + ": expected a mapping with when, status and message");
            }
            requireKnownKeys(rule, RULE_KEYS, ruleWhere);
            try {
                parsed.add(new Rule(conditionsOf(rule.get("when"), ruleWhere), statusOf(rule, ruleWhere),
                        MessageTemplate.parse(textField(rule, "message", ruleWhere))));
            } catch (IllegalArgumentException e) {
                throw new HealthRulesException(ruleWhere + ": " + e.getMessage(), e);
            }
        }
        return parsed;
    }

    private static List<RuleCondition> conditionsOf(JsonNode when, String where) {
        List<RuleCondition> conditions = new ArrayList<>();
        if (when == null || when.isNull()) {
            return conditions;
        }
        if (when.isTextual()) {
            conditions.add(RuleCondition.parse(when.asText()));
            return conditions;
        }
        if (!when.isArray()) {
            throw new HealthRulesException(where + ": when must be a test or a list of tests, found " + when);
        }
        for (JsonNode test : when) {
            if (!test.isTextual()) {
                // A YAML key: value inside the list, as in "- status.phase: Failed", is the usual slip.
                throw new HealthRulesException(where + ": each test must be text such as \"status.phase == Failed\","
                        + " found " + test + " (quote the test if it contains \": \")");
            }
            conditions.add(RuleCondition.parse(test.asText()));
        }
        return conditions;
    }

    private static HealthStatus statusOf(JsonNode rule, String where) {
        String status = textField(rule, "status", where);
        for (HealthStatus candidate : HealthStatus.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(status.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new HealthRulesException(where + ": status " + (status.isEmpty() ? "is missing" : "\"" + status
                + "\" is unknown") + "; use one of Healthy, Suspended, Progressing, Missing, Degraded, Unknown");
    }

    private static String textField(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw new HealthRulesException(where + ": " + field + " must be text, found " + value);
        }
        return value.asText();
    }

    private static void requireKnownKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new HealthRulesException(where + ": unknown field \"" + name + "\"; the fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** One {@code when -> status, message} rule. */
    private record Rule(List<RuleCondition> when, HealthStatus status, MessageTemplate message) {
        boolean holds(ObjectNode live) {
            return when.stream().allMatch(c -> c.test(live));
        }
    }

    /** The rules for one kind: the first that holds decides. */
    private record RuleList(List<Rule> rules) implements HealthCheck {
        @Override
        public Optional<Health> assess(ObjectNode live) {
            return rules.stream()
                    .filter(r -> r.holds(live))
                    .findFirst()
                    .map(r -> new Health(r.status(), r.message().render(live)));
        }
    }
}
