package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Jobs by their Complete, Failed and Suspended conditions; a Job without any of them is still running. */
final class JobHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "batch/v1");
        boolean finished = false;
        boolean failed = false;
        boolean suspended = false;
        String failure = "";
        String message = "";
        // Like Argo CD, the presence of a condition counts, whatever its status, except for Suspended.
        for (Condition condition : Condition.all(live)) {
            switch (condition.type()) {
                case "Failed" -> {
                    finished = true;
                    failed = true;
                    failure = condition.message();
                }
                case "Complete" -> {
                    finished = true;
                    message = condition.message();
                }
                case "Suspended" -> {
                    finished = true;
                    message = condition.message();
                    suspended = suspended || condition.isTrue();
                }
                default -> { }
            }
        }
        if (!finished) {
            return Optional.of(Health.progressing(message));
        }
        if (failed) {
            return Optional.of(Health.degraded(failure));
        }
        if (suspended) {
            return Optional.of(Health.suspended(message));
        }
        return Optional.of(Health.healthy(message));
    }
}
