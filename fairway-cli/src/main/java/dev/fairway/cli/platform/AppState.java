package dev.fairway.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a follower needs of one Application's status: sync and health, the revision it compared,
 * the running or last operation, error conditions, and the child applications it manages.
 */
public record AppState(String name, String sync, String health, String healthMessage, String revision, String repoUrl,
        String targetRevision, String operationPhase, String operationMessage, Instant operationFinished,
        String operationRevision, int resourcesApplied, int resourcesTotal, List<String> errors, Instant reconciledAt,
        List<String> children) {

    static final List<String> ERROR_CONDITIONS = List.of("ComparisonError", "InvalidSpecError", "SyncError", "UnknownError");

    public static AppState of(JsonNode app) {
        JsonNode status = app.path("status");
        JsonNode op = status.path("operationState");
        List<String> errors = new ArrayList<>();
        for (JsonNode c : status.path("conditions")) {
            if (ERROR_CONDITIONS.contains(c.path("type").asText())) {
                errors.add(c.path("type").asText() + ": " + c.path("message").asText());
            }
        }
        List<String> children = new ArrayList<>();
        int total = 0;
        for (JsonNode r : status.path("resources")) {
            total++;
            if ("Application".equals(r.path("kind").asText()) && "argoproj.io".equals(r.path("group").asText())) {
                children.add(r.path("name").asText());
            }
        }
        int applied = 0;
        for (JsonNode r : op.path("syncResult").path("resources")) {
            if (!r.path("status").asText().isEmpty()) {
                applied++;
            }
        }
        JsonNode source = app.path("spec").path("source");
        return new AppState(app.path("metadata").path("name").asText(), status.path("sync").path("status").asText("Unknown"),
                status.path("health").path("status").asText("Unknown"), status.path("health").path("message").asText(""),
                status.path("sync").path("revision").asText(""), source.path("repoURL").asText(""),
                source.path("targetRevision").asText("HEAD"), op.path("phase").asText(""), op.path("message").asText(""),
                time(op.path("finishedAt").asText(null)), op.path("syncResult").path("revision").asText(""), applied, total,
                List.copyOf(errors), time(status.path("reconciledAt").asText(null)), List.copyOf(children));
    }

    public boolean syncedAndHealthy() {
        return "Synced".equals(sync) && "Healthy".equals(health);
    }

    public boolean operationFailed() {
        return "Failed".equals(operationPhase) || "Error".equals(operationPhase);
    }

    public String shortRevision() {
        return revision.length() > 7 ? revision.substring(0, 7) : revision;
    }

    private static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
