package dev.fairway.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodLifecycleTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Simulator.Config CONFIG = Simulator.Config.defaults().withJitter(Duration.ZERO)
            .withRegistry(List.of("nginx", "busybox"));
    final PodLifecycle lifecycle = new PodLifecycle(CONFIG);

    static ObjectNode pod(String yaml) throws Exception {
        return (ObjectNode) Json.YAML.readTree(yaml);
    }

    static ObjectNode web(String annotations, String extra) throws Exception {
        return pod("""
                metadata: {name: web-1, namespace: shop, uid: 1111-2222, annotations: {%s}}
                spec:
                  restartPolicy: Always
                  containers:
                  - name: web
                    image: nginx:1.27
                %s
                """.formatted(annotations, extra));
    }

    private JsonNode at(ObjectNode pod, Duration after) {
        PodLifecycle.Result r = lifecycle.status(pod, T0, T0.plus(after), "172.18.0.3", "10.244.1.2");
        pod.set("status", r.status());
        return r.status();
    }

    static JsonNode container(JsonNode status) {
        return status.path("containerStatuses").path(0);
    }

    static String condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "";
    }

    @Test
    void aPodIsCreatingThenRunningAndReadyAfterItsStartUp() throws Exception {
        ObjectNode pod = web("", "");
        JsonNode creating = at(pod, Duration.ofMillis(500));
        assertThat(creating.path("phase").asText()).isEqualTo("Pending");
        assertThat(container(creating).path("state").path("waiting").path("reason").asText()).isEqualTo("ContainerCreating");
        assertThat(condition(creating, "Ready")).isEqualTo("False");

        JsonNode running = at(pod, Duration.ofMillis(1500));
        assertThat(running.path("phase").asText()).isEqualTo("Running");
        assertThat(container(running).path("state").path("running").path("startedAt").asText()).isEqualTo("2026-01-01T10:00:01Z");
        assertThat(container(running).path("ready").asBoolean()).isTrue();
        assertThat(container(running).path("image").asText()).isEqualTo("docker.io/library/nginx:1.27");
        assertThat(condition(running, "Ready")).isEqualTo("True");
        assertThat(condition(running, "ContainersReady")).isEqualTo("True");
        assertThat(running.path("podIP").asText()).isEqualTo("10.244.1.2");
        assertThat(running.path("qosClass").asText()).isEqualTo("BestEffort");
    }

    @Test
    void aReadinessProbeDelaysReadyByItsInitialDelay() throws Exception {
        ObjectNode pod = web("", "    readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 5}");
        assertThat(container(at(pod, Duration.ofSeconds(3))).path("ready").asBoolean()).isFalse();
        PodLifecycle.Result r = lifecycle.status(pod, T0, T0.plusSeconds(3), "h", "p");
        assertThat(r.next()).as("it wakes up when the probe passes").isEqualTo(T0.plusSeconds(6));
        assertThat(container(at(pod, Duration.ofSeconds(6))).path("ready").asBoolean()).isTrue();
    }

    @Test
    void aCrashingContainerBacksOffWithRisingRestartCounts() throws Exception {
        ObjectNode pod = web("sandbox.fairway.dev/behavior: crashloop", "");
        JsonNode firstExit = container(at(pod, Duration.ofMillis(2500)));
        assertThat(firstExit.path("state").path("terminated").path("reason").asText()).isEqualTo("Error");
        assertThat(firstExit.path("restartCount").asInt()).isZero();
        JsonNode backingOff = container(at(pod, Duration.ofMillis(4500)));
        assertThat(backingOff.path("restartCount").asInt()).isEqualTo(1);
        assertThat(backingOff.path("state").path("waiting").path("reason").asText()).isEqualTo("CrashLoopBackOff");
        assertThat(backingOff.path("state").path("waiting").path("message").asText())
                .isEqualTo("back-off 10s restarting failed container=web pod=web-1_shop(1111-2222)");
        assertThat(backingOff.path("lastState").path("terminated").path("exitCode").asInt()).isEqualTo(1);
        JsonNode later = container(at(pod, Duration.ofSeconds(60)));
        assertThat(later.path("restartCount").asInt()).isGreaterThan(2);
        assertThat(later.path("ready").asBoolean()).isFalse();
    }

    @Test
    void anOomKilledContainerReportsExitCode137() throws Exception {
        ObjectNode pod = web("sandbox.fairway.dev/behavior: oomkilled", "");
        JsonNode s = container(at(pod, Duration.ofMillis(4500)));
        assertThat(s.path("lastState").path("terminated").path("reason").asText()).isEqualTo("OOMKilled");
        assertThat(s.path("lastState").path("terminated").path("exitCode").asInt()).isEqualTo(137);
    }

    @Test
    void aMissingImageAlternatesErrImagePullAndImagePullBackOff() throws Exception {
        ObjectNode pod = pod("""
                metadata: {name: typo, namespace: default, uid: u-1}
                spec: {containers: [{name: web, image: "ngnix:1.27"}]}
                """);
        JsonNode err = container(at(pod, Duration.ofMillis(1500)));
        assertThat(err.path("state").path("waiting").path("reason").asText()).isEqualTo("ErrImagePull");
        assertThat(err.path("state").path("waiting").path("message").asText())
                .contains("failed to resolve reference \"docker.io/library/ngnix:1.27\"").endsWith("not found");
        JsonNode backOff = container(at(pod, Duration.ofMillis(2500)));
        assertThat(backOff.path("state").path("waiting").path("reason").asText()).isEqualTo("ImagePullBackOff");
        assertThat(backOff.path("state").path("waiting").path("message").asText()).isEqualTo("Back-off pulling image \"ngnix:1.27\"");
        assertThat(at(pod, Duration.ofSeconds(30)).path("phase").asText()).isEqualTo("Pending");
    }

    @Test
    void aJobPodSucceedsAfterItsRunTime() throws Exception {
        ObjectNode pod = pod("""
                metadata:
                  name: job-1
                  namespace: default
                  uid: u-2
                  annotations: {sandbox.fairway.dev/run-time: 5s}
                spec: {restartPolicy: Never, containers: [{name: work, image: busybox}]}
                """);
        assertThat(at(pod, Duration.ofSeconds(3)).path("phase").asText()).isEqualTo("Running");
        JsonNode done = at(pod, Duration.ofSeconds(7));
        assertThat(done.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(container(done).path("state").path("terminated").path("reason").asText()).isEqualTo("Completed");
        assertThat(condition(done, "Ready")).isEqualTo("False");
        assertThat(lifecycle.status(pod, T0, T0.plusSeconds(7), "h", "p").next()).as("nothing changes any more").isNull();
    }

    @Test
    void aFailingPodThatNeverRestartsEndsFailed() throws Exception {
        ObjectNode pod = pod("""
                metadata: {name: f, namespace: default, uid: u-3, annotations: {sandbox.fairway.dev/behavior: fail}}
                spec: {restartPolicy: Never, containers: [{name: work, image: busybox}]}
                """);
        JsonNode done = at(pod, Duration.ofSeconds(10));
        assertThat(done.path("phase").asText()).isEqualTo("Failed");
        assertThat(container(done).path("state").path("terminated").path("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void initContainersRunFirst() throws Exception {
        ObjectNode pod = pod("""
                metadata: {name: i, namespace: default, uid: u-4}
                spec:
                  initContainers: [{name: migrate, image: busybox}]
                  containers: [{name: web, image: nginx}]
                """);
        JsonNode init = at(pod, Duration.ofMillis(700));
        assertThat(condition(init, "Initialized")).isEqualTo("False");
        assertThat(container(init).path("state").path("waiting").path("reason").asText()).isEqualTo("PodInitializing");
        assertThat(init.path("initContainerStatuses").path(0).path("state").has("running")).isTrue();
        JsonNode up = at(pod, Duration.ofMillis(2500));
        assertThat(condition(up, "Initialized")).isEqualTo("True");
        assertThat(up.path("initContainerStatuses").path(0).path("state").path("terminated").path("reason").asText()).isEqualTo("Completed");
        assertThat(up.path("phase").asText()).isEqualTo("Running");
    }

    @Test
    void theSameMomentGivesTheSameStatus() throws Exception {
        ObjectNode a = web("", "");
        ObjectNode b = web("", "");
        assertThat(at(a, Duration.ofSeconds(9))).isEqualTo(at(b, Duration.ofSeconds(9)));
    }

    @Test
    void qosClassFollowsRequestsAndLimits() throws Exception {
        assertThat(PodLifecycle.qosClass(pod("containers: [{name: a, resources: {limits: {cpu: 1, memory: 1Gi}}}]"))).isEqualTo("Guaranteed");
        assertThat(PodLifecycle.qosClass(pod("containers: [{name: a, resources: {requests: {cpu: 100m}}}]"))).isEqualTo("Burstable");
        assertThat(PodLifecycle.qosClass(pod("containers: [{name: a}]"))).isEqualTo("BestEffort");
    }
}
