package dev.fairway.sandbox.table;

import static dev.fairway.sandbox.table.TableConverterTest.NOW;
import static dev.fairway.sandbox.table.TableConverterTest.cells;
import static dev.fairway.sandbox.table.TableConverterTest.columnNames;
import static dev.fairway.sandbox.table.TableConverterTest.obj;
import static dev.fairway.sandbox.table.TableConverterTest.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTableTest {

    private final TableConverter converter = new TableConverter();

    private List<String> row(String podJson) {
        return cells(converter.toTable(type("", "Pod"), List.of(obj(podJson)), null, null, NOW), 0);
    }

    private String status(String podJson) {
        return row(podJson).get(2);
    }

    @Test
    void columnsIncludeTheWideOnes() {
        ObjectNode t = converter.toTable(type("", "Pod"), List.of(), null, null, NOW);
        assertThat(columnNames(t)).containsExactly("Name", "Ready", "Status", "Restarts", "Age", "IP*", "Node*", "Nominated Node*", "Readiness Gates*");
        assertThat(t.get("rows").size()).isZero();
    }

    @Test
    void runningPodShowsReadyContainersIpAndNode() {
        assertThat(row("""
                {"metadata": {"name": "web-1", "creationTimestamp": "2024-05-01T11:00:00Z"},
                 "spec": {"nodeName": "node-1", "containers": [{"name": "app"}, {"name": "side"}]},
                 "status": {"phase": "Running", "podIPs": [{"ip": "10.244.0.5"}],
                   "containerStatuses": [
                     {"name": "app", "ready": true, "restartCount": 0, "state": {"running": {}}},
                     {"name": "side", "ready": false, "restartCount": 0, "state": {"running": {}}}]}}"""))
                .containsExactly("web-1", "1/2", "Running", "0", "60m", "10.244.0.5", "node-1", "<none>", "<none>");
    }

    @Test
    void pendingPodWithoutStatusesShowsNone() {
        assertThat(row("{\"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"a\"}]}, \"status\": {\"phase\": \"Pending\"}}"))
                .containsExactly("p", "0/1", "Pending", "0", "<unknown>", "<none>", "<none>", "<none>", "<none>");
    }

    @Test
    void waitingReasonBecomesTheStatusAndRestartsShowWhenLast() {
        assertThat(row("""
                {"metadata": {"name": "crash"}, "spec": {"containers": [{"name": "app"}]},
                 "status": {"phase": "Running", "containerStatuses": [{"name": "app", "ready": false, "restartCount": 3,
                   "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                   "lastState": {"terminated": {"exitCode": 1, "finishedAt": "2024-05-01T11:55:00Z"}}}]}}""").subList(1, 4))
                .containsExactly("0/1", "CrashLoopBackOff", "3 (5m ago)");
    }

    @Test
    void terminatedContainersShowReasonOrExitCodeOrSignal() {
        assertThat(status("""
                {"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]},
                 "status": {"phase": "Succeeded", "containerStatuses": [{"name": "a", "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}}"""))
                .isEqualTo("Completed");
        assertThat(status("""
                {"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]},
                 "status": {"phase": "Failed", "containerStatuses": [{"name": "a", "state": {"terminated": {"exitCode": 2}}}]}}"""))
                .isEqualTo("ExitCode:2");
        assertThat(status("""
                {"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]},
                 "status": {"phase": "Failed", "containerStatuses": [{"name": "a", "state": {"terminated": {"exitCode": 137, "signal": 9}}}]}}"""))
                .isEqualTo("Signal:9");
    }

    @Test
    void completedContainerBesideARunningOneIsNotCompleted() {
        String json = """
                {"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]},
                 "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "%s"}],
                   "containerStatuses": [
                     {"name": "a", "ready": false, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
                     {"name": "b", "ready": true, "state": {"running": {}}}]}}""";
        assertThat(status(json.formatted("True"))).isEqualTo("Running");
        assertThat(status(json.formatted("False"))).isEqualTo("NotReady");
    }

    @Test
    void initContainersReportProgressAndFailures() {
        String base = """
                {"metadata": {"name": "x"}, "spec": {"initContainers": [{"name": "i1"}, {"name": "i2"}], "containers": [{"name": "a"}]},
                 "status": {"phase": "Pending", "initContainerStatuses": [%s]}}""";
        assertThat(status(base.formatted("""
                {"name": "i1", "state": {"terminated": {"exitCode": 0}}}, {"name": "i2", "state": {"running": {}}}"""))).isEqualTo("Init:1/2");
        assertThat(status(base.formatted("""
                {"name": "i1", "state": {"waiting": {"reason": "ImagePullBackOff"}}}"""))).isEqualTo("Init:ImagePullBackOff");
        assertThat(status(base.formatted("""
                {"name": "i1", "state": {"terminated": {"exitCode": 3}}}"""))).isEqualTo("Init:ExitCode:3");
        assertThat(status(base.formatted("""
                {"name": "i1", "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}"""))).isEqualTo("Init:Error");
    }

    @Test
    void sidecarInitContainersCountTowardsReady() {
        assertThat(row("""
                {"metadata": {"name": "x"}, "spec": {"initContainers": [{"name": "proxy", "restartPolicy": "Always"}], "containers": [{"name": "a"}]},
                 "status": {"phase": "Running", "conditions": [{"type": "Initialized", "status": "True"}],
                   "initContainerStatuses": [{"name": "proxy", "started": true, "ready": true, "restartCount": 1, "state": {"running": {}}}],
                   "containerStatuses": [{"name": "a", "ready": true, "state": {"running": {}}}]}}""").subList(1, 4))
                .containsExactly("2/2", "Running", "1");
    }

    @Test
    void deletedPodIsTerminatingUnlessFinished() {
        assertThat(status("""
                {"metadata": {"name": "x", "deletionTimestamp": "2024-05-01T11:59:00Z"}, "spec": {"containers": [{"name": "a"}]},
                 "status": {"phase": "Running"}}""")).isEqualTo("Terminating");
        assertThat(status("""
                {"metadata": {"name": "x", "deletionTimestamp": "2024-05-01T11:59:00Z"}, "spec": {"containers": [{"name": "a"}]},
                 "status": {"phase": "Running", "reason": "NodeLost"}}""")).isEqualTo("Unknown");
        assertThat(status("""
                {"metadata": {"name": "x", "deletionTimestamp": "2024-05-01T11:59:00Z"}, "spec": {"containers": [{"name": "a"}]},
                 "status": {"phase": "Succeeded"}}""")).isEqualTo("Succeeded");
    }

    @Test
    void podStatusReasonAndSchedulingGatesOverridePhase() {
        assertThat(status("""
                {"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Failed", "reason": "Evicted"}}"""))
                .isEqualTo("Evicted");
        assertThat(status("""
                {"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}]},
                 "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}}"""))
                .isEqualTo("SchedulingGated");
    }

    @Test
    void readinessGatesCountTrueConditions() {
        assertThat(row("""
                {"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a"}],
                   "readinessGates": [{"conditionType": "lb/ready"}, {"conditionType": "other"}]},
                 "status": {"conditions": [{"type": "lb/ready", "status": "True"}], "nominatedNodeName": "n2"}}""").subList(7, 9))
                .containsExactly("n2", "1/2");
    }

    @Test
    void finishedPodsCarryACompletedRowCondition() {
        ObjectNode t = converter.toTable(type("", "Pod"), List.of(
                obj("{\"metadata\": {\"name\": \"ok\"}, \"status\": {\"phase\": \"Succeeded\"}}"),
                obj("{\"metadata\": {\"name\": \"run\"}, \"status\": {\"phase\": \"Running\"}}")), null, null, NOW);
        assertThat(t.get("rows").get(0).get("conditions").get(0).get("type").asText()).isEqualTo("Completed");
        assertThat(t.get("rows").get(0).get("conditions").get(0).get("reason").asText()).isEqualTo("Succeeded");
        assertThat(t.get("rows").get(1).has("conditions")).isFalse();
    }
}
