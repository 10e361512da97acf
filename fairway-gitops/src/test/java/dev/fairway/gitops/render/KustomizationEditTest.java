package dev.fairway.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomizationEditTest {

    private final KustomizationEdit edit = new KustomizationEdit("app/kustomization.yaml", Path.of("."));

    private static KustomizeOptions images(String... images) {
        return new KustomizeOptions("", "", List.of(images), List.of(), Map.of(), false, false, false, Map.of(), false,
                "", List.of(), List.of(), false);
    }

    private static KustomizeOptions labels(Map<String, String> labels, boolean force, boolean withoutSelector) {
        return new KustomizeOptions("", "", List.of(), List.of(), labels, force, withoutSelector, false, Map.of(),
                false, "", List.of(), List.of(), false);
    }

    private static ObjectNode tree(String yaml) throws Exception {
        return (ObjectNode) Json.YAML.readTree(yaml);
    }

    @Test
    void setImageMergesByNameKeepsUnchangedFieldsAndSortsByName() throws Exception {
        ObjectNode kustomization = tree("""
                images:
                - name: redis
                  newName: mirror/redis
                  newTag: "6"
                - name: nginx
                  digest: sha256:old
                """);

        ObjectNode edited = edit.apply(kustomization, images("redis:7", "nginx=registry/nginx:1.27", "busybox@sha256:b"));

        assertThat(Json.write(edited.get("images"))).isEqualTo("[{\"name\":\"busybox\",\"digest\":\"sha256:b\"},"
                + "{\"name\":\"nginx\",\"newName\":\"registry/nginx\",\"newTag\":\"1.27\"},"
                + "{\"name\":\"redis\",\"newName\":\"mirror/redis\",\"newTag\":\"7\"}]");
        assertThat(kustomization.get("images").get(0).get("newTag").asText()).as("input untouched").isEqualTo("6");
    }

    @Test
    void aRegistryPortIsNoTag() throws Exception {
        ObjectNode edited = edit.apply(tree("{}"), images("app=registry.local:5000/app"));
        assertThat(Json.write(edited.get("images")))
                .isEqualTo("[{\"name\":\"app\",\"newName\":\"registry.local:5000/app\"}]");
    }

    @Test
    void aMalformedImageIsRefused() {
        assertThatThrownBy(() -> edit.apply(tree("{}"), images("nginx")))
                .hasMessageContaining("app/kustomization.yaml: spec.source.kustomize.images has \"nginx\"");
    }

    @Test
    void commonLabelsRefuseToChangeAnExistingLabelUnlessForced() throws Exception {
        ObjectNode kustomization = tree("commonLabels:\n  team: a\n");

        assertThatThrownBy(() -> edit.apply(kustomization, labels(Map.of("team", "b"), false, false)))
                .hasMessageContaining("label team is already set").hasMessageContaining("forceCommonLabels: true");
        assertThat(edit.apply(kustomization, labels(Map.of("team", "b"), true, false)).at("/commonLabels/team").asText())
                .isEqualTo("b");
    }

    @Test
    void labelsWithoutSelectorGoToTheLabelsList() throws Exception {
        ObjectNode edited = edit.apply(tree("{}"), labels(Map.of("team", "b"), false, true));
        assertThat(Json.write(edited.get("labels"))).isEqualTo("[{\"pairs\":{\"team\":\"b\"}}]");
        assertThat(edited.has("commonLabels")).isFalse();
    }

    @Test
    void replicasReplaceTheSameNameAndRefuseNonNumbers() throws Exception {
        KustomizeOptions replicas = new KustomizeOptions("", "", List.of(),
                List.of(new KustomizeOptions.Replica("web", "4"), new KustomizeOptions.Replica("api", "2")), Map.of(),
                false, false, false, Map.of(), false, "", List.of(), List.of(), false);
        ObjectNode edited = edit.apply(tree("replicas:\n- name: web\n  count: 1\n"), replicas);
        assertThat(Json.write(edited.get("replicas")))
                .isEqualTo("[{\"name\":\"web\",\"count\":4},{\"name\":\"api\",\"count\":2}]");

        KustomizeOptions bad = new KustomizeOptions("", "", List.of(), List.of(new KustomizeOptions.Replica("web", "x")),
                Map.of(), false, false, false, Map.of(), false, "", List.of(), List.of(), false);
        assertThatThrownBy(() -> edit.apply(tree("{}"), bad)).hasMessageContaining("count \"x\" of web is not a whole");
    }
}
