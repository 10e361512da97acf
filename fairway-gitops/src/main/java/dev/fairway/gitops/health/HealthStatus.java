package dev.fairway.gitops.health;

import java.util.Arrays;
import java.util.Collection;

/**
 * Argo CD's health states, declared from most to least healthy: an application is as healthy as
 * its least healthy resource, so aggregation takes the {@link #worst} of them.
 */
public enum HealthStatus {
    /** The resource is fully working. */
    Healthy,
    /** Paused or suspended on purpose, such as a paused Deployment or a suspended CronJob. */
    Suspended,
    /** Not healthy yet, but still on the way there. */
    Progressing,
    /** The resource does not exist in the cluster. */
    Missing,
    /** Failed, or could not become healthy in time. */
    Degraded,
    /** The health could not be assessed. */
    Unknown;

    /** Whether this status ranks below {@code other} when aggregating. */
    public boolean isWorseThan(HealthStatus other) {
        return compareTo(other) > 0;
    }

    /** The least healthy of the given statuses; {@link #Healthy} when there are none. */
    public static HealthStatus worst(HealthStatus... statuses) {
        return worst(Arrays.asList(statuses));
    }

    /** The least healthy of the given statuses; {@link #Healthy} when there are none. */
    public static HealthStatus worst(Collection<HealthStatus> statuses) {
        HealthStatus worst = Healthy;
        for (HealthStatus status : statuses) {
            if (status.isWorseThan(worst)) {
                worst = status;
            }
        }
        return worst;
    }
}
