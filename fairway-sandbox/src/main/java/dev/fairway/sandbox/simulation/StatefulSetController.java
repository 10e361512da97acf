package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The StatefulSet controller: pods {@code NAME-0..N-1} with their PersistentVolumeClaims from
 * volumeClaimTemplates, started in order (OrderedReady: each once the previous is Ready) or all at
 * once (Parallel); removed from the highest ordinal down; RollingUpdate replaces pods from the
 * highest ordinal down to the partition, one at a time; OnDelete replaces only deleted pods.
 * Reports replicas, ready/current/updated/available counts and current/update revisions.
 */
final class StatefulSetController extends SimulatedController {

    static final String NAME = "statefulset-controller";
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private final OwnedPods pods;
    private final Revisions revisions;

    StatefulSetController(SimulationContext ctx) {
        super(ctx, "statefulsets");
        this.pods = new OwnedPods(ctx);
        this.revisions = new Revisions(ctx);
    }

    @Override
    void start() {
        try {
            for (ObjectNode s : ctx.service().list(ctx.kinds().statefulSets(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(s));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list statefulsets: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("apps", "statefulsets") && !c.deleted()) {
            queue.add(c.ref());
        } else if (c.is("", "pods")) {
            String owner = ObjectFields.controllerName(c.object(), "StatefulSet");
            if (owner != null) {
                queue.add(new Ref(c.ref().namespace(), owner));
            }
        }
    }

    private static int ordinal(JsonNode pod, String set) {
        String name = ObjectFields.name(pod);
        try {
            return Integer.parseInt(name.substring(set.length() + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().statefulSets(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())) {
            return null;
        }
        ObjectNode sts = found.get();
        JsonNode spec = sts.path("spec");
        int replicas = spec.path("replicas").asInt(1);
        boolean parallel = "Parallel".equals(spec.path("podManagementPolicy").asText());
        String updateRevision = revisions.ensure(sts, spec.path("template"));
        String currentRevision = sts.path("status").path("currentRevision").asText(updateRevision);
        TreeMap<Integer, ObjectNode> byOrdinal = new TreeMap<>();
        for (ObjectNode p : pods.of(sts, spec.get("selector"))) {
            int i = ordinal(p, ObjectFields.name(sts));
            if (i >= 0) {
                byOrdinal.put(i, p);
            }
        }
        // create missing pods (in order unless Parallel), recreate finished ones
        boolean allReadyBelow = true;
        for (int i = 0; i < replicas; i++) {
            ObjectNode p = byOrdinal.get(i);
            if (p == null) {
                if (!parallel && !allReadyBelow) {
                    break;
                }
                ensureClaims(sts, i);
                ObjectNode template = templateFor(sts, i);
                String podName = ObjectFields.name(sts) + "-" + i;
                ObjectNode created = pods.create(sts, template, podName, null, Map.of(Revisions.HASH_LABEL, updateRevision,
                        POD_NAME_LABEL, podName, POD_INDEX_LABEL, Integer.toString(i)), NAME);
                byOrdinal.put(i, created);
                ctx.events().normal(NAME, sts, "SuccessfulCreate", "create Pod " + podName + " in StatefulSet " + ObjectFields.name(sts)
                        + " successful");
                allReadyBelow = false;
                continue;
            }
            if (!OwnedPods.active(p) && !ObjectFields.deleting(p)) {
                pods.delete(p);
                allReadyBelow = false;
                continue;
            }
            if (ObjectFields.deleting(p) || !OwnedPods.ready(p)) {
                allReadyBelow = false;
            }
        }
        // scale down from the highest ordinal
        for (Integer i : byOrdinal.descendingKeySet()) {
            if (i < replicas) {
                break;
            }
            ObjectNode p = byOrdinal.get(i);
            if (!ObjectFields.deleting(p)) {
                pods.delete(p);
                ctx.events().normal(NAME, sts, "SuccessfulDelete", "delete Pod " + ObjectFields.name(p) + " in StatefulSet "
                        + ObjectFields.name(sts) + " successful");
            }
            if (!parallel) {
                break;
            }
        }
        // rolling update from the highest ordinal down to the partition
        boolean rolling = !"OnDelete".equals(spec.path("updateStrategy").path("type").asText("RollingUpdate"));
        int partition = spec.path("updateStrategy").path("rollingUpdate").path("partition").asInt(0);
        if (rolling && allReadyBelow) {
            for (Integer i : byOrdinal.descendingKeySet()) {
                if (i >= replicas) {
                    continue;
                }
                if (i < partition) {
                    break;
                }
                ObjectNode p = byOrdinal.get(i);
                if (!updateRevision.equals(ObjectFields.labels(p).get(Revisions.HASH_LABEL)) && !ObjectFields.deleting(p)) {
                    pods.delete(p);
                    break;
                }
            }
        }
        int count = 0;
        int ready = 0;
        int current = 0;
        int updated = 0;
        for (Map.Entry<Integer, ObjectNode> e : byOrdinal.entrySet()) {
            ObjectNode p = e.getValue();
            if (ObjectFields.deleting(p) || !OwnedPods.active(p)) {
                continue;
            }
            count++;
            if (OwnedPods.ready(p)) {
                ready++;
            }
            String rev = ObjectFields.labels(p).get(Revisions.HASH_LABEL);
            if (currentRevision.equals(rev)) {
                current++;
            }
            if (updateRevision.equals(rev)) {
                updated++;
            }
        }
        if (updated == replicas && count == replicas) {
            currentRevision = updateRevision;
            current = updated;
        }
        ObjectNode status = ObjectFields.NODES.objectNode();
        status.put("availableReplicas", ready);
        status.put("collisionCount", 0);
        status.put("currentReplicas", current);
        status.put("currentRevision", currentRevision);
        status.put("observedGeneration", sts.path("metadata").path("generation").asLong(1));
        status.put("readyReplicas", ready);
        status.put("replicas", count);
        status.put("updateRevision", updateRevision);
        status.put("updatedReplicas", updated);
        for (String zero : new String[] {"currentReplicas", "readyReplicas", "updatedReplicas"}) {
            if (status.get(zero).asInt() == 0) {
                status.remove(zero);
            }
        }
        if (!ObjectFields.same(status, sts.get("status"))) {
            ObjectNode copy = sts.deepCopy();
            copy.set("status", status);
            ctx.service().update(ctx.kinds().statefulSets(), ref.namespace(), ref.name(), "status", copy, ObjectFields.as(NAME));
        }
        return null;
    }

    /** The template with each claim template mounted as the pod's own PersistentVolumeClaim. */
    private static ObjectNode templateFor(ObjectNode sts, int ordinal) {
        ObjectNode template = sts.path("spec").path("template").deepCopy();
        JsonNode claims = sts.path("spec").path("volumeClaimTemplates");
        if (claims.isArray() && claims.size() > 0) {
            ObjectNode podSpec = template.with("spec");
            ArrayNode volumes = podSpec.has("volumes") ? (ArrayNode) podSpec.get("volumes") : podSpec.putArray("volumes");
            for (JsonNode c : claims) {
                String claim = c.path("metadata").path("name").asText();
                ObjectNode v = volumes.addObject();
                v.put("name", claim);
                v.putObject("persistentVolumeClaim").put("claimName", claim + "-" + ObjectFields.name(sts) + "-" + ordinal);
            }
        }
        return template;
    }

    private void ensureClaims(ObjectNode sts, int ordinal) throws ApiException {
        for (JsonNode c : sts.path("spec").path("volumeClaimTemplates")) {
            String name = c.path("metadata").path("name").asText() + "-" + ObjectFields.name(sts) + "-" + ordinal;
            if (ctx.service().find(ctx.kinds().pvcs(), ObjectFields.namespace(sts), name).isPresent()) {
                continue;
            }
            ObjectNode pvc = ObjectFields.NODES.objectNode();
            pvc.put("apiVersion", "v1");
            pvc.put("kind", "PersistentVolumeClaim");
            ObjectNode meta = pvc.putObject("metadata");
            meta.put("name", name);
            meta.put("namespace", ObjectFields.namespace(sts));
            ObjectNode labels = meta.putObject("labels");
            sts.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            c.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            pvc.set("spec", c.path("spec").deepCopy());
            ctx.service().create(ctx.kinds().pvcs(), ObjectFields.namespace(sts), pvc, ObjectFields.as(NAME));
            ctx.events().normal(NAME, sts, "SuccessfulCreate", "create Claim " + name + " Pod " + ObjectFields.name(sts) + "-" + ordinal
                    + " in StatefulSet " + ObjectFields.name(sts) + " success");
        }
    }
}
