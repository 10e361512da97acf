package dev.fairway.gitops.controller;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.clusters.ClusterSecret;
import dev.fairway.gitops.clusters.KubeconfigContext;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.render.RenderedManifests;
import dev.fairway.kube.yaml.Manifest;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub: the engine in cluster A deploys to cluster B, registered as an Argo CD cluster Secret,
 * by destination name and by server; an unknown destination is an InvalidSpecError in Argo CD's
 * words; removing B's Secret stops the app from syncing there.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class HubIT {

    @TempDir
    static Path dir;
    static Sandbox hub;
    static Sandbox spoke;
    static KubernetesClient a;
    static KubernetesClient b;
    static ApplicationController controller;
    static KubeTrees trees;

    @BeforeAll
    static void start() throws Exception {
        hub = Sandbox.start(new Sandbox.Config("hub", dir.resolve("hub"), 0, null, false));
        spoke = Sandbox.start(new Sandbox.Config("spoke", dir.resolve("spoke"), 0, null, false));
        a = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(hub.kubeconfig().toFile())).build();
        b = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(spoke.kubeconfig().toFile())).build();
        trees = new KubeTrees(a.getKubernetesSerialization());
        ArgoCdResources.install(a, "argocd", Duration.ofSeconds(30));
        ClusterSecret secret = KubeconfigContext.read(spoke.kubeconfig(), null).toClusterSecret("spoke", null, List.of(), false);
        a.resource(trees.resource(secret.toSecret("argocd", ClusterSecret.secretNameFor("spoke")))).create();
        DesiredStateSource source = app -> new RenderedManifests("c0ffee",
                List.of(new Manifest(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + app.name() + ", namespace: team}, data: {a: b}}"), "cm.yaml", 1)));
        controller = new ApplicationController(a, source, HealthAssessor.argoCd(),
                ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(5)), Clock.systemUTC());
        controller.start();
    }

    @AfterAll
    static void stop() {
        controller.close();
        a.close();
        b.close();
        hub.close();
        spoke.close();
    }

    static void app(String name, String destination) {
        ObjectNode app = yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: "https://example.com/r.git", path: ".", targetRevision: main}
                  destination: {%s, namespace: team}
                  syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
                """.formatted(name, destination));
        a.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").resource(trees.resource(app)).create();
    }

    static String status(String name) {
        return trees.tree(a.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd")
                .withName(name).get()).path("status").toString();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void appsDeployToTheRegisteredClusterByNameAndByServerAndNotToTheHub() {
        app("by-name", "name: spoke");
        app("by-server", "server: \"" + spoke.url() + "\"");
        app("local", "name: in-cluster");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(b.configMaps().inNamespace("team").withName("by-name").get()).isNotNull();
            assertThat(b.configMaps().inNamespace("team").withName("by-server").get()).isNotNull();
            assertThat(a.configMaps().inNamespace("team").withName("local").get()).isNotNull();
            assertThat(status("by-name")).contains("\"status\":\"Synced\"");
        });
        assertThat(a.configMaps().inNamespace("team").withName("by-name").get()).as("nothing lands in the hub").isNull();
        assertThat(b.configMaps().inNamespace("team").withName("local").get()).isNull();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anUnknownDestinationIsAnInvalidSpecInArgoCdsWords() {
        app("nowhere", "name: elsewhere");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status("nowhere"))
                .contains("InvalidSpecError").contains("there are no clusters with this name: elsewhere"));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aClusterThatStopsShowsItsAppsUnknownAndTheyRecoverWhenItIsBack() throws Exception {
        app("steady", "name: spoke");
        await().atMost(Duration.ofSeconds(60)).until(() -> status("steady").contains("\"status\":\"Synced\""));
        int port = java.net.URI.create(spoke.url()).getPort();
        spoke.close();
        controller.refresh("steady");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(status("steady"))
                .contains("\"sync\":{\"status\":\"Unknown\"").contains("ComparisonError").contains("is unreachable"));

        spoke = Sandbox.start(new Sandbox.Config("spoke", dir.resolve("spoke"), port, null, false));
        // no engine restart: the next probe finds it answering, a new connection lists it afresh
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(status("steady"))
                .contains("\"sync\":{\"status\":\"Synced\"").contains("\"health\":{\"status\":\"Healthy\"")
                .doesNotContain("is unreachable"));
    }
}
