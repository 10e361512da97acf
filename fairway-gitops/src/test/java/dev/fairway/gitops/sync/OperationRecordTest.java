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

    private static SyncResult result(String revision) {
        return new SyncResult(revision, SyncResult.SUCCEEDED, "successfully synced (all tasks run)",
                List.of(new ResourceResult(new ResourceKey("apps", "Deployment", "n", "web"), "v1", ResourceResult.SYNCED, "applied")),
                Instant.parse("2026-05-01T10:00:00.123Z"), Instant.parse("2026-05-01T10:00:02Z"));
    }

    @Test
    void operationStateHasArgoCdShape() {
        var operation = Json.object();
        operation.putObject("sync").put("revision", "abc");
        JsonNode state = OperationRecord.operationState(result("abc"), operation, Json.object().put("repoURL", "r"));
        assertThat(state.at("/phase").asText()).isEqualTo("Succeeded");
        assertThat(state.at("/startedAt").asText()).isEqualTo("2026-05-01T10:00:00Z");
        assertThat(state.at("/operation/sync/revision").asText()).isEqualTo("abc");
        assertThat(state.at("/syncResult/revision").asText()).isEqualTo("abc");
        assertThat(state.at("/syncResult/resources/0/kind").asText()).isEqualTo("Deployment");
        assertThat(state.at("/syncResult/resources/0/status").asText()).isEqualTo("Synced");
    }

    @Test
    void historyCountsOnAndKeepsTheNewest() {
        ArrayNode history = null;
        for (int i = 0; i < 5; i++) {
            history = OperationRecord.history(history, result("rev" + i), Json.object(), 3);
        }
        assertThat(history).extracting(e -> e.get("id").asInt() + "=" + e.get("revision").asText())
                .containsExactly("2=rev2", "3=rev3", "4=rev4");
        assertThat(history.get(2).get("deployedAt").asText()).isEqualTo("2026-05-01T10:00:02Z");
    }
}
