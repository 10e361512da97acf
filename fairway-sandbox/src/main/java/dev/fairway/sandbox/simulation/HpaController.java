package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import dev.fairway.sandbox.api.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The horizontal pod autoscaler, fed by a simulated CPU utilisation that the user sets with the
 * {@code sandbox.fairway.dev/cpu-utilization} annotation on the HPA (percent of requests; default
 * the target, so nothing moves): every 15 seconds it scales the target Deployment, StatefulSet or
 * ReplicaSet to ceil(current x utilisation / target) within min and max replicas, and reports
 * currentMetrics, current/desired replicas and the AbleToScale/ScalingActive/ScalingLimited
 * conditions.
 */
final class HpaController extends SimulatedController {

    static final String NAME = "horizontal-pod-autoscaler";
    private static final Duration SYNC = Duration.ofSeconds(15);

    HpaController(SimulationContext ctx) {
        super(ctx, "hpa");
    }

    @Override
    void start() {
        try {
            for (ObjectNode h : ctx.service().list(ctx.kinds().hpas(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(h));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list horizontal pod autoscalers: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("autoscaling", "horizontalpodautoscalers") && !c.deleted()) {
            queue.add(c.ref());
        }
    }

    private ResourceType targetType(String kind) {
        return switch (kind) {
            case "Deployment" -> ctx.kinds().deployments();
            case "StatefulSet" -> ctx.kinds().statefulSets();
            case "ReplicaSet" -> ctx.kinds().replicaSets();
            default -> null;
        };
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().hpas(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())) {
            return null;
        }
        ObjectNode hpa = found.get();
        JsonNode spec = hpa.path("spec");
        Instant now = ctx.clock().instant();
        JsonNode oldStatus = hpa.path("status");
        ObjectNode status = ObjectFields.NODES.objectNode();
        JsonNode target = spec.path("scaleTargetRef");
        ResourceType type = targetType(target.path("kind").asText());
        Optional<ObjectNode> workload = type == null ? Optional.empty()
                : ctx.service().find(type, ref.namespace(), target.path("name").asText());
        if (workload.isEmpty()) {
            String msg = "the HPA controller was unable to get the target's current scale: " + target.path("kind").asText().toLowerCase()
                    + "s/scale \"" + target.path("name").asText() + "\" not found";
            status.put("currentReplicas", 0);
            status.put("desiredReplicas", 0);
            ObjectFields.setCondition(status, oldStatus, "AbleToScale", "False", "FailedGetScale", msg, now, false, false);
            write(hpa, status);
            return SYNC;
        }
        int current = workload.get().path("spec").path("replicas").asInt(1);
        int min = spec.path("minReplicas").asInt(1);
        int max = spec.path("maxReplicas").asInt(Math.max(min, current));
        int targetUtil = 80;
        for (JsonNode m : spec.path("metrics")) {
            JsonNode t = m.path("resource").path("target");
            if ("cpu".equals(m.path("resource").path("name").asText()) && t.has("averageUtilization")) {
                targetUtil = t.get("averageUtilization").asInt();
            }
        }
        String annotated = ObjectFields.annotation(hpa, Simulator.UTILIZATION_ANNOTATION);
        int util = targetUtil;
        if (annotated != null) {
            try {
                util = Integer.parseInt(annotated.trim().replace("%", ""));
            } catch (NumberFormatException e) {
                ctx.events().warning(NAME, hpa, "FailedGetResourceMetric", "the " + Simulator.UTILIZATION_ANNOTATION
                        + " annotation must be a whole percentage such as 75, not \"" + annotated + "\"");
            }
        }
        int raw = current == 0 ? 0 : (int) Math.ceil(current * (double) util / Math.max(1, targetUtil));
        if (Math.abs(util - targetUtil) <= targetUtil / 10) {
            raw = current; // within the 10% tolerance
        }
        int desired = Math.max(min, Math.min(max, raw));
        if (desired != current && current > 0) {
            ObjectNode scaled = workload.get().deepCopy();
            scaled.with("spec").put("replicas", desired);
            ctx.service().update(type, ref.namespace(), target.path("name").asText(), "", scaled, ObjectFields.as(NAME));
            ctx.events().normal(NAME, hpa, "SuccessfulRescale", "New size: " + desired + "; reason: cpu resource utilization (percentage of request) "
                    + (desired > current ? "above" : "below") + " target");
            status.put("lastScaleTime", ObjectFields.stamp(now));
        } else if (oldStatus.has("lastScaleTime")) {
            status.set("lastScaleTime", oldStatus.get("lastScaleTime"));
        }
        ObjectNode metric = status.putArray("currentMetrics").addObject();
        metric.put("type", "Resource");
        ObjectNode res = metric.putObject("resource");
        res.put("name", "cpu");
        res.putObject("current").put("averageUtilization", util).put("averageValue", (util * 10) + "m");
        status.put("currentReplicas", current);
        status.put("desiredReplicas", desired);
        ObjectFields.setCondition(status, oldStatus, "AbleToScale", "True", "ReadyForNewScale",
                "recommended size matches current size", now, false, false);
        ObjectFields.setCondition(status, oldStatus, "ScalingActive", "True", "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", now, false, false);
        if (raw > max || raw < min) {
            ObjectFields.setCondition(status, oldStatus, "ScalingLimited", "True", raw > max ? "TooManyReplicas" : "TooFewReplicas",
                    "the desired replica count is " + (raw > max ? "more than the maximum" : "less than the minimum") + " replica count",
                    now, false, false);
        } else {
            ObjectFields.setCondition(status, oldStatus, "ScalingLimited", "False", "DesiredWithinRange",
                    "the desired count is within the acceptable range", now, false, false);
        }
        write(hpa, status);
        return SYNC;
    }

    private void write(ObjectNode hpa, ObjectNode status) throws ApiException {
        if (!ObjectFields.same(status, hpa.get("status"))) {
            ObjectNode copy = hpa.deepCopy();
            copy.set("status", status);
            ctx.service().update(ctx.kinds().hpas(), ObjectFields.namespace(hpa), ObjectFields.name(hpa), "status", copy, ObjectFields.as(NAME));
        }
    }
}
