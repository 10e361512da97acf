package dev.fairway.sandbox.simulation;

import dev.fairway.kube.GoDuration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a kubelet would report for a pod at a given moment: a pure function of the pod, the moment
 * its node took it and now, so the simulation needs no memory of its own and a restarted sandbox
 * reports the same. Answers the status and when it next changes by itself.
 */
final class PodLifecycle {

    static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);
    private static final Duration CRASH_RUN = Duration.ofSeconds(1);
    private static final Duration PULL_ERROR_SHOWN = Duration.ofSeconds(1);

    /** The reported status and the next moment it changes without anyone writing (null: never). */
    record Result(ObjectNode status, Instant next) {}

    private final Simulator.Config config;
    private final ImageRegistry registry;

    PodLifecycle(Simulator.Config config) {
        this.config = config;
        this.registry = new ImageRegistry(config.registry());
    }

    /** How long this pod's containers take to start: the start-up plus its stable share of jitter. */
    Duration startup(JsonNode pod) {
        long jitter = (long) (config.jitter().toMillis() * ObjectFields.stableFraction(ObjectFields.uid(pod)));
        return config.podStartup().plusMillis(jitter);
    }

    boolean imageExists(String image) {
        return registry.exists(image);
    }

    /** Whether the pod runs to completion (a Job's pod, or one given a run time) rather than serving forever. */
    static boolean runsToCompletion(JsonNode pod) {
        String policy = pod.path("spec").path("restartPolicy").asText("Always");
        return !policy.equals("Always") && (ObjectFields.controllerUid(pod, "Job") != null
                || ObjectFields.annotation(pod, Simulator.RUN_TIME_ANNOTATION) != null);
    }

    Duration runTime(JsonNode pod) {
        String v = ObjectFields.annotation(pod, Simulator.RUN_TIME_ANNOTATION);
        if (v != null) {
            try {
                return GoDuration.parse(v);
            } catch (IllegalArgumentException e) {
                return config.jobRunTime();
            }
        }
        return config.jobRunTime();
    }

    Result status(JsonNode pod, Instant t0, Instant now, String hostIp, String podIp) {
        JsonNode spec = pod.path("spec");
        JsonNode old = pod.path("status");
        Behavior behavior = Behavior.of(pod);
        String policy = spec.path("restartPolicy").asText("Always");
        Duration startup = startup(pod);
        List<Instant> changes = new ArrayList<>();

        ObjectNode status = ObjectFields.NODES.objectNode();
        // init containers run one after another, each taking the start-up time
        JsonNode inits = spec.path("initContainers");
        ArrayNode initStatuses = ObjectFields.NODES.arrayNode();
        List<String> incomplete = new ArrayList<>();
        Instant cursor = t0;
        for (JsonNode c : inits) {
            Instant runAt = cursor.plus(startup.dividedBy(2));
            Instant doneAt = cursor.plus(startup);
            changes.add(runAt);
            changes.add(doneAt);
            ObjectNode cs = containerBase(pod, c, 0);
            ObjectNode state = cs.putObject("state");
            if (now.isBefore(runAt)) {
                state.putObject("waiting").put("reason", "PodInitializing");
                incomplete.add(c.path("name").asText());
                cs.put("ready", false);
                cs.put("started", false);
            } else if (now.isBefore(doneAt)) {
                state.putObject("running").put("startedAt", ObjectFields.stamp(runAt));
                incomplete.add(c.path("name").asText());
                cs.put("ready", false);
                cs.put("started", true);
            } else {
                terminated(state, 0, "Completed", runAt, doneAt, containerId(pod, c, 0));
                cs.put("ready", true);
                cs.put("started", false);
            }
            cs.putObject("lastState");
            cs.put("restartCount", 0);
            initStatuses.add(order(cs));
            cursor = doneAt;
        }
        boolean initialized = incomplete.isEmpty();

        ArrayNode statuses = ObjectFields.NODES.arrayNode();
        List<String> unready = new ArrayList<>();
        int terminatedOk = 0;
        int terminatedFailed = 0;
        int everStarted = 0;
        Instant runAt = cursor.plus(startup);
        boolean toCompletion = runsToCompletion(pod);
        for (JsonNode c : spec.path("containers")) {
            String name = c.path("name").asText();
            ContainerView v;
            if (!initialized) {
                v = ContainerView.waiting("PodInitializing", null, 0);
            } else if (behavior == Behavior.IMAGEPULLBACKOFF || !registry.exists(c.path("image").asText())) {
                v = pullFailures(c, cursor, runAt, now, changes);
            } else if (behavior.crashes()) {
                v = crashing(pod, c, behavior, policy, runAt, now, changes);
            } else {
                v = running(pod, c, behavior, toCompletion, runAt, now, changes);
            }
            ObjectNode cs = containerBase(pod, c, v.restartCount);
            cs.set("state", v.state);
            cs.set("lastState", v.lastState == null ? ObjectFields.NODES.objectNode() : v.lastState);
            cs.put("ready", v.ready);
            cs.put("restartCount", v.restartCount);
            cs.put("started", v.started);
            if (!v.state.has("running") && !v.everStarted) {
                cs.remove("containerID");
            }
            statuses.add(order(cs));
            if (!v.ready) {
                unready.add(name);
            }
            if (v.everStarted) {
                everStarted++;
            }
            if (v.state.has("terminated") && v.finalState) {
                if (v.state.path("terminated").path("exitCode").asInt() == 0) {
                    terminatedOk++;
                } else {
                    terminatedFailed++;
                }
            }
        }
        int count = spec.path("containers").size();
        String phase;
        if (count > 0 && terminatedOk + terminatedFailed == count) {
            phase = terminatedFailed > 0 ? "Failed" : "Succeeded";
        } else if (initialized && everStarted > 0) {
            phase = "Running";
        } else {
            phase = "Pending";
        }
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");

        ObjectNode oldStatus = old.isObject() ? (ObjectNode) old : ObjectFields.NODES.objectNode();
        ObjectFields.setCondition(status, oldStatus, "PodReadyToStartContainers", terminal ? "False" : "True", null, null, t0, true, false);
        if (initialized) {
            ObjectFields.setCondition(status, oldStatus, "Initialized", "True", null, null, t0, true, false);
        } else {
            ObjectFields.setCondition(status, oldStatus, "Initialized", "False", "ContainersNotInitialized",
                    "containers with incomplete status: [" + String.join(" ", incomplete) + "]", t0, true, false);
        }
        Instant conditionTime = latestChangeNotAfter(changes, now, t0);
        if (terminal) {
            // the kubelet's reason for terminal pods: PodCompleted when all succeeded, PodFailed otherwise
            String reason = phase.equals("Succeeded") ? "PodCompleted" : "PodFailed";
            ObjectFields.setCondition(status, oldStatus, "Ready", "False", reason, null, conditionTime, true, false);
            ObjectFields.setCondition(status, oldStatus, "ContainersReady", "False", reason, null, conditionTime, true, false);
        } else if (unready.isEmpty() && count > 0) {
            ObjectFields.setCondition(status, oldStatus, "Ready", "True", null, null, conditionTime, true, false);
            ObjectFields.setCondition(status, oldStatus, "ContainersReady", "True", null, null, conditionTime, true, false);
        } else {
            String msg = "containers with unready status: [" + String.join(" ", unready) + "]";
            ObjectFields.setCondition(status, oldStatus, "Ready", "False", "ContainersNotReady", msg, conditionTime, true, false);
            ObjectFields.setCondition(status, oldStatus, "ContainersReady", "False", "ContainersNotReady", msg, conditionTime, true, false);
        }
        JsonNode scheduled = ObjectFields.condition(pod, "PodScheduled");
        if (scheduled != null) {
            status.withArray("conditions").add(scheduled.deepCopy());
        } else {
            ObjectFields.setCondition(status, oldStatus, "PodScheduled", "True", null, null, t0, true, false);
        }
        status.set("containerStatuses", statuses);
        status.put("hostIP", hostIp);
        status.putArray("hostIPs").addObject().put("ip", hostIp);
        if (initStatuses.size() > 0) {
            status.set("initContainerStatuses", initStatuses);
        }
        status.put("phase", phase);
        if (podIp != null) {
            status.put("podIP", podIp);
            status.putArray("podIPs").addObject().put("ip", podIp);
        }
        status.put("qosClass", old.path("qosClass").asText(qosClass(spec)));
        status.put("startTime", ObjectFields.stamp(t0));

        Instant next = null;
        for (Instant c : changes) {
            if (c.isAfter(now) && (next == null || c.isBefore(next))) {
                next = c;
            }
        }
        return new Result(status, terminal ? null : next);
    }

    private static Instant latestChangeNotAfter(List<Instant> changes, Instant now, Instant t0) {
        Instant latest = t0;
        for (Instant c : changes) {
            if (!c.isAfter(now) && c.isAfter(latest)) {
                latest = c;
            }
        }
        return latest;
    }

    /** One container's reported state. */
    private record ContainerView(ObjectNode state, ObjectNode lastState, boolean ready, int restartCount, boolean started,
                                 boolean everStarted, boolean finalState) {
        static ContainerView waiting(String reason, String message, int restarts) {
            ObjectNode s = ObjectFields.NODES.objectNode();
            ObjectNode w = s.putObject("waiting");
            w.put("reason", reason);
            if (message != null) {
                w.put("message", message);
            }
            return new ContainerView(s, null, false, restarts, false, false, false);
        }
    }

    private ContainerView pullFailures(JsonNode c, Instant createdAt, Instant failsAt, Instant now, List<Instant> changes) {
        String image = c.path("image").asText();
        changes.add(failsAt);
        if (now.isBefore(failsAt)) {
            return ContainerView.waiting("ContainerCreating", null, 0);
        }
        Instant attempt = failsAt;
        for (int k = 0; k < 10_000; k++) {
            Instant shown = attempt.plus(PULL_ERROR_SHOWN);
            Instant nextAttempt = shown.plus(backOff(k));
            if (now.isBefore(nextAttempt)) {
                changes.add(shown);
                changes.add(nextAttempt);
                if (now.isBefore(shown)) {
                    return ContainerView.waiting("ErrImagePull", pullError(image), 0);
                }
                return ContainerView.waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\"", 0);
            }
            attempt = nextAttempt;
        }
        return ContainerView.waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\"", 0);
    }

    /** The containerd error a pull of a missing tag gives. */
    static String pullError(String image) {
        String ref = ImageRegistry.normalize(image);
        return "failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref + "\": "
                + ref + ": not found";
    }

    private Duration backOff(int k) {
        Duration d = config.backOff();
        for (int i = 0; i < k && d.compareTo(MAX_BACK_OFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : d;
    }

    private ContainerView crashing(JsonNode pod, JsonNode c, Behavior behavior, String policy, Instant runAt, Instant now,
                                   List<Instant> changes) {
        changes.add(runAt);
        if (now.isBefore(runAt)) {
            return ContainerView.waiting("ContainerCreating", null, 0);
        }
        Duration runFor = behavior == Behavior.FAIL ? runTime(pod) : CRASH_RUN;
        int exitCode = behavior == Behavior.OOMKILLED ? 137 : 1;
        String reason = behavior == Behavior.OOMKILLED ? "OOMKilled" : "Error";
        Instant start = runAt;
        ObjectNode last = null;
        for (int k = 0; k < 100_000; k++) {
            Instant end = start.plus(runFor);
            String id = containerId(pod, c, k);
            if (now.isBefore(end)) {
                changes.add(end);
                ObjectNode s = ObjectFields.NODES.objectNode();
                s.putObject("running").put("startedAt", ObjectFields.stamp(start));
                return new ContainerView(s, last, false, k, true, true, false);
            }
            ObjectNode ended = ObjectFields.NODES.objectNode();
            terminated(ended, exitCode, reason, start, end, id);
            if (policy.equals("Never")) {
                return new ContainerView(ended, last, false, k, false, true, true);
            }
            Duration wait = k == 0 ? PULL_ERROR_SHOWN : backOff(k - 1);
            Instant restart = end.plus(wait);
            if (now.isBefore(restart)) {
                changes.add(restart);
                if (k == 0) {
                    return new ContainerView(ended, last, false, 0, false, true, false);
                }
                ObjectNode s = ObjectFields.NODES.objectNode();
                s.putObject("waiting").put("reason", "CrashLoopBackOff").put("message",
                        "back-off " + GoDuration.format(wait) + " restarting failed container=" + c.path("name").asText()
                                + " pod=" + ObjectFields.name(pod) + "_" + ObjectFields.namespace(pod) + "(" + ObjectFields.uid(pod) + ")");
                return new ContainerView(s, ended, false, k, false, true, false);
            }
            last = ended;
            start = restart;
        }
        return ContainerView.waiting("CrashLoopBackOff", null, 0);
    }

    private ContainerView running(JsonNode pod, JsonNode c, Behavior behavior, boolean toCompletion, Instant runAt, Instant now,
                                  List<Instant> changes) {
        changes.add(runAt);
        if (now.isBefore(runAt)) {
            return ContainerView.waiting("ContainerCreating", null, 0);
        }
        if (toCompletion) {
            Instant end = runAt.plus(runTime(pod));
            changes.add(end);
            if (!now.isBefore(end)) {
                ObjectNode s = ObjectFields.NODES.objectNode();
                terminated(s, 0, "Completed", runAt, end, containerId(pod, c, 0));
                return new ContainerView(s, null, false, 0, false, true, true);
            }
        }
        Instant readyAt = runAt;
        JsonNode probe = c.get("readinessProbe");
        if (probe != null && probe.isObject()) {
            readyAt = readyAt.plusSeconds(probe.path("initialDelaySeconds").asLong(0));
        }
        if (behavior == Behavior.SLOW_START) {
            readyAt = readyAt.plus(config.podStartup().multipliedBy(20));
        }
        boolean ready = behavior != Behavior.UNREADY && !now.isBefore(readyAt);
        if (behavior != Behavior.UNREADY) {
            changes.add(readyAt);
        }
        ObjectNode s = ObjectFields.NODES.objectNode();
        s.putObject("running").put("startedAt", ObjectFields.stamp(runAt));
        return new ContainerView(s, null, ready, 0, true, true, false);
    }

    private static void terminated(ObjectNode state, int exitCode, String reason, Instant started, Instant finished, String id) {
        ObjectNode t = state.putObject("terminated");
        t.put("containerID", id);
        t.put("exitCode", exitCode);
        t.put("finishedAt", ObjectFields.stamp(finished));
        t.put("reason", reason);
        t.put("startedAt", ObjectFields.stamp(started));
    }

    private static ObjectNode containerBase(JsonNode pod, JsonNode c, int restart) {
        ObjectNode cs = ObjectFields.NODES.objectNode();
        String image = c.path("image").asText();
        cs.put("containerID", containerId(pod, c, restart));
        cs.put("image", ImageRegistry.normalize(image));
        cs.put("imageID", imageId(image));
        cs.put("name", c.path("name").asText());
        return cs;
    }

    /** Kubernetes prints container statuses with fields in alphabetical order. */
    private static ObjectNode order(ObjectNode cs) {
        ObjectNode o = ObjectFields.NODES.objectNode();
        for (String f : List.of("containerID", "image", "imageID", "lastState", "name", "ready", "restartCount", "started", "state")) {
            if (cs.has(f)) {
                o.set(f, cs.get(f));
            }
        }
        return o;
    }

    static String containerId(JsonNode pod, JsonNode c, int restart) {
        return "containerd://" + sha256(ObjectFields.uid(pod) + "/" + c.path("name").asText() + "/" + restart);
    }

    static String imageId(String image) {
        String ref = ImageRegistry.normalize(image);
        int colon = ref.lastIndexOf(':');
        int slash = ref.lastIndexOf('/');
        String repo = colon > slash ? ref.substring(0, colon) : ref;
        return repo + "@sha256:" + sha256(ref);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String qosClass(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        List<JsonNode> all = new ArrayList<>();
        spec.path("containers").forEach(all::add);
        spec.path("initContainers").forEach(all::add);
        for (JsonNode c : all) {
            JsonNode req = c.path("resources").path("requests");
            JsonNode lim = c.path("resources").path("limits");
            any |= req.size() > 0 || lim.size() > 0;
            for (String r : List.of("cpu", "memory")) {
                JsonNode l = lim.get(r);
                JsonNode q = req.get(r) != null ? req.get(r) : l;
                if (l == null || Quantity.parse(l).compareTo(Quantity.parse(q)) != 0) {
                    guaranteed = false;
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
