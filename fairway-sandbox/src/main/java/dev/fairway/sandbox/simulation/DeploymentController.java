package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.select.LabelSelector;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Deployment controller: one ReplicaSet per pod template (named by its pod-template-hash),
 * rolled with RollingUpdate (maxSurge/maxUnavailable) or Recreate, revision annotations that
 * {@code kubectl rollout history/undo} read, pause, revision history clean-up, and the status
 * counters and Available/Progressing conditions (including ProgressDeadlineExceeded) that
 * {@code kubectl rollout status} and health checks read.
 */
final class DeploymentController extends SimulatedController {

    static final String NAME = "deployment-controller";
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
    static final String MAX = "deployment.kubernetes.io/max-replicas";
    static final String HASH_LABEL = "pod-template-hash";

    DeploymentController(SimulationContext ctx) {
        super(ctx, "deployments");
    }

    @Override
    void start() {
        try {
            for (ObjectNode d : ctx.service().list(ctx.kinds().deployments(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(d));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list deployments: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("apps", "deployments") && !c.deleted()) {
            queue.add(c.ref());
        } else if (c.is("apps", "replicasets")) {
            String owner = ObjectFields.controllerName(c.object(), "Deployment");
            if (owner != null) {
                queue.add(new Ref(c.ref().namespace(), owner));
            }
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().deployments(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())) {
            return null;
        }
        ObjectNode d = found.get();
        JsonNode spec = d.path("spec");
        int replicas = spec.path("replicas").asInt(1);
        List<ObjectNode> all = ownedReplicaSets(d);
        String hash = ObjectFields.templateHash(spec.path("template"), d.path("status").path("collisionCount").asInt(0));
        String newName = ObjectFields.name(d) + "-" + hash;
        ObjectNode newRs = null;
        List<ObjectNode> old = new ArrayList<>();
        JsonNode wanted = ObjectFields.semantic(spec.path("template"));
        for (ObjectNode rs : all) {
            if (newRs == null && (ObjectFields.name(rs).equals(newName)
                    || ObjectFields.same(ObjectFields.semantic(rs.path("spec").path("template")), wanted))) {
                newRs = rs;
                newName = ObjectFields.name(rs);
            } else {
                old.add(rs);
            }
        }
        boolean paused = spec.path("paused").asBoolean(false);
        boolean created = false;
        boolean waiting = false;
        boolean recreate = "Recreate".equals(spec.path("strategy").path("type").asText("RollingUpdate"));
        int maxSurge = recreate ? 0 : ObjectFields.intOrPercent(spec.path("strategy").path("rollingUpdate").get("maxSurge"), replicas, true, 1);
        int maxUnavailable = recreate ? 0 : ObjectFields.intOrPercent(spec.path("strategy").path("rollingUpdate").get("maxUnavailable"), replicas, false, 0);
        if (!recreate && maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1;
        }
        if (!paused) {
            if (newRs == null) {
                int initial;
                if (recreate) {
                    initial = 0;
                } else {
                    int current = sumSpec(old);
                    initial = Math.max(0, Math.min(replicas + maxSurge - current, replicas));
                }
                newRs = createReplicaSet(d, newName, hash, old, initial, maxSurge);
                created = true;
            } else {
                newRs = ensureRevision(d, newRs, old, maxSurge);
            }
            if (recreate) {
                // terminating pods change no ReplicaSet status when they go, so look again soon
                waiting = rollRecreate(d, newRs, old, replicas);
            } else {
                rollRolling(d, newRs, old, replicas, maxSurge, maxUnavailable);
            }
            cleanUp(d, old);
        }
        String revision = newRs == null ? null : ObjectFields.annotation(newRs, REVISION);
        if (revision != null && !revision.equals(ObjectFields.annotation(d, REVISION))) {
            ObjectNode annotated = d.deepCopy();
            annotated.with("metadata").with("annotations").put(REVISION, revision);
            d = ctx.service().update(ctx.kinds().deployments(), ref.namespace(), ref.name(), "", annotated, ObjectFields.as(NAME)).object();
        }
        // read what the ReplicaSets report now
        List<ObjectNode> fresh = ownedReplicaSets(d);
        ObjectNode currentNew = null;
        for (ObjectNode rs : fresh) {
            if (ObjectFields.name(rs).equals(newName)) {
                currentNew = rs;
            }
        }
        Duration again = updateStatus(d, fresh, currentNew, replicas, maxUnavailable, paused, created);
        if (waiting && (again == null || again.compareTo(Duration.ofMillis(250)) > 0)) {
            again = Duration.ofMillis(250);
        }
        return again;
    }

    private List<ObjectNode> ownedReplicaSets(ObjectNode d) {
        LabelSelector sel = LabelSelector.fromObject(d.path("spec").get("selector"));
        List<ObjectNode> out = new ArrayList<>();
        if (sel == null) {
            return out;
        }
        for (ObjectNode rs : ctx.dependents().of(d, ctx.kinds().replicaSets())) {
            if (sel.matchesObject(rs) && !ObjectFields.deleting(rs)) {
                out.add(rs);
            }
        }
        return out;
    }

    private static int specReplicas(JsonNode rs) {
        return rs.path("spec").path("replicas").asInt(1);
    }

    private static int sumSpec(List<ObjectNode> sets) {
        int n = 0;
        for (ObjectNode rs : sets) {
            n += specReplicas(rs);
        }
        return n;
    }

    private static long revisionOf(JsonNode rs) {
        try {
            return Long.parseLong(String.valueOf(ObjectFields.annotation(rs, REVISION)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long maxRevision(List<ObjectNode> sets) {
        long max = 0;
        for (ObjectNode rs : sets) {
            max = Math.max(max, revisionOf(rs));
        }
        return max;
    }

    private ObjectNode createReplicaSet(ObjectNode d, String name, String hash, List<ObjectNode> old, int replicas, int maxSurge)
            throws ApiException {
        JsonNode spec = d.path("spec");
        ObjectNode rs = ObjectFields.NODES.objectNode();
        rs.put("apiVersion", "apps/v1");
        rs.put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", ObjectFields.namespace(d));
        ObjectNode labels = meta.putObject("labels");
        spec.path("template").path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        labels.put(HASH_LABEL, hash);
        ObjectNode ann = meta.putObject("annotations");
        ann.put(DESIRED, Integer.toString(spec.path("replicas").asInt(1)));
        ann.put(MAX, Integer.toString(spec.path("replicas").asInt(1) + maxSurge));
        ann.put(REVISION, Long.toString(maxRevision(old) + 1));
        meta.putArray("ownerReferences").add(ObjectFields.controllerRef(d));
        ObjectNode rsSpec = rs.putObject("spec");
        rsSpec.put("replicas", replicas);
        if (spec.has("minReadySeconds")) {
            rsSpec.set("minReadySeconds", spec.get("minReadySeconds"));
        }
        ObjectNode selector = spec.path("selector").deepCopy();
        selector.with("matchLabels").put(HASH_LABEL, hash);
        rsSpec.set("selector", selector);
        ObjectNode template = spec.path("template").deepCopy();
        template.with("metadata").with("labels").put(HASH_LABEL, hash);
        rsSpec.set("template", template);
        ObjectNode stored = ctx.service().create(ctx.kinds().replicaSets(), ObjectFields.namespace(d), rs, ObjectFields.as(NAME)).object();
        if (replicas > 0) {
            ctx.events().normal(NAME, d, "ScalingReplicaSet", "Scaled up replica set " + name + " from 0 to " + replicas);
        }
        return stored;
    }

    /** A ReplicaSet that becomes current again (a rollback) takes the next revision, as kubectl rollout history shows. */
    private ObjectNode ensureRevision(ObjectNode d, ObjectNode rs, List<ObjectNode> old, int maxSurge) throws ApiException {
        long max = maxRevision(old);
        int replicas = d.path("spec").path("replicas").asInt(1);
        boolean stale = revisionOf(rs) <= max;
        boolean annotations = !String.valueOf(replicas).equals(ObjectFields.annotation(rs, DESIRED))
                || !String.valueOf(replicas + maxSurge).equals(ObjectFields.annotation(rs, MAX));
        if (!stale && !annotations) {
            return rs;
        }
        ObjectNode updated = rs.deepCopy();
        ObjectNode ann = updated.with("metadata").with("annotations");
        if (stale) {
            ann.put(REVISION, Long.toString(max + 1));
        }
        ann.put(DESIRED, Integer.toString(replicas));
        ann.put(MAX, Integer.toString(replicas + maxSurge));
        return ctx.service().update(ctx.kinds().replicaSets(), ObjectFields.namespace(rs), ObjectFields.name(rs), "", updated,
                ObjectFields.as(NAME)).object();
    }

    private ObjectNode scale(ObjectNode d, ObjectNode rs, int to) throws ApiException {
        int from = specReplicas(rs);
        if (from == to) {
            return rs;
        }
        ObjectNode updated = rs.deepCopy();
        updated.with("spec").put("replicas", to);
        ObjectNode stored = ctx.service().update(ctx.kinds().replicaSets(), ObjectFields.namespace(rs), ObjectFields.name(rs), "",
                updated, ObjectFields.as(NAME)).object();
        ctx.events().normal(NAME, d, "ScalingReplicaSet", "Scaled " + (to > from ? "up" : "down") + " replica set "
                + ObjectFields.name(rs) + " from " + from + " to " + to);
        return stored;
    }

    /** Recreate: old pods all gone (terminating ones too) before new ones start; answers whether it waits. */
    private boolean rollRecreate(ObjectNode d, ObjectNode newRs, List<ObjectNode> old, int replicas) throws ApiException {
        boolean oldRunning = false;
        for (ObjectNode rs : old) {
            if (specReplicas(rs) > 0) {
                scale(d, rs, 0);
                oldRunning = true;
            }
            oldRunning |= rs.path("status").path("replicas").asInt(0) > 0;
        }
        if (oldRunning || oldPodsLeft(d, old)) {
            return true;
        }
        scale(d, newRs, replicas);
        return false;
    }

    private boolean oldPodsLeft(ObjectNode d, List<ObjectNode> old) throws ApiException {
        OwnedPods pods = new OwnedPods(ctx);
        for (ObjectNode rs : old) {
            for (ObjectNode p : pods.of(rs, rs.path("spec").get("selector"))) {
                String phase = p.path("status").path("phase").asText("");
                if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void rollRolling(ObjectNode d, ObjectNode newRs, List<ObjectNode> old, int replicas, int maxSurge, int maxUnavailable)
            throws ApiException {
        // scale the new ReplicaSet up as far as maxSurge allows
        int newReplicas = specReplicas(newRs);
        if (newReplicas > replicas) {
            newRs = scale(d, newRs, replicas);
        } else if (newReplicas < replicas) {
            int total = newReplicas + sumSpec(old);
            int up = Math.min(replicas + maxSurge - total, replicas - newReplicas);
            if (up > 0) {
                newRs = scale(d, newRs, newReplicas + up);
            }
        }
        if (old.isEmpty()) {
            return;
        }
        // scale old ReplicaSets down as far as maxUnavailable allows, unhealthy replicas first
        int minAvailable = replicas - maxUnavailable;
        int allPods = specReplicas(newRs) + sumSpec(old);
        int newUnavailable = specReplicas(newRs) - newRs.path("status").path("availableReplicas").asInt(0);
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return;
        }
        old.sort(Comparator.comparing(rs -> rs.path("metadata").path("creationTimestamp").asText("")));
        List<ObjectNode> current = new ArrayList<>();
        for (ObjectNode rs : old) {
            int spec = specReplicas(rs);
            int unhealthy = spec - rs.path("status").path("availableReplicas").asInt(0);
            if (maxScaledDown > 0 && unhealthy > 0 && spec > 0) {
                int down = Math.min(maxScaledDown, unhealthy);
                rs = scale(d, rs, spec - down);
                maxScaledDown -= down;
            }
            current.add(rs);
        }
        int available = newRs.path("status").path("availableReplicas").asInt(0);
        for (ObjectNode rs : current) {
            available += Math.min(specReplicas(rs), rs.path("status").path("availableReplicas").asInt(0));
        }
        int toScaleDown = available - minAvailable;
        for (ObjectNode rs : current) {
            if (toScaleDown <= 0) {
                break;
            }
            int spec = specReplicas(rs);
            if (spec == 0) {
                continue;
            }
            int down = Math.min(spec, toScaleDown);
            scale(d, rs, spec - down);
            toScaleDown -= down;
        }
    }

    private void cleanUp(ObjectNode d, List<ObjectNode> old) throws ApiException {
        int limit = d.path("spec").path("revisionHistoryLimit").asInt(10);
        List<ObjectNode> idle = new ArrayList<>();
        for (ObjectNode rs : old) {
            if (specReplicas(rs) == 0 && rs.path("status").path("replicas").asInt(0) == 0) {
                idle.add(rs);
            }
        }
        if (idle.size() <= limit) {
            return;
        }
        idle.sort(Comparator.comparingLong(DeploymentController::revisionOf));
        for (ObjectNode rs : idle.subList(0, idle.size() - limit)) {
            try {
                ctx.service().delete(ctx.kinds().replicaSets(), ObjectFields.namespace(rs), ObjectFields.name(rs),
                        new DeleteOptions(null, ObjectFields.uid(rs), null, null, false));
            } catch (ApiException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    private Duration updateStatus(ObjectNode d, List<ObjectNode> sets, ObjectNode newRs, int replicas, int maxUnavailable,
                                  boolean paused, boolean created) throws ApiException {
        Instant now = ctx.clock().instant();
        JsonNode old = d.path("status");
        int total = 0;
        int ready = 0;
        int available = 0;
        int wanted = 0;
        for (ObjectNode rs : sets) {
            wanted += specReplicasOf(rs);
            total += rs.path("status").path("replicas").asInt(0);
            ready += rs.path("status").path("readyReplicas").asInt(0);
            available += rs.path("status").path("availableReplicas").asInt(0);
        }
        int updated = newRs == null ? 0 : newRs.path("status").path("replicas").asInt(0);
        ObjectNode status = ObjectFields.NODES.objectNode();
        status.put("observedGeneration", d.path("metadata").path("generation").asLong(1));
        status.put("replicas", total);
        status.put("updatedReplicas", updated);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", available);
        // as the controller counts it: every replica the ReplicaSets want, less the available ones
        status.put("unavailableReplicas", Math.max(wanted - available, 0));
        for (String zero : List.of("replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas")) {
            if (status.get(zero).asInt() == 0) {
                status.remove(zero);
            }
        }
        ObjectNode conditions = ObjectFields.NODES.objectNode();
        if (available >= replicas - maxUnavailable) {
            condition(conditions, old, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now, false);
        } else {
            condition(conditions, old, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, false);
        }
        String rsName = newRs == null ? "" : ObjectFields.name(newRs);
        JsonNode progressing = ObjectFields.condition(d, "Progressing");
        String oldReason = progressing == null ? "" : progressing.path("reason").asText();
        int deadline = d.path("spec").path("progressDeadlineSeconds").asInt(600);
        boolean complete = newRs != null && updated == replicas && total == replicas && available == replicas
                && specReplicasOf(newRs) == replicas;
        Duration again = null;
        if (paused) {
            condition(conditions, old, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now, false);
        } else if (oldReason.equals("DeploymentPaused")) {
            condition(conditions, old, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", now, true);
        } else if (complete) {
            condition(conditions, old, "Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + rsName + "\" has successfully progressed.", now, false);
        } else if (created) {
            condition(conditions, old, "Progressing", "True", "NewReplicaSetCreated", "Created new replica set \"" + rsName + "\"", now, true);
        } else if (progressed(old, status) || progressing == null || oldReason.equals("NewReplicaSetAvailable")) {
            condition(conditions, old, "Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"" + rsName + "\" is progressing.", now, true);
        } else {
            Instant lastUpdate = ObjectFields.time(progressing.get("lastUpdateTime"));
            if (!oldReason.equals("ProgressDeadlineExceeded") && lastUpdate != null && !lastUpdate.plusSeconds(deadline).isAfter(now)) {
                condition(conditions, old, "Progressing", "False", "ProgressDeadlineExceeded",
                        "ReplicaSet \"" + rsName + "\" has timed out progressing.", now, true);
                ctx.events().warning(NAME, d, "ProgressDeadlineExceeded", "Deployment \"" + ObjectFields.name(d) + "\" has timed out progressing.");
            } else {
                conditions.set("Progressing", progressing.deepCopy());
            }
        }
        JsonNode prog = conditions.get("Progressing");
        if (!paused && !complete && "True".equals(prog.path("status").asText())) {
            Instant lastUpdate = ObjectFields.time(prog.get("lastUpdateTime"));
            if (lastUpdate != null) {
                again = Duration.between(now, lastUpdate.plusSeconds(deadline)).plusMillis(100);
                if (again.isNegative()) {
                    again = Duration.ofMillis(100);
                }
            }
        }
        status.putArray("conditions").add(conditions.get("Available")).add(conditions.get("Progressing"));
        if (old.has("collisionCount")) {
            status.set("collisionCount", old.get("collisionCount"));
        }
        if (!ObjectFields.same(status, old)) {
            ObjectNode copy = d.deepCopy();
            copy.set("status", status);
            ctx.service().update(ctx.kinds().deployments(), ObjectFields.namespace(d), ObjectFields.name(d), "status", copy,
                    ObjectFields.as(NAME));
        }
        return again;
    }

    private static int specReplicasOf(JsonNode rs) {
        return rs.path("spec").path("replicas").asInt(1);
    }

    /** Progress as the controller counts it: more updated, ready or available replicas, or fewer old ones. */
    private static boolean progressed(JsonNode old, JsonNode now) {
        int oldUpdated = old.path("updatedReplicas").asInt(0);
        int newUpdated = now.path("updatedReplicas").asInt(0);
        int oldOld = old.path("replicas").asInt(0) - oldUpdated;
        int newOld = now.path("replicas").asInt(0) - newUpdated;
        return newUpdated > oldUpdated || newOld < oldOld
                || now.path("readyReplicas").asInt(0) > old.path("readyReplicas").asInt(0)
                || now.path("availableReplicas").asInt(0) > old.path("availableReplicas").asInt(0);
    }

    /** Sets a deployment condition: a changed status or reason (or a bump) renews lastUpdateTime. */
    private static void condition(ObjectNode into, JsonNode oldStatus, String type, String value, String reason, String message,
                                  Instant now, boolean bump) {
        JsonNode old = null;
        for (JsonNode c : oldStatus.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                old = c;
            }
        }
        if (old != null && !bump && value.equals(old.path("status").asText()) && reason.equals(old.path("reason").asText())
                && message.equals(old.path("message").asText())) {
            into.set(type, old.deepCopy());
            return;
        }
        ObjectNode c = ObjectFields.NODES.objectNode();
        c.put("type", type);
        c.put("status", value);
        c.put("lastUpdateTime", ObjectFields.stamp(now));
        boolean same = old != null && value.equals(old.path("status").asText());
        c.put("lastTransitionTime", same ? old.path("lastTransitionTime").asText(ObjectFields.stamp(now)) : ObjectFields.stamp(now));
        c.put("reason", reason);
        c.put("message", message);
        into.set(type, c);
    }
}
