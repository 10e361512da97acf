package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.kube.Json;

/**
 * What an operation did to one object so far: an entry of
 * {@code status.operationState.syncResult.resources}, in Argo CD's shape. It is the operation's
 * memory: a task with a result is never started again, so a resumed operation neither applies a
 * finished wave twice nor runs a completed hook again.
 *
 * @param status {@code Synced}, {@code SyncFailed}, {@code Pruned} or {@code PruneSkipped}
 * @param hookType the hook's phase name for hooks, empty for ordinary resources
 * @param hookPhase {@code Running} (waiting for health or for the hook to finish), {@code Succeeded}
 *     or {@code Failed}
 */
public record TaskResult(ResourceKey key, String version, SyncPhase syncPhase, String hookType, String status,
        String hookPhase, String message) {

    public static final String SYNCED = "Synced";
    public static final String SYNC_FAILED = "SyncFailed";
    public static final String PRUNED = "Pruned";
    public static final String PRUNE_SKIPPED = "PruneSkipped";

    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    public boolean isHook() {
        return !hookType.isEmpty();
    }

    public boolean running() {
        return RUNNING.equals(hookPhase);
    }

    public boolean failed() {
        return SYNC_FAILED.equals(status) || FAILED.equals(hookPhase);
    }

    /** Which task this is the result of: the same object may run as a hook in two phases. */
    public String taskId() {
        return SyncTask.id(key, syncPhase, isHook());
    }

    TaskResult with(String newStatus, String newHookPhase, String newMessage) {
        return new TaskResult(key, version, syncPhase, hookType, newStatus, newHookPhase, newMessage);
    }

    ObjectNode toJson() {
        ObjectNode entry = Json.object();
        entry.put("group", key.group());
        entry.put("version", version);
        entry.put("kind", key.kind());
        entry.put("namespace", key.namespace());
        entry.put("name", key.name());
        entry.put("status", status);
        entry.put("message", message);
        if (isHook()) {
            entry.put("hookType", hookType);
        }
        entry.put("hookPhase", hookPhase);
        entry.put("syncPhase", syncPhase.name());
        return entry;
    }

    static TaskResult fromJson(JsonNode entry) {
        SyncPhase phase;
        try {
            phase = SyncPhase.valueOf(entry.path("syncPhase").asText("Sync"));
        } catch (IllegalArgumentException e) {
            phase = SyncPhase.Sync;
        }
        return new TaskResult(new ResourceKey(entry.path("group").asText(""), entry.path("kind").asText(""),
                entry.path("namespace").asText(""), entry.path("name").asText("")), entry.path("version").asText(""),
                phase, entry.path("hookType").asText(""), entry.path("status").asText(""),
                entry.path("hookPhase").asText(SUCCEEDED), entry.path("message").asText(""));
    }
}
