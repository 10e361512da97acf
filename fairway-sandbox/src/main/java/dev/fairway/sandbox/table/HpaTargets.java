package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The TARGETS cell of an autoscaler: {@code cpu: 42%/80%}, at most two metrics then {@code + N more...}. */
final class HpaTargets {

    private static final int MAX_LISTED = 2;

    private HpaTargets() {}

    static String format(JsonNode hpa) {
        JsonNode spec = hpa.path("spec");
        if (spec.has("targetCPUUtilizationPercentage")) {
            // autoscaling/v1 shape
            JsonNode current = hpa.path("status").path("currentCPUUtilizationPercentage");
            String cur = current.isNumber() ? current.asLong() + "%" : "<unknown>";
            return "cpu: " + cur + "/" + Fields.number(spec, "targetCPUUtilizationPercentage") + "%";
        }
        List<JsonNode> specs = Fields.items(spec, "metrics");
        if (specs.isEmpty()) {
            return "<none>";
        }
        List<JsonNode> statuses = Fields.items(hpa, "status", "currentMetrics");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            JsonNode status = i < statuses.size() ? statuses.get(i) : null;
            out.add(metric(specs.get(i), status));
        }
        if (out.size() > MAX_LISTED) {
            return String.join(", ", out.subList(0, MAX_LISTED)) + " + " + (out.size() - MAX_LISTED) + " more...";
        }
        return String.join(", ", out);
    }

    private static String metric(JsonNode spec, JsonNode status) {
        String type = Fields.text(spec, "type");
        switch (type) {
            case "External", "Object": {
                String field = type.equals("External") ? "external" : "object";
                JsonNode target = spec.path(field).path("target");
                JsonNode current = status == null ? null : status.path(field);
                if (Fields.present(target, "averageValue")) {
                    String cur = present(current, "current", "averageValue") ? Fields.text(current, "current", "averageValue") : "<unknown>";
                    return cur + "/" + Fields.text(target, "averageValue") + " (avg)";
                }
                String cur = current != null && current.isObject() ? Fields.text(current, "current", "value") : "<unknown>";
                return cur + "/" + Fields.text(target, "value");
            }
            case "Pods": {
                JsonNode current = status == null ? null : status.path("pods");
                String cur = current != null && current.isObject() ? Fields.text(current, "current", "averageValue") : "<unknown>";
                return cur + "/" + Fields.text(spec, "pods", "target", "averageValue");
            }
            case "Resource", "ContainerResource": {
                String field = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode source = spec.path(field);
                JsonNode current = status == null ? null : status.path(field);
                String name = Fields.text(source, "name");
                JsonNode target = source.path("target");
                if (Fields.present(target, "averageValue")) {
                    String cur = current != null && current.isObject() ? Fields.text(current, "current", "averageValue") : "<unknown>";
                    return name + ": " + cur + "/" + Fields.text(target, "averageValue");
                }
                String cur = present(current, "current", "averageUtilization")
                        ? Fields.number(current, "current", "averageUtilization") + "%" : "<unknown>";
                String goal = Fields.present(target, "averageUtilization") ? Fields.number(target, "averageUtilization") + "%" : "<auto>";
                return name + ": " + cur + "/" + goal;
            }
            default:
                return "<unknown type>";
        }
    }

    private static boolean present(JsonNode node, String... path) {
        return node != null && Fields.present(node, path);
    }
}
