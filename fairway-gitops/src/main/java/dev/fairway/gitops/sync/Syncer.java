package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.SyncOptions;
import dev.fairway.gitops.cluster.ClusterWriteException;
import dev.fairway.gitops.cluster.ClusterWriter;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.cluster.TrackingMethod;
import dev.fairway.gitops.diff.ResourceDiff;
import dev.fairway.gitops.diff.ResourceState;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import dev.fairway.kube.Meta;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a sync: server-side applies the desired objects wave by wave in {@link SyncOrder}, then
 * prunes what left git when asked to. A wave with a failure stops the sync, as in Argo CD, so
 * that later waves never run against a half-applied earlier one.
 */
public final class Syncer {

    public static final String SYNC_OPTIONS_ANNOTATION = "argocd.argoproj.io/sync-options";
    /** How long a custom resource may wait for the CRD applied just before it to be served. */
    private static final Duration CRD_WAIT = Duration.ofSeconds(15);

    private final ClusterWriter cluster;
    private final TrackingMethod tracking;
    private final Clock clock;

    public Syncer(ClusterWriter cluster, TrackingMethod tracking, Clock clock) {
        this.cluster = cluster;
        this.tracking = tracking;
        this.clock = clock;
    }

    public SyncResult sync(SyncRequest request) {
        Instant started = clock.instant();
        List<ResourceResult> results = new ArrayList<>();
        List<ObjectNode> toApply = new ArrayList<>();
        for (ResourceDiff resource : request.comparison().resources()) {
            if (resource.desired() != null && !(request.applyOutOfSyncOnly() && resource.isSynced())) {
                ObjectNode object = resource.desired().deepCopy();
                tracking.mark(object, request.application());
                toApply.add(object);
            }
        }
        if (request.createNamespace() && !request.namespace().isBlank() && toApply.stream()
                .noneMatch(o -> "Namespace".equals(Meta.kind(o)) && request.namespace().equals(Meta.name(o)))) {
            ObjectNode namespace = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            namespace.putObject("metadata").put("name", request.namespace());
            toApply.add(namespace);
        }
        toApply.sort(SyncOrder.APPLY);

        Map<Integer, List<ObjectNode>> waves = new TreeMap<>();
        toApply.forEach(o -> waves.computeIfAbsent(SyncOrder.wave(o), w -> new ArrayList<>()).add(o));
        boolean crdApplied = false;
        String failure = null;
        for (List<ObjectNode> wave : waves.values()) {
            for (ObjectNode object : wave) {
                ResourceResult result = applyOne(object, crdApplied);
                crdApplied |= "CustomResourceDefinition".equals(Meta.kind(object)) && !result.failed();
                results.add(result);
                if (result.failed() && failure == null) {
                    failure = result.message();
                }
            }
            if (failure != null) {
                break;
            }
        }
        if (failure == null) {
            results.addAll(prune(request));
        }
        String phase = failure == null ? SyncResult.SUCCEEDED : SyncResult.FAILED;
        String message = failure == null ? "successfully synced (all tasks run)"
                : "one or more objects failed to apply, reason: " + failure;
        return new SyncResult(request.revision(), phase, message, results, started, clock.instant());
    }

    private ResourceResult applyOne(ObjectNode object, boolean crdApplied) {
        ResourceKey key = ResourceKey.of(object);
        String version = Meta.gvk(object).version();
        Instant deadline = clock.instant().plus(CRD_WAIT);
        while (true) {
            try {
                cluster.apply(object, false);
                return new ResourceResult(key, version, ResourceResult.SYNCED, describe(object) + " serverside-applied");
            } catch (ClusterWriteException e) {
                // a custom resource whose CRD this sync just applied: the API server needs a moment to serve it
                if (crdApplied && e.code() == 404 && clock.instant().isBefore(deadline) && pause()) {
                    continue;
                }
                return new ResourceResult(key, version, ResourceResult.SYNC_FAILED, e.getMessage());
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<ResourceResult> prune(SyncRequest request) {
        List<ResourceDiff> extra = new ArrayList<>(request.comparison().resources().stream()
                .filter(r -> r.state() == ResourceState.REQUIRES_PRUNING).toList());
        // delete in the reverse of apply order: workloads before the namespaces and CRDs they need
        extra.sort(Comparator.comparing(ResourceDiff::live, SyncOrder.APPLY).reversed());
        List<ResourceResult> results = new ArrayList<>();
        for (ResourceDiff resource : extra) {
            String version = GroupVersionKind.of(resource.apiVersion(), resource.key().kind()).version();
            String options = Meta.text(Meta.at(resource.live(), "metadata", "annotations"), SYNC_OPTIONS_ANNOTATION);
            if (SyncOptions.fromAnnotation(options).isFalse("Prune")) {
                results.add(new ResourceResult(resource.key(), version, ResourceResult.PRUNE_SKIPPED, "ignored (no prune)"));
            } else if (!request.prune()) {
                results.add(new ResourceResult(resource.key(), version, ResourceResult.PRUNE_SKIPPED, "ignored (requires pruning)"));
            } else {
                try {
                    cluster.delete(resource.key(), resource.apiVersion());
                    results.add(new ResourceResult(resource.key(), version, ResourceResult.PRUNED, "pruned"));
                } catch (ClusterWriteException e) {
                    results.add(new ResourceResult(resource.key(), version, ResourceResult.SYNC_FAILED, e.getMessage()));
                }
            }
        }
        return results;
    }

    private static String describe(ObjectNode object) {
        GroupVersionKind gvk = Meta.gvk(object);
        String kind = gvk.kind().toLowerCase(java.util.Locale.ROOT) + (gvk.group().isEmpty() ? "" : "." + gvk.group());
        return kind + "/" + Meta.name(object);
    }
}
