package dev.fairway.gitops.diff;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.IgnoreDifferences;
import dev.fairway.gitops.cluster.ClusterWriteException;
import dev.fairway.gitops.cluster.ClusterWriter;
import dev.fairway.gitops.cluster.ResourceKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferTest {

    /** A dry-run that returns the desired object with one server default, as an API server would. */
    static final class DefaultingCluster implements ClusterWriter {
        @Override
        public ObjectNode apply(ObjectNode desired, boolean dryRun) {
            ObjectNode out = desired.deepCopy();
            if ("Deployment".equals(out.path("kind").asText()) && !out.path("spec").has("revisionHistoryLimit")) {
                ((ObjectNode) out.get("spec")).put("revisionHistoryLimit", 10);
            }
            if ("bad".equals(out.path("metadata").path("name").asText())) {
                throw new ClusterWriteException("Deployment/n/bad: spec.replicas: Invalid value: -1", 422, null);
            }
            return out;
        }

        @Override
        public void delete(ResourceKey key, String apiVersion) {}

        @Override
        public java.util.Optional<ObjectNode> get(ResourceKey key, String apiVersion) {
            return java.util.Optional.empty();
        }
    }

    private final Differ differ = new Differ(new DefaultingCluster());

    private static ObjectNode deployment(String name, int replicas) {
        return yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: " + name + ", namespace: n}, spec: {replicas: " + replicas + "}}");
    }

    private static ObjectNode live(ObjectNode desired, int replicas) {
        ObjectNode live = desired.deepCopy();
        ((ObjectNode) live.get("spec")).put("replicas", replicas).put("revisionHistoryLimit", 10);
        ((ObjectNode) live.get("metadata")).put("resourceVersion", "5").put("uid", "u");
        live.putObject("status").put("readyReplicas", 1);
        return live;
    }

    @Test
    void serverDefaultsAreNotDrift() {
        ObjectNode desired = deployment("web", 2);
        Comparison c = differ.compare(List.of(desired), Map.of(ResourceKey.of(desired), live(desired, 2)), IgnoredFields.none());
        assertThat(c.isSynced()).isTrue();
        assertThat(c.resources()).singleElement().satisfies(r -> assertThat(r.diff()).isEmpty());
    }

    @Test
    void classifiesOutOfSyncMissingAndExtraObjects() {
        ObjectNode web = deployment("web", 2);
        ObjectNode api = deployment("api", 1);
        ObjectNode old = deployment("old", 1);
        Comparison c = differ.compare(List.of(web, api),
                Map.of(ResourceKey.of(web), live(web, 5), ResourceKey.of(old), live(old, 1)), IgnoredFields.none());
        assertThat(c.isSynced()).isFalse();
        assertThat(c.resources()).extracting(r -> r.key().name() + "=" + r.state())
                .containsExactly("api=MISSING", "old=REQUIRES_PRUNING", "web=OUT_OF_SYNC");
        ResourceDiff webDiff = c.resources().get(2);
        assertThat(webDiff.diff()).contains("-  replicas: 5").contains("+  replicas: 2");
    }

    @Test
    void ignoreDifferencesHidesAField() {
        ObjectNode web = deployment("web", 2);
        var rule = new IgnoreDifferences("apps", "Deployment", "", "", List.of("/spec/replicas"), List.of(), List.of());
        Comparison c = differ.compare(List.of(web), Map.of(ResourceKey.of(web), live(web, 7)), new IgnoredFields(List.of(rule)));
        assertThat(c.isSynced()).isTrue();
    }

    @Test
    void managedFieldsManagersHideAnotherControllersFields() {
        ObjectNode web = deployment("web", 2);
        ObjectNode live = live(web, 7);
        ((ObjectNode) live.get("metadata")).set("managedFields", yaml("""
                {list: [{manager: hpa-controller, operation: Update, fieldsV1: {"f:spec": {"f:replicas": {}}}}]}
                """).get("list"));
        var rule = new IgnoreDifferences("apps", "Deployment", "", "", List.of(), List.of(), List.of("hpa-controller"));
        assertThat(differ.compare(List.of(web), Map.of(ResourceKey.of(web), live), new IgnoredFields(List.of(rule))).isSynced()).isTrue();
        var other = new IgnoreDifferences("apps", "Deployment", "", "", List.of(), List.of(), List.of("someone-else"));
        assertThat(differ.compare(List.of(web), Map.of(ResourceKey.of(web), live), new IgnoredFields(List.of(other))).isSynced()).isFalse();
    }

    @Test
    void aRefusedDryRunIsOutOfSyncWithTheReason() {
        ObjectNode bad = deployment("bad", 1);
        Comparison c = differ.compare(List.of(bad), Map.of(ResourceKey.of(bad), live(bad, 1)), IgnoredFields.none());
        assertThat(c.resources()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(ResourceState.OUT_OF_SYNC);
            assertThat(r.message()).contains("Invalid value: -1");
        });
    }

    @Test
    void secretValuesAreMaskedInDiffs() {
        ObjectNode desired = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: n}, stringData: {password: new-secret, user: admin}}");
        ObjectNode live = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: n}, data: {password: b2xkLXNlY3JldA==, user: YWRtaW4=}}");
        ResourceDiff r = differ.compare(List.of(desired), Map.of(ResourceKey.of(desired), live), IgnoredFields.none()).resources().get(0);
        assertThat(r.state()).isEqualTo(ResourceState.OUT_OF_SYNC);
        assertThat(r.diff()).doesNotContain("b2xkLXNlY3JldA==").doesNotContain("bmV3LXNlY3JldA==").doesNotContain("YWRtaW4=")
                .contains("-  password: ++++++++").contains("+  password: +++++++++");
    }
}
