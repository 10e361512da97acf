package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** ReplicaSets: Degraded when the controller reports it cannot create pods, Progressing until all are available. */
final class ReplicaSetHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "apps/v1");
        if (Fields.number(live, "metadata", "generation") > Fields.number(live, "status", "observedGeneration")) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed replica set generation less than desired generation"));
        }
        Optional<Condition> failure = Condition.find(live, "ReplicaFailure").filter(Condition::isTrue);
        if (failure.isPresent()) {
            return Optional.of(Health.degraded(failure.get().message()));
        }
        Long desired = Fields.optionalNumber(live, "spec", "replicas");
        long available = Fields.number(live, "status", "availableReplicas");
        if (desired != null && available < desired) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + available + " out of " + desired
                    + " new replicas are available..."));
        }
        return Optional.of(Health.healthy(""));
    }
}
