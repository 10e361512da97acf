package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubelets of the simulated nodes: report each bound pod's status as {@link PodLifecycle}
 * computes it (writing only when it changed, and waking up when it next changes by itself),
 * give pods an IP from their node's pod CIDR, record the kubelet's events, and finish graceful
 * deletions once the (scaled) grace period has passed.
 */
final class Kubelet extends SimulatedController {

    private static final String NAME = "kubelet";
    private static final Duration SLACK = Duration.ofMillis(30);

    private final PodLifecycle lifecycle;
    /** When this process first saw each pod bound, more precise than status.startTime (seconds). */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> ipsInUse = new HashMap<>();
    private final Map<Ref, String> ipOf = new HashMap<>();
    private final Set<String> killing = ConcurrentHashMap.newKeySet();

    Kubelet(SimulationContext ctx) {
        super(ctx, "kubelet");
        this.lifecycle = new PodLifecycle(ctx.config());
    }

    @Override
    void start() {
        try {
            for (ObjectNode p : ctx.service().list(ctx.kinds().pods(), null, ListOptions.ALL).items()) {
                track(Ref.of(p), p, false);
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list pods: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("", "pods")) {
            track(c.ref(), c.object(), c.deleted());
        }
    }

    private void track(Ref ref, ObjectNode pod, boolean deleted) {
        String node = pod.path("spec").path("nodeName").asText("");
        String ip = pod.path("status").path("podIP").asText("");
        synchronized (this) {
            if (deleted) {
                release(ref);
                seen.remove(ObjectFields.uid(pod));
                killing.remove(ObjectFields.uid(pod));
            } else if (!ip.isEmpty() && !node.isEmpty() && !ip.equals(ipOf.get(ref))) {
                release(ref);
                ipOf.put(ref, ip);
                if (ip.lastIndexOf('.') > 0) {
                    ipsInUse.computeIfAbsent(ip.substring(0, ip.lastIndexOf('.')), n -> new HashSet<>()).add(lastOctets(ip));
                }
            }
        }
        if (!deleted && NodeSimulator.indexOf(node) > 0) {
            queue.add(ref);
        }
    }

    private void release(Ref ref) {
        String ip = ipOf.remove(ref);
        if (ip != null && ip.lastIndexOf('.') > 0) {
            Set<Integer> used = ipsInUse.get(ip.substring(0, ip.lastIndexOf('.')));
            if (used != null) {
                used.remove(lastOctets(ip));
            }
        }
    }

    private static int lastOctets(String ip) {
        String[] p = ip.split("\\.");
        try {
            return p.length == 4 ? Integer.parseInt(p[3]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private synchronized String allocateIp(Ref ref, String node) {
        String known = ipOf.get(ref);
        if (known != null) {
            return known;
        }
        int index = NodeSimulator.indexOf(node);
        Set<Integer> used = ipsInUse.computeIfAbsent(NodeSimulator.podCidrBase(index), n -> new HashSet<>());
        for (int i = 2; i < 255; i++) {
            if (used.add(i)) {
                String ip = NodeSimulator.podCidrBase(index) + "." + i;
                ipOf.put(ref, ip);
                return ip;
            }
        }
        return null;
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().pods(), ref.namespace(), ref.name());
        if (found.isEmpty()) {
            return null;
        }
        ObjectNode pod = found.get();
        String node = pod.path("spec").path("nodeName").asText("");
        int index = NodeSimulator.indexOf(node);
        if (index == 0) {
            return null;
        }
        Instant now = ctx.clock().instant();
        if (ObjectFields.deleting(pod)) {
            return terminate(pod, now);
        }
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            return null;
        }
        String uid = ObjectFields.uid(pod);
        Instant t0 = seen.get(uid);
        if (t0 == null) {
            Instant stored = ObjectFields.time(pod.path("status").get("startTime"));
            t0 = stored != null ? stored : now;
            seen.put(uid, t0);
        }
        String ip = pod.path("status").path("podIP").asText("");
        if (ip.isEmpty()) {
            ip = allocateIp(ref, node);
        }
        PodLifecycle.Result r = lifecycle.status(pod, t0, now, NodeSimulator.internalIp(index), ip);
        if (!ObjectFields.same(r.status(), pod.get("status"))) {
            ObjectNode updated = pod.deepCopy();
            updated.set("status", r.status());
            ctx.service().update(ctx.kinds().pods(), ref.namespace(), ref.name(), "status", updated, ObjectFields.as(NAME));
            recordEvents(pod, r.status(), Duration.between(t0, now));
        }
        return r.next() == null ? null : Duration.between(now, r.next()).plus(SLACK);
    }

    /** Stops a pod being deleted once its grace period (scaled by the grace factor) has passed. */
    private Duration terminate(ObjectNode pod, Instant now) throws ApiException {
        JsonNode meta = pod.path("metadata");
        long grace = meta.path("deletionGracePeriodSeconds").asLong(0);
        Instant deadline = ObjectFields.time(meta.get("deletionTimestamp"));
        String phase = pod.path("status").path("phase").asText("Pending");
        boolean running = phase.equals("Running");
        Instant stopAt = deadline == null ? now
                : deadline.minusSeconds(grace).plusMillis((long) (grace * 1000 * ctx.config().graceFactor()));
        if (running && killing.add(ObjectFields.uid(pod))) {
            for (JsonNode c : pod.path("spec").path("containers")) {
                ctx.events().normal(NAME, pod, "Killing", "Stopping container " + c.path("name").asText());
            }
        }
        if (running && now.isBefore(stopAt)) {
            return Duration.between(now, stopAt).plus(SLACK);
        }
        try {
            ctx.service().delete(ctx.kinds().pods(), ObjectFields.namespace(pod), ObjectFields.name(pod),
                    new DeleteOptions(null, ObjectFields.uid(pod), null, 0L, false));
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
        return null;
    }

    private void recordEvents(ObjectNode pod, ObjectNode now, Duration sinceStart) {
        Map<String, JsonNode> before = new HashMap<>();
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            before.put(cs.path("name").asText(), cs);
        }
        boolean first = !pod.path("status").has("containerStatuses");
        for (JsonNode cs : now.path("containerStatuses")) {
            String name = cs.path("name").asText();
            JsonNode old = before.get(name);
            String image = imageOf(pod, name);
            String wasWaiting = old == null ? "" : old.path("state").path("waiting").path("reason").asText("");
            JsonNode waiting = cs.path("state").path("waiting");
            String reason = waiting.path("reason").asText("");
            boolean wasRunning = old != null && old.path("state").has("running");
            int restarts = cs.path("restartCount").asInt();
            if (first && (reason.equals("ContainerCreating") || reason.isEmpty())) {
                ctx.events().normal(NAME, pod, "Pulling", "Pulling image \"" + image + "\"");
            }
            if (cs.path("state").has("running") && (!wasRunning || old.path("restartCount").asInt() != restarts)) {
                if (restarts == 0) {
                    long ms = Math.max(1, sinceStart.toMillis());
                    ctx.events().normal(NAME, pod, "Pulled", "Successfully pulled image \"" + image + "\" in " + ms + "ms ("
                            + ms + "ms including waiting). Image size: " + (20_000_000 + Math.abs(image.hashCode() % 50_000_000)) + " bytes.");
                } else {
                    ctx.events().normal(NAME, pod, "Pulled", "Container image \"" + image + "\" already present on machine");
                }
                ctx.events().normal(NAME, pod, "Created", "Created container " + name);
                ctx.events().normal(NAME, pod, "Started", "Started container " + name);
                if (Behavior.of(pod) == Behavior.UNREADY && restarts == 0) {
                    ctx.events().warning(NAME, pod, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");
                }
            }
            if (!reason.equals(wasWaiting)) {
                switch (reason) {
                    case "ErrImagePull" -> {
                        ctx.events().warning(NAME, pod, "Failed", "Failed to pull image \"" + image + "\": " + PodLifecycle.pullError(image));
                        ctx.events().warning(NAME, pod, "Failed", "Error: ErrImagePull");
                    }
                    case "ImagePullBackOff" -> {
                        ctx.events().normal(NAME, pod, "BackOff", "Back-off pulling image \"" + image + "\"");
                        ctx.events().warning(NAME, pod, "Failed", "Error: ImagePullBackOff");
                    }
                    case "CrashLoopBackOff" -> ctx.events().warning(NAME, pod, "BackOff", "Back-off restarting failed container "
                            + name + " in pod " + ObjectFields.name(pod) + "_" + ObjectFields.namespace(pod) + "(" + ObjectFields.uid(pod) + ")");
                    default -> { }
                }
            }
        }
    }

    private static String imageOf(JsonNode pod, String container) {
        for (JsonNode c : pod.path("spec").path("containers")) {
            if (container.equals(c.path("name").asText())) {
                return c.path("image").asText();
            }
        }
        return "";
    }
}
