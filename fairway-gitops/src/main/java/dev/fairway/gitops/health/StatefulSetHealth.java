package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** StatefulSets, judged the way {@code kubectl rollout status} does, including partitioned roll outs. */
final class StatefulSetHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "apps/v1");
        long observed = Fields.number(live, "status", "observedGeneration");
        if (observed == 0 || Fields.number(live, "metadata", "generation") > observed) {
            return Optional.of(Health.progressing("Waiting for statefulset spec update to be observed..."));
        }
        Long desired = Fields.optionalNumber(live, "spec", "replicas");
        long ready = Fields.number(live, "status", "readyReplicas");
        long updated = Fields.number(live, "status", "updatedReplicas");
        if (desired != null && ready < desired) {
            return Optional.of(Health.progressing("Waiting for " + (desired - ready) + " pods to be ready..."));
        }
        String strategy = Fields.text(live, "spec", "updateStrategy", "type");
        boolean rollingUpdate = strategy.equals("RollingUpdate")
                && dev.fairway.kube.Meta.at(live, "spec", "updateStrategy", "rollingUpdate") != null;
        if (rollingUpdate) {
            Long partition = Fields.optionalNumber(live, "spec", "updateStrategy", "rollingUpdate", "partition");
            if (desired != null && partition != null && updated < desired - partition) {
                return Optional.of(Health.progressing("Waiting for partitioned roll out to finish: " + updated
                        + " out of " + (desired - partition) + " new pods have been updated..."));
            }
            return Optional.of(Health.healthy("partitioned roll out complete: " + updated + " new pods have been updated..."));
        }
        if (strategy.equals("OnDelete")) {
            return Optional.of(Health.healthy("statefulset has " + ready + " ready pods"));
        }
        String updateRevision = Fields.text(live, "status", "updateRevision");
        String currentRevision = Fields.text(live, "status", "currentRevision");
        if (!updateRevision.equals(currentRevision)) {
            return Optional.of(Health.progressing("waiting for statefulset rolling update to complete " + updated
                    + " pods at revision " + updateRevision + "..."));
        }
        return Optional.of(Health.healthy("statefulset rolling update complete "
                + Fields.number(live, "status", "currentReplicas") + " pods at revision " + currentRevision + "..."));
    }
}
