package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * CronJobs, as Argo CD's bundled rule judges them. A CronJob's status cannot tell a run that
 * has not happened from one that was missed, so only a last run that is known to have failed
 * (scheduled after the last success, nothing running) counts as Degraded.
 */
final class CronJobHealth implements HealthCheck {

    @Override
    public Optional<Health> assess(ObjectNode live) {
        if (Fields.flag(live, "spec", "suspend")) {
            return Optional.of(Health.suspended("CronJob is Suspended"));
        }
        if (Meta.at(live, "status") == null) {
            return Optional.of(Health.progressing("Waiting for CronJob"));
        }
        String lastSchedule = Fields.text(live, "status", "lastScheduleTime");
        if (lastSchedule.isEmpty()) {
            return Optional.of(Health.healthy("CronJob has not been scheduled yet"));
        }
        String lastSuccess = Fields.text(live, "status", "lastSuccessfulTime");
        if (lastSuccess.isEmpty()) {
            return Optional.of(Health.healthy("The CronJob never completed successfully. It may not be healthy"));
        }
        if (!Fields.array(live, "status", "active").isEmpty()) {
            return Optional.of(Health.healthy("The job is running. Its last execution may not have been successful"));
        }
        if (isBefore(lastSuccess, lastSchedule)) {
            return Optional.of(Health.degraded("CronJob has not completed its last execution successfully"));
        }
        return Optional.of(Health.healthy("CronJob has completed its last execution successfully"));
    }

    private static boolean isBefore(String a, String b) {
        try {
            return Instant.parse(a).isBefore(Instant.parse(b));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("status.lastSuccessfulTime and status.lastScheduleTime must be RFC 3339"
                    + " times, got " + a + " and " + b);
        }
    }
}
