package dev.fairway.gitops.controller;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.cluster.KubeTrees;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.orphanedResources} with {@code warn: true}: objects in an application's namespace
 * that no application manages show as an {@code OrphanedResourceWarning}, the ignore list and
 * other applications' objects left out; projects without it report nothing.
 */
class OrphanedResourcesIT {

    @TempDir
    static Path dir;
    static EngineHarness engine;
    static KubernetesClient client;
    static KubeTrees trees;
    static final Map<String, List<ObjectNode>> git = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        DesiredStateSource source = EngineHarness.source(git);
        engine = EngineHarness.start("orphans-it", dir, source, ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(3)));
        client = engine.client;
        trees = engine.trees;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static void project(String name, String namespace, String extra) {
        client.resource(trees.resource(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: %s, namespace: argocd}
                spec:
                  sourceRepos: ["*"]
                  destinations: [{server: "*", namespace: %s}]
                  clusterResourceWhitelist: [{group: "", kind: Namespace}]
                %s
                """.formatted(name, namespace, extra)))).create();
    }

    static void app(String name, String project, String namespace, ObjectNode... objects) {
        git.put(name, List.of(objects));
        client.resource(trees.resource(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: %s
                  source: {repoURL: "https://example.com/r.git", path: ".", targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %s}
                  syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
                """.formatted(name, project, namespace)))).create();
    }

    static ObjectNode configMap(String ns, String name) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: " + ns + "}, data: {a: b}}");
    }

    static ObjectNode service(String ns, String name) {
        return yaml("{apiVersion: v1, kind: Service, metadata: {name: " + name + ", namespace: " + ns + "}, spec: {ports: [{port: 80}]}}");
    }

    static String conditions(String app) {
        return engine.status(app).path("conditions").toString();
    }

    static String sync(String app) {
        return engine.status(app).path("sync").path("status").asText();
    }

    @Test
    void objectsNoApplicationManagesAreCountedInAWarning() {
        project("shop", "shop", "  orphanedResources: {warn: true, ignore: [{kind: ConfigMap, name: \"ignored-*\"}]}");
        app("shop-web", "shop", "shop", configMap("shop", "web-config"), service("shop", "web"));
        app("shop-db", "shop", "shop", configMap("shop", "db-config"));
        await().atMost(Duration.ofSeconds(60)).until(() -> sync("shop-web").equals("Synced") && sync("shop-db").equals("Synced"));
        assertThat(conditions("shop-web")).doesNotContain("OrphanedResourceWarning");

        // made by hand: two orphans, one ignored object, and a Secret (a kind no application uses, so not watched)
        client.resource(trees.resource(configMap("shop", "stray"))).create();
        client.resource(trees.resource(service("shop", "stray-svc"))).create();
        client.resource(trees.resource(configMap("shop", "ignored-cache"))).create();
        client.resource(trees.resource(yaml("{apiVersion: v1, kind: Secret, metadata: {name: stray-secret, namespace: shop}}"))).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(conditions("shop-web")).contains("OrphanedResourceWarning").contains("Application has 2 orphaned resources");
            assertThat(conditions("shop-db")).contains("Application has 2 orphaned resources");
        });
        assertThat(sync("shop-web")).as("a warning, not a difference").isEqualTo("Synced");

        client.genericKubernetesResources("v1", "ConfigMap").inNamespace("shop").withName("stray").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(conditions("shop-web"))
                .contains("Application has 1 orphaned resources"));
        client.genericKubernetesResources("v1", "Service").inNamespace("shop").withName("stray-svc").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(conditions("shop-web")).doesNotContain("OrphanedResourceWarning"));
    }

    @Test
    void aProjectWithoutOrphanedResourcesReportsNothing() {
        project("quiet", "quiet", "");
        app("quiet-app", "quiet", "quiet", configMap("quiet", "settings"));
        await().atMost(Duration.ofSeconds(60)).until(() -> sync("quiet-app").equals("Synced"));
        client.resource(trees.resource(configMap("quiet", "stray"))).create();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(conditions("quiet-app")).doesNotContain("OrphanedResourceWarning"));
    }

    @Test
    void warnFalseListsNoCondition() {
        project("silent", "silent", "  orphanedResources: {warn: false}");
        app("silent-app", "silent", "silent", configMap("silent", "settings"));
        await().atMost(Duration.ofSeconds(60)).until(() -> sync("silent-app").equals("Synced"));
        client.resource(trees.resource(configMap("silent", "stray"))).create();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(conditions("silent-app")).doesNotContain("OrphanedResourceWarning"));
    }
}
