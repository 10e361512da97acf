package dev.fairway.gitops.sync;

import static dev.fairway.gitops.sync.FakeCluster.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.SyncOptions;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.cluster.TrackingMethod;
import dev.fairway.gitops.diff.Comparison;
import dev.fairway.gitops.diff.IgnoredFields;
import dev.fairway.gitops.diff.ResourceDiff;
import dev.fairway.gitops.diff.ResourceState;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.kube.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync state machine against a cluster in memory: each step is written and read back as the engine does. */
class SyncOperationTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final FakeCluster cluster = new FakeCluster();
    final ManualClock clock = new ManualClock();
    SyncOperation engine = engine(Duration.ZERO);
    OperationState state = OperationState.start(Json.object(), "abc123", clock.now, 0);

    SyncOperation engine(Duration waveDelay) {
        return new SyncOperation(cluster, HealthAssessor.argoCd(), TrackingMethod.LABEL, clock, waveDelay, Duration.ofSeconds(1));
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: n%s}
            spec: {replicas: 1, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}}
            """;

    static ObjectNode deployment(String annotations) {
        return yaml(DEPLOYMENT.formatted(annotations.isEmpty() ? "" : ", annotations: {" + annotations + "}"));
    }

    static ObjectNode configMap(String name, String annotations) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: n"
                + (annotations.isEmpty() ? "" : ", annotations: {" + annotations + "}") + "}, data: {k: v}}");
    }

    static ObjectNode job(String nameField, String annotations) {
        return yaml("{apiVersion: batch/v1, kind: Job, metadata: {" + nameField + ", namespace: n, annotations: {" + annotations
                + "}}, spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: busybox}]}}}}");
    }

    static ResourceDiff missing(ObjectNode desired) {
        return new ResourceDiff(ResourceKey.of(desired), ResourceState.MISSING, desired, null, "", "");
    }

    static ResourceDiff extra(ObjectNode live) {
        return new ResourceDiff(ResourceKey.of(live), ResourceState.REQUIRES_PRUNING, null, live, "", "");
    }

    static SyncRequest request(List<ResourceDiff> resources, List<ObjectNode> hooks, boolean prune, String... options) {
        return new SyncRequest("shop", "abc123", new Comparison(resources), hooks, prune, new SyncOptions(List.of(options)),
                "n", List.of(), IgnoredFields.none());
    }

    /** One reconcile: advance, then write the state to "status" and read it back. */
    SyncOperation.Step step(SyncRequest request) {
        SyncOperation.Step step = engine.advance(request, state);
        state = OperationState.read(step.state().toJson(Json.object())).orElseThrow();
        return step;
    }

    String result(String name) {
        return state.resources().stream().filter(r -> r.key().name().equals(name))
                .map(r -> r.syncPhase() + "/" + r.status() + "/" + r.hookPhase()).findFirst().orElse("none");
    }

    @Test
    void theNextWaveWaitsUntilTheLastOneIsHealthy() {
        SyncRequest request = request(List.of(missing(deployment("")),
                missing(configMap("after", "argocd.argoproj.io/sync-wave: \"1\""))), List.of(), false);

        SyncOperation.Step first = step(request);
        assertThat(first.finished()).isFalse();
        assertThat(cluster.writes()).containsExactly("Deployment/web");
        assertThat(state.phase()).isEqualTo("Running");
        assertThat(state.message()).isEqualTo("waiting for healthy state of apps/Deployment/web");
        assertThat(result("web")).isEqualTo("Sync/Synced/Running");

        step(request);
        assertThat(cluster.writes()).as("still rolling out").containsExactly("Deployment/web");

        cluster.rollOut("web");
        SyncOperation.Step done = step(request);
        assertThat(cluster.writes()).containsExactly("Deployment/web", "ConfigMap/after");
        assertThat(done.finished()).isTrue();
        assertThat(state.phase()).isEqualTo("Succeeded");
        assertThat(state.message()).isEqualTo("successfully synced (all tasks run)");
        assertThat(state.finishedAt()).isNotNull();
    }

    @Test
    void wavesArePausedByTheWaveDelay() {
        engine = engine(Duration.ofSeconds(2));
        SyncRequest request = request(List.of(missing(configMap("first", "")),
                missing(configMap("second", "argocd.argoproj.io/sync-wave: \"5\""))), List.of(), false);
        SyncOperation.Step first = step(request);
        assertThat(cluster.writes()).containsExactly("ConfigMap/first");
        assertThat(first.recheckIn()).isEqualTo(Duration.ofSeconds(2));
        clock.now = clock.now.plusMillis(1500);
        step(request);
        assertThat(cluster.writes()).containsExactly("ConfigMap/first");
        clock.now = clock.now.plusMillis(600);
        assertThat(step(request).finished()).isTrue();
        assertThat(cluster.writes()).containsExactly("ConfigMap/first", "ConfigMap/second");
    }

    @Test
    void aPreSyncJobRunsFirstAndIsDeletedWhenItSucceeds() {
        ObjectNode migrate = job("name: migrate", "argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded");
        SyncRequest request = request(List.of(missing(deployment(""))), List.of(migrate), false, "CreateNamespace=true");

        step(request);
        assertThat(cluster.writes()).containsExactly("Namespace/n", "Job/migrate");
        assertThat(state.message()).isEqualTo("waiting for completion of hook batch/Job/migrate");
        assertThat(cluster.find("Job", "migrate").at("/metadata/labels/app.kubernetes.io~1instance").asText()).isEqualTo("shop");
        step(request);
        assertThat(cluster.writes()).doesNotContain("Deployment/web");

        cluster.finishJob("migrate", true);
        step(request);
        assertThat(cluster.calls).contains("delete Job/migrate (BACKGROUND)");
        assertThat(cluster.writes()).containsExactly("Namespace/n", "Job/migrate", "Deployment/web");
        assertThat(result("migrate")).isEqualTo("PreSync/Synced/Succeeded");
        assertThat(state.resources()).filteredOn(r -> r.key().name().equals("migrate")).singleElement()
                .satisfies(r -> assertThat(r.hookType()).isEqualTo("PreSync"));
    }

    @Test
    void aFailingPreSyncHookStopsTheSyncAndRunsSyncFailHooks() {
        SyncRequest request = request(List.of(missing(deployment(""))), List.of(
                job("name: migrate", "argocd.argoproj.io/hook: PreSync"),
                job("name: cleanup", "argocd.argoproj.io/hook: SyncFail"),
                job("name: smoke", "argocd.argoproj.io/hook: PostSync")), false);
        step(request);
        cluster.finishJob("migrate", false);
        step(request);
        assertThat(cluster.writes()).containsExactly("Job/migrate", "Job/cleanup");
        assertThat(state.phase()).isEqualTo("Running");
        assertThat(state.message()).isEqualTo("waiting for completion of hook batch/Job/cleanup");
        assertThat(cluster.find("Job", "migrate")).as("kept: its delete policy is BeforeHookCreation").isNotNull();

        cluster.finishJob("cleanup", true);
        SyncOperation.Step done = step(request);
        assertThat(done.finished()).isTrue();
        assertThat(state.phase()).isEqualTo("Failed");
        assertThat(state.message()).isEqualTo(
                "one or more synchronization tasks completed unsuccessfully, reason: Job has reached the specified backoff limit");
        assertThat(cluster.writes()).doesNotContain("Deployment/web", "Job/smoke");
        assertThat(result("migrate")).isEqualTo("PreSync/Synced/Failed");
        assertThat(result("cleanup")).isEqualTo("SyncFail/Synced/Succeeded");
    }

    @Test
    void aGenerateNameHookIsNamedOnceAndNotDuplicatedAfterARestart() {
        ObjectNode hook = job("generateName: migrate-", "argocd.argoproj.io/hook: PreSync");
        SyncRequest request = request(List.of(missing(configMap("cfg", ""))), List.of(hook), false);
        step(request);
        assertThat(cluster.writes()).singleElement().asString().startsWith("Job/migrate-");
        String name = cluster.writes().get(0).substring("Job/".length());
        assertThat(name).matches("migrate-[0-9a-f]{8}");

        engine = engine(Duration.ZERO); // the engine restarts: nothing but the recorded state survives
        step(request);
        assertThat(cluster.writes()).as("no second Job").hasSize(1);
        cluster.finishJob(name, true);
        assertThat(step(request).finished()).isTrue();
        assertThat(cluster.writes()).containsExactly("Job/" + name, "ConfigMap/cfg");
    }

    @Test
    void aResumedOperationDoesNotRunACompletedHookAgain() {
        ObjectNode hook = job("name: migrate", "argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded");
        SyncRequest request = request(List.of(missing(deployment(""))), List.of(hook), false);
        step(request);
        cluster.finishJob("migrate", true);
        step(request); // hook done and deleted; Deployment applied, waiting for health
        assertThat(cluster.find("Job", "migrate")).isNull();

        engine = engine(Duration.ZERO);
        step(request);
        cluster.rollOut("web");
        assertThat(step(request).finished()).isTrue();
        assertThat(cluster.writes()).containsExactly("Job/migrate", "Deployment/web");
    }

    @Test
    void prunesAfterApplyingInReverseWaveOrderAndPruneLastAtTheEnd() {
        SyncRequest request = request(List.of(
                missing(configMap("new", "")),
                extra(configMap("last", "argocd.argoproj.io/sync-options: PruneLast=true")),
                extra(configMap("early", "argocd.argoproj.io/sync-wave: \"-1\"")),
                extra(configMap("late", "argocd.argoproj.io/sync-wave: \"3\"")),
                extra(configMap("kept", "argocd.argoproj.io/sync-options: Prune=false"))), List.of(), true,
                "PrunePropagationPolicy=foreground");
        assertThat(step(request).finished()).isTrue();
        assertThat(cluster.calls).containsExactly("write ConfigMap/new (SERVER_SIDE_APPLY)", "delete ConfigMap/late (FOREGROUND)",
                "delete ConfigMap/early (FOREGROUND)", "delete ConfigMap/last (FOREGROUND)");
        assertThat(result("kept")).isEqualTo("Sync/PruneSkipped/Succeeded");
        assertThat(state.resources()).filteredOn(r -> r.key().name().equals("kept")).singleElement()
                .satisfies(r -> assertThat(r.message()).isEqualTo("ignored (no prune)"));
    }

    @Test
    void withoutPruneNothingIsDeletedAndTheSyncStillSucceeds() {
        SyncRequest request = request(List.of(extra(configMap("old", ""))), List.of(), false);
        assertThat(step(request).finished()).isTrue();
        assertThat(cluster.calls).isEmpty();
        assertThat(state.phase()).isEqualTo("Succeeded");
        assertThat(state.resources().get(0).message()).isEqualTo("ignored (requires pruning)");
    }

    @Test
    void aRefusedDryRunFailsTheSyncBeforeAnythingIsWritten() {
        SyncRequest request = request(List.of(missing(configMap("good", "")),
                missing(configMap("broken", "argocd.argoproj.io/sync-wave: \"1\""))), List.of(), false);
        assertThat(step(request).finished()).isTrue();
        assertThat(cluster.calls).isEmpty();
        assertThat(state.phase()).isEqualTo("Failed");
        assertThat(state.message()).isEqualTo(
                "one or more objects failed to apply (dry run), reason: ConfigMap/n/broken: data: Invalid value");
    }

    @Test
    void terminatingDeletesTheRunningHookAndFailsTheOperation() {
        SyncRequest request = request(List.of(missing(deployment(""))), List.of(job("name: migrate", "argocd.argoproj.io/hook: PreSync")), false);
        step(request);
        state = new OperationState(state.operation(), OperationState.TERMINATING, state.message(), state.startedAt(), null,
                state.revision(), state.resources(), 0);
        assertThat(step(request).finished()).isTrue();
        assertThat(state.phase()).isEqualTo("Failed");
        assertThat(state.message()).isEqualTo("Operation terminated");
        assertThat(cluster.find("Job", "migrate")).isNull();
        assertThat(cluster.writes()).doesNotContain("Deployment/web");
    }

    @Test
    void aSelectiveSyncAppliesOnlyTheNamedObjectsWithoutHooksOrPruning() {
        SyncRequest all = request(List.of(missing(configMap("one", "")), missing(configMap("two", "")), extra(configMap("old", ""))),
                List.of(job("name: migrate", "argocd.argoproj.io/hook: PreSync")), true, "CreateNamespace=true");
        SyncRequest selective = new SyncRequest(all.application(), all.revision(), all.comparison(), all.hooks(), true,
                all.options(), "n", List.of(new ResourceSelector("", "ConfigMap", "n", "two")), IgnoredFields.none());
        assertThat(step(selective).finished()).isTrue();
        assertThat(cluster.calls).containsExactly("write Namespace/n (SERVER_SIDE_APPLY)", "write ConfigMap/two (SERVER_SIDE_APPLY)");
        assertThat(state.resources()).extracting(r -> r.key().name()).containsExactly("n", "two");
    }

    @Test
    void syncOptionsOfTheObjectWinOverTheApplicationsAndChooseHowItIsWritten() {
        SyncRequest request = request(List.of(
                missing(configMap("csa", "")),
                missing(configMap("ssa", "argocd.argoproj.io/sync-options: ServerSideApply=true")),
                missing(configMap("replaced", "argocd.argoproj.io/sync-options: \"Force=true,Replace=true\""))),
                List.of(), false, "ServerSideApply=false", "Validate=false");
        step(request);
        assertThat(cluster.calls).containsExactly("write ConfigMap/csa (CLIENT_SIDE_APPLY,novalidate)",
                "write ConfigMap/replaced (REPLACE,force,novalidate)", "write ConfigMap/ssa (SERVER_SIDE_APPLY,novalidate)");
    }

    @Test
    void failOnSharedResourceRefusesAnObjectAnotherApplicationTracks() {
        ObjectNode desired = configMap("shared", "");
        ObjectNode live = desired.deepCopy();
        TrackingMethod.LABEL.mark(live, "billing");
        SyncRequest request = request(List.of(new ResourceDiff(ResourceKey.of(desired), ResourceState.OUT_OF_SYNC, desired, live, "", "")),
                List.of(), false, "FailOnSharedResource=true");
        assertThat(step(request).finished()).isTrue();
        assertThat(cluster.calls).isEmpty();
        assertThat(state.phase()).isEqualTo("Failed");
        assertThat(state.message()).contains("ConfigMap/n/shared is part of application billing");
    }

    @Test
    void theSameObjectAsHookInTwoPhasesRunsTwice() {
        ObjectNode hook = job("name: check", "argocd.argoproj.io/hook: \"PreSync,PostSync\"");
        SyncRequest request = request(List.of(missing(configMap("cfg", ""))), List.of(hook), false);
        step(request);
        cluster.finishJob("check", true);
        step(request);
        assertThat(cluster.calls).containsExactly("write Job/check (SERVER_SIDE_APPLY)", "write ConfigMap/cfg (SERVER_SIDE_APPLY)",
                "delete Job/check (FOREGROUND)", "write Job/check (SERVER_SIDE_APPLY)");
        List<String> phases = new ArrayList<>();
        state.resources().stream().filter(TaskResult::isHook).forEach(r -> phases.add(r.syncPhase() + ":" + r.hookPhase()));
        assertThat(phases).containsExactly("PreSync:Succeeded", "PostSync:Running");
    }

    @Test
    void aSyncOfOneWaveDoesNotWaitForHealth() {
        SyncRequest request = request(List.of(missing(deployment("")), missing(configMap("cfg", ""))), List.of(), false,
                "CreateNamespace=true");
        assertThat(step(request).finished()).isTrue();
        assertThat(state.phase()).isEqualTo("Succeeded");
    }

    @Test
    void aDegradedObjectFailsAMultiWaveSync() {
        SyncRequest request = request(List.of(missing(deployment("")),
                missing(configMap("after", "argocd.argoproj.io/sync-wave: \"1\""))), List.of(), false);
        step(request);
        ObjectNode web = cluster.find("Deployment", "web");
        ObjectNode status = web.putObject("status").put("observedGeneration", 1);
        status.putArray("conditions").addObject().put("type", "Progressing").put("status", "False")
                .put("reason", "ProgressDeadlineExceeded").put("message", "ReplicaSet \"web-1\" has timed out progressing.");
        assertThat(step(request).finished()).isTrue();
        assertThat(state.phase()).isEqualTo("Failed");
        assertThat(state.message()).startsWith("one or more synchronization tasks completed unsuccessfully, reason: deployment.apps/web is Degraded");
        assertThat(cluster.writes()).containsExactly("Deployment/web");
    }

    static ObjectNode gadget(String annotations) {
        return yaml("{apiVersion: example.com/v1, kind: Gadget, metadata: {name: g, namespace: n" + annotations + "}}");
    }

    @Test
    void aKindTheClusterDoesNotServeFailsTheDryRunUnlessSkipDryRunOnMissingResource() {
        assertThat(step(request(List.of(missing(gadget(""))), List.of(), false)).finished()).isTrue();
        assertThat(state.message()).startsWith("one or more objects failed to apply (dry run), reason: Gadget.example.com/n/g");

        state = OperationState.start(Json.object(), "abc123", clock.now, 0);
        SyncRequest skipping = request(List.of(missing(gadget(", annotations: {argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true}"))),
                List.of(), false);
        assertThat(step(skipping).finished()).isTrue();
        assertThat(state.message()).as("applied for real, and refused then").startsWith("one or more objects failed to apply, reason: ");
    }

    @Test
    void aCustomResourceWhoseCrdIsInTheSameSyncSkipsTheDryRun() {
        ObjectNode crd = yaml("{apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, metadata: {name: gadgets.example.com}, "
                + "spec: {group: example.com, names: {kind: Gadget, plural: gadgets}}}");
        assertThat(step(request(List.of(missing(gadget("")), missing(crd)), List.of(), false)).finished()).isTrue();
        assertThat(state.phase()).isEqualTo("Succeeded");
        assertThat(cluster.writes()).containsExactly("CustomResourceDefinition/gadgets.example.com", "Gadget/g");
    }

    @Test
    void withApplyOutOfSyncOnlyAnAppliedObjectStillHoldsItsWaveUntilHealthy() {
        ObjectNode web = deployment("");
        ObjectNode after = configMap("after", "argocd.argoproj.io/sync-wave: \"1\"");
        step(request(List.of(missing(web), missing(after)), List.of(), false, "ApplyOutOfSyncOnly=true"));
        ObjectNode live = cluster.find("Deployment", "web");
        // the next comparison finds the Deployment in sync, but not yet rolled out
        SyncRequest next = request(List.of(new ResourceDiff(ResourceKey.of(web), ResourceState.SYNCED, web, live, "", ""),
                missing(after)), List.of(), false, "ApplyOutOfSyncOnly=true");
        step(next);
        assertThat(cluster.writes()).containsExactly("Deployment/web");
        cluster.rollOut("web");
        assertThat(step(next).finished()).isTrue();
        assertThat(cluster.writes()).containsExactly("Deployment/web", "ConfigMap/after");
    }
}
