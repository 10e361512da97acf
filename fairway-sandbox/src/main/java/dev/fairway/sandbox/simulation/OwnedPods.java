package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.select.LabelSelector;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What the workload controllers do with the pods they own: find, create from a template, rank and delete. */
final class OwnedPods {

    private final SimulationContext ctx;

    OwnedPods(SimulationContext ctx) {
        this.ctx = ctx;
    }

    /** The pods that match the owner's selector and name it as their controller. */
    List<ObjectNode> of(JsonNode owner, JsonNode selector) {
        LabelSelector sel = LabelSelector.fromObject(selector);
        if (sel == null) {
            return List.of();
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode p : ctx.dependents().of(owner, ctx.kinds().pods())) {
            if (sel.matchesObject(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean active(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return !ObjectFields.deleting(pod) && !phase.equals("Succeeded") && !phase.equals("Failed");
    }

    static boolean ready(JsonNode pod) {
        return ObjectFields.conditionTrue(pod, "Ready");
    }

    /** Ready for at least minReadySeconds. */
    static boolean available(JsonNode pod, int minReadySeconds, Instant now) {
        JsonNode c = ObjectFields.condition(pod, "Ready");
        if (c == null || !"True".equals(c.path("status").asText())) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        Instant since = ObjectFields.time(c.get("lastTransitionTime"));
        return since == null || !since.plusSeconds(minReadySeconds).isAfter(now);
    }

    /** Creates a pod from a template for its controller; answers the created pod. */
    ObjectNode create(JsonNode owner, JsonNode template, String name, String generateName, Map<String, String> extraLabels,
                      String manager) throws ApiException {
        ObjectNode pod = ObjectFields.NODES.objectNode();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        if (name != null) {
            meta.put("name", name);
        } else {
            meta.put("generateName", generateName);
        }
        meta.put("namespace", ObjectFields.namespace(owner));
        ObjectNode labels = meta.putObject("labels");
        template.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        extraLabels.forEach(labels::put);
        JsonNode ann = template.path("metadata").path("annotations");
        if (ann.isObject() && ann.size() > 0) {
            meta.set("annotations", ann.deepCopy());
        }
        JsonNode fins = template.path("metadata").path("finalizers");
        if (fins.isArray() && fins.size() > 0) {
            meta.set("finalizers", fins.deepCopy());
        }
        meta.putArray("ownerReferences").add(ObjectFields.controllerRef(owner));
        pod.set("spec", template.path("spec").deepCopy());
        return ctx.service().create(ctx.kinds().pods(), ObjectFields.namespace(owner), pod, ObjectFields.as(manager)).object();
    }

    /** Orders pods so that the cheapest to lose come first: unscheduled, pending, not ready, then the newest. */
    static final Comparator<JsonNode> DELETE_FIRST = Comparator
            .comparingInt((JsonNode p) -> p.path("spec").path("nodeName").asText("").isEmpty() ? 0 : 1)
            .thenComparingInt(p -> switch (p.path("status").path("phase").asText("Pending")) {
                case "Pending" -> 0;
                case "Unknown" -> 1;
                default -> 2;
            })
            .thenComparingInt(p -> ready(p) ? 1 : 0)
            .thenComparingInt(p -> -restarts(p))
            .thenComparing(p -> p.path("metadata").path("creationTimestamp").asText(""), Comparator.reverseOrder());

    private static int restarts(JsonNode pod) {
        int n = 0;
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            n += cs.path("restartCount").asInt();
        }
        return n;
    }

    void delete(JsonNode pod) throws ApiException {
        try {
            ctx.service().delete(ctx.kinds().pods(), ObjectFields.namespace(pod), ObjectFields.name(pod),
                    new DeleteOptions(null, ObjectFields.uid(pod), null, null, false));
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }
}
