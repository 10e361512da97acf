package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import java.util.List;

/**
 * ControllerRevisions of StatefulSets and DaemonSets: one per pod template, named after its hash
 * and numbered in order of use, as {@code kubectl rollout history} and {@code undo} read them.
 */
final class Revisions {

    static final String HASH_LABEL = "controller-revision-hash";

    private final SimulationContext ctx;

    Revisions(SimulationContext ctx) {
        this.ctx = ctx;
    }

    /** The revision name of a template. */
    static String nameOf(JsonNode owner, JsonNode template) {
        return ObjectFields.name(owner) + "-" + ObjectFields.templateHash(template, 0);
    }

    /** Finds or records the revision of the owner's current template; answers its name. */
    String ensure(JsonNode owner, JsonNode template) throws ApiException {
        String name = nameOf(owner, template);
        List<ObjectNode> existing = ctx.dependents().of(owner, ctx.kinds().controllerRevisions());
        long max = 0;
        ObjectNode mine = null;
        for (ObjectNode r : existing) {
            if (!ObjectFields.controlledBy(r, owner)) {
                continue;
            }
            max = Math.max(max, r.path("revision").asLong(0));
            if (ObjectFields.name(r).equals(name)) {
                mine = r;
            }
        }
        if (mine != null) {
            if (mine.path("revision").asLong(0) < max) {
                ObjectNode updated = mine.deepCopy();
                updated.put("revision", max + 1);
                ctx.service().update(ctx.kinds().controllerRevisions(), ObjectFields.namespace(owner), name, "", updated,
                        ObjectFields.as(owner.path("kind").asText().equals("DaemonSet") ? "daemonset-controller" : "statefulset-controller"));
            }
            return name;
        }
        ObjectNode r = ObjectFields.NODES.objectNode();
        r.put("apiVersion", "apps/v1");
        r.put("kind", "ControllerRevision");
        ObjectNode meta = r.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", ObjectFields.namespace(owner));
        ObjectNode labels = meta.putObject("labels");
        template.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        labels.put(HASH_LABEL, ObjectFields.templateHash(template, 0));
        meta.putArray("ownerReferences").add(ObjectFields.controllerRef(owner));
        ObjectNode tpl = template.deepCopy();
        tpl.put("$patch", "replace");
        r.putObject("data").putObject("spec").set("template", tpl);
        r.put("revision", max + 1);
        ctx.service().create(ctx.kinds().controllerRevisions(), ObjectFields.namespace(owner), r,
                ObjectFields.as(owner.path("kind").asText().equals("DaemonSet") ? "daemonset-controller" : "statefulset-controller"));
        return name;
    }
}
