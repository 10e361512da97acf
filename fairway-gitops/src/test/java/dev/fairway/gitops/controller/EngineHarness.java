package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.RenderedManifests;
import dev.fairway.kube.yaml.Manifest;
import java.util.List;
import java.util.Map;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A sandbox with Argo CD's CRDs and a running controller, for the engine's integration tests:
 * what each of them would otherwise set up (and tear down) the same way.
 */
final class EngineHarness implements AutoCloseable {

    final Sandbox sandbox;
    final KubernetesClient client;
    final KubeTrees trees;
    final ApplicationController controller;

    private EngineHarness(Sandbox sandbox, KubernetesClient client, ApplicationController controller) {
        this.sandbox = sandbox;
        this.client = client;
        this.trees = new KubeTrees(client.getKubernetesSerialization());
        this.controller = controller;
    }

    static EngineHarness start(String name, Path dir, DesiredStateSource source, ControllerSettings settings) throws Exception {
        Sandbox sandbox = Sandbox.start(new Sandbox.Config(name, dir.resolve("sandbox"), 0, null, false));
        Config config = Config.fromKubeconfig(sandbox.kubeconfig().toFile());
        config.setWatchReconnectInterval(200);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        ArgoCdResources.install(client, "argocd", Duration.ofSeconds(30));
        ApplicationController controller = new ApplicationController(client, source, HealthAssessor.argoCd(), settings, Clock.systemUTC());
        controller.start();
        return new EngineHarness(sandbox, client, controller);
    }

    /**
     * "Git" held in memory: the objects of each application by name, at a revision that changes
     * whenever their count does (so a test that adds or removes an object is seen as a new commit).
     */
    static DesiredStateSource source(Map<String, List<ObjectNode>> git) {
        return app -> new RenderedManifests("c0ffee" + git.get(app.name()).size(),
                git.get(app.name()).stream().map(o -> new Manifest(o.deepCopy(), "apps/" + app.name() + ".yaml", 1)).toList());
    }

    /** The application's whole {@code status}, read from the API server. */
    JsonNode status(String application) {
        return trees.tree(client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd")
                .withName(application).get()).path("status");
    }

    @Override
    public void close() {
        controller.close();
        client.close();
        sandbox.close();
    }
}
