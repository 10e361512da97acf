package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Services: healthy at once, except a LoadBalancer, which waits for its external address. */
final class ServiceHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        Fields.requireApiVersion(live, "v1");
        if (Fields.text(live, "spec", "type").equals("LoadBalancer")
                && Fields.array(live, "status", "loadBalancer", "ingress").isEmpty()) {
            return Optional.of(Health.progressing(""));
        }
        return Optional.of(Health.healthy(""));
    }
}
