package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The default scheduler: binds each pending pod to the feasible node with the most room left.
 * A node is feasible when it is Ready and schedulable, its labels satisfy the pod's nodeSelector
 * and required node affinity, the pod tolerates its NoSchedule/NoExecute taints, and the pod's
 * requests fit in what is allocatable minus what its pods already request. Pods that fit nowhere
 * get {@code PodScheduled=False, reason Unschedulable} and a FailedScheduling event with the
 * scheduler's own summary, and are tried again when nodes or pods change.
 */
final class Scheduler extends SimulatedController {

    private static final String NAME = "default-scheduler";
    private static final Duration RETRY = Duration.ofSeconds(15);

    private record Placement(String node, Quantity.Requests requests) {}

    private final Map<String, ObjectNode> nodes = new HashMap<>();
    private final Map<Ref, Placement> placed = new HashMap<>();
    /** What the placed pods add up to on each node, kept as pods come and go. */
    private final Map<String, Quantity.Requests> used = new HashMap<>();
    private final Map<String, Integer> podCount = new HashMap<>();
    private final Set<Ref> waiting = new HashSet<>();

    Scheduler(SimulationContext ctx) {
        super(ctx, "scheduler");
    }

    @Override
    void start() {
        try {
            synchronized (this) {
                for (ObjectNode n : ctx.service().list(ctx.kinds().nodes(), null, ListOptions.ALL).items()) {
                    nodes.put(ObjectFields.name(n), n);
                }
            }
            for (ObjectNode p : ctx.service().list(ctx.kinds().pods(), null, ListOptions.ALL).items()) {
                track(Ref.of(p), p, false);
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list nodes and pods: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("", "nodes")) {
            synchronized (this) {
                if (c.deleted()) {
                    nodes.remove(c.ref().name());
                } else {
                    nodes.put(c.ref().name(), c.object());
                }
            }
            retryWaiting();
        } else if (c.is("", "pods")) {
            track(c.ref(), c.object(), c.deleted());
        }
    }

    private void track(Ref ref, ObjectNode pod, boolean deleted) {
        String phase = pod.path("status").path("phase").asText("");
        boolean freed = false;
        synchronized (this) {
            String node = pod.path("spec").path("nodeName").asText("");
            if (deleted || phase.equals("Succeeded") || phase.equals("Failed")) {
                freed = unplace(ref);
                waiting.remove(ref);
            } else if (!node.isEmpty()) {
                place(ref, new Placement(node, Quantity.Requests.of(pod)));
                waiting.remove(ref);
            }
        }
        if (!deleted && pod.path("spec").path("nodeName").asText("").isEmpty() && !ObjectFields.deleting(pod)
                && NAME.equals(pod.path("spec").path("schedulerName").asText(NAME))) {
            queue.add(ref);
        }
        if (freed) {
            retryWaiting();
        }
    }

    /** Records a pod on a node (replacing what was recorded for it); call holding the lock. */
    private void place(Ref ref, Placement p) {
        unplace(ref);
        placed.put(ref, p);
        used.merge(p.node(), p.requests(), Quantity.Requests::plus);
        podCount.merge(p.node(), 1, Integer::sum);
    }

    /** Forgets a pod's placement; answers whether it had one. Call holding the lock. */
    private boolean unplace(Ref ref) {
        Placement p = placed.remove(ref);
        if (p == null) {
            return false;
        }
        used.computeIfPresent(p.node(), (n, u) -> new Quantity.Requests(u.cpu().subtract(p.requests().cpu()),
                u.memory().subtract(p.requests().memory())));
        podCount.computeIfPresent(p.node(), (n, c) -> c <= 1 ? null : c - 1);
        return true;
    }

    private void retryWaiting() {
        List<Ref> again;
        synchronized (this) {
            again = new ArrayList<>(waiting);
        }
        again.forEach(queue::add);
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().pods(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())
                || !found.get().path("spec").path("nodeName").asText("").isEmpty()) {
            synchronized (this) {
                waiting.remove(ref);
            }
            return null;
        }
        ObjectNode pod = found.get();
        Quantity.Requests wants = Quantity.Requests.of(pod);
        Map<String, Integer> reasons = new TreeMap<>();
        String best = null;
        double bestScore = Double.MAX_VALUE;
        int total;
        synchronized (this) {
            total = nodes.size();
            Map<String, Integer> count = podCount;
            for (ObjectNode node : nodes.values()) {
                String name = ObjectFields.name(node);
                String why = NodeFit.reject(pod, node);
                Quantity.Requests u = used.getOrDefault(name, Quantity.Requests.NONE);
                BigDecimal cpu = Quantity.parse(node.path("status").path("allocatable").get("cpu"));
                BigDecimal mem = Quantity.parse(node.path("status").path("allocatable").get("memory"));
                int maxPods = Quantity.parse(node.path("status").path("allocatable").get("pods")).intValue();
                if (why == null) {
                    List<String> insufficient = new ArrayList<>();
                    if (count.getOrDefault(name, 0) + 1 > maxPods) {
                        insufficient.add("Too many pods");
                    }
                    if (u.cpu().add(wants.cpu()).compareTo(cpu) > 0) {
                        insufficient.add("Insufficient cpu");
                    }
                    if (u.memory().add(wants.memory()).compareTo(mem) > 0) {
                        insufficient.add("Insufficient memory");
                    }
                    for (String r : insufficient) {
                        reasons.merge(r, 1, Integer::sum);
                    }
                    if (!insufficient.isEmpty()) {
                        continue;
                    }
                    double score = fraction(u.cpu().add(wants.cpu()), cpu) + fraction(u.memory().add(wants.memory()), mem)
                            + count.getOrDefault(name, 0) / (double) Math.max(1, maxPods);
                    if (score < bestScore || (score == bestScore && name.compareTo(best) < 0)) {
                        bestScore = score;
                        best = name;
                    }
                } else {
                    reasons.merge(why, 1, Integer::sum);
                }
            }
            if (best != null) {
                // assume the pod is there at once, so the next pod sees the room it takes
                place(ref, new Placement(best, wants));
                waiting.remove(ref);
            } else {
                waiting.add(ref);
            }
        }
        if (best != null) {
            bind(pod, best);
            return null;
        }
        unschedulable(pod, total, reasons);
        return RETRY;
    }

    private static double fraction(BigDecimal used, BigDecimal of) {
        if (of.signum() <= 0) {
            return 1;
        }
        return used.divide(of, 6, RoundingMode.HALF_UP).doubleValue();
    }

    private void bind(ObjectNode pod, String node) throws ApiException {
        ObjectNode bound = pod.deepCopy();
        bound.with("spec").put("nodeName", node);
        try {
            bound = ctx.service().update(ctx.kinds().pods(), ObjectFields.namespace(pod), ObjectFields.name(pod), "", bound,
                    ObjectFields.as(NAME)).object();
        } catch (ApiException e) {
            synchronized (this) {
                unplace(Ref.of(pod));
            }
            throw e;
        }
        Instant now = ctx.clock().instant();
        ObjectNode withStatus = bound.deepCopy();
        ObjectNode status = withStatus.with("status");
        ObjectFields.setCondition(status, bound.path("status"), "PodScheduled", "True", null, null, now, true, false);
        status.put("phase", status.path("phase").asText("Pending"));
        ctx.service().update(ctx.kinds().pods(), ObjectFields.namespace(pod), ObjectFields.name(pod), "status", withStatus,
                ObjectFields.as(NAME));
        ctx.events().normal(NAME, bound, "Scheduled",
                "Successfully assigned " + ObjectFields.namespace(pod) + "/" + ObjectFields.name(pod) + " to " + node);
    }

    private void unschedulable(ObjectNode pod, int total, Map<String, Integer> reasons) throws ApiException {
        StringBuilder msg = new StringBuilder("0/").append(total).append(" nodes are available");
        if (total == 0) {
            msg.append(": no nodes available to schedule pods.");
        } else {
            List<String> parts = new ArrayList<>();
            boolean resources = false;
            for (Map.Entry<String, Integer> e : reasons.entrySet()) {
                parts.add(e.getValue() + " " + e.getKey());
                resources |= e.getKey().startsWith("Insufficient") || e.getKey().equals("Too many pods");
            }
            msg.append(": ").append(String.join(", ", parts)).append(". preemption: 0/").append(total)
                    .append(" nodes are available: ").append(total)
                    .append(resources ? " No preemption victims found for incoming pod." : " Preemption is not helpful for scheduling.");
        }
        JsonNode old = ObjectFields.condition(pod, "PodScheduled");
        if (old != null && "False".equals(old.path("status").asText()) && msg.toString().equals(old.path("message").asText())) {
            return;
        }
        ObjectNode updated = pod.deepCopy();
        ObjectNode status = updated.with("status");
        status.put("phase", "Pending");
        ObjectFields.setCondition(status, pod.path("status"), "PodScheduled", "False", "Unschedulable", msg.toString(),
                ctx.clock().instant(), true, false);
        ctx.service().update(ctx.kinds().pods(), ObjectFields.namespace(pod), ObjectFields.name(pod), "status", updated,
                ObjectFields.as(NAME));
        ctx.events().warning(NAME, pod, "FailedScheduling", msg.toString());
    }
}
