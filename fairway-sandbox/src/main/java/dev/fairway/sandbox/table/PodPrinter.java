package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod rows as {@code kubectl get pods} shows them: READY counts, STATUS summarised from container
 * states the way the kubelet-side printer does ({@code CrashLoopBackOff}, {@code Init:1/2},
 * {@code Terminating}, {@code Completed}...) and RESTARTS with the time of the last restart.
 */
final class PodPrinter implements KindPrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.text("Status", "The aggregate status of the containers in this pod."),
            Column.text("Restarts", "The number of times the containers in this pod have been restarted and when the last one restarted."),
            Column.ageColumn(),
            Column.text("IP", "IP address allocated to the pod.").wide(),
            Column.text("Node", "The node the pod is scheduled to.").wide(),
            Column.text("Nominated Node", "The node the scheduler nominated for preemption.").wide(),
            Column.text("Readiness Gates", "Readiness gates that are true, of all gates.").wide());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<ObjectNode> conditions(ObjectNode pod) {
        String phase = Fields.text(pod, "status", "phase");
        if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
            return List.of();
        }
        ObjectNode c = Json.object();
        c.put("type", "Completed");
        c.put("status", "True");
        c.put("reason", phase);
        c.put("message", phase.equals("Succeeded") ? "The pod has completed successfully." : "The pod failed.");
        return List.of(c);
    }

    @Override
    public List<Object> cells(ObjectNode pod, Instant now) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        String phase = Fields.text(status, "phase");
        String reason = Fields.textOr(phase, status, "reason");
        for (JsonNode c : Fields.items(status, "conditions")) {
            if (Fields.text(c, "type").equals("PodScheduled") && Fields.text(c, "reason").equals("SchedulingGated")) {
                reason = "SchedulingGated";
            }
        }

        Map<String, Boolean> sidecar = new HashMap<>();
        List<JsonNode> initContainers = Fields.items(spec, "initContainers");
        int totalContainers = Fields.size(spec, "containers");
        for (JsonNode c : initContainers) {
            boolean restartable = Fields.text(c, "restartPolicy").equals("Always");
            sidecar.put(Fields.text(c, "name"), restartable);
            if (restartable) {
                totalContainers++;
            }
        }

        int restarts = 0;
        int sidecarRestarts = 0;
        int ready = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;
        boolean initializing = false;
        List<JsonNode> initStatuses = Fields.items(status, "initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode cs = initStatuses.get(i);
            int count = (int) Fields.number(cs, "restartCount");
            restarts += count;
            Instant finished = Fields.time(cs, "lastState", "terminated", "finishedAt");
            lastRestart = later(lastRestart, finished);
            boolean restartable = sidecar.getOrDefault(Fields.text(cs, "name"), false);
            if (restartable) {
                sidecarRestarts += count;
                lastSidecarRestart = later(lastSidecarRestart, finished);
            }
            JsonNode terminated = cs.path("state").path("terminated");
            JsonNode waiting = cs.path("state").path("waiting");
            if (terminated.isObject() && Fields.number(terminated, "exitCode") == 0) {
                continue;
            }
            if (restartable && cs.path("started").asBoolean(false)) {
                if (cs.path("ready").asBoolean(false)) {
                    ready++;
                }
                continue;
            }
            if (terminated.isObject()) {
                String r = Fields.text(terminated, "reason");
                if (r.isEmpty()) {
                    long signal = Fields.number(terminated, "signal");
                    reason = signal != 0 ? "Init:Signal:" + signal : "Init:ExitCode:" + Fields.number(terminated, "exitCode");
                } else {
                    reason = "Init:" + r;
                }
            } else if (waiting.isObject() && !Fields.text(waiting, "reason").isEmpty()
                    && !Fields.text(waiting, "reason").equals("PodInitializing")) {
                reason = "Init:" + Fields.text(waiting, "reason");
            } else {
                reason = "Init:" + i + "/" + initContainers.size();
            }
            initializing = true;
            break;
        }

        if (!initializing || conditionTrue(status, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            List<JsonNode> statuses = Fields.items(status, "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode cs = statuses.get(i);
                restarts += (int) Fields.number(cs, "restartCount");
                lastRestart = later(lastRestart, Fields.time(cs, "lastState", "terminated", "finishedAt"));
                JsonNode waiting = cs.path("state").path("waiting");
                JsonNode terminated = cs.path("state").path("terminated");
                if (waiting.isObject() && !Fields.text(waiting, "reason").isEmpty()) {
                    reason = Fields.text(waiting, "reason");
                } else if (terminated.isObject() && !Fields.text(terminated, "reason").isEmpty()) {
                    reason = Fields.text(terminated, "reason");
                } else if (terminated.isObject()) {
                    long signal = Fields.number(terminated, "signal");
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + Fields.number(terminated, "exitCode");
                } else if (cs.path("ready").asBoolean(false) && cs.path("state").path("running").isObject()) {
                    hasRunning = true;
                    ready++;
                }
            }
            // A pod whose last-listed container completed but another still runs is not "Completed".
            if (reason.equals("Completed") && hasRunning) {
                reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }

        boolean deleting = Fields.present(pod, "metadata", "deletionTimestamp");
        if (deleting && Fields.text(status, "reason").equals("NodeLost")) {
            reason = "Unknown";
        } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
            reason = "Terminating";
        }

        String restartText = Integer.toString(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartText = restarts + " (" + HumanDuration.since(lastRestart, now) + " ago)";
        }

        String ip = "<none>";
        List<JsonNode> ips = Fields.items(status, "podIPs");
        if (!ips.isEmpty() && !Fields.text(ips.get(0), "ip").isEmpty()) {
            ip = Fields.text(ips.get(0), "ip");
        }
        String gates = "<none>";
        List<JsonNode> readinessGates = Fields.items(spec, "readinessGates");
        if (!readinessGates.isEmpty()) {
            int trueGates = 0;
            for (JsonNode g : readinessGates) {
                for (JsonNode c : Fields.items(status, "conditions")) {
                    if (Fields.text(c, "type").equals(Fields.text(g, "conditionType"))) {
                        if (Fields.text(c, "status").equals("True")) {
                            trueGates++;
                        }
                        break;
                    }
                }
            }
            gates = trueGates + "/" + readinessGates.size();
        }
        return new ArrayList<>(Arrays.asList(
                Fields.name(pod),
                ready + "/" + totalContainers,
                reason,
                restartText,
                HumanDuration.since(Fields.created(pod), now),
                ip,
                Fields.textOr("<none>", spec, "nodeName"),
                Fields.textOr("<none>", status, "nominatedNodeName"),
                gates));
    }

    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode c : Fields.items(status, "conditions")) {
            if (Fields.text(c, "type").equals(type)) {
                return Fields.text(c, "status").equals("True");
            }
        }
        return false;
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isAfter(a) ? b : a;
    }
}
