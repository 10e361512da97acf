package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.util.Optional;

/** DaemonSets, judged the way {@code kubectl rollout status} does. */
final class DaemonSetHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "apps/v1");
        if (Fields.number(live, "metadata", "generation") > Fields.number(live, "status", "observedGeneration")) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed daemon set generation less than desired generation"));
        }
        long updated = Fields.number(live, "status", "updatedNumberScheduled");
        long desired = Fields.number(live, "status", "desiredNumberScheduled");
        long available = Fields.number(live, "status", "numberAvailable");
        if (Fields.text(live, "spec", "updateStrategy", "type").equals("OnDelete")) {
            return Optional.of(Health.healthy(
                    "daemon set " + updated + " out of " + desired + " new pods have been updated"));
        }
        String name = "\"" + Meta.name(live) + "\"";
        if (updated < desired) {
            return Optional.of(Health.progressing("Waiting for daemon set " + name + " rollout to finish: " + updated
                    + " out of " + desired + " new pods have been updated..."));
        }
        if (available < desired) {
            return Optional.of(Health.progressing("Waiting for daemon set " + name + " rollout to finish: " + available
                    + " of " + desired + " updated pods are available..."));
        }
        return Optional.of(Health.healthy(""));
    }
}
