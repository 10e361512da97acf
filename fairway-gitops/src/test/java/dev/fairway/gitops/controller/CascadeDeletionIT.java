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
 * Deleting applications as Argo CD users expect: with {@code resources-finalizer.argocd.argoproj.io}
 * an app of apps takes its children and all their objects with it; without it, the objects stay.
 */
class CascadeDeletionIT {

    @TempDir
    static Path dir;
    static EngineHarness engine;
    static KubernetesClient client;
    static KubeTrees trees;
    static final Map<String, List<ObjectNode>> git = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        DesiredStateSource source = EngineHarness.source(git);
        engine = EngineHarness.start("cascade-it", dir, source, ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(5)));
        client = engine.client;
        trees = engine.trees;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static ObjectNode application(String name, String namespace, String finalizer) {
        return yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd%s}
                spec:
                  project: default
                  source: {repoURL: "https://example.com/r.git", path: %1$s, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %s}
                  syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
                """.formatted(name, finalizer == null ? "" : ", finalizers: [\"" + finalizer + "\"]", namespace));
    }

    static ObjectNode configMap(String ns, String name) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: " + ns + "}, data: {a: b}}");
    }

    static boolean exists(String kind, String ns, String name) {
        String apiVersion = kind.equals("Application") ? Application.API_VERSION : "v1";
        return client.genericKubernetesResources(apiVersion, kind).inNamespace(ns).withName(name).get() != null;
    }

    @Test
    void anAppOfAppsWithTheFinalizerTakesItsChildrenAndTheirObjectsWithIt() {
        git.put("child", List.of(configMap("kids", "child-settings")));
        git.put("parent", List.of(application("child", "kids", "resources-finalizer.argocd.argoproj.io"), configMap("argocd", "parent-settings")));
        client.resource(trees.resource(application("parent", "argocd", "resources-finalizer.argocd.argoproj.io"))).create();
        await().atMost(Duration.ofSeconds(60)).until(() -> exists("ConfigMap", "kids", "child-settings") && exists("ConfigMap", "argocd", "parent-settings"));

        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").withName("parent").delete();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(exists("ConfigMap", "kids", "child-settings")).isFalse();
            assertThat(exists("Application", "argocd", "child")).isFalse();
            assertThat(exists("ConfigMap", "argocd", "parent-settings")).isFalse();
            assertThat(exists("Application", "argocd", "parent")).isFalse();
        });
    }

    @Test
    void withoutTheFinalizerTheObjectsStay() {
        git.put("keeper", List.of(configMap("keep", "kept")));
        client.resource(trees.resource(application("keeper", "keep", null))).create();
        await().atMost(Duration.ofSeconds(60)).until(() -> exists("ConfigMap", "keep", "kept"));
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").withName("keeper").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> !exists("Application", "argocd", "keeper"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> exists("ConfigMap", "keep", "kept"));
    }
}
