package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a sync in Argo CD's shape: {@code status.operationState} (what was asked, phase,
 * message, per-object results, start and finish) and the {@code status.history} entry that a
 * successful sync adds, keeping the newest {@code revisionHistoryLimit} entries.
 */
public final class OperationRecord {

    private OperationRecord() {}

    /**
     * @param operation the {@code operation} that was run (e.g. {@code {sync: {revision, prune}}})
     * @param source the application's {@code spec.source} at the time
     */
    public static ObjectNode operationState(SyncResult result, ObjectNode operation, JsonNode source) {
        ObjectNode state = Json.object();
        state.set("operation", operation.deepCopy());
        state.put("phase", result.phase());
        state.put("message", result.message());
        state.put("startedAt", time(result.startedAt()));
        state.put("finishedAt", time(result.finishedAt()));
        ObjectNode syncResult = state.putObject("syncResult");
        syncResult.put("revision", result.revision());
        syncResult.set("source", source == null ? Json.object() : source.deepCopy());
        ArrayNode resources = syncResult.putArray("resources");
        for (ResourceResult r : result.resources()) {
            ObjectNode entry = resources.addObject();
            entry.put("group", r.key().group());
            entry.put("version", r.version());
            entry.put("kind", r.key().kind());
            entry.put("namespace", r.key().namespace());
            entry.put("name", r.key().name());
            entry.put("status", r.status());
            entry.put("message", r.message());
            entry.put("hookPhase", r.failed() ? "Failed" : "Succeeded");
            entry.put("syncPhase", "Sync");
        }
        return state;
    }

    /** The history with the sync appended, ids counting on from the last, trimmed to {@code limit}. */
    public static ArrayNode history(JsonNode previous, SyncResult result, JsonNode source, int limit) {
        ArrayNode history = Json.object().arrayNode();
        long lastId = -1;
        if (previous != null && previous.isArray()) {
            for (JsonNode entry : previous) {
                history.add(entry.deepCopy());
                lastId = Math.max(lastId, entry.path("id").asLong(-1));
            }
        }
        ObjectNode entry = history.addObject();
        entry.put("id", lastId + 1);
        entry.put("revision", result.revision());
        entry.put("deployStartedAt", time(result.startedAt()));
        entry.put("deployedAt", time(result.finishedAt()));
        entry.set("source", source == null ? Json.object() : source.deepCopy());
        while (history.size() > Math.max(limit, 0)) {
            history.remove(0);
        }
        return history;
    }

    /** RFC 3339 in whole seconds, as Kubernetes writes times. */
    public static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
