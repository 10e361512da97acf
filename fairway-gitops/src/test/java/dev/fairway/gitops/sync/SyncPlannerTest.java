package dev.fairway.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.gitops.app.SyncOptions;
import dev.fairway.gitops.cluster.TrackingMethod;
import dev.fairway.gitops.diff.Comparison;
import dev.fairway.gitops.diff.IgnoredFields;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {

    @Test
    void theCreatedNamespaceCarriesManagedNamespaceMetadata() throws Exception {
        var metadata = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
                "{\"labels\":{\"team\":\"idp\"},\"annotations\":{\"owner\":\"secops\"}}");
        SyncRequest request = new SyncRequest("app", "c0ffee", new Comparison(List.of()), List.of(), false,
                SyncOptions.fromAnnotation("CreateNamespace=true"), "idp", List.of(), IgnoredFields.none(), metadata);
        List<SyncTask> tasks = new SyncPlanner(TrackingMethod.LABEL).plan(request, Instant.EPOCH, List.of());
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).object().path("metadata").path("name").asText()).isEqualTo("idp");
        assertThat(tasks.get(0).object().path("metadata").path("labels").path("team").asText()).isEqualTo("idp");
        assertThat(tasks.get(0).object().path("metadata").path("annotations").path("owner").asText()).isEqualTo("secops");
    }

    @Test
    void withoutCreateNamespaceNoNamespaceIsPlanned() {
        SyncRequest request = new SyncRequest("app", "c0ffee", new Comparison(List.of()), List.of(), false,
                SyncOptions.none(), "idp", List.of(), IgnoredFields.none());
        assertThat(new SyncPlanner(TrackingMethod.LABEL).plan(request, Instant.EPOCH, List.of())).isEmpty();
    }
}
