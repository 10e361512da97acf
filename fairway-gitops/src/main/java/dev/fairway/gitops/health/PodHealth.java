package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pods. Long-running pods (restartPolicy Always, the Kubernetes default when the field is absent)
 * are Degraded as soon as a container waits in an error or back-off state. Pods that run to
 * completion (OnFailure, Never) are typically sync hooks, so they stay Progressing while they
 * run and are judged only when they finish: a transient image pull error must not fail a hook
 * that would succeed a minute later.
 */
final class PodHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "v1");
        String restartPolicy = Fields.text(live, "spec", "restartPolicy");
        boolean longRunning = restartPolicy.isEmpty() || restartPolicy.equals("Always");
        String message = Fields.text(live, "status", "message");
        JsonNode containers = Fields.array(live, "status", "containerStatuses");

        if (longRunning) {
            List<String> waitingErrors = new ArrayList<>();
            for (JsonNode container : containers) {
                String reason = Fields.text(container, "state", "waiting", "reason");
                if (reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff")) {
                    waitingErrors.add(Fields.text(container, "state", "waiting", "message"));
                }
            }
            if (!waitingErrors.isEmpty()) {
                return Optional.of(Health.degraded(String.join(", ", waitingErrors)));
            }
        }

        switch (Fields.text(live, "status", "phase")) {
            case "Pending":
                return Optional.of(Health.progressing(message));
            case "Succeeded":
                return Optional.of(Health.healthy(message));
            case "Failed":
                return Optional.of(Health.degraded(message.isEmpty() ? failureOfContainers(live) : message));
            case "Running":
                if (!longRunning) {
                    return Optional.of(Health.progressing(message));
                }
                if (isReady(live)) {
                    return Optional.of(Health.healthy(message));
                }
                for (JsonNode container : containers) {
                    if (Meta.at(container, "lastState", "terminated") != null) {
                        return Optional.of(Health.degraded(message));
                    }
                }
                return Optional.of(Health.progressing(message));
            default:
                return Optional.of(Health.unknown(message));
        }
    }

    private static boolean isReady(ObjectNode pod) {
        return Condition.find(pod, "Ready").filter(Condition::isTrue).isPresent();
    }

    /** The first terminated container's reason for failing, init containers first. */
    private static String failureOfContainers(ObjectNode pod) {
        List<JsonNode> all = new ArrayList<>();
        Fields.array(pod, "status", "initContainerStatuses").forEach(all::add);
        Fields.array(pod, "status", "containerStatuses").forEach(all::add);
        for (JsonNode container : all) {
            JsonNode terminated = Meta.at(container, "state", "terminated");
            if (terminated == null) {
                continue;
            }
            String message = Fields.text(terminated, "message");
            if (!message.isEmpty()) {
                return message;
            }
            if (Fields.text(terminated, "reason").equals("OOMKilled")) {
                return "OOMKilled";
            }
            long exitCode = Fields.number(terminated, "exitCode");
            if (exitCode != 0) {
                return "container \"" + Fields.text(container, "name") + "\" failed with exit code " + exitCode;
            }
        }
        return "";
    }
}
