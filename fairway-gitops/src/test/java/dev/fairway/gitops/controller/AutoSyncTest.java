package dev.fairway.gitops.controller;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.diff.Comparison;
import dev.fairway.gitops.diff.ResourceDiff;
import dev.fairway.gitops.diff.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoSyncTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final ObjectNode CM = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: n}}");

    private static Application app(String syncPolicy) {
        return Application.parse(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: a, namespace: argocd}
                spec: {source: {repoURL: r}, destination: {name: in-cluster}, syncPolicy: %s}
                """.formatted(syncPolicy)));
    }

    private static Comparison state(ResourceState state) {
        return new Comparison(List.of(new ResourceDiff(ResourceKey.of(CM), state,
                state == ResourceState.REQUIRES_PRUNING ? null : CM, CM, "", "")));
    }

    private static ObjectNode last(String revision, String phase, String finishedAt, int retries) {
        return yaml("{phase: " + phase + ", finishedAt: \"" + finishedAt + "\", retryCount: " + retries
                + ", syncResult: {revision: " + revision + "}}");
    }

    private static AutoSync decide(String policy, ResourceState state, ObjectNode last) {
        return AutoSync.decide(app(policy), state(state), "rev2", last, NOW, Duration.ofSeconds(5));
    }

    @Test
    void syncsEveryNewRevisionOnce() {
        assertThat(decide("{automated: {}}", ResourceState.OUT_OF_SYNC, null).sync()).isTrue();
        assertThat(decide("{automated: {}}", ResourceState.OUT_OF_SYNC, last("rev1", "Succeeded", "2026-05-01T09:00:00Z", 0)).sync()).isTrue();
        assertThat(decide("{automated: {}}", ResourceState.OUT_OF_SYNC, last("rev2", "Succeeded", "2026-05-01T09:00:00Z", 0)).sync()).isFalse();
        assertThat(decide("{}", ResourceState.OUT_OF_SYNC, null).sync()).as("manual app").isFalse();
        assertThat(decide("{automated: {}}", ResourceState.SYNCED, null).sync()).isFalse();
    }

    @Test
    void selfHealRevertsDriftAfterItsDelay() {
        ObjectNode recent = last("rev2", "Succeeded", "2026-05-01T09:59:58Z", 0);
        AutoSync wait = decide("{automated: {selfHeal: true}}", ResourceState.OUT_OF_SYNC, recent);
        assertThat(wait.sync()).isFalse();
        assertThat(wait.recheckIn()).contains(Duration.ofSeconds(4));
        assertThat(decide("{automated: {selfHeal: true}}", ResourceState.OUT_OF_SYNC, last("rev2", "Succeeded", "2026-05-01T09:00:00Z", 0)).sync())
                .isTrue();
    }

    @Test
    void pruningAloneNeedsPruneOn() {
        assertThat(decide("{automated: {selfHeal: true}}", ResourceState.REQUIRES_PRUNING, null).reason())
                .isEqualTo("only pruning is needed and prune is off");
        assertThat(decide("{automated: {prune: true}}", ResourceState.REQUIRES_PRUNING, null).reason())
                .isEqualTo("the sync would delete every object and allowEmpty is off");
        assertThat(decide("{automated: {prune: true, allowEmpty: true}}", ResourceState.REQUIRES_PRUNING, null).sync()).isTrue();
    }

    @Test
    void aFailedRevisionIsRetriedOnlyAsThePolicyAllows() {
        ObjectNode failed = last("rev2", "Failed", "2026-05-01T09:59:58Z", 0);
        assertThat(decide("{automated: {}}", ResourceState.OUT_OF_SYNC, failed).sync()).isFalse();
        AutoSync backoff = decide("{automated: {}, retry: {limit: 2, backoff: {duration: 5s}}}", ResourceState.OUT_OF_SYNC, failed);
        assertThat(backoff.sync()).isFalse();
        assertThat(backoff.recheckIn()).contains(Duration.ofSeconds(4));
        AutoSync retry = decide("{automated: {}, retry: {limit: 2, backoff: {duration: 1s}}}", ResourceState.OUT_OF_SYNC, failed);
        assertThat(retry.sync()).isTrue();
        assertThat(retry.retryCount()).isEqualTo(1);
        ObjectNode twice = last("rev2", "Failed", "2026-05-01T09:00:00Z", 2);
        assertThat(decide("{automated: {}, retry: {limit: 2}}", ResourceState.OUT_OF_SYNC, twice).sync()).isFalse();
    }
}
