package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Volumes: a default StorageClass {@code standard} (local-path, WaitForFirstConsumer, as on a kind
 * cluster) when there is none; claims are provisioned a PersistentVolume and Bound, at once for
 * Immediate classes and once a scheduled pod uses them for WaitForFirstConsumer ones; the
 * volume goes when its claim does (reclaim policy Delete).
 */
final class VolumeController extends SimulatedController {

    static final String NAME = "persistentvolume-binder-controller";
    static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    static final String PROVISIONER = "rancher.io/local-path";
    private static final String CLASS_KEY = "__storageclass__";
    private static final String RELEASE = "__release__/";

    /** Claims that scheduled pods use, by namespace/name. */
    private final Set<Ref> consumed = new HashSet<>();

    VolumeController(SimulationContext ctx) {
        super(ctx, "volumes");
    }

    @Override
    void start() {
        queue.add(new Ref("", CLASS_KEY));
        try {
            for (ObjectNode p : ctx.service().list(ctx.kinds().pods(), null, ListOptions.ALL).items()) {
                track(p);
            }
            for (ObjectNode c : ctx.service().list(ctx.kinds().pvcs(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(c));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list claims: " + e.getMessage(), e);
        }
    }

    private void track(JsonNode pod) {
        if (pod.path("spec").path("nodeName").asText("").isEmpty()) {
            return;
        }
        for (JsonNode v : pod.path("spec").path("volumes")) {
            String claim = v.path("persistentVolumeClaim").path("claimName").asText("");
            if (!claim.isEmpty()) {
                Ref r = new Ref(ObjectFields.namespace(pod), claim);
                boolean added;
                synchronized (this) {
                    added = consumed.add(r);
                }
                if (added) {
                    queue.add(r);
                }
            }
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("", "persistentvolumeclaims") && c.deleted()) {
            queue.add(new Ref("", RELEASE + "pvc-" + ObjectFields.uid(c.object())));
        } else if (c.is("", "persistentvolumeclaims")) {
            queue.add(c.ref());
        } else if (c.is("", "pods") && !c.deleted()) {
            track(c.object());
        } else if (c.is("storage.k8s.io", "storageclasses") && c.deleted()) {
            queue.add(new Ref("", CLASS_KEY));
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        if (ref.name().equals(CLASS_KEY)) {
            ensureDefaultClass();
            return null;
        }
        if (ref.name().startsWith(RELEASE)) {
            release(ref.name().substring(RELEASE.length()));
            return null;
        }
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().pvcs(), ref.namespace(), ref.name());
        if (found.isEmpty()) {
            return null;
        }
        ObjectNode pvc = found.get();
        String pvName = "pvc-" + ObjectFields.uid(pvc);
        if (ObjectFields.deleting(pvc)) {
            return null;
        }
        if ("Bound".equals(pvc.path("status").path("phase").asText())) {
            return null;
        }
        ObjectNode sc = storageClass(pvc.path("spec").path("storageClassName").asText(""));
        if (sc == null) {
            return setPending(pvc, null);
        }
        boolean waitForConsumer = "WaitForFirstConsumer".equals(sc.path("volumeBindingMode").asText("Immediate"));
        boolean used;
        synchronized (this) {
            used = consumed.contains(ref);
        }
        if (waitForConsumer && !used) {
            return setPending(pvc, "waiting for first consumer to be created before binding");
        }
        JsonNode storage = pvc.path("spec").path("resources").path("requests").path("storage");
        if (ctx.service().find(ctx.kinds().pvs(), "", pvName).isEmpty()) {
            ObjectNode pv = ObjectFields.NODES.objectNode();
            pv.put("apiVersion", "v1");
            pv.put("kind", "PersistentVolume");
            ObjectNode meta = pv.putObject("metadata");
            meta.put("name", pvName);
            meta.putObject("annotations").put("pv.kubernetes.io/provisioned-by", sc.path("provisioner").asText(PROVISIONER));
            ObjectNode spec = pv.putObject("spec");
            spec.set("accessModes", pvc.path("spec").path("accessModes").deepCopy());
            spec.putObject("capacity").set("storage", storage.deepCopy());
            ObjectNode claimRef = spec.putObject("claimRef");
            claimRef.put("apiVersion", "v1");
            claimRef.put("kind", "PersistentVolumeClaim");
            claimRef.put("name", ObjectFields.name(pvc));
            claimRef.put("namespace", ObjectFields.namespace(pvc));
            claimRef.put("uid", ObjectFields.uid(pvc));
            spec.putObject("hostPath").put("path", "/var/local-path-provisioner/" + pvName + "_" + ObjectFields.namespace(pvc) + "_"
                    + ObjectFields.name(pvc)).put("type", "DirectoryOrCreate");
            spec.put("persistentVolumeReclaimPolicy", sc.path("reclaimPolicy").asText("Delete"));
            spec.put("storageClassName", ObjectFields.name(sc));
            spec.put("volumeMode", pvc.path("spec").path("volumeMode").asText("Filesystem"));
            ObjectNode created = ctx.service().create(ctx.kinds().pvs(), "", pv, ObjectFields.as(PROVISIONER)).object();
            ObjectNode bound = created.deepCopy();
            bound.putObject("status").put("phase", "Bound");
            ctx.service().update(ctx.kinds().pvs(), "", pvName, "status", bound, ObjectFields.as(NAME));
            ctx.events().normal(PROVISIONER, pvc, "ProvisioningSucceeded", "Successfully provisioned volume " + pvName);
        }
        ObjectNode claim = pvc.deepCopy();
        ObjectNode ann = claim.with("metadata").with("annotations");
        ann.put("pv.kubernetes.io/bind-completed", "yes");
        ann.put("pv.kubernetes.io/bound-by-controller", "yes");
        ann.put("volume.beta.kubernetes.io/storage-provisioner", sc.path("provisioner").asText(PROVISIONER));
        ann.put("volume.kubernetes.io/storage-provisioner", sc.path("provisioner").asText(PROVISIONER));
        claim.with("spec").put("volumeName", pvName);
        if (!claim.path("spec").has("storageClassName")) {
            claim.with("spec").put("storageClassName", ObjectFields.name(sc));
        }
        ObjectNode stored = ctx.service().update(ctx.kinds().pvcs(), ref.namespace(), ref.name(), "", claim, ObjectFields.as(NAME)).object();
        ObjectNode withStatus = stored.deepCopy();
        ObjectNode status = withStatus.putObject("status");
        status.put("phase", "Bound");
        status.set("accessModes", pvc.path("spec").path("accessModes").deepCopy());
        status.putObject("capacity").set("storage", storage.deepCopy());
        ctx.service().update(ctx.kinds().pvcs(), ref.namespace(), ref.name(), "status", withStatus, ObjectFields.as(NAME));
        return null;
    }

    private Duration setPending(ObjectNode pvc, String waitingMessage) throws ApiException {
        if (!"Pending".equals(pvc.path("status").path("phase").asText())) {
            ObjectNode copy = pvc.deepCopy();
            copy.putObject("status").put("phase", "Pending");
            ctx.service().update(ctx.kinds().pvcs(), ObjectFields.namespace(pvc), ObjectFields.name(pvc), "status", copy, ObjectFields.as(NAME));
            if (waitingMessage != null) {
                ctx.events().normal(NAME, pvc, "WaitForFirstConsumer", waitingMessage);
            } else {
                ctx.events().warning(NAME, pvc, "ProvisioningFailed", "storageclass.storage.k8s.io \""
                        + pvc.path("spec").path("storageClassName").asText("") + "\" not found");
            }
        }
        return null;
    }

    private ObjectNode storageClass(String name) throws ApiException {
        for (ObjectNode sc : ctx.service().list(ctx.kinds().storageClasses(), null, ListOptions.ALL).items()) {
            if (name.isEmpty() ? "true".equals(ObjectFields.annotation(sc, DEFAULT_CLASS)) : name.equals(ObjectFields.name(sc))) {
                return sc;
            }
        }
        return null;
    }

    private void ensureDefaultClass() throws ApiException {
        if (!ctx.service().list(ctx.kinds().storageClasses(), null, ListOptions.ALL).items().isEmpty()) {
            return;
        }
        ObjectNode sc = ObjectFields.NODES.objectNode();
        sc.put("apiVersion", "storage.k8s.io/v1");
        sc.put("kind", "StorageClass");
        ObjectNode meta = sc.putObject("metadata");
        meta.put("name", "standard");
        meta.putObject("annotations").put(DEFAULT_CLASS, "true");
        sc.put("provisioner", PROVISIONER);
        sc.put("reclaimPolicy", "Delete");
        sc.put("volumeBindingMode", "WaitForFirstConsumer");
        try {
            ctx.service().create(ctx.kinds().storageClasses(), "", sc, ObjectFields.as(NAME));
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    /** Deletes the provisioned volume of a claim that is gone (reclaim policy Delete). */
    private void release(String pvName) throws ApiException {
        Optional<ObjectNode> pv = ctx.service().find(ctx.kinds().pvs(), "", pvName);
        if (pv.isEmpty() || !"Delete".equals(pv.get().path("spec").path("persistentVolumeReclaimPolicy").asText())) {
            return;
        }
        try {
            ctx.service().delete(ctx.kinds().pvs(), "", pvName, DeleteOptions.DEFAULT);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}
