package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DaemonSet controller: one pod per eligible node (nodeSelector, required affinity and taints,
 * with the tolerations a DaemonSet's pods get), pinned by node affinity and left to the scheduler;
 * rolling updates replace up to maxUnavailable old pods at a time (OnDelete only deleted ones).
 */
final class DaemonSetController extends SimulatedController {

    static final String NAME = "daemonset-controller";
    private static final String[][] TOLERATIONS = {
            {"node.kubernetes.io/not-ready", "NoExecute"}, {"node.kubernetes.io/unreachable", "NoExecute"},
            {"node.kubernetes.io/disk-pressure", "NoSchedule"}, {"node.kubernetes.io/memory-pressure", "NoSchedule"},
            {"node.kubernetes.io/pid-pressure", "NoSchedule"}, {"node.kubernetes.io/unschedulable", "NoSchedule"}};

    private final OwnedPods pods;
    private final Revisions revisions;

    DaemonSetController(SimulationContext ctx) {
        super(ctx, "daemonsets");
        this.pods = new OwnedPods(ctx);
        this.revisions = new Revisions(ctx);
    }

    @Override
    void start() {
        requeueAll();
    }

    private void requeueAll() {
        try {
            for (ObjectNode d : ctx.service().list(ctx.kinds().daemonSets(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(d));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list daemonsets: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("apps", "daemonsets") && !c.deleted()) {
            queue.add(c.ref());
        } else if (c.is("", "pods")) {
            String owner = ObjectFields.controllerName(c.object(), "DaemonSet");
            if (owner != null) {
                queue.add(new Ref(c.ref().namespace(), owner));
            }
        } else if (c.is("", "nodes") && (c.deleted() || c.previous() == null
                || !ObjectFields.same(c.object().path("metadata").path("labels"), c.previous().path("metadata").path("labels"))
                || !ObjectFields.same(c.object().path("spec"), c.previous().path("spec")))) {
            ctx.delays().execute(this::requeueAll);
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().daemonSets(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())) {
            return null;
        }
        ObjectNode ds = found.get();
        JsonNode spec = ds.path("spec");
        String revision = revisions.ensure(ds, spec.path("template"));
        String hash = revision.substring(ObjectFields.name(ds).length() + 1);
        ObjectNode template = withTolerations(spec.path("template"));
        Map<String, List<ObjectNode>> byNode = new HashMap<>();
        for (ObjectNode p : pods.of(ds, spec.get("selector"))) {
            if (OwnedPods.active(p)) {
                byNode.computeIfAbsent(targetNode(p), n -> new ArrayList<>()).add(p);
            } else if (!ObjectFields.deleting(p)) {
                pods.delete(p);
            }
        }
        List<ObjectNode> nodes = ctx.service().list(ctx.kinds().nodes(), null, ListOptions.ALL).items();
        int desired = 0;
        int scheduled = 0;
        int ready = 0;
        int updated = 0;
        int misscheduled = 0;
        List<ObjectNode> old = new ArrayList<>();
        for (ObjectNode node : nodes) {
            String name = ObjectFields.name(node);
            boolean eligible = eligible(template, node);
            List<ObjectNode> here = byNode.remove(name);
            if (!eligible) {
                if (here != null) {
                    misscheduled += here.size();
                    for (ObjectNode p : here) {
                        pods.delete(p);
                    }
                }
                continue;
            }
            desired++;
            if (here == null || here.isEmpty()) {
                ObjectNode pinned = pinnedTo(template, name);
                ObjectNode created = pods.create(ds, pinned, null, ObjectFields.name(ds) + "-",
                        Map.of(Revisions.HASH_LABEL, hash, "pod-template-generation",
                                Long.toString(ds.path("metadata").path("generation").asLong(1))), NAME);
                ctx.events().normal(NAME, ds, "SuccessfulCreate", "Created pod: " + ObjectFields.name(created));
                continue;
            }
            scheduled++;
            ObjectNode p = here.get(0);
            for (ObjectNode extra : here.subList(1, here.size())) {
                pods.delete(extra);
            }
            if (OwnedPods.ready(p)) {
                ready++;
            }
            if (hash.equals(ObjectFields.labels(p).get(Revisions.HASH_LABEL))) {
                updated++;
            } else {
                old.add(p);
            }
        }
        for (List<ObjectNode> orphans : byNode.values()) {
            for (ObjectNode p : orphans) {
                pods.delete(p);
            }
        }
        if (!"OnDelete".equals(spec.path("updateStrategy").path("type").asText("RollingUpdate")) && !old.isEmpty()) {
            int maxUnavailable = Math.max(1, ObjectFields.intOrPercent(spec.path("updateStrategy").path("rollingUpdate")
                    .get("maxUnavailable"), desired, false, 1));
            int unavailable = scheduled - ready + (desired - scheduled);
            old.sort((a, b) -> Boolean.compare(OwnedPods.ready(a), OwnedPods.ready(b)));
            for (ObjectNode p : old) {
                boolean isReady = OwnedPods.ready(p);
                if (isReady && unavailable >= maxUnavailable) {
                    break;
                }
                pods.delete(p);
                if (isReady) {
                    unavailable++;
                }
            }
        }
        ObjectNode status = ObjectFields.NODES.objectNode();
        status.put("currentNumberScheduled", scheduled);
        status.put("desiredNumberScheduled", desired);
        status.put("numberAvailable", ready);
        status.put("numberMisscheduled", misscheduled);
        status.put("numberReady", ready);
        if (desired - ready > 0) {
            status.put("numberUnavailable", desired - ready);
        }
        status.put("observedGeneration", ds.path("metadata").path("generation").asLong(1));
        status.put("updatedNumberScheduled", updated);
        if (ready == 0) {
            status.remove("numberAvailable");
        }
        if (!ObjectFields.same(status, ds.get("status"))) {
            ObjectNode copy = ds.deepCopy();
            copy.set("status", status);
            ctx.service().update(ctx.kinds().daemonSets(), ref.namespace(), ref.name(), "status", copy, ObjectFields.as(NAME));
        }
        return null;
    }

    private static ObjectNode withTolerations(JsonNode template) {
        ObjectNode t = template.deepCopy();
        ObjectNode spec = t.with("spec");
        ArrayNode tolerations = spec.has("tolerations") ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
        for (String[] tol : TOLERATIONS) {
            if (!NodeFit.tolerates(tolerations, tol[0], "", tol[1])) {
                tolerations.addObject().put("key", tol[0]).put("operator", "Exists").put("effect", tol[1]);
            }
        }
        return t;
    }

    private static boolean eligible(JsonNode template, JsonNode node) {
        ObjectNode asPod = ObjectFields.NODES.objectNode();
        asPod.set("spec", template.path("spec"));
        String why = NodeFit.reject(asPod, node);
        return why == null || why.contains("not-ready");
    }

    /** The template pinned to one node by required node affinity on metadata.name, as the controller does. */
    private static ObjectNode pinnedTo(ObjectNode template, String node) {
        ObjectNode t = template.deepCopy();
        ObjectNode required = t.with("spec").with("affinity").with("nodeAffinity")
                .with("requiredDuringSchedulingIgnoredDuringExecution");
        ArrayNode terms = required.putArray("nodeSelectorTerms");
        ObjectNode field = terms.addObject().putArray("matchFields").addObject();
        field.put("key", "metadata.name");
        field.put("operator", "In");
        field.putArray("values").add(node);
        return t;
    }

    private static String targetNode(JsonNode pod) {
        String bound = pod.path("spec").path("nodeName").asText("");
        if (!bound.isEmpty()) {
            return bound;
        }
        for (JsonNode term : pod.path("spec").path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")) {
            for (JsonNode f : term.path("matchFields")) {
                if ("metadata.name".equals(f.path("key").asText())) {
                    return f.path("values").path(0).asText();
                }
            }
        }
        return "";
    }

}
