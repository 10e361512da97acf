package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Assesses the health of live objects of the kinds it is registered for in a
 * {@link HealthAssessor}. Implementations read the object only.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * The health of {@code live}, or empty when this check has no opinion about the object (the
     * assessor then falls back to the next check, or to no health at all).
     *
     * @throws IllegalArgumentException when a field the check needs has the wrong type; the
     *     assessor reports that as {@link HealthStatus#Unknown} with the message
     */
    Optional<Health> assess(ObjectNode live);

    /** This check, and {@code fallback} where this one has no opinion. */
    default HealthCheck orElse(HealthCheck fallback) {
        return live -> {
            Optional<Health> health = assess(live);
            return health.isPresent() ? health : fallback.assess(live);
        };
    }
}
