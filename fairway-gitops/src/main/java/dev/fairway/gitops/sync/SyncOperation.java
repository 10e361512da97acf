package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.cluster.ClusterWriteException;
import dev.fairway.gitops.cluster.ClusterWriter;
import dev.fairway.gitops.cluster.DeletePropagation;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.cluster.TrackingMethod;
import dev.fairway.gitops.cluster.WriteOptions;
import dev.fairway.gitops.health.Health;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.health.HealthStatus;
import dev.fairway.kube.Meta;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Advances a sync operation by one step, the way Argo CD's sync context does: each call looks at
 * what the operation recorded, checks the tasks still running (hooks finishing, applied objects
 * becoming healthy), and when nothing runs starts the next group of tasks. It returns the new
 * operation state and when to look again; the caller writes the state to the Application, so a
 * restarted engine goes on from there without repeating finished work.
 */
public final class SyncOperation {

    /** How long a custom resource may wait for the CRD applied just before it to be served. */
    private static final Duration CRD_WAIT = Duration.ofSeconds(15);

    /**
     * @param state the operation state to write
     * @param recheckIn when to advance again; meaningless once the state is no longer running
     */
    public record Step(OperationState state, Duration recheckIn) {
        public boolean finished() {
            return !state.isRunning();
        }
    }

    private final ClusterWriter cluster;
    private final HealthAssessor health;
    private final SyncPlanner planner;
    private final Clock clock;
    private final Duration waveDelay;
    private final Duration poll;
    /** When the next group of a running operation may start: Argo CD's short pause between waves. Only a cache. */
    private final Map<String, Instant> nextGroupAt = new ConcurrentHashMap<>();

    /**
     * @param waveDelay the pause between two waves (Argo CD's {@code ARGOCD_SYNC_WAVE_DELAY}, 2 s)
     * @param poll how soon to look again while hooks run or objects become healthy
     */
    public SyncOperation(ClusterWriter cluster, HealthAssessor health, TrackingMethod tracking, Clock clock,
            Duration waveDelay, Duration poll) {
        this.cluster = cluster;
        this.health = health;
        this.planner = new SyncPlanner(tracking);
        this.clock = clock;
        this.waveDelay = waveDelay;
        this.poll = poll;
    }

    public Step advance(SyncRequest request, OperationState state) {
        List<SyncTask> tasks = planner.plan(request, state.startedAt(), state.resources());
        Map<String, TaskResult> results = new LinkedHashMap<>();
        state.resources().forEach(r -> results.put(r.taskId(), r));
        if (OperationState.TERMINATING.equals(state.phase())) {
            return terminate(state, tasks, results);
        }
        if (results.isEmpty()) {
            Optional<String> refused = dryRun(tasks);
            if (refused.isPresent()) {
                return finish(state, OperationState.FAILED, "one or more objects failed to apply (dry run), reason: "
                        + refused.get(), results);
            }
        }
        boolean multiStep = isMultiStep(tasks);
        while (true) {
            for (SyncTask task : tasks) {
                TaskResult result = results.get(task.id());
                if (result != null && result.running()) {
                    results.put(task.id(), task.isHook() ? checkHook(task, result) : checkHealth(task, result));
                }
            }
            java.util.Set<String> planned = new java.util.HashSet<>();
            tasks.forEach(t -> planned.add(t.id()));
            results.replaceAll((id, r) -> r.running() && !planned.contains(id)
                    ? r.with(r.status(), TaskResult.SUCCEEDED, r.message() + " (no longer part of the sync)") : r);
            Optional<TaskResult> running = results.values().stream().filter(TaskResult::running).findFirst();
            if (running.isPresent()) {
                return waiting(state, results, running.get(), poll);
            }
            Optional<TaskResult> failure = results.values().stream()
                    .filter(r -> r.failed() && r.syncPhase() != SyncPhase.SyncFail).findFirst();
            if (failure.isPresent()) {
                List<SyncTask> syncFail = tasks.stream()
                        .filter(t -> t.phase() == SyncPhase.SyncFail && !results.containsKey(t.id())).toList();
                if (syncFail.isEmpty()) {
                    return finish(state, OperationState.FAILED, failureMessage(failure.get()), results);
                }
                syncFail.forEach(t -> results.put(t.id(), runHook(t)));
                continue;
            }
            List<SyncTask> pending = tasks.stream()
                    .filter(t -> t.phase() != SyncPhase.SyncFail && !results.containsKey(t.id())).toList();
            if (pending.isEmpty()) {
                return finish(state, OperationState.SUCCEEDED, "successfully synced (all tasks run)", results);
            }
            SyncTask.Group next = pending.get(0).group();
            Optional<Duration> pause = pauseBefore(request, state, next, tasks, results);
            if (pause.isPresent()) {
                return new Step(state.withResources(List.copyOf(results.values()),
                        "waiting " + pause.get().toMillis() + "ms before the next wave"), pause.get());
            }
            boolean crdApplied = results.values().stream()
                    .anyMatch(r -> "CustomResourceDefinition".equals(r.key().kind()) && !r.failed());
            for (SyncTask task : pending) {
                if (!task.group().equals(next)) {
                    continue;
                }
                TaskResult result = switch (task.type()) {
                    case APPLY -> applyResource(task, request, crdApplied, multiStep);
                    case HOOK -> runHook(task);
                    case PRUNE -> prune(task, request);
                };
                crdApplied |= "CustomResourceDefinition".equals(task.key().kind()) && !result.failed();
                results.put(task.id(), result);
            }
        }
    }

    /**
     * Argo CD pauses between waves so that controllers see the last wave's objects first. The pause
     * starts when the previous wave is done; it is kept in memory only, so after a restart the
     * wave simply waits once more.
     */
    private Optional<Duration> pauseBefore(SyncRequest request, OperationState state, SyncTask.Group next,
            List<SyncTask> tasks, Map<String, TaskResult> results) {
        if (waveDelay.isZero() || waveDelay.isNegative()) {
            return Optional.empty();
        }
        Optional<SyncTask.Group> last = tasks.stream().filter(t -> results.containsKey(t.id()))
                .map(SyncTask::group).max(SyncTask.Group::compareTo);
        if (last.isEmpty() || last.get().wave() == Integer.MIN_VALUE
                || (last.get().phase() == next.phase() && last.get().wave() == next.wave())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = request.application() + "/" + state.startedAt() + "/" + next;
        Instant at = nextGroupAt.computeIfAbsent(key, k -> now.plus(waveDelay));
        if (now.isBefore(at)) {
            return Optional.of(Duration.between(now, at));
        }
        nextGroupAt.remove(key);
        return Optional.empty();
    }

    private Optional<String> dryRun(List<SyncTask> tasks) {
        for (SyncTask task : tasks) {
            if (task.type() != SyncTask.Type.APPLY || createdByThisSync(task, tasks)) {
                continue;
            }
            try {
                cluster.write(task.object(), writeOptions(task).asDryRun());
            } catch (ClusterWriteException e) {
                if (task.options().isTrue("SkipDryRunOnMissingResource") && isMissingKind(e)) {
                    continue;
                }
                return Optional.of(e.getMessage());
            } catch (RuntimeException e) {
                if (task.options().isTrue("SkipDryRunOnMissingResource")) {
                    continue; // the client may not know a kind whose CRD is not installed yet
                }
                return Optional.of(task.key() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The cluster does not serve the kind (yet): 404, or the client finding no such resource in discovery. */
    private static boolean isMissingKind(ClusterWriteException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return e.code() == 404 || message.contains("could not find") || message.contains("no matches for kind");
    }

    /** A dry run cannot succeed for an object whose namespace or CRD the same sync creates; Argo CD skips those. */
    private static boolean createdByThisSync(SyncTask task, List<SyncTask> tasks) {
        for (SyncTask other : tasks) {
            if (other.type() == SyncTask.Type.PRUNE) {
                continue;
            }
            if ("Namespace".equals(other.key().kind()) && other.key().name().equals(task.key().namespace())) {
                return true;
            }
            if ("CustomResourceDefinition".equals(other.key().kind())
                    && task.key().group().equals(Meta.text(other.object().path("spec"), "group"))
                    && task.key().kind().equals(other.object().path("spec").path("names").path("kind").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Only an operation of several steps (phases or waves) waits for what it applied to become
     * healthy, as in Argo CD: a plain one-wave sync is done once everything is applied.
     */
    private static boolean isMultiStep(List<SyncTask> tasks) {
        return tasks.stream().filter(t -> t.phase() != SyncPhase.SyncFail && t.wave() != Integer.MIN_VALUE)
                .map(t -> t.phase() + "/" + t.wave()).distinct().count() > 1;
    }

    private TaskResult applyResource(SyncTask task, SyncRequest request, boolean crdApplied, boolean multiStep) {
        Optional<String> shared = sharedWithAnother(task, request);
        if (shared.isPresent()) {
            return result(task, TaskResult.SYNC_FAILED, TaskResult.FAILED, shared.get());
        }
        ObjectNode object = task.object().deepCopy();
        if (task.options().isTrue("RespectIgnoreDifferences") && task.live() != null) {
            object = request.ignored().keepLive(object, task.live());
        }
        WriteOptions options = writeOptions(task);
        Instant deadline = clock.instant().plus(CRD_WAIT);
        while (true) {
            try {
                ObjectNode written = cluster.write(object, options);
                String message = describe(task) + " " + (task.live() == null && options.strategy() != WriteOptions.Strategy.SERVER_SIDE_APPLY
                        ? "created" : options.verb());
                return !multiStep || healthy(written) ? result(task, TaskResult.SYNCED, TaskResult.SUCCEEDED, message)
                        : result(task, TaskResult.SYNCED, TaskResult.RUNNING, message);
            } catch (ClusterWriteException e) {
                // a custom resource whose CRD this sync just applied: the API server needs a moment to serve it
                if (crdApplied && e.code() == 404 && clock.instant().isBefore(deadline) && pause()) {
                    continue;
                }
                return result(task, TaskResult.SYNC_FAILED, TaskResult.FAILED, e.getMessage());
            }
        }
    }

    /** {@code FailOnSharedResource=true}: an object another application tracks is not taken over. */
    private Optional<String> sharedWithAnother(SyncTask task, SyncRequest request) {
        if (!task.options().isTrue("FailOnSharedResource") || task.live() == null) {
            return Optional.empty();
        }
        for (TrackingMethod method : TrackingMethod.values()) {
            Optional<String> owner = method.applicationOf(task.live());
            if (owner.isPresent() && !owner.get().equals(request.application())) {
                return Optional.of(task.key() + " is part of application " + owner.get()
                        + "; FailOnSharedResource=true refuses to take it over (remove it from one of the two applications)");
            }
        }
        return Optional.empty();
    }

    private TaskResult runHook(SyncTask task) {
        try {
            if (task.deletePolicies().contains(HookDeletePolicy.BeforeHookCreation)
                    && cluster.get(task.key(), task.apiVersion()).isPresent()) {
                cluster.delete(task.key(), task.apiVersion(), DeletePropagation.FOREGROUND);
                if (cluster.get(task.key(), task.apiVersion()).isPresent()) {
                    // still going away: create it on a later step
                    return result(task, TaskResult.SYNCED, TaskResult.RUNNING, "waiting for the previous " + describe(task)
                            + " to be deleted (BeforeHookCreation)");
                }
            }
            cluster.write(task.object(), writeOptions(task));
            return result(task, TaskResult.SYNCED, TaskResult.RUNNING, describe(task) + " created");
        } catch (ClusterWriteException e) {
            return result(task, TaskResult.SYNC_FAILED, TaskResult.FAILED, e.getMessage());
        }
    }

    /** A hook is judged by its health: Healthy (a Job complete) succeeded, Degraded failed, else it still runs. */
    private TaskResult checkHook(SyncTask task, TaskResult result) {
        Optional<ObjectNode> live = cluster.get(task.key(), task.apiVersion());
        if (live.isEmpty()) {
            if (result.message().startsWith("waiting for the previous")) {
                return runHook(task); // the old one is gone: create this one now
            }
            return result.with(TaskResult.SYNC_FAILED, TaskResult.FAILED, describe(task) + " disappeared before it finished");
        }
        if (result.message().startsWith("waiting for the previous")) {
            return result; // BeforeHookCreation: the old one is still being deleted
        }
        Optional<Health> h = health.assess(live.get());
        TaskResult next;
        if (h.isEmpty() || h.get().status() == HealthStatus.Healthy) {
            next = result.with(TaskResult.SYNCED, TaskResult.SUCCEEDED, h.map(Health::message).filter(m -> !m.isEmpty())
                    .orElse(describe(task) + " succeeded"));
        } else if (h.get().status() == HealthStatus.Degraded) {
            next = result.with(TaskResult.SYNCED, TaskResult.FAILED, h.get().message().isEmpty()
                    ? describe(task) + " failed" : h.get().message());
        } else {
            return result;
        }
        boolean delete = next.failed() ? task.deletePolicies().contains(HookDeletePolicy.HookFailed)
                : task.deletePolicies().contains(HookDeletePolicy.HookSucceeded);
        if (delete) {
            try {
                cluster.delete(task.key(), task.apiVersion(), DeletePropagation.BACKGROUND);
            } catch (ClusterWriteException e) {
                return next.with(next.status(), next.hookPhase(), next.message() + "; could not delete it: " + e.getMessage());
            }
        }
        return next;
    }

    /**
     * Waves wait for what they applied to be Healthy (objects without a health check count as
     * healthy at once); a Degraded one fails the operation, as in Argo CD.
     */
    private TaskResult checkHealth(SyncTask task, TaskResult result) {
        Optional<ObjectNode> live = cluster.get(task.key(), task.apiVersion());
        if (live.isEmpty()) {
            return result;
        }
        Optional<Health> h = health.assess(live.get());
        if (h.isEmpty() || h.get().status() == HealthStatus.Healthy) {
            return result.with(result.status(), TaskResult.SUCCEEDED, result.message());
        }
        if (h.get().status() == HealthStatus.Degraded) {
            return result.with(result.status(), TaskResult.FAILED, describe(task) + " is Degraded"
                    + (h.get().message().isEmpty() ? "" : ": " + h.get().message()));
        }
        return result;
    }

    private boolean healthy(ObjectNode live) {
        return health.assess(live).map(h -> h.status() == HealthStatus.Healthy).orElse(true);
    }

    private TaskResult prune(SyncTask task, SyncRequest request) {
        if (task.options().isFalse("Prune") || task.options().isFalse("Delete")) {
            return result(task, TaskResult.PRUNE_SKIPPED, TaskResult.SUCCEEDED, "ignored (no prune)");
        }
        if (!request.prune()) {
            return result(task, TaskResult.PRUNE_SKIPPED, TaskResult.SUCCEEDED, "ignored (requires pruning)");
        }
        try {
            DeletePropagation propagation = task.options().value("PrunePropagationPolicy")
                    .map(DeletePropagation::parse).orElse(DeletePropagation.BACKGROUND);
            cluster.delete(task.key(), task.apiVersion(), propagation);
            return result(task, TaskResult.PRUNED, TaskResult.SUCCEEDED, "pruned");
        } catch (ClusterWriteException | IllegalArgumentException e) {
            return result(task, TaskResult.SYNC_FAILED, TaskResult.FAILED, e.getMessage());
        }
    }

    /** Argo CD's terminate: running hooks are deleted and the operation fails. */
    private Step terminate(OperationState state, List<SyncTask> tasks, Map<String, TaskResult> results) {
        for (SyncTask task : tasks) {
            TaskResult result = results.get(task.id());
            if (result != null && result.running()) {
                if (task.isHook()) {
                    try {
                        cluster.delete(task.key(), task.apiVersion(), DeletePropagation.BACKGROUND);
                    } catch (ClusterWriteException e) {
                        // terminating anyway: the hook object stays and is reported
                    }
                }
                results.put(task.id(), result.with(result.status(), TaskResult.FAILED, "Terminated"));
            }
        }
        return finish(state, OperationState.FAILED, "Operation terminated", results);
    }

    static WriteOptions writeOptions(SyncTask task) {
        boolean replace = task.options().isTrue("Replace");
        WriteOptions.Strategy strategy = replace ? WriteOptions.Strategy.REPLACE
                : task.options().isFalse("ServerSideApply") ? WriteOptions.Strategy.CLIENT_SIDE_APPLY
                : WriteOptions.Strategy.SERVER_SIDE_APPLY;
        return new WriteOptions(strategy, task.options().isTrue("Force"), !task.options().isFalse("Validate"), false);
    }

    private Step waiting(OperationState state, Map<String, TaskResult> results, TaskResult running, Duration in) {
        String what = (running.key().group().isEmpty() ? "" : running.key().group() + "/") + running.key().kind() + "/"
                + running.key().name();
        String message = running.isHook() ? "waiting for completion of hook " + what : "waiting for healthy state of " + what;
        return new Step(state.withResources(List.copyOf(results.values()), message), in);
    }

    private Step finish(OperationState state, String phase, String message, Map<String, TaskResult> results) {
        String prefix = "/" + state.startedAt() + "/";
        nextGroupAt.keySet().removeIf(k -> k.contains(prefix));
        return new Step(state.finish(phase, message, new ArrayList<>(results.values()), clock.instant()), Duration.ZERO);
    }

    private static String failureMessage(TaskResult failed) {
        return failed.isHook() || TaskResult.SYNCED.equals(failed.status())
                ? "one or more synchronization tasks completed unsuccessfully, reason: " + failed.message()
                : "one or more objects failed to apply, reason: " + failed.message();
    }

    private static TaskResult result(SyncTask task, String status, String hookPhase, String message) {
        return new TaskResult(task.key(), task.version(), task.phase(), task.isHook() ? task.phase().name() : "", status,
                hookPhase, message);
    }

    private static String describe(SyncTask task) {
        ResourceKey key = task.key();
        return key.kind().toLowerCase(java.util.Locale.ROOT) + (key.group().isEmpty() ? "" : "." + key.group()) + "/" + key.name();
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
}
