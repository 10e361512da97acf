package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** PersistentVolumeClaims by phase: Bound is Healthy, Pending is Progressing, Lost is Degraded. */
final class PersistentVolumeClaimHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "v1");
        HealthStatus status = switch (Fields.text(live, "status", "phase")) {
            case "Bound" -> HealthStatus.Healthy;
            case "Pending" -> HealthStatus.Progressing;
            case "Lost" -> HealthStatus.Degraded;
            default -> HealthStatus.Unknown;
        };
        return Optional.of(new Health(status, ""));
    }
}
