package dev.fairway.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.select.FieldSelector;
import dev.fairway.kube.select.LabelSelector;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import dev.fairway.sandbox.api.ResourceType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Deployments roll out, roll over, roll back and time out as on a real cluster, seen through the real kubectl. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimDeploymentIT {

    @TempDir
    static Path dir;
    static SimCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(dir, "sim-deploy");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String deployment(String name, int replicas, String image, String extraSpec, String annotations) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: %d
                %s
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                      annotations: {%s}
                    spec:
                      containers:
                      - name: app
                        image: %s
                        ports: [{containerPort: 80}]
                """.formatted(name, replicas, extraSpec, name, name, annotations, image);
    }

    @Test
    @Order(1)
    void rolloutStatusCompletesForThreeReplicas() {
        cluster.apply(deployment("web", 3, "nginx:1.27", "", ""));
        SimCluster.Result status = cluster.kubectl("rollout", "status", "deploy/web", "--timeout=60s").ok();
        assertThat(status.stdout()).contains("deployment \"web\" successfully rolled out");

        JsonNode d = cluster.kubectl("get", "deploy", "web", "-o", "json").ok().json();
        JsonNode s = d.path("status");
        assertThat(s.path("replicas").asInt()).isEqualTo(3);
        assertThat(s.path("updatedReplicas").asInt()).isEqualTo(3);
        assertThat(s.path("readyReplicas").asInt()).isEqualTo(3);
        assertThat(s.path("availableReplicas").asInt()).isEqualTo(3);
        assertThat(s.path("observedGeneration").asLong()).isEqualTo(d.path("metadata").path("generation").asLong());
        assertThat(condition(d, "Available").path("status").asText()).isEqualTo("True");
        assertThat(condition(d, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        assertThat(d.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText()).isEqualTo("1");

        JsonNode pods = cluster.kubectl("get", "pods", "-l", "app=web", "-o", "json").ok().json();
        assertThat(pods.path("items")).hasSize(3);
        Set<String> nodes = new TreeSet<>();
        for (JsonNode p : pods.path("items")) {
            assertThat(p.path("status").path("phase").asText()).isEqualTo("Running");
            assertThat(p.path("status").path("podIP").asText()).startsWith("10.24");
            assertThat(p.path("metadata").path("labels").path("pod-template-hash").asText()).isNotEmpty();
            nodes.add(p.path("spec").path("nodeName").asText());
        }
        assertThat(nodes).as("the scheduler spreads pods over the nodes").hasSize(3);
    }

    @Test
    @Order(2)
    void aNewImageRollsThroughReplicaSetsWithinMaxSurgeAndMaxUnavailable() throws Exception {
        String strategy = "  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 1}";
        cluster.apply(deployment("roll", 4, "nginx:1.27", strategy, ""));
        cluster.kubectl("rollout", "status", "deploy/roll", "--timeout=60s").ok();

        cluster.apply(deployment("roll", 4, "nginx:1.28", strategy, ""));
        List<String> seen = new ArrayList<>();
        int minReady = Integer.MAX_VALUE;
        int maxPods = 0;
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            List<ObjectNode> pods = list("", "v1", "pods", "app=roll");
            int ready = 0;
            for (ObjectNode p : pods) {
                if (!p.path("metadata").has("deletionTimestamp")) {
                    if (isReady(p)) {
                        ready++;
                    }
                }
            }
            minReady = Math.min(minReady, ready);
            StringBuilder sizes = new StringBuilder();
            List<ObjectNode> sets = list("apps", "v1", "replicasets", "app=roll");
            sets.sort((a, b) -> a.path("metadata").path("name").asText().compareTo(b.path("metadata").path("name").asText()));
            // Kubernetes bounds the ReplicaSets' desired sizes by replicas + maxSurge; a pod of a
            // scaled-down set may still be on its way out for a moment, as on a real cluster
            int desired = 0;
            for (ObjectNode rs : sets) {
                desired += rs.path("spec").path("replicas").asInt();
            }
            maxPods = Math.max(maxPods, desired);
            for (ObjectNode rs : sets) {
                sizes.append(rs.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText())
                        .append('=').append(rs.path("spec").path("replicas").asInt()).append(' ');
            }
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(sizes.toString())) {
                seen.add(sizes.toString());
            }
            JsonNode d = cluster.sandbox.objects().get(type("apps", "v1", "deployments"), "default", "roll");
            if (d.path("status").path("observedGeneration").asLong() == d.path("metadata").path("generation").asLong()
                    && d.path("status").path("updatedReplicas").asInt() == 4 && d.path("status").path("availableReplicas").asInt() == 4
                    && d.path("status").path("replicas").asInt() == 4) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(minReady).as("ready pods never fall below replicas - maxUnavailable; sizes seen: %s", seen).isGreaterThanOrEqualTo(3);
        assertThat(maxPods).as("ReplicaSet sizes never add up to more than replicas + maxSurge; sizes seen: %s", seen).isLessThanOrEqualTo(5);
        assertThat(seen.size()).as("the rollout went through intermediate sizes: %s", seen).isGreaterThanOrEqualTo(3);
        assertThat(seen.get(seen.size() - 1)).as("sizes seen: %s", seen).contains("1=0").contains("2=4");
        cluster.kubectl("rollout", "status", "deploy/roll", "--timeout=60s").ok();
    }

    @Test
    @Order(3)
    void rolloutUndoGoesBackToThePreviousTemplate() {
        cluster.kubectl("rollout", "undo", "deploy/roll").ok();
        cluster.kubectl("rollout", "status", "deploy/roll", "--timeout=60s").ok();
        JsonNode d = cluster.kubectl("get", "deploy", "roll", "-o", "json").ok().json();
        assertThat(d.path("spec").path("template").path("spec").path("containers").path(0).path("image").asText()).isEqualTo("nginx:1.27");
        assertThat(d.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText()).isEqualTo("3");
        String history = cluster.kubectl("rollout", "history", "deploy/roll").ok().stdout();
        assertThat(history).contains("2 ").contains("3 ").doesNotContain("\n1 ");
        for (JsonNode p : cluster.kubectl("get", "pods", "-l", "app=roll", "-o", "json").ok().json().path("items")) {
            if (!p.path("metadata").has("deletionTimestamp")) {
                assertThat(p.path("spec").path("containers").path(0).path("image").asText()).isEqualTo("nginx:1.27");
            }
        }
    }

    @Test
    @Order(4)
    void aCrashingDeploymentExceedsItsProgressDeadline() throws Exception {
        cluster.apply(deployment("crash", 2, "busybox:1.36", "  progressDeadlineSeconds: 4",
                "sandbox.fairway.dev/behavior: crashloop"));
        SimCluster.Result status = cluster.kubectl("rollout", "status", "deploy/crash", "--timeout=60s");
        assertThat(status.exitCode()).as(status.toString()).isNotZero();
        assertThat(status.stderr()).contains("deployment \"crash\" exceeded its progress deadline");
        JsonNode d = cluster.kubectl("get", "deploy", "crash", "-o", "json").ok().json();
        JsonNode progressing = condition(d, "Progressing");
        assertThat(progressing.path("status").asText()).isEqualTo("False");
        assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(condition(d, "Available").path("status").asText()).isEqualTo("False");

        int[] first = {-1};
        assertThat(SimCluster.eventually(Duration.ofSeconds(30), () -> {
            JsonNode cs = firstContainer("app=crash");
            if (cs == null || !"CrashLoopBackOff".equals(cs.path("state").path("waiting").path("reason").asText())) {
                return false;
            }
            first[0] = cs.path("restartCount").asInt();
            return first[0] >= 1;
        })).as("a crashing pod shows CrashLoopBackOff").isTrue();
        JsonNode cs = firstContainer("app=crash");
        assertThat(cs.path("state").path("waiting").path("message").asText()).startsWith("back-off ")
                .contains("restarting failed container=app pod=");
        assertThat(cs.path("lastState").path("terminated").path("reason").asText()).isEqualTo("Error");
        assertThat(cs.path("lastState").path("terminated").path("exitCode").asInt()).isEqualTo(1);
        assertThat(SimCluster.eventually(Duration.ofSeconds(30), () -> firstContainer("app=crash").path("restartCount").asInt() > first[0]))
                .as("the restart count keeps rising").isTrue();
        String pods = cluster.kubectl("get", "pods", "-l", "app=crash").ok().stdout();
        assertThat(pods).containsAnyOf("CrashLoopBackOff", "Error", "Running");
    }

    @Test
    @Order(5)
    void recreateStopsEveryOldPodBeforeStartingNewOnes() throws Exception {
        String strategy = "  strategy: {type: Recreate}";
        cluster.apply(deployment("recreate", 2, "nginx:1.27", strategy, ""));
        cluster.kubectl("rollout", "status", "deploy/recreate", "--timeout=60s").ok();
        cluster.apply(deployment("recreate", 2, "nginx:1.28", strategy, ""));
        boolean mixed = false;
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Set<String> images = new TreeSet<>();
            for (ObjectNode p : list("", "v1", "pods", "app=recreate")) {
                images.add(p.path("spec").path("containers").path(0).path("image").asText());
            }
            mixed |= images.size() > 1;
            JsonNode d = cluster.sandbox.objects().get(type("apps", "v1", "deployments"), "default", "recreate");
            if (d.path("status").path("observedGeneration").asLong() == d.path("metadata").path("generation").asLong()
                    && d.path("status").path("updatedReplicas").asInt() == 2 && d.path("status").path("availableReplicas").asInt() == 2
                    && images.equals(Set.of("nginx:1.28"))) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(mixed).as("old and new pods never run side by side").isFalse();
        cluster.kubectl("rollout", "status", "deploy/recreate", "--timeout=60s").ok();
    }

    @Test
    @Order(6)
    void aPausedDeploymentWaitsUntilResumed() throws Exception {
        cluster.apply(deployment("paused", 2, "nginx:1.27", "", ""));
        cluster.kubectl("rollout", "status", "deploy/paused", "--timeout=60s").ok();
        cluster.kubectl("rollout", "pause", "deploy/paused").ok();
        cluster.kubectl("set", "image", "deploy/paused", "app=nginx:1.28").ok();
        assertThat(SimCluster.eventually(Duration.ofSeconds(10), () -> "DeploymentPaused".equals(
                condition(cluster.kubectl("get", "deploy", "paused", "-o", "json").json(), "Progressing").path("reason").asText()))).isTrue();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(list("apps", "v1", "replicasets", "app=paused")).as("no new ReplicaSet while paused").hasSize(1));
        cluster.kubectl("rollout", "resume", "deploy/paused").ok();
        cluster.kubectl("rollout", "status", "deploy/paused", "--timeout=60s").ok();
        assertThat(list("apps", "v1", "replicasets", "app=paused")).hasSize(2);
    }

    private static JsonNode firstContainer(String selector) {
        List<ObjectNode> pods = list("", "v1", "pods", selector);
        pods.sort((a, b) -> a.path("metadata").path("name").asText().compareTo(b.path("metadata").path("name").asText()));
        return pods.isEmpty() ? null : pods.get(0).path("status").path("containerStatuses").path(0);
    }

    static boolean isReady(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    static JsonNode condition(JsonNode obj, String type) {
        for (JsonNode c : obj.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static ResourceType type(String group, String version, String plural) {
        return cluster.sandbox.objects().registry().byResource(group, version, plural).orElseThrow();
    }

    static List<ObjectNode> list(String group, String version, String plural, String selector) {
        try {
            ObjectService s = cluster.sandbox.objects();
            return new ArrayList<>(s.list(type(group, version, plural), "default",
                    new ListOptions(LabelSelector.parse(selector), FieldSelector.EVERYTHING, 0, null)).items());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
