package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} active pods from the template (creating
 * in slow-start batches, deleting the cheapest first) and reports replicas, fullyLabeledReplicas,
 * readyReplicas, availableReplicas (Ready for minReadySeconds) and observedGeneration.
 */
final class ReplicaSetController extends SimulatedController {

    static final String NAME = "replicaset-controller";
    private static final int BURST = 500;

    private final OwnedPods pods;

    ReplicaSetController(SimulationContext ctx) {
        super(ctx, "replicasets");
        this.pods = new OwnedPods(ctx);
    }

    @Override
    void start() {
        try {
            for (ObjectNode rs : ctx.service().list(ctx.kinds().replicaSets(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(rs));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list replicasets: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("apps", "replicasets") && !c.deleted()) {
            queue.add(c.ref());
        } else if (c.is("", "pods")) {
            String owner = ObjectFields.controllerName(c.object(), "ReplicaSet");
            if (owner != null) {
                queue.add(new Ref(c.ref().namespace(), owner));
            }
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().replicaSets(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())) {
            return null;
        }
        ObjectNode rs = found.get();
        JsonNode spec = rs.path("spec");
        int want = spec.path("replicas").asInt(1);
        List<ObjectNode> owned = pods.of(rs, spec.get("selector"));
        List<ObjectNode> active = new ArrayList<>();
        for (ObjectNode p : owned) {
            if (OwnedPods.active(p)) {
                active.add(p);
            }
        }
        int diff = want - active.size();
        if (diff > 0) {
            for (int i = 0; i < Math.min(diff, BURST); i++) {
                ObjectNode created = pods.create(rs, spec.path("template"), null, ObjectFields.name(rs) + "-", Map.of(), NAME);
                ctx.events().normal(NAME, rs, "SuccessfulCreate", "Created pod: " + ObjectFields.name(created));
            }
        } else if (diff < 0) {
            active.sort(OwnedPods.DELETE_FIRST);
            for (ObjectNode p : active.subList(0, -diff)) {
                pods.delete(p);
                ctx.events().normal(NAME, rs, "SuccessfulDelete", "Deleted pod: " + ObjectFields.name(p));
            }
        }
        return updateStatus(rs, active);
    }

    private Duration updateStatus(ObjectNode rs, List<ObjectNode> active) throws ApiException {
        Instant now = ctx.clock().instant();
        int minReady = rs.path("spec").path("minReadySeconds").asInt(0);
        int ready = 0;
        int available = 0;
        Instant nextAvailable = null;
        for (ObjectNode p : active) {
            if (OwnedPods.ready(p)) {
                ready++;
                if (OwnedPods.available(p, minReady, now)) {
                    available++;
                } else {
                    Instant since = ObjectFields.time(ObjectFields.condition(p, "Ready").get("lastTransitionTime"));
                    Instant at = since == null ? now : since.plusSeconds(minReady);
                    nextAvailable = nextAvailable == null || at.isBefore(nextAvailable) ? at : nextAvailable;
                }
            }
        }
        ObjectNode status = ObjectFields.NODES.objectNode();
        status.put("replicas", active.size());
        if (!active.isEmpty()) {
            status.put("fullyLabeledReplicas", active.size());
        }
        if (ready > 0) {
            status.put("readyReplicas", ready);
        }
        if (available > 0) {
            status.put("availableReplicas", available);
        }
        status.put("observedGeneration", rs.path("metadata").path("generation").asLong(1));
        if (!ObjectFields.same(status, rs.get("status"))) {
            ObjectNode updated = rs.deepCopy();
            updated.set("status", status);
            ctx.service().update(ctx.kinds().replicaSets(), ObjectFields.namespace(rs), ObjectFields.name(rs), "status", updated,
                    ObjectFields.as(NAME));
        }
        return nextAvailable == null ? null : Duration.between(now, nextAvailable).plusMillis(50);
    }
}
