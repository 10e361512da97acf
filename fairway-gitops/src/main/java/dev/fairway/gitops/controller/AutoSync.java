package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.AutomatedSync;
import dev.fairway.gitops.app.RetryStrategy;
import dev.fairway.gitops.diff.Comparison;
import dev.fairway.gitops.diff.ResourceState;
import dev.fairway.gitops.sync.OperationState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Whether an automated application syncs now, following Argo CD: every new revision is synced
 * once; drift at the same revision only with selfHeal (at most every selfHealDelay); a failed sync
 * of a revision is tried again only as the retry policy allows.
 *
 * @param sync true to sync now
 * @param retryCount the value of {@code operationState.retryCount} for the sync
 * @param recheckIn when not syncing now, when the answer may change (empty: only on events)
 * @param reason why, for the log
 */
public record AutoSync(boolean sync, int retryCount, Optional<Duration> recheckIn, String reason) {

    static AutoSync no(String reason) {
        return new AutoSync(false, 0, Optional.empty(), reason);
    }

    static AutoSync later(Duration in, String reason) {
        return new AutoSync(false, 0, Optional.of(in), reason);
    }

    public static AutoSync decide(Application app, Comparison comparison, String revision, JsonNode operationState,
            Instant now, Duration selfHealDelay) {
        if (app.syncPolicy().automated().isEmpty()) {
            return no("automated sync is off");
        }
        AutomatedSync automated = app.syncPolicy().automated().get();
        if (comparison.isSynced()) {
            return no("in sync");
        }
        boolean onlyPruning = comparison.outOfSync().stream().allMatch(r -> r.state() == ResourceState.REQUIRES_PRUNING);
        if (onlyPruning && !automated.prune()) {
            return no("only pruning is needed and prune is off");
        }
        boolean nothingDesired = comparison.resources().stream().allMatch(r -> r.desired() == null);
        if (nothingDesired && !automated.allowEmpty()) {
            return no("the sync would delete every object and allowEmpty is off");
        }
        JsonNode last = operationState == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : operationState;
        String lastRevision = last.path("syncResult").path("revision").asText(last.path("operation").path("sync").path("revision").asText(""));
        if (!revision.equals(lastRevision)) {
            return new AutoSync(true, 0, Optional.empty(), "new revision " + revision);
        }
        // finishedAt is written in whole seconds: count from the end of that second
        Instant finished = time(last.path("finishedAt").asText("")).map(t -> t.plusSeconds(1)).orElse(Instant.EPOCH);
        String phase = last.path("phase").asText("");
        if (!OperationState.SUCCEEDED.equals(phase)) {
            int retries = last.path("retryCount").asInt(0);
            RetryStrategy retry = app.syncPolicy().retry().orElse(null);
            if (retry == null || !retry.allows(retries)) {
                return no("the last sync of " + revision + " failed and no retry is left");
            }
            Instant at = finished.plus(retry.delay(retries + 1));
            if (now.isBefore(at)) {
                return later(Duration.between(now, at), "retry " + (retries + 1) + " waits for its backoff");
            }
            return new AutoSync(true, retries + 1, Optional.empty(), "retry " + (retries + 1) + " of " + revision);
        }
        if (!automated.selfHeal()) {
            return no("drift at the synced revision; selfHeal is off");
        }
        Instant at = finished.plus(selfHealDelay);
        if (now.isBefore(at)) {
            return later(Duration.between(now, at), "self-heal waits " + selfHealDelay.toSeconds() + "s after the last sync");
        }
        return new AutoSync(true, 0, Optional.empty(), "self-heal");
    }

    private static Optional<Instant> time(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
