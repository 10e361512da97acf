package dev.fairway.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated objects' status has the shape real clusters' status has: every field path of the
 * health conformance fixtures (../shared/conformance/health, read in place) appears in the
 * simulated object of the same situation, with the same phase, state reasons and condition
 * types, statuses and reasons that health checks read.
 */
class SimStatusShapesIT {

    static final Path FIXTURES = Path.of("..", "..", "shared", "conformance", "health");

    /** Fields whose presence depends on the cluster's era or provider, not on the situation. */
    static final Map<String, Set<String>> ERA_OR_PROVIDER = Map.of(
            // Kubernetes 1.31 kubelets give terminal pods reason PodFailed and no message
            "pod-failed.yaml", Set.of("status.conditions[].message"),
            // an AWS ELB has a hostname; MetalLB-style load balancers (and the sandbox) give an ip
            "svc-loadbalancer.yaml", Set.of("status.loadBalancer.ingress[].hostname"));

    @TempDir
    static Path dir;
    static SimCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(dir, "sim-shapes", SimCluster.fast().withRegistry(List.of("nginx", "alpine:latest", "busybox")));
        cluster.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: healthy}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: healthy}}
                  template:
                    metadata: {labels: {app: healthy}}
                    spec: {containers: [{name: main, image: nginx}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: degraded}
                spec:
                  replicas: 1
                  progressDeadlineSeconds: 3
                  selector: {matchLabels: {app: degraded}}
                  template:
                    metadata: {labels: {app: degraded}}
                    spec: {containers: [{name: main, image: alpine}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: running}
                spec: {containers: [{name: main, image: alpine}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: not-ready, annotations: {sandbox.fairway.dev/behavior: unready}}
                spec: {containers: [{name: main, image: alpine}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: crashloop, annotations: {sandbox.fairway.dev/behavior: crashloop}}
                spec: {containers: [{name: main, image: alpine}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: pullbackoff}
                spec: {containers: [{name: main, image: "alpine:no-such-tag-at-all"}], imagePullSecrets: []}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: failed, annotations: {sandbox.fairway.dev/behavior: fail, sandbox.fairway.dev/run-time: 500ms}}
                spec: {restartPolicy: Never, containers: [{name: main, image: alpine}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: succeeded, annotations: {sandbox.fairway.dev/run-time: 500ms}}
                spec: {restartPolicy: Never, containers: [{name: main, image: alpine}]}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: succeeded}
                spec:
                  template:
                    metadata: {annotations: {sandbox.fairway.dev/run-time: 500ms}}
                    spec: {restartPolicy: Never, containers: [{name: main, image: alpine}]}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: failed}
                spec:
                  backoffLimit: 0
                  template:
                    metadata: {annotations: {sandbox.fairway.dev/behavior: fail, sandbox.fairway.dev/run-time: 500ms}}
                    spec: {restartPolicy: Never, containers: [{name: main, image: alpine}]}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: running}
                spec:
                  template:
                    metadata: {annotations: {sandbox.fairway.dev/run-time: 10m}}
                    spec: {restartPolicy: Never, containers: [{name: main, image: alpine}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: clusterip}
                spec: {selector: {app: healthy}, ports: [{port: 80}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: lb}
                spec: {type: LoadBalancer, selector: {app: healthy}, ports: [{port: 80}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web}
                spec:
                  rules:
                  - host: example.test
                    http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: clusterip, port: {number: 80}}}}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: redis}
                spec:
                  serviceName: redis
                  replicas: 1
                  selector: {matchLabels: {app: redis}}
                  template:
                    metadata: {labels: {app: redis}}
                    spec: {containers: [{name: redis, image: alpine}]}
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: unused}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: healthy}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: healthy}
                  minReplicas: 1
                  maxReplicas: 3
                  metrics:
                  - type: Resource
                    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
                """);
        cluster.kubectl("wait", "--for=condition=complete", "job/succeeded", "--timeout=60s").ok();
        cluster.kubectl("wait", "--for=condition=failed", "job/failed", "--timeout=60s").ok();
        cluster.kubectl("rollout", "status", "statefulset/redis", "--timeout=60s").ok();
        cluster.kubectl("rollout", "status", "deploy/healthy", "--timeout=60s").ok();
        // a new revision that crashes gets stuck behind the available old one, as in the fixture
        cluster.kubectl("rollout", "status", "deploy/degraded", "--timeout=60s").ok();
        cluster.kubectl("patch", "deploy", "degraded", "--type=merge", "-p",
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"sandbox.fairway.dev/behavior\":\"crashloop\"}}}}}").ok();
        assertThat(cluster.kubectl("rollout", "status", "deploy/degraded", "--timeout=60s").exitCode()).isNotZero();
        Map<String, java.util.function.BooleanSupplier> situations = new LinkedHashMap<>();
        situations.put("crash loop", () -> waitingReason("crashloop").equals("CrashLoopBackOff"));
        situations.put("image pull back-off", () -> waitingReason("pullbackoff").equals("ImagePullBackOff"));
        situations.put("load balancer", () -> !jsonpath("svc", "lb", "{.status.loadBalancer.ingress}").isEmpty());
        situations.put("ingress", () -> !jsonpath("ingress", "web", "{.status.loadBalancer.ingress}").isEmpty());
        situations.put("hpa", () -> jsonpath("hpa", "healthy", "{.status.currentMetrics}").contains("cpu"));
        situations.put("failed pod", () -> "Failed".equals(jsonpath("pod", "failed", "{.status.phase}")));
        situations.put("succeeded pod", () -> "Succeeded".equals(jsonpath("pod", "succeeded", "{.status.phase}")));
        for (Map.Entry<String, java.util.function.BooleanSupplier> s : situations.entrySet()) {
            assertThat(SimCluster.eventually(Duration.ofSeconds(30), s.getValue())).as(s.getKey()).isTrue();
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String jsonpath(String kind, String name, String path) {
        return cluster.kubectl("get", kind, name, "-o", "jsonpath=" + path).stdout();
    }

    private static String waitingReason(String pod) {
        return cluster.kubectl("get", "pod", pod, "-o", "jsonpath={.status.containerStatuses[0].state.waiting.reason}").stdout();
    }

    /** Which simulated object shows the situation of each fixture. */
    static final Map<String, String[]> SITUATIONS = new LinkedHashMap<>();

    static {
        SITUATIONS.put("deployment-nginx-healthy.yaml", new String[] {"deploy", "healthy"});
        SITUATIONS.put("deployment-degraded.yaml", new String[] {"deploy", "degraded"});
        SITUATIONS.put("statefulset.yaml", new String[] {"statefulset", "redis"});
        SITUATIONS.put("pvc-bound.yaml", new String[] {"pvc", "data-redis-0"});
        SITUATIONS.put("pvc-pending.yaml", new String[] {"pvc", "unused"});
        SITUATIONS.put("svc-clusterip.yaml", new String[] {"svc", "clusterip"});
        SITUATIONS.put("svc-loadbalancer.yaml", new String[] {"svc", "lb"});
        SITUATIONS.put("ingress.yaml", new String[] {"ingress", "web"});
        SITUATIONS.put("job-running.yaml", new String[] {"job", "running"});
        SITUATIONS.put("job-failed.yaml", new String[] {"job", "failed"});
        SITUATIONS.put("job-succeeded.yaml", new String[] {"job", "succeeded"});
        SITUATIONS.put("hpa-v2-healthy.yaml", new String[] {"hpa", "healthy"});
        SITUATIONS.put("pod-running-not-ready.yaml", new String[] {"pod", "not-ready"});
        SITUATIONS.put("pod-crashloop.yaml", new String[] {"pod", "crashloop"});
        SITUATIONS.put("pod-imagepullbackoff.yaml", new String[] {"pod", "pullbackoff"});
        SITUATIONS.put("pod-running-restart-always.yaml", new String[] {"pod", "running"});
        SITUATIONS.put("pod-failed.yaml", new String[] {"pod", "failed"});
        SITUATIONS.put("pod-succeeded.yaml", new String[] {"pod", "succeeded"});
    }

    @Test
    void everyFixtureStatusFieldAppearsInTheSimulatedObject() throws Exception {
        assertThat(Files.isDirectory(FIXTURES)).as("fixtures at %s", FIXTURES.toAbsolutePath()).isTrue();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> e : SITUATIONS.entrySet()) {
            JsonNode fixture = Json.YAML.readTree(Files.readString(FIXTURES.resolve(e.getKey())));
            String fState = stateReason(fixture);
            JsonNode sim = cluster.kubectl("get", e.getValue()[0], e.getValue()[1], "-o", "json").ok().json();
            // a restarting container moves between states: look when it shows the fixture's one
            for (int i = 0; i < 100 && !fState.isEmpty() && !fState.equals(stateReason(sim)); i++) {
                Thread.sleep(100);
                sim = cluster.kubectl("get", e.getValue()[0], e.getValue()[1], "-o", "json").ok().json();
            }
            Set<String> missing = new TreeSet<>(paths(fixture.path("status"), "status"));
            missing.removeAll(paths(sim.path("status"), "status"));
            missing.removeAll(ERA_OR_PROVIDER.getOrDefault(e.getKey(), Set.of()));
            if (!missing.isEmpty()) {
                problems.add(e.getKey() + " -> " + e.getValue()[0] + "/" + e.getValue()[1] + " lacks " + missing);
            }
            String fPhase = fixture.path("status").path("phase").asText("");
            if (!fPhase.isEmpty() && !fPhase.equals(sim.path("status").path("phase").asText())) {
                problems.add(e.getKey() + ": phase " + sim.path("status").path("phase").asText() + ", fixture " + fPhase);
            }
            if (!fState.isEmpty() && !fState.equals(stateReason(sim))) {
                problems.add(e.getKey() + ": container state " + stateReason(sim) + ", fixture " + fState);
            }
            for (JsonNode c : fixture.path("status").path("conditions")) {
                JsonNode mine = SimDeploymentIT.condition(sim, c.path("type").asText());
                if (mine.isMissingNode()) {
                    problems.add(e.getKey() + ": no condition " + c.path("type").asText());
                } else if (!c.path("status").asText().equals(mine.path("status").asText())
                        || (e.getKey().startsWith("deployment") || e.getKey().startsWith("job") || e.getKey().startsWith("hpa"))
                        && c.hasNonNull("reason") && !c.path("reason").asText().equals(mine.path("reason").asText(""))) {
                    problems.add(e.getKey() + ": condition " + c.path("type").asText() + " is " + mine.path("status").asText()
                            + "/" + mine.path("reason").asText() + ", fixture " + c.path("status").asText() + "/" + c.path("reason").asText());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static String stateReason(JsonNode obj) {
        JsonNode state = obj.path("status").path("containerStatuses").path(0).path("state");
        if (state.has("waiting")) {
            return "waiting:" + state.path("waiting").path("reason").asText();
        }
        if (state.has("terminated")) {
            return "terminated:" + state.path("terminated").path("reason").asText();
        }
        return state.has("running") ? "running" : "";
    }

    /** Every field path under a node, arrays written as [], for comparing shapes. */
    static Set<String> paths(JsonNode node, String prefix) {
        Set<String> out = new TreeSet<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = prefix + "." + e.getKey();
                out.add(p);
                out.addAll(paths(e.getValue(), p));
            });
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                out.addAll(paths(item, prefix + "[]"));
            }
        }
        return out;
    }
}
