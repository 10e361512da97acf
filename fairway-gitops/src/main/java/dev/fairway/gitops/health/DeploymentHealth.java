package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.util.Optional;

/** Deployments, judged the way {@code kubectl rollout status} does, plus paused = Suspended. */
final class DeploymentHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "apps/v1");
        if (Fields.flag(live, "spec", "paused")) {
            return Optional.of(Health.suspended("Deployment is paused"));
        }
        if (Fields.number(live, "metadata", "generation") > Fields.number(live, "status", "observedGeneration")) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed deployment generation less than desired generation"));
        }
        boolean deadlineExceeded = Condition.find(live, "Progressing")
                .filter(c -> c.reason().equals("ProgressDeadlineExceeded"))
                .isPresent();
        if (deadlineExceeded) {
            return Optional.of(Health.degraded("Deployment \"" + Meta.name(live) + "\" exceeded its progress deadline"));
        }
        Long desired = Fields.optionalNumber(live, "spec", "replicas");
        long replicas = Fields.number(live, "status", "replicas");
        long updated = Fields.number(live, "status", "updatedReplicas");
        long available = Fields.number(live, "status", "availableReplicas");
        if (desired != null && updated < desired) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + updated + " out of " + desired
                    + " new replicas have been updated..."));
        }
        if (replicas > updated) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + (replicas - updated)
                    + " old replicas are pending termination..."));
        }
        if (available < updated) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + available + " of " + updated
                    + " updated replicas are available..."));
        }
        return Optional.of(Health.healthy(""));
    }
}
