package dev.fairway.gitops.sync;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.cluster.ClusterWriteException;
import dev.fairway.gitops.cluster.ClusterWriter;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.cluster.TrackingMethod;
import dev.fairway.gitops.diff.Comparison;
import dev.fairway.gitops.diff.ResourceDiff;
import dev.fairway.gitops.diff.ResourceState;
import dev.fairway.kube.Meta;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncerTest {

    /** Records what was applied and deleted; refuses objects named "broken". */
    static final class RecordingCluster implements ClusterWriter {
        final List<String> calls = new ArrayList<>();
        final List<ObjectNode> applied = new ArrayList<>();

        @Override
        public ObjectNode apply(ObjectNode desired, boolean dryRun) {
            if ("broken".equals(Meta.name(desired))) {
                throw new ClusterWriteException("ConfigMap/n/broken: data: Invalid value", 422, null);
            }
            calls.add("apply " + Meta.kind(desired) + "/" + Meta.name(desired));
            applied.add(desired);
            return desired;
        }

        @Override
        public void delete(ResourceKey key, String apiVersion) {
            calls.add("delete " + key.kind() + "/" + key.name());
        }
    }

    private final RecordingCluster cluster = new RecordingCluster();
    private final Syncer syncer = new Syncer(cluster, TrackingMethod.LABEL,
            Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));

    private static ResourceDiff desired(String kind, String name, ResourceState state) {
        ObjectNode o = yaml("{apiVersion: v1, kind: " + kind + ", metadata: {name: " + name + ", namespace: n}}");
        return new ResourceDiff(ResourceKey.of(o), state, o, state == ResourceState.MISSING ? null : o, "", "");
    }

    private static ResourceDiff extra(String name, String syncOptions) {
        String annotations = syncOptions == null ? "" : ", annotations: {argocd.argoproj.io/sync-options: \"" + syncOptions + "\"}";
        ObjectNode o = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: n" + annotations + "}}");
        return new ResourceDiff(ResourceKey.of(o), ResourceState.REQUIRES_PRUNING, null, o, "", "");
    }

    private SyncResult sync(boolean prune, boolean createNamespace, ResourceDiff... resources) {
        return syncer.sync(new SyncRequest("shop", "abc123", new Comparison(List.of(resources)), prune, createNamespace, "n", false));
    }

    @Test
    void appliesInKindOrderWithTheTrackingLabel() {
        SyncResult result = sync(false, true, desired("Service", "web", ResourceState.MISSING),
                desired("ConfigMap", "cfg", ResourceState.OUT_OF_SYNC));
        assertThat(cluster.calls).containsExactly("apply Namespace/n", "apply ConfigMap/cfg", "apply Service/web");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.message()).isEqualTo("successfully synced (all tasks run)");
        assertThat(result.resources()).extracting(ResourceResult::status).containsOnly(ResourceResult.SYNCED);
        assertThat(cluster.applied.get(1).at("/metadata/labels").toString()).isEqualTo("{\"app.kubernetes.io/instance\":\"shop\"}");
        assertThat(cluster.applied.get(0).at("/metadata/labels").isMissingNode()).as("created namespace not tracked").isTrue();
    }

    @Test
    void prunesOnlyWhenAskedAndNeverWhatSaysPruneFalse() {
        SyncResult without = sync(false, false, extra("old", null));
        assertThat(cluster.calls).isEmpty();
        assertThat(without.resources()).singleElement()
                .satisfies(r -> assertThat(r.status() + " " + r.message()).isEqualTo("PruneSkipped ignored (requires pruning)"));

        SyncResult with = sync(true, false, extra("old", null), extra("keep", "Prune=false"));
        assertThat(cluster.calls).containsExactly("delete ConfigMap/old");
        assertThat(with.resources()).extracting(r -> r.key().name() + ":" + r.status())
                .containsExactlyInAnyOrder("old:Pruned", "keep:PruneSkipped");
    }

    @Test
    void aFailureStopsLaterWavesAndPruning() {
        ResourceDiff later = desired("ConfigMap", "later", ResourceState.MISSING);
        ((ObjectNode) later.desired().get("metadata")).putObject("annotations").put(SyncOrder.SYNC_WAVE_ANNOTATION, "1");
        SyncResult result = sync(true, false, desired("ConfigMap", "broken", ResourceState.MISSING), later, extra("old", null));
        assertThat(result.phase()).isEqualTo(SyncResult.FAILED);
        assertThat(result.message()).isEqualTo("one or more objects failed to apply, reason: ConfigMap/n/broken: data: Invalid value");
        assertThat(cluster.calls).isEmpty();
        assertThat(result.resources()).singleElement().satisfies(r -> assertThat(r.failed()).isTrue());
    }
}
