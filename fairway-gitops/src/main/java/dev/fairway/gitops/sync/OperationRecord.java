package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The {@code status.history} entry that a successful sync adds, keeping the newest
 * {@code revisionHistoryLimit} entries, and the time format of every status field.
 */
public final class OperationRecord {

    private OperationRecord() {}

    /** The history with the finished operation appended, ids counting on from the last, trimmed to {@code limit}. */
    public static ArrayNode history(JsonNode previous, OperationState finished, JsonNode source, int limit) {
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
        entry.put("revision", finished.revision());
        entry.put("deployStartedAt", time(finished.startedAt()));
        entry.put("deployedAt", time(finished.finishedAt() == null ? finished.startedAt() : finished.finishedAt()));
        entry.set("source", source == null || source.isMissingNode() ? Json.object() : source.deepCopy());
        JsonNode initiatedBy = finished.operation().path("initiatedBy");
        if (initiatedBy.isObject() && !initiatedBy.isEmpty()) {
            entry.set("initiatedBy", initiatedBy.deepCopy()); // who or what started it: a user, a token, automated
        }
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
