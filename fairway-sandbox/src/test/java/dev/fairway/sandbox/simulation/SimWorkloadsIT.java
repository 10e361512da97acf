package dev.fairway.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs, logs, Services, failure behaviours and graceful deletion, seen through the real kubectl. */
class SimWorkloadsIT {

    @TempDir
    static Path dir;
    static SimCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(dir, "sim-work", SimCluster.fast().withRegistry(List.of("nginx", "busybox", "perl:5.34")));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kubectlWaitSeesAJobComplete() {
        cluster.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi}
                spec:
                  completions: 2
                  parallelism: 2
                  template:
                    metadata:
                      annotations: {sandbox.fairway.dev/run-time: 1s}
                    spec:
                      restartPolicy: Never
                      containers: [{name: pi, image: "perl:5.34"}]
                """);
        cluster.kubectl("wait", "--for=condition=complete", "job/pi", "--timeout=60s").ok();
        JsonNode job = cluster.kubectl("get", "job", "pi", "-o", "json").ok().json();
        assertThat(job.path("status").path("succeeded").asInt()).isEqualTo(2);
        assertThat(job.path("status").has("completionTime")).isTrue();
        assertThat(job.path("status").has("startTime")).isTrue();
        JsonNode pods = cluster.kubectl("get", "pods", "-l", "job-name=pi", "-o", "json").ok().json();
        assertThat(pods.path("items")).hasSize(2);
        for (JsonNode p : pods.path("items")) {
            assertThat(p.path("status").path("phase").asText()).isEqualTo("Succeeded");
            JsonNode term = p.path("status").path("containerStatuses").path(0).path("state").path("terminated");
            assertThat(term.path("reason").asText()).isEqualTo("Completed");
            assertThat(term.path("exitCode").asInt()).isZero();
        }
    }

    @Test
    void aFailingJobStopsAtItsBackoffLimit() {
        cluster.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: broken}
                spec:
                  backoffLimit: 1
                  template:
                    metadata:
                      annotations: {sandbox.fairway.dev/behavior: fail, sandbox.fairway.dev/run-time: 500ms}
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: busybox}]
                """);
        cluster.kubectl("wait", "--for=condition=failed", "job/broken", "--timeout=60s").ok();
        JsonNode job = cluster.kubectl("get", "job", "broken", "-o", "json").ok().json();
        assertThat(job.path("status").path("failed").asInt()).isEqualTo(2);
        assertThat(SimDeploymentIT.condition(job, "Failed").path("reason").asText()).isEqualTo("BackoffLimitExceeded");
        assertThat(SimDeploymentIT.condition(job, "Failed").path("message").asText()).isEqualTo("Job has reached the specified backoff limit");
    }

    @Test
    void logsShowStartUpAndRequestLinesAndFollowEndsWithTheContainer() throws Exception {
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: server}
                spec:
                  containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}]
                """);
        cluster.kubectl("wait", "--for=condition=Ready", "pod/server", "--timeout=60s").ok();
        // a request line every 2 s: wait for the first rather than sleeping a guess
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.kubectl("logs", "server").ok().stdout().contains("\"GET "));
        String log = cluster.kubectl("logs", "server").ok().stdout();
        assertThat(log).contains("Configuration complete; ready for start up").contains("\"GET ");
        String tail = cluster.kubectl("logs", "server", "--tail=1", "--timestamps").ok().stdout();
        assertThat(tail.strip().lines()).hasSize(1);
        assertThat(tail).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z .*GET .*\\n");
        // the log grows while we read it: everything read before is still there, from the start
        assertThat(cluster.kubectl("logs", "server", "--since=1h").ok().stdout()).startsWith(log);

        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: batch
                  annotations: {sandbox.fairway.dev/run-time: 4s}
                spec:
                  restartPolicy: Never
                  containers: [{name: work, image: busybox}]
                """);
        cluster.kubectl("wait", "--for=jsonpath={.status.phase}=Running", "pod/batch", "--timeout=60s").ok();
        long started = System.nanoTime();
        SimCluster.Result followed = cluster.kubectlWithInput(null, Duration.ofSeconds(30), "logs", "-f", "batch").ok();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("follow waits for lines written later").isGreaterThan(Duration.ofSeconds(1));
        assertThat(followed.stdout()).contains("processing work items").contains("processed batch").contains("completed successfully");
    }

    @Test
    void aServiceListsOnlyReadyPodsAndALoadBalancerGetsAnAddress() throws Exception {
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: shop-ready, labels: {app: shop}}
                spec:
                  containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: shop-unready
                  labels: {app: shop}
                  annotations: {sandbox.fairway.dev/behavior: unready}
                spec:
                  containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: shop}
                spec:
                  type: LoadBalancer
                  selector: {app: shop}
                  ports: [{name: web, port: 80, targetPort: http}]
                """);
        cluster.kubectl("wait", "--for=condition=Ready", "pod/shop-ready", "--timeout=60s").ok();
        cluster.kubectl("wait", "--for=jsonpath={.status.phase}=Running", "pod/shop-unready", "--timeout=60s").ok();
        String readyIp = cluster.kubectl("get", "pod", "shop-ready", "-o", "jsonpath={.status.podIP}").ok().stdout();
        String unreadyIp = cluster.kubectl("get", "pod", "shop-unready", "-o", "jsonpath={.status.podIP}").ok().stdout();
        assertThat(readyIp).isNotEqualTo(unreadyIp);
        assertThat(SimCluster.eventually(Duration.ofSeconds(20), () -> {
            JsonNode ep = cluster.kubectl("get", "endpoints", "shop", "-o", "json").json();
            return ep.path("subsets").path(0).path("addresses").size() == 1
                    && ep.path("subsets").path(0).path("notReadyAddresses").size() == 1;
        })).isTrue();
        JsonNode subset = cluster.kubectl("get", "endpoints", "shop", "-o", "json").ok().json().path("subsets").path(0);
        assertThat(subset.path("addresses").path(0).path("ip").asText()).isEqualTo(readyIp);
        assertThat(subset.path("notReadyAddresses").path(0).path("ip").asText()).isEqualTo(unreadyIp);
        assertThat(subset.path("ports").path(0).path("port").asInt()).as("named target port resolved").isEqualTo(8080);
        JsonNode slices = cluster.kubectl("get", "endpointslices", "-l", "kubernetes.io/service-name=shop", "-o", "json").ok().json();
        List<String> readyInSlice = new ArrayList<>();
        for (JsonNode e : slices.path("items").path(0).path("endpoints")) {
            if (e.path("conditions").path("ready").asBoolean()) {
                readyInSlice.add(e.path("addresses").path(0).asText());
            }
        }
        assertThat(readyInSlice).containsExactly(readyIp);
        assertThat(SimCluster.eventually(Duration.ofSeconds(20), () -> cluster.kubectl("get", "svc", "shop", "-o",
                "jsonpath={.status.loadBalancer.ingress[0].ip}").stdout().startsWith("172.18.255."))).isTrue();
        assertThat(cluster.kubectl("get", "svc", "shop").ok().stdout()).contains("172.18.255.");
    }

    @Test
    void anImageMissingFromTheRegistryBacksOffPulling() throws Exception {
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: typo}
                spec:
                  containers: [{name: web, image: "ngnix:1.27"}]
                """);
        List<String> reasons = new ArrayList<>();
        assertThat(SimCluster.eventually(Duration.ofSeconds(20), () -> {
            JsonNode w = cluster.kubectl("get", "pod", "typo", "-o", "json").json()
                    .path("status").path("containerStatuses").path(0).path("state").path("waiting");
            String r = w.path("reason").asText();
            if (!r.isEmpty() && (reasons.isEmpty() || !reasons.get(reasons.size() - 1).equals(r))) {
                reasons.add(r);
            }
            return reasons.contains("ImagePullBackOff");
        })).as("reasons seen: %s", reasons).isTrue();
        assertThat(reasons).contains("ErrImagePull");
        JsonNode pod = cluster.kubectl("get", "pod", "typo", "-o", "json").ok().json();
        assertThat(pod.path("status").path("phase").asText()).isEqualTo("Pending");
        String events = cluster.kubectl("get", "events", "--field-selector", "involvedObject.name=typo").ok().stdout();
        assertThat(events).contains("Failed to pull image \"ngnix:1.27\"").contains("Back-off pulling image \"ngnix:1.27\"");
    }

    @Test
    void anUnschedulablePodStaysPendingWithTheSchedulersReason() throws Exception {
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: huge}
                spec:
                  containers: [{name: web, image: nginx, resources: {requests: {cpu: "64"}}}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: picky}
                spec:
                  nodeSelector: {disktype: ssd}
                  containers: [{name: web, image: nginx}]
                """);
        assertThat(SimCluster.eventually(Duration.ofSeconds(20), () -> "Unschedulable".equals(
                SimDeploymentIT.condition(cluster.kubectl("get", "pod", "huge", "-o", "json").json(), "PodScheduled").path("reason").asText())))
                .isTrue();
        JsonNode huge = cluster.kubectl("get", "pod", "huge", "-o", "json").ok().json();
        assertThat(SimDeploymentIT.condition(huge, "PodScheduled").path("message").asText())
                .startsWith("0/3 nodes are available: 3 Insufficient cpu.");
        assertThat(SimCluster.eventually(Duration.ofSeconds(20), () -> SimDeploymentIT.condition(
                cluster.kubectl("get", "pod", "picky", "-o", "json").json(), "PodScheduled").path("message").asText()
                .contains("3 node(s) didn't match Pod's node affinity/selector"))).isTrue();
        assertThat(cluster.kubectl("get", "events", "--field-selector", "reason=FailedScheduling").ok().stdout()).contains("huge");

        cluster.kubectl("label", "node", "sandbox-node-2", "disktype=ssd").ok();
        assertThat(SimCluster.eventually(Duration.ofSeconds(20), () -> "sandbox-node-2".equals(
                cluster.kubectl("get", "pod", "picky", "-o", "jsonpath={.spec.nodeName}").stdout()))).isTrue();
    }

    @Test
    void deletingARunningPodWaitsForItsScaledGracePeriod() {
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: graceful}
                spec:
                  terminationGracePeriodSeconds: 20
                  containers: [{name: web, image: nginx}]
                """);
        cluster.kubectl("wait", "--for=condition=Ready", "pod/graceful", "--timeout=60s").ok();
        cluster.kubectl("delete", "pod", "graceful", "--wait=false").ok();
        JsonNode pod = cluster.kubectl("get", "pod", "graceful", "-o", "json").ok().json();
        assertThat(pod.path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(20);
        assertThat(cluster.kubectl("get", "pod", "graceful").ok().stdout()).contains("Terminating");
        long started = System.nanoTime();
        cluster.kubectl("wait", "--for=delete", "pod/graceful", "--timeout=30s").ok();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(cluster.kubectl("get", "pod", "graceful").exitCode()).isNotZero();
    }

    @Test
    void aSuspendedJobRunsNothingAndADeadlineFailsIt() throws Exception {
        cluster.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: later}
                spec:
                  suspend: true
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: busybox}]
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: slow}
                spec:
                  activeDeadlineSeconds: 2
                  template:
                    metadata: {annotations: {sandbox.fairway.dev/run-time: 10m}}
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: busybox}]
                """);
        cluster.kubectl("wait", "--for=condition=suspended", "job/later", "--timeout=30s").ok();
        assertThat(cluster.kubectl("get", "pods", "-l", "job-name=later", "-o", "name").ok().stdout()).isEmpty();
        cluster.kubectl("patch", "job", "later", "--type=merge", "-p", "{\"spec\":{\"suspend\":false}}").ok();
        cluster.kubectl("wait", "--for=condition=complete", "job/later", "--timeout=60s").ok();

        cluster.kubectl("wait", "--for=condition=failed", "job/slow", "--timeout=60s").ok();
        JsonNode failed = SimDeploymentIT.condition(cluster.kubectl("get", "job", "slow", "-o", "json").ok().json(), "Failed");
        assertThat(failed.path("reason").asText()).isEqualTo("DeadlineExceeded");
        assertThat(failed.path("message").asText()).isEqualTo("Job was active longer than specified deadline");
    }
}
