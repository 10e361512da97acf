package dev.fairway.gitops.controller;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.render.RenderedManifests;
import dev.fairway.kube.yaml.Manifest;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The controller against an in-process sandbox API server, with manifests given in memory instead of git. */
class ApplicationControllerIT {

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static KubernetesClient client;
    static ApplicationController controller;
    static KubeTrees trees;

    /** What "git" holds per application: a revision and the manifests, or an error. */
    record Source(String revision, List<ObjectNode> objects, String error) {}

    static final Map<String, Source> git = new ConcurrentHashMap<>();

    static final DesiredStateSource SOURCE = app -> {
        Source s = git.get(app.name());
        if (s == null) {
            throw new IllegalStateException("no source for " + app.name());
        }
        if (s.error() != null) {
            throw new IllegalStateException(s.error());
        }
        return new RenderedManifests(s.revision(), s.objects().stream().map(o -> new Manifest(o.deepCopy(), "test.yaml", 1)).toList());
    };

    @BeforeAll
    static void start() throws Exception {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.INFO);
        }
        if (LoggerFactory.getLogger("org.eclipse.jetty") instanceof Logger jetty) {
            jetty.setLevel(Level.WARN);
        }
        sandbox = Sandbox.start(new Sandbox.Config("gitops-it", dir.resolve("sandbox"), 0, null, false));
        Config config = Config.fromKubeconfig(sandbox.kubeconfig().toFile());
        config.setWatchReconnectInterval(200);
        client = new KubernetesClientBuilder().withConfig(config).build();
        trees = new KubeTrees(client.getKubernetesSerialization());
        ArgoCdResources.install(client, "argocd", Duration.ofSeconds(30));
        controller = new ApplicationController(client, SOURCE, HealthAssessor.argoCd(),
                ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(2)).withSelfHealDelay(Duration.ofMillis(500)),
                Clock.systemUTC());
        controller.start();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static ObjectNode configMap(String ns, String name, String value) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: " + ns + "}, data: {color: " + value + "}}");
    }

    static ObjectNode deployment(String ns, String name, int replicas) {
        return yaml("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: %2$s, namespace: %1$s},
                 spec: {replicas: %3$d, selector: {matchLabels: {app: %2$s}},
                        template: {metadata: {labels: {app: %2$s}}, spec: {containers: [{name: web, image: "nginx:1.27"}]}}}}
                """.formatted(ns, name, replicas));
    }

    static void createApp(String name, String namespace, String syncPolicy, String extra) {
        ObjectNode app = yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: "https://example.com/repo.git", path: apps/%1$s, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %s}
                  syncPolicy: %s
                %s
                """.formatted(name, namespace, syncPolicy, extra));
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd")
                .resource(trees.resource(app)).create();
    }

    static JsonNode app(String name) {
        GenericKubernetesResource app = client.genericKubernetesResources(Application.API_VERSION, Application.KIND)
                .inNamespace("argocd").withName(name).get();
        return trees.tree(app);
    }

    static JsonNode configMapData(String ns, String name) {
        GenericKubernetesResource cm = client.genericKubernetesResources("v1", "ConfigMap").inNamespace(ns).withName(name).get();
        return cm == null ? null : trees.tree(cm).path("data");
    }

    static void awaitStatus(String app, String revision, String sync, String health) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode status = app(app).path("status");
            assertThat(status.path("sync").path("revision").asText()).as(status.toPrettyString()).isEqualTo(revision);
            assertThat(status.path("sync").path("status").asText()).as(status.toPrettyString()).isEqualTo(sync);
            assertThat(status.path("health").path("status").asText()).as(status.toPrettyString()).isEqualTo(health);
        });
    }

    @Test
    void autoSyncedAppReachesSyncedAndHealthy() {
        git.put("shop", new Source("rev1", List.of(configMap("shop", "settings", "blue"), deployment("shop", "web", 2),
                yaml("{apiVersion: v1, kind: Service, metadata: {name: web, namespace: shop}, spec: {selector: {app: web}, ports: [{port: 80}]}}")), null));
        createApp("shop", "shop", "{automated: {prune: true}, syncOptions: [CreateNamespace=true]}", "");
        awaitStatus("shop", "rev1", "Synced", "Healthy");

        JsonNode status = app("shop").path("status");
        assertThat(status.path("sourceType").asText()).isEqualTo("Directory");
        assertThat(status.path("summary").path("images").toString()).isEqualTo("[\"nginx:1.27\"]");
        assertThat(status.path("resources")).extracting(r -> r.path("kind").asText() + "/" + r.path("status").asText())
                .containsExactlyInAnyOrder("ConfigMap/Synced", "Deployment/Synced", "Service/Synced");
        assertThat(status.path("operationState").path("phase").asText()).isEqualTo("Succeeded");
        assertThat(status.path("operationState").path("syncResult").path("resources")).isNotEmpty();
        assertThat(status.path("history").get(0).path("revision").asText()).isEqualTo("rev1");
        assertThat(status.path("reconciledAt").asText()).isNotEmpty();
        GenericKubernetesResource cm = client.genericKubernetesResources("v1", "ConfigMap").inNamespace("shop").withName("settings").get();
        assertThat(cm.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "shop");
        assertThat(cm.getMetadata().getManagedFields()).extracting(f -> f.getManager()).contains("fairway");
    }

    @Test
    void removedManifestIsPrunedOnlyWithPruneOn() {
        git.put("keep", new Source("r1", List.of(configMap("keep", "a", "one"), configMap("keep", "b", "one")), null));
        git.put("drop", new Source("r1", List.of(configMap("drop", "a", "one"), configMap("drop", "b", "one")), null));
        createApp("keep", "keep", "{automated: {prune: false}, syncOptions: [CreateNamespace=true]}", "");
        createApp("drop", "drop", "{automated: {prune: true}, syncOptions: [CreateNamespace=true]}", "");
        awaitStatus("keep", "r1", "Synced", "Healthy");
        awaitStatus("drop", "r1", "Synced", "Healthy");

        git.put("keep", new Source("r2", List.of(configMap("keep", "a", "one")), null));
        git.put("drop", new Source("r2", List.of(configMap("drop", "a", "one")), null));
        controller.refresh("keep");
        controller.refresh("drop");
        awaitStatus("drop", "r2", "Synced", "Healthy");
        assertThat(configMapData("drop", "b")).isNull();

        awaitStatus("keep", "r2", "OutOfSync", "Healthy");
        assertThat(configMapData("keep", "b")).isNotNull();
        assertThat(app("keep").path("status").path("resources"))
                .anySatisfy(r -> {
                    assertThat(r.path("name").asText()).isEqualTo("b");
                    assertThat(r.path("requiresPruning").asBoolean()).isTrue();
                });
    }

    @Test
    void clusterEditIsRevertedWithSelfHealAndReportedWithout() {
        git.put("healed", new Source("r1", List.of(configMap("healed", "cfg", "blue")), null));
        git.put("drifted", new Source("r1", List.of(configMap("drifted", "cfg", "blue")), null));
        createApp("healed", "healed", "{automated: {selfHeal: true}, syncOptions: [CreateNamespace=true]}", "");
        createApp("drifted", "drifted", "{automated: {}, syncOptions: [CreateNamespace=true]}", "");
        awaitStatus("healed", "r1", "Synced", "Healthy");
        awaitStatus("drifted", "r1", "Synced", "Healthy");

        // what `kubectl patch` / `kubectl edit` does: an update by another field manager
        for (String ns : List.of("healed", "drifted")) {
            client.configMaps().inNamespace(ns).withName("cfg")
                    .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                            "{\"data\":{\"color\":\"red\"}}");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(configMapData("healed", "cfg").path("color").asText()).isEqualTo("blue"));
        awaitStatus("drifted", "r1", "OutOfSync", "Healthy");
        assertThat(configMapData("drifted", "cfg").path("color").asText()).isEqualTo("red");
        awaitStatus("healed", "r1", "Synced", "Healthy");

        // what `fairway app diff` shows: the drift, as a unified diff, and nothing is written
        var diff = controller.diff("drifted");
        assertThat(diff.path("synced").asBoolean()).isFalse();
        var cfg = diff.path("resources").get(0);
        assertThat(cfg.path("state").asText()).isEqualTo("OUT_OF_SYNC");
        assertThat(cfg.path("diff").asText()).contains("-  color: red").contains("+  color: blue");
        assertThat(configMapData("drifted", "cfg").path("color").asText()).isEqualTo("red");
        assertThat(controller.diff("healed").path("synced").asBoolean()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> controller.diff("no-such-app"))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void ignoreDifferencesKeepsAnAutoscalersReplicas() {
        git.put("scaled", new Source("r1", List.of(deployment("scaled", "web", 1)), null));
        createApp("scaled", "scaled", "{automated: {selfHeal: true}, syncOptions: [CreateNamespace=true]}",
                "  ignoreDifferences: [{group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}]");
        awaitStatus("scaled", "r1", "Synced", "Healthy");

        client.apps().deployments().inNamespace("scaled").withName("web").scale(3);
        // give the controller several resync rounds to (wrongly) revert it
        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace("scaled").withName("web").get().getSpec().getReplicas()).isEqualTo(3);
            assertThat(app("scaled").path("status").path("sync").path("status").asText()).isEqualTo("Synced");
        });
    }

    @Test
    void brokenSourceIsAComparisonErrorAndOtherAppsKeepSyncing() {
        git.put("broken", new Source("r1", List.of(), "apps/broken/deploy.yaml:3: mapping values are not allowed here"));
        git.put("fine", new Source("r1", List.of(configMap("fine", "cfg", "green")), null));
        createApp("broken", "broken", "{automated: {}}", "");
        createApp("fine", "fine", "{automated: {}, syncOptions: [CreateNamespace=true]}", "");
        awaitStatus("fine", "r1", "Synced", "Healthy");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = app("broken").path("status");
            assertThat(status.path("sync").path("status").asText()).isEqualTo("Unknown");
            assertThat(status.path("conditions")).singleElement().satisfies(c -> {
                assertThat(c.path("type").asText()).isEqualTo("ComparisonError");
                assertThat(c.path("message").asText()).isEqualTo("apps/broken/deploy.yaml:3: mapping values are not allowed here");
            });
        });
        git.put("fine", new Source("r2", List.of(configMap("fine", "cfg", "yellow")), null));
        controller.refresh("fine");
        awaitStatus("fine", "r2", "Synced", "Healthy");
        assertThat(configMapData("fine", "cfg").path("color").asText()).isEqualTo("yellow");
    }

    @Test
    void invalidSpecIsReportedOnTheApplication() {
        createApp("nowhere", "x", "{automated: {}}", "");
        // a merge patch, as `kubectl patch --type merge` sends: the controller may be writing status meanwhile
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").withName("nowhere")
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        "{\"spec\":{\"project\":\"missing\"}}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(app("nowhere").path("status").path("conditions"))
                .singleElement().satisfies(c -> {
                    assertThat(c.path("type").asText()).isEqualTo("InvalidSpecError");
                    assertThat(c.path("message").asText()).startsWith("spec.project: Application referencing project missing");
                }));
    }
}
