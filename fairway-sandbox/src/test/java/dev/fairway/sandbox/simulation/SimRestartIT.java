package dev.fairway.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation keeps no state of its own: a sandbox stopped mid-rollout carries on where it stopped. */
class SimRestartIT {

    @TempDir
    Path dir;

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "%s"}]}
            """;

    @Test
    void aRestartedSandboxKeepsItsPodsAndFinishesARollout() throws Exception {
        Set<String> before;
        Set<String> stable;
        try (SimCluster cluster = SimCluster.start(dir, "sim-restart")) {
            cluster.apply(DEPLOYMENT.formatted("nginx:1.27"));
            cluster.kubectl("rollout", "status", "deploy/web", "--timeout=60s").ok();
            before = podNames(cluster);
            cluster.apply(DEPLOYMENT.formatted("nginx:1.28"));
        }
        try (SimCluster cluster = SimCluster.start(dir, "sim-restart")) {
            assertThat(cluster.kubectl("get", "nodes", "-o", "name").ok().stdout().lines().count()).isEqualTo(3);
            cluster.kubectl("rollout", "status", "deploy/web", "--timeout=60s").ok();
            JsonNode d = cluster.kubectl("get", "deploy", "web", "-o", "json").ok().json();
            assertThat(d.path("status").path("updatedReplicas").asInt()).isEqualTo(3);
            assertThat(d.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText()).isEqualTo("2");
            JsonNode rs = cluster.kubectl("get", "rs", "-l", "app=web", "-o", "json").ok().json();
            assertThat(rs.path("items")).as("one ReplicaSet per template, none duplicated by the restart").hasSize(2);
            Set<String> after = podNames(cluster);
            assertThat(after).hasSize(3).doesNotContainAnyElementsOf(before);
            stable = podNames(cluster);
        }
        try (SimCluster again = SimCluster.start(dir, "sim-restart")) {
            again.kubectl("rollout", "status", "deploy/web", "--timeout=60s").ok();
            Set<String> settled = stable;
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                    assertThat(podNames(again)).as("a settled deployment keeps its pods across a restart").isEqualTo(settled));
        }
    }

    private static Set<String> podNames(SimCluster cluster) {
        Set<String> names = new TreeSet<>();
        for (JsonNode p : cluster.kubectl("get", "pods", "-l", "app=web", "-o", "json").ok().json().path("items")) {
            if (!p.path("metadata").has("deletionTimestamp")) {
                names.add(p.path("metadata").path("name").asText());
            }
        }
        return names;
    }
}
