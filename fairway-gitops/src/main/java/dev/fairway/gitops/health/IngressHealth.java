package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Ingresses (any version, networking.k8s.io or extensions): healthy once a load balancer address is assigned. */
final class IngressHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        boolean assigned = !Fields.array(live, "status", "loadBalancer", "ingress").isEmpty();
        return Optional.of(assigned ? Health.healthy("") : Health.progressing(""));
    }
}
