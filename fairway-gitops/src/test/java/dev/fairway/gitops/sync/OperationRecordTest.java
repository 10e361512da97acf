package dev.fairway.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationRecordTest {

    private static OperationState finished(String revision) {
        var operation = Json.object();
        operation.putObject("sync").put("revision", revision);
        return new OperationState(operation, OperationState.SUCCEEDED, "successfully synced (all tasks run)",
                Instant.parse("2026-05-01T10:00:00.123Z"), Instant.parse("2026-05-01T10:00:02Z"), revision,
                List.of(new TaskResult(new ResourceKey("apps", "Deployment", "n", "web"), "v1", SyncPhase.Sync, "",
                        TaskResult.SYNCED, TaskResult.SUCCEEDED, "applied"),
                        new TaskResult(new ResourceKey("batch", "Job", "n", "migrate-1a2b"), "v1", SyncPhase.PreSync, "PreSync",
                                TaskResult.SYNCED, TaskResult.SUCCEEDED, "done")),
                2);
    }

    @Test
    void operationStateHasArgoCdShapeAndReadsBackTheSame() {
        JsonNode state = finished("abc").toJson(Json.object().put("repoURL", "r"));
        assertThat(state.at("/phase").asText()).isEqualTo("Succeeded");
        assertThat(state.at("/startedAt").asText()).isEqualTo("2026-05-01T10:00:00Z");
        assertThat(state.at("/operation/sync/revision").asText()).isEqualTo("abc");
        assertThat(state.at("/syncResult/revision").asText()).isEqualTo("abc");
        assertThat(state.at("/syncResult/source/repoURL").asText()).isEqualTo("r");
        assertThat(state.at("/syncResult/resources/0/kind").asText()).isEqualTo("Deployment");
        assertThat(state.at("/syncResult/resources/0/status").asText()).isEqualTo("Synced");
        assertThat(state.at("/syncResult/resources/0/syncPhase").asText()).isEqualTo("Sync");
        assertThat(state.at("/syncResult/resources/0/hookType").isMissingNode()).isTrue();
        assertThat(state.at("/syncResult/resources/1/hookType").asText()).isEqualTo("PreSync");
        assertThat(state.at("/retryCount").asInt()).isEqualTo(2);

        OperationState read = OperationState.read(state).orElseThrow();
        assertThat(read.resources()).isEqualTo(finished("abc").resources());
        assertThat(read.startedAt()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
        assertThat(read.isRunning()).isFalse();
    }

    @Test
    void aMissingOrPhaselessStateIsNone() {
        assertThat(OperationState.read(null)).isEmpty();
        assertThat(OperationState.read(Json.object().put("message", "x"))).isEmpty();
    }

    @Test
    void historyCountsOnAndKeepsTheNewest() {
        ArrayNode history = null;
        for (int i = 0; i < 5; i++) {
            history = OperationRecord.history(history, finished("rev" + i), Json.object(), 3);
        }
        assertThat(history).extracting(e -> e.get("id").asInt() + "=" + e.get("revision").asText())
                .containsExactly("2=rev2", "3=rev3", "4=rev4");
        assertThat(history.get(2).get("deployedAt").asText()).isEqualTo("2026-05-01T10:00:02Z");
    }

    @Test
    void historyRecordsWhoStartedTheSync() {
        OperationState byUser = finished("rev1");
        byUser.operation().putObject("initiatedBy").put("username", "proj:team:ci");
        ArrayNode history = OperationRecord.history(null, new OperationState(byUser.operation(), byUser.phase(), byUser.message(),
                byUser.startedAt(), byUser.finishedAt(), byUser.revision(), byUser.resources(), byUser.retryCount()), Json.object(), 10);
        assertThat(history.get(0).path("initiatedBy").path("username").asText()).isEqualTo("proj:team:ci");
        assertThat(OperationRecord.history(null, finished("rev2"), Json.object(), 10).get(0).has("initiatedBy")).isFalse();
    }
}
