package dev.fairway.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StatefulSets, DaemonSets, volumes and autoscalers, seen through the real kubectl. */
class SimControllersIT {

    @TempDir
    static Path dir;
    static SimCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(dir, "sim-ctrl");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String statefulSet(String image, int partition) {
        return """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  serviceName: db
                  replicas: 3
                  selector: {matchLabels: {app: db}}
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {partition: %d}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers: [{name: db, image: "%s", ports: [{containerPort: 5432}]}]
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources: {requests: {storage: 1Gi}}
                """.formatted(partition, image);
    }

    @Test
    void aStatefulSetStartsInOrderAndAPartitionLimitsTheUpdate() throws Exception {
        cluster.apply(statefulSet("postgres:16.1", 0));
        cluster.kubectl("rollout", "status", "statefulset/db", "--timeout=60s").ok();
        JsonNode pods = cluster.kubectl("get", "pods", "-l", "app=db", "-o", "json").ok().json();
        Set<String> names = new TreeSet<>();
        Map<String, String> created = new HashMap<>();
        for (JsonNode p : pods.path("items")) {
            names.add(p.path("metadata").path("name").asText());
            created.put(p.path("metadata").path("name").asText(), p.path("status").path("startTime").asText());
        }
        assertThat(names).containsExactly("db-0", "db-1", "db-2");
        assertThat(created.get("db-0")).isLessThanOrEqualTo(created.get("db-1"));
        assertThat(created.get("db-1")).isLessThanOrEqualTo(created.get("db-2"));

        JsonNode claims = cluster.kubectl("get", "pvc", "-o", "json").ok().json();
        assertThat(claims.path("items")).hasSize(3);
        for (JsonNode c : claims.path("items")) {
            assertThat(c.path("status").path("phase").asText()).as(c.path("metadata").path("name").asText()).isEqualTo("Bound");
            assertThat(c.path("spec").path("volumeName").asText()).startsWith("pvc-");
        }
        assertThat(cluster.kubectl("get", "pv", "-o", "name").ok().stdout().lines().count()).isEqualTo(3);

        String before = cluster.kubectl("get", "sts", "db", "-o", "jsonpath={.status.currentRevision}").ok().stdout();
        cluster.apply(statefulSet("postgres:16.2", 2));
        assertThat(SimCluster.eventually(Duration.ofSeconds(30), () -> "postgres:16.2".equals(image("db-2")) && ready("db-2"))).isTrue();
        // pods below the partition keep their image, however long we look
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            assertThat(image("db-0")).isEqualTo("postgres:16.1");
            assertThat(image("db-1")).isEqualTo("postgres:16.1");
        });
        JsonNode status = cluster.kubectl("get", "sts", "db", "-o", "json").ok().json().path("status");
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(1);
        assertThat(status.path("currentRevision").asText()).isEqualTo(before);
        assertThat(status.path("updateRevision").asText()).isNotEqualTo(before);
    }

    @Test
    void aDaemonSetRunsOnePodPerNode() throws Exception {
        cluster.apply("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers: [{name: agent, image: "fluent/fluent-bit:3.0"}]
                """);
        cluster.kubectl("rollout", "status", "daemonset/agent", "--timeout=60s").ok();
        JsonNode pods = cluster.kubectl("get", "pods", "-l", "app=agent", "-o", "json").ok().json();
        Set<String> nodes = new TreeSet<>();
        for (JsonNode p : pods.path("items")) {
            nodes.add(p.path("spec").path("nodeName").asText());
        }
        assertThat(pods.path("items")).hasSize(3);
        assertThat(nodes).containsExactly("sandbox-node-1", "sandbox-node-2", "sandbox-node-3");
        JsonNode status = cluster.kubectl("get", "ds", "agent", "-o", "json").ok().json().path("status");
        assertThat(status.path("desiredNumberScheduled").asInt()).isEqualTo(3);
        assertThat(status.path("numberReady").asInt()).isEqualTo(3);
        assertThat(status.path("updatedNumberScheduled").asInt()).isEqualTo(3);
    }

    @Test
    void anAutoscalerScalesItsTargetWithTheSimulatedUtilisation() throws Exception {
        cluster.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers: [{name: api, image: nginx, resources: {requests: {cpu: 100m}}}]
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: api
                  annotations: {sandbox.fairway.dev/cpu-utilization: "150"}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
                  minReplicas: 1
                  maxReplicas: 5
                  metrics:
                  - type: Resource
                    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
                """);
        assertThat(SimCluster.eventually(Duration.ofSeconds(20), () ->
                "5".equals(cluster.kubectl("get", "deploy", "api", "-o", "jsonpath={.spec.replicas}").stdout()))).isTrue();
        JsonNode hpa = cluster.kubectl("get", "hpa", "api", "-o", "json").ok().json();
        assertThat(hpa.path("status").path("desiredReplicas").asInt()).isEqualTo(5);
        assertThat(SimDeploymentIT.condition(hpa, "ScalingLimited").path("reason").asText()).isEqualTo("TooManyReplicas");
        assertThat(hpa.path("status").path("currentMetrics").path(0).path("resource").path("current").path("averageUtilization").asInt())
                .isEqualTo(150);
    }

    private static String image(String pod) {
        return cluster.kubectl("get", "pod", pod, "-o", "jsonpath={.spec.containers[0].image}").stdout();
    }

    private static boolean ready(String pod) {
        return "True".equals(cluster.kubectl("get", "pod", pod, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").stdout());
    }
}
