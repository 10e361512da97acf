package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.SyncOptions;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.cluster.TrackingMethod;
import dev.fairway.gitops.diff.ResourceDiff;
import dev.fairway.gitops.diff.ResourceState;
import dev.fairway.kube.Json;
import dev.fairway.kube.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a sync request into its tasks, in the order they run: phases PreSync, Sync, PostSync (and
 * SyncFail, only on failure); inside a phase by wave, then by Argo CD's kind order; prunes after
 * the applies of the Sync phase. Pure: the same request, start time and recorded results always
 * give the same tasks, which is what lets an operation resume after a restart.
 */
public final class SyncPlanner {

    public static final String SYNC_OPTIONS_ANNOTATION = "argocd.argoproj.io/sync-options";

    private final TrackingMethod tracking;

    public SyncPlanner(TrackingMethod tracking) {
        this.tracking = tracking;
    }

    /**
     * @param startedAt when the operation started (hook names are derived from it)
     * @param recorded the results recorded so far (the names chosen for {@code generateName} hooks)
     */
    public List<SyncTask> plan(SyncRequest request, Instant startedAt, List<TaskResult> recorded) {
        List<SyncTask> tasks = new ArrayList<>();
        // a selective sync too: the objects it names need their namespace
        if (request.options().isTrue("CreateNamespace") && !request.namespace().isBlank()) {
            tasks.add(namespaceTask(request));
        }
        for (ResourceDiff resource : request.comparison().resources()) {
            if (request.isSelective() && request.selected().stream().noneMatch(s -> s.matches(resource.key()))) {
                continue;
            }
            if (resource.desired() != null) {
                // an object this operation applied stays planned once synced: its wave may still wait for its health
                if (request.options().isTrue("ApplyOutOfSyncOnly") && resource.isSynced() && recorded.stream()
                        .noneMatch(r -> r.taskId().equals(SyncTask.id(resource.key(), SyncPhase.Sync, false)))) {
                    continue;
                }
                if (tasks.stream().anyMatch(t -> t.key().equals(resource.key()))) {
                    tasks.removeIf(t -> t.key().equals(resource.key())); // git's Namespace wins over the created one
                }
                tasks.add(new SyncTask(SyncTask.Type.APPLY, resource.key(), resource.apiVersion(), SyncPhase.Sync,
                        SyncOrder.wave(resource.desired()), resource.desired().deepCopy(), resource.live(),
                        options(resource.desired(), request.options()), Set.of()));
            } else if (resource.state() == ResourceState.REQUIRES_PRUNING) {
                tasks.add(new SyncTask(SyncTask.Type.PRUNE, resource.key(), resource.apiVersion(), SyncPhase.Sync,
                        SyncOrder.wave(resource.live()), resource.live(), resource.live(),
                        options(resource.live(), request.options()), Set.of()));
            }
        }
        if (!request.isSelective()) { // a selective sync skips hooks, as in Argo CD
            for (ObjectNode hookObject : request.hooks()) {
                Hook hook = Hook.of(hookObject).orElse(null);
                if (hook == null) {
                    continue;
                }
                for (SyncPhase phase : hook.phases()) {
                    ObjectNode object = hookObject.deepCopy();
                    name(object, request.application(), phase, startedAt, recorded);
                    tracking.mark(object, request.application());
                    tasks.add(new SyncTask(SyncTask.Type.HOOK, ResourceKey.of(object), Meta.apiVersion(object), phase,
                            SyncOrder.wave(object), object, null, options(object, request.options()), hook.deletePolicies()));
                }
            }
        }
        tasks.sort(Comparator.comparing(SyncTask::group).thenComparing((a, b) -> a.type() == SyncTask.Type.PRUNE
                ? SyncOrder.APPLY.compare(b.object(), a.object()) // delete in the reverse of apply order
                : SyncOrder.APPLY.compare(a.object(), b.object())));
        return tasks;
    }

    private static SyncTask namespaceTask(SyncRequest request) {
        ObjectNode namespace = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        ObjectNode metadata = namespace.putObject("metadata").put("name", request.namespace());
        for (String field : new String[] {"labels", "annotations"}) {
            if (request.namespaceMetadata().path(field).isObject() && !request.namespaceMetadata().path(field).isEmpty()) {
                metadata.set(field, request.namespaceMetadata().get(field).deepCopy());
            }
        }
        // before everything, PreSync hooks included: they run in the namespace too
        return new SyncTask(SyncTask.Type.APPLY, ResourceKey.of(namespace), "v1", SyncPhase.PreSync, Integer.MIN_VALUE,
                namespace, null, SyncOptions.none(), Set.of());
    }

    static SyncOptions options(JsonNode object, SyncOptions application) {
        return SyncOptions.fromAnnotation(Meta.text(Meta.at(object, "metadata", "annotations"), SYNC_OPTIONS_ANNOTATION))
                .orElse(application);
    }

    /**
     * A hook with {@code generateName} gets its name once per operation and phase: the name
     * recorded in the operation state when there is one, else one derived from the application,
     * the operation's start (whole seconds, as recorded) and the phase. Either way a resumed
     * operation names it the same and never creates a second one.
     */
    private static void name(ObjectNode object, String application, SyncPhase phase, Instant startedAt, List<TaskResult> recorded) {
        ObjectNode metadata = Meta.metadata(object);
        String name = Meta.name(object);
        String generateName = metadata.path("generateName").asText("");
        if ((name != null && !name.isEmpty()) || generateName.isEmpty()) {
            return;
        }
        ResourceKey unnamed = ResourceKey.of(object);
        List<String> known = recorded.stream().filter(r -> r.isHook() && r.syncPhase() == phase
                        && r.key().group().equals(unnamed.group()) && r.key().kind().equals(unnamed.kind())
                        && r.key().namespace().equals(unnamed.namespace()) && r.key().name().startsWith(generateName))
                .map(r -> r.key().name()).distinct().toList();
        String chosen;
        if (known.size() == 1) {
            chosen = known.get(0);
        } else {
            String seed = application + "/" + startedAt.getEpochSecond() + "/" + phase + "/" + generateName;
            chosen = generateName + String.format(Locale.ROOT, "%08x", seed.hashCode());
        }
        metadata.remove("generateName");
        metadata.put("name", chosen);
    }
}
