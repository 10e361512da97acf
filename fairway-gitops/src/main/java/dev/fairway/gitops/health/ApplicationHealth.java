package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Argo CD Applications managed by another Application ("app of apps"): the parent waits until
 * the child is both synced and healthy, so that sync waves of child apps roll out in order.
 */
final class ApplicationHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        String status = Fields.text(live, "status", "health", "status");
        String message = Fields.text(live, "status", "health", "message");
        if (status.isEmpty()) {
            return Optional.of(Health.progressing("Waiting for application to be reconciled"));
        }
        HealthStatus childStatus;
        try {
            childStatus = HealthStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status.health.status is \"" + status + "\", not an Argo CD health status");
        }
        if (childStatus != HealthStatus.Healthy) {
            return Optional.of(new Health(childStatus, message));
        }
        String sync = Fields.text(live, "status", "sync", "status");
        if (!sync.equals("Synced")) {
            return Optional.of(Health.progressing("Waiting for application to be synced (sync status is "
                    + (sync.isEmpty() ? "not reported yet" : sync) + ")"));
        }
        return Optional.of(Health.healthy(message));
    }
}
