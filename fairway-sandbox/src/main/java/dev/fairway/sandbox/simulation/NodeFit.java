package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The scheduler's filters that need only the pod and the node: readiness, cordon, selectors, affinity, taints. */
final class NodeFit {

    private NodeFit() {}

    /** Why the pod cannot go to the node, in the scheduler's words, or null when it can. */
    static String reject(JsonNode pod, JsonNode node) {
        JsonNode tolerations = pod.path("spec").path("tolerations");
        if (node.path("spec").path("unschedulable").asBoolean(false)
                && !tolerates(tolerations, "node.kubernetes.io/unschedulable", "", "NoSchedule")) {
            return "node(s) were unschedulable";
        }
        if (!ObjectFields.conditionTrue(node, "Ready")) {
            return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
        }
        Map<String, String> labels = ObjectFields.labels(node);
        JsonNode selector = pod.path("spec").path("nodeSelector");
        var it = selector.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return "node(s) didn't match Pod's node affinity/selector";
            }
        }
        JsonNode required = pod.path("spec").path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution");
        if (required.has("nodeSelectorTerms") && !anyTermMatches(required.get("nodeSelectorTerms"), labels, ObjectFields.name(node))) {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        for (JsonNode taint : node.path("spec").path("taints")) {
            String effect = taint.path("effect").asText();
            if ((effect.equals("NoSchedule") || effect.equals("NoExecute"))
                    && !taint.path("key").asText().equals("node.kubernetes.io/unschedulable")
                    && !tolerates(tolerations, taint.path("key").asText(), taint.path("value").asText(""), effect)) {
                return "node(s) had untolerated taint {" + taint.path("key").asText() + ": " + taint.path("value").asText("") + "}";
            }
        }
        return null;
    }

    /** Terms are ORed, the expressions of one term ANDed; an empty term matches nothing. */
    static boolean anyTermMatches(JsonNode terms, Map<String, String> labels, String nodeName) {
        for (JsonNode term : terms) {
            boolean hasAny = false;
            boolean all = true;
            for (JsonNode expr : term.path("matchExpressions")) {
                hasAny = true;
                all &= matches(expr, labels.get(expr.path("key").asText()));
            }
            for (JsonNode expr : term.path("matchFields")) {
                hasAny = true;
                all &= "metadata.name".equals(expr.path("key").asText()) && matches(expr, nodeName);
            }
            if (hasAny && all) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode expr, String value) {
        JsonNode values = expr.path("values");
        switch (expr.path("operator").asText()) {
            case "In":
                return value != null && contains(values, value);
            case "NotIn":
                return value == null || !contains(values, value);
            case "Exists":
                return value != null;
            case "DoesNotExist":
                return value == null;
            case "Gt":
            case "Lt":
                try {
                    long have = Long.parseLong(value);
                    long bound = Long.parseLong(values.path(0).asText());
                    return expr.path("operator").asText().equals("Gt") ? have > bound : have < bound;
                } catch (NumberFormatException | NullPointerException e) {
                    return false;
                }
            default:
                return false;
        }
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (value.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the tolerations tolerates a taint, with Kubernetes' matching rules. */
    static boolean tolerates(JsonNode tolerations, String key, String value, String effect) {
        for (JsonNode t : tolerations) {
            String tEffect = t.path("effect").asText("");
            if (!tEffect.isEmpty() && !tEffect.equals(effect)) {
                continue;
            }
            String tKey = t.path("key").asText("");
            String op = t.path("operator").asText("Equal");
            if (tKey.isEmpty()) {
                if (op.equals("Exists")) {
                    return true;
                }
                continue;
            }
            if (!tKey.equals(key)) {
                continue;
            }
            if (op.equals("Exists") || t.path("value").asText("").equals(value)) {
                return true;
            }
        }
        return false;
    }
}
