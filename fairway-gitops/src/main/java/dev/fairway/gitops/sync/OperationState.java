package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code status.operationState} of an Application: the operation asked for, its phase and message,
 * when it started (and finished), the revision it syncs and each task's {@link TaskResult}. It is
 * written after every step, so that an engine that stops mid-operation resumes it from here.
 *
 * @param phase {@code Running}, {@code Terminating} (asked to stop), {@code Succeeded}, {@code Failed}
 *     or {@code Error}
 * @param finishedAt null while running
 */
public record OperationState(ObjectNode operation, String phase, String message, Instant startedAt, Instant finishedAt,
        String revision, List<TaskResult> resources, int retryCount) {

    public static final String RUNNING = "Running";
    public static final String TERMINATING = "Terminating";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String ERROR = "Error";

    public OperationState {
        operation = operation == null ? Json.object() : operation.deepCopy();
        resources = List.copyOf(resources);
    }

    /** A new operation, not started on the cluster yet. */
    public static OperationState start(ObjectNode operation, String revision, Instant now, int retryCount) {
        return new OperationState(operation, RUNNING, "", now, null, revision, List.of(), retryCount);
    }

    /** Reads {@code status.operationState}; empty when there is none or it cannot be read. */
    public static Optional<OperationState> read(JsonNode node) {
        if (node == null || !node.isObject() || !node.hasNonNull("phase")) {
            return Optional.empty();
        }
        Instant started = time(node.path("startedAt").asText("")).orElse(Instant.EPOCH);
        Instant finished = time(node.path("finishedAt").asText("")).orElse(null);
        List<TaskResult> resources = new java.util.ArrayList<>();
        node.path("syncResult").path("resources").forEach(r -> resources.add(TaskResult.fromJson(r)));
        JsonNode operation = node.get("operation");
        return Optional.of(new OperationState(operation instanceof ObjectNode o ? o : Json.object(),
                node.path("phase").asText(), node.path("message").asText(""), started, finished,
                node.path("syncResult").path("revision").asText(node.path("operation").path("sync").path("revision").asText("")),
                resources, node.path("retryCount").asInt(0)));
    }

    /** True while the operation still has work to do (including stopping). */
    public boolean isRunning() {
        return RUNNING.equals(phase) || TERMINATING.equals(phase);
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(phase);
    }

    public OperationState withResources(List<TaskResult> results, String newMessage) {
        return new OperationState(operation, phase, newMessage, startedAt, finishedAt, revision, results, retryCount);
    }

    public OperationState finish(String finalPhase, String finalMessage, List<TaskResult> results, Instant now) {
        return new OperationState(operation, finalPhase, finalMessage, startedAt, now, revision, results, retryCount);
    }

    /**
     * The status field, Argo CD's shape.
     *
     * @param source the application's {@code spec.source}, recorded with the result
     */
    public ObjectNode toJson(JsonNode source) {
        ObjectNode state = Json.object();
        state.set("operation", operation.deepCopy());
        state.put("phase", phase);
        state.put("message", message);
        state.put("startedAt", OperationRecord.time(startedAt));
        if (finishedAt != null) {
            state.put("finishedAt", OperationRecord.time(finishedAt));
        }
        state.put("retryCount", retryCount);
        ObjectNode syncResult = state.putObject("syncResult");
        syncResult.put("revision", revision);
        syncResult.set("source", source == null || source.isMissingNode() ? Json.object() : source.deepCopy());
        ArrayNode out = syncResult.putArray("resources");
        resources.forEach(r -> out.add(r.toJson()));
        return state;
    }

    private static Optional<Instant> time(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
