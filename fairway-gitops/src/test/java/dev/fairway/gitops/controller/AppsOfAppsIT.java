package dev.fairway.gitops.controller;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.cluster.KubeTrees;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
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
 * An app of apps as the seed's platform directory uses it: a parent whose source holds three
 * child Applications in two projects. The parent's health follows its children (Argo CD's
 * Application health: a child counts as Healthy only when it is Synced and Healthy), and
 * deleting the parent with the resources finalizer takes everything with it.
 */
class AppsOfAppsIT {

    @TempDir
    static Path dir;
    static EngineHarness engine;
    static KubernetesClient client;
    static KubeTrees trees;
    static final Map<String, List<ObjectNode>> git = new ConcurrentHashMap<>();
    static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";
    static final List<String> CHILDREN = List.of("web", "db", "team-api");

    @BeforeAll
    static void start() throws Exception {
        DesiredStateSource source = EngineHarness.source(git);
        engine = EngineHarness.start("apps-of-apps-it", dir, source, ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(5)));
        client = engine.client;
        trees = engine.trees;
        client.resource(trees.resource(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team, namespace: argocd}
                spec:
                  sourceRepos: ["*"]
                  destinations: [{server: "https://kubernetes.default.svc", namespace: "team-*"}]
                  clusterResourceWhitelist: [{group: "", kind: Namespace}]
                """))).create();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static ObjectNode application(String name, String project, String namespace) {
        return yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd, finalizers: ["%s"]}
                spec:
                  project: %s
                  source: {repoURL: "https://example.com/platform.git", path: apps/%1$s, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %s}
                  syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
                """.formatted(name, FINALIZER, project, namespace));
    }

    static ObjectNode deployment(String ns, String name) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: %s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec: {containers: [{name: web, image: "nginx:1.25"}]}
                """.formatted(name, ns));
    }

    static ObjectNode configMap(String ns, String name) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: " + ns + "}, data: {a: b}}");
    }

    static String health(String app) {
        return engine.status(app).path("health").path("status").asText();
    }

    static String sync(String app) {
        return engine.status(app).path("sync").path("status").asText();
    }

    static boolean exists(String apiVersion, String kind, String ns, String name) {
        return client.genericKubernetesResources(apiVersion, kind).inNamespace(ns).withName(name).get() != null;
    }

    @Test
    void theParentFollowsItsChildrenAndTakesThemAlongWhenDeleted() {
        git.put("web", List.of(deployment("web", "web"), configMap("web", "web-settings")));
        git.put("db", List.of(deployment("db", "db")));
        git.put("team-api", List.of(deployment("team-api", "api")));
        git.put("platform", List.of(application("web", "default", "web"), application("db", "default", "db"),
                application("team-api", "team", "team-api")));
        client.resource(trees.resource(application("platform", "default", "argocd"))).create();

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(health("platform")).isEqualTo("Healthy");
            assertThat(sync("platform")).isEqualTo("Synced");
        });
        for (String child : CHILDREN) {
            assertThat(health(child)).as(child).isEqualTo("Healthy");
            assertThat(sync(child)).as(child).isEqualTo("Synced");
        }
        JsonNode childResources = engine.status("platform").path("resources");
        assertThat(childResources.findValuesAsText("kind")).containsOnly("Application").hasSize(3);

        // drift in a child (no selfHeal): the child is OutOfSync, and the parent stops being Healthy
        client.genericKubernetesResources("v1", "ConfigMap").inNamespace("web").withName("web-settings")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"edited by hand\"}}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sync("web")).isEqualTo("OutOfSync");
            assertThat(health("platform")).isEqualTo("Progressing");
            assertThat(engine.status("platform").path("health").path("message").asText()).contains("OutOfSync");
        });
        client.genericKubernetesResources("v1", "ConfigMap").inNamespace("web").withName("web-settings")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"b\"}}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(health("platform")).isEqualTo("Healthy"));

        // a child turns Degraded (its new Job fails): so does the parent
        git.put("db", List.of(deployment("db", "db"), yaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: seed, namespace: db}
                spec:
                  backoffLimit: 0
                  template:
                    metadata: {annotations: {sandbox.fairway.dev/behavior: fail, sandbox.fairway.dev/run-time: 1s}}
                    spec: {restartPolicy: Never, containers: [{name: job, image: "busybox:1.36"}]}
                """)));
        engine.controller.refresh("db");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(health("db")).isEqualTo("Degraded");
            assertThat(health("platform")).isEqualTo("Degraded");
        });
        assertThat(health("web")).isEqualTo("Healthy");

        // cascade: the parent takes the children, and they take their objects
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").withName("platform").delete();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (String child : CHILDREN) {
                assertThat(exists(Application.API_VERSION, Application.KIND, "argocd", child)).as(child).isFalse();
            }
            assertThat(exists("apps/v1", "Deployment", "web", "web")).isFalse();
            assertThat(exists("v1", "ConfigMap", "web", "web-settings")).isFalse();
            assertThat(exists("apps/v1", "Deployment", "db", "db")).isFalse();
            assertThat(exists("batch/v1", "Job", "db", "seed")).isFalse();
            assertThat(exists("apps/v1", "Deployment", "team-api", "api")).isFalse();
            assertThat(exists(Application.API_VERSION, Application.KIND, "argocd", "platform")).isFalse();
        });
    }
}
