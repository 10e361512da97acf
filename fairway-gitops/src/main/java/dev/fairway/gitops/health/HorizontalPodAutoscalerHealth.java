package dev.fairway.gitops.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * HorizontalPodAutoscalers in autoscaling/v2, v2beta2 and v2beta1 (conditions in status) and v1
 * (conditions serialized into an annotation). The first condition that says the autoscaler is
 * broken or working decides; without one it is still waiting.
 */
final class HorizontalPodAutoscalerHealth implements HealthCheck {

    private static final String V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
    private static final Set<String> DEGRADED = Set.of(
            "AbleToScale/FailedGetScale",
            "AbleToScale/FailedUpdateScale",
            "ScalingActive/FailedGetResourceMetric",
            "ScalingActive/InvalidSelector");
    private static final Set<String> HEALTHY_WHEN_TRUE = Set.of("AbleToScale", "ScalingLimited");

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta2", "autoscaling/v2beta1");
        List<Condition> conditions = Fields.text(live, "apiVersion").equals("autoscaling/v1")
                ? conditionsFromAnnotation(live)
                : Condition.all(live);
        for (Condition condition : conditions) {
            if (DEGRADED.contains(condition.type() + "/" + condition.reason())) {
                return Optional.of(Health.degraded(condition.message()));
            }
            if (HEALTHY_WHEN_TRUE.contains(condition.type()) && condition.isTrue()) {
                return Optional.of(Health.healthy(condition.message()));
            }
        }
        return Optional.of(Health.progressing("Waiting to Autoscale"));
    }

    private static List<Condition> conditionsFromAnnotation(ObjectNode live) {
        String annotation = Fields.text(live, "metadata", "annotations", V1_CONDITIONS);
        List<Condition> conditions = new ArrayList<>();
        if (annotation.isEmpty()) {
            return conditions;
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(annotation);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("annotation " + V1_CONDITIONS + " is not a JSON list of conditions: "
                    + e.getOriginalMessage());
        }
        if (!parsed.isArray()) {
            throw new IllegalArgumentException("annotation " + V1_CONDITIONS + " is not a JSON list of conditions");
        }
        parsed.forEach(entry -> conditions.add(Condition.of(entry)));
        return conditions;
    }
}
