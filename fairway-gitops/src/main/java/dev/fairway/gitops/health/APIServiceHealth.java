package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Aggregated APIServices: healthy when the Available condition is True. */
final class APIServiceHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "apiregistration.k8s.io/v1", "apiregistration.k8s.io/v1beta1");
        return Condition.find(live, "Available")
                .map(c -> {
                    String message = c.reason() + ": " + c.message();
                    return c.isTrue() ? Health.healthy(message) : Health.progressing(message);
                })
                .or(() -> Optional.of(Health.progressing("Waiting to be processed")));
    }
}
