package dev.fairway.gitops.controller;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.render.RenderedManifests;
import dev.fairway.kube.yaml.Manifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AppProject stays while applications reference it: the engine gives it
 * {@code resources-finalizer.argocd.argoproj.io}, a deleted project is Terminating until its last
 * application is gone, and then it goes.
 */
class ProjectFinalizerIT {

    @TempDir
    static Path dir;
    static EngineHarness engine;
    static KubernetesClient client;
    static KubeTrees trees;

    @BeforeAll
    static void start() throws Exception {
        DesiredStateSource source = app -> new RenderedManifests("c0ffee", List.of(new Manifest(
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + app.name() + "}, data: {a: b}}"), "cm.yaml", 1)));
        engine = EngineHarness.start("project-finalizer-it", dir, source, ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(5)));
        client = engine.client;
        trees = engine.trees;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static void project(String name) {
        client.resource(trees.resource(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: %s, namespace: argocd}
                spec:
                  sourceRepos: ["*"]
                  destinations: [{server: "*", namespace: "*"}]
                """.formatted(name)))).create();
    }

    static void app(String name, String project) {
        client.resource(trees.resource(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: %s
                  source: {repoURL: "https://example.com/r.git", path: ".", targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %s}
                """.formatted(name, project, project)))).create();
    }

    static JsonNode read(String name) {
        GenericKubernetesResource p = client.genericKubernetesResources(Application.API_VERSION, "AppProject")
                .inNamespace("argocd").withName(name).get();
        return p == null ? null : trees.tree(p);
    }

    static JsonNode metadata(String project) {
        JsonNode p = read(project);
        return p == null ? null : p.path("metadata");
    }

    static void delete(String kind, String name) {
        client.genericKubernetesResources(Application.API_VERSION, kind).inNamespace("argocd").withName(name).delete();
    }

    @Test
    void aProjectInUseIsTerminatingUntilItsLastApplicationIsGone() {
        project("payments");
        app("payments-api", "payments");
        app("payments-worker", "payments");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metadata("payments").path("finalizers").toString())
                .contains(ProjectFinalizer.FINALIZER));

        delete("AppProject", "payments");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(metadata("payments")).as("kept while applications use it").isNotNull();
            assertThat(metadata("payments").hasNonNull("deletionTimestamp")).as("Terminating").isTrue();
        });

        delete(Application.KIND, "payments-api");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(metadata("payments")).as("payments-worker still uses it").isNotNull());

        delete(Application.KIND, "payments-worker");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metadata("payments")).as("gone with its last application").isNull());
    }

    @Test
    void anApplicationMovingToAnotherProjectReleasesTheOldOne() {
        project("old-home");
        project("new-home");
        app("mover", "old-home");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metadata("old-home").path("finalizers").toString())
                .contains(ProjectFinalizer.FINALIZER));
        delete("AppProject", "old-home");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(metadata("old-home")).isNotNull());

        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").withName("mover")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"project\":\"new-home\"}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(metadata("old-home")).isNull();
            assertThat(metadata("new-home").path("finalizers").toString()).contains(ProjectFinalizer.FINALIZER);
        });
    }

    @Test
    void anUnusedProjectIsDeletedAtOnce() {
        project("unused");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(metadata("unused").path("finalizers").toString()).doesNotContain(ProjectFinalizer.FINALIZER));
        delete("AppProject", "unused");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(metadata("unused")).isNull());
    }
}
