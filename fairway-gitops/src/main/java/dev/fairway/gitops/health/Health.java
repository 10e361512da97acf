package dev.fairway.gitops.health;

import java.util.Objects;

/**
 * The assessed health of one resource, as Argo CD reports it in an Application's
 * {@code status.resources[].health}.
 *
 * @param message why, in words for the user; empty when there is nothing to add
 */
public record Health(HealthStatus status, String message) {

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Health healthy(String message) {
        return new Health(HealthStatus.Healthy, message);
    }

    public static Health suspended(String message) {
        return new Health(HealthStatus.Suspended, message);
    }

    public static Health progressing(String message) {
        return new Health(HealthStatus.Progressing, message);
    }

    public static Health degraded(String message) {
        return new Health(HealthStatus.Degraded, message);
    }

    public static Health unknown(String message) {
        return new Health(HealthStatus.Unknown, message);
    }
}
