package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Argo Workflows (argoproj.io Workflow), by phase. */
final class WorkflowHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        String message = Fields.text(live, "status", "message");
        return Optional.of(switch (Fields.text(live, "status", "phase")) {
            case "", "Pending", "Running" -> Health.progressing(message);
            case "Succeeded" -> Health.healthy(message);
            case "Failed", "Error" -> Health.degraded(message);
            default -> Health.unknown(message);
        });
    }
}
