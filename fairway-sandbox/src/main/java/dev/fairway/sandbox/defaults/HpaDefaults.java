package dev.fairway.sandbox.defaults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of HorizontalPodAutoscalers: one replica minimum, 80% CPU, and filled-in scaling behaviour. */
final class HpaDefaults {

    private HpaDefaults() {}

    static void autoscalingV1(ObjectNode hpa) {
        Tree.number(Tree.child(hpa, "spec"), "minReplicas", 1);
    }

    static void autoscalingV2(ObjectNode hpa) {
        ObjectNode spec = Tree.child(hpa, "spec");
        Tree.number(spec, "minReplicas", 1);
        if (Tree.absent(spec, "metrics") || spec.get("metrics").isEmpty()) {
            ObjectNode metric = spec.putArray("metrics").addObject();
            metric.put("type", "Resource");
            ObjectNode resource = metric.putObject("resource");
            resource.put("name", "cpu");
            ObjectNode target = resource.putObject("target");
            target.put("type", "Utilization");
            target.put("averageUtilization", 80);
        }
        ObjectNode behavior = Tree.existing(spec, "behavior");
        if (behavior != null) {
            ObjectNode up = Tree.child(behavior, "scaleUp");
            Tree.number(up, "stabilizationWindowSeconds", 0);
            Tree.text(up, "selectPolicy", "Max");
            if (Tree.absent(up, "policies")) {
                ArrayNode policies = up.putArray("policies");
                policy(policies, "Pods", 4);
                policy(policies, "Percent", 100);
            }
            ObjectNode down = Tree.child(behavior, "scaleDown");
            // No stabilization window: the controller's --horizontal-pod-autoscaler-downscale-stabilization applies.
            Tree.text(down, "selectPolicy", "Max");
            if (Tree.absent(down, "policies")) {
                policy(down.putArray("policies"), "Percent", 100);
            }
        }
    }

    private static void policy(ArrayNode policies, String type, int value) {
        ObjectNode p = policies.addObject();
        p.put("type", type);
        p.put("value", value);
        p.put("periodSeconds", 15);
    }
}
