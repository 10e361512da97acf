package dev.fairway.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.select.LabelSelector;
import java.util.Map;

/** The fields of one Application that the applications page shows and filters on. */
record AppSummary(String namespace, String name, String project, String repo, String path, String targetRevision,
        String revision, String sync, String health, String destinationNamespace, String lastSync, String operation,
        Map<String, String> labels) {

    static AppSummary of(JsonNode app) {
        JsonNode meta = app.path("metadata");
        JsonNode spec = app.path("spec");
        JsonNode source = spec.path("source");
        JsonNode status = app.path("status");
        JsonNode op = status.path("operationState");
        String lastSync = op.path("finishedAt").asText("");
        if (lastSync.isEmpty()) {
            JsonNode history = status.path("history");
            lastSync = history.isArray() && !history.isEmpty() ? history.get(history.size() - 1).path("deployedAt").asText("") : "";
        }
        return new AppSummary(meta.path("namespace").asText(""), meta.path("name").asText(""), spec.path("project").asText("default"),
                source.path("repoURL").asText(""), source.path("path").asText(""), source.path("targetRevision").asText("HEAD"),
                status.path("sync").path("revision").asText(""), status.path("sync").path("status").asText("Unknown"),
                status.path("health").path("status").asText("Unknown"), spec.path("destination").path("namespace").asText(""),
                lastSync, app.hasNonNull("operation") ? "Pending" : op.path("phase").asText(""), LabelSelector.labelsOf(app));
    }

    String key() {
        return namespace + "/" + name;
    }
}
