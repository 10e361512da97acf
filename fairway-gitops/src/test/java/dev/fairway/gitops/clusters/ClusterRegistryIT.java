package dev.fairway.gitops.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Destination;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real sandboxes: A runs the engine, B is registered in A by a cluster Secret. */
class ClusterRegistryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Sandbox a;
    private Sandbox b;
    private KubernetesClient engine;
    private KubernetesClient direct;

    @BeforeEach
    void start() throws Exception {
        a = Sandbox.start(new Sandbox.Config("hub", dir.resolve("a"), 0, null, false));
        b = Sandbox.start(new Sandbox.Config("spoke", dir.resolve("b"), 0, null, false));
        engine = client(a.kubeconfig());
        direct = client(b.kubeconfig());
        engine.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build()).create();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {engine, direct, a, b}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort: the temp dir goes anyway
            }
        }
    }

    private static KubernetesClient client(Path kubeconfig) throws Exception {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    }

    private ObjectNode secretForB(String token) throws Exception {
        ClusterSecret fromKubeconfig = KubeconfigContext.read(b.kubeconfig(), null).toClusterSecret("spoke", null, List.of(), false);
        ClusterSecret withToken = new ClusterSecret("", fromKubeconfig.name(), fromKubeconfig.server(),
                new ClusterConfig(token, "", "", fromKubeconfig.config().tls(), ""), List.of(), false, "");
        return withToken.toSecret("argocd", "cluster-spoke");
    }

    private void apply(ObjectNode secret) {
        engine.resource(Json.MAPPER.convertValue(secret, GenericKubernetesResource.class)).fieldManager("test").forceConflicts()
                .serverSideApply();
    }

    @Test
    void theClientOfARegisteredClusterWorksInThatClusterAndFollowsItsSecret() throws Exception {
        List<ClusterChange> changes = new CopyOnWriteArrayList<>();
        try (ClusterRegistry registry = ClusterRegistry.start(engine, "argocd")) {
            registry.onChange(changes::add);
            assertThat(registry.all()).extracting(RegisteredCluster::name).containsExactly("in-cluster");

            apply(secretForB(b.token()));
            await().atMost(WAIT).until(() -> registry.byName("spoke").isPresent());
            RegisteredCluster spoke = registry.destination(new Destination("", "spoke", "apps"));
            assertThat(spoke.server()).isEqualTo(b.url());
            assertThat(registry.destination(new Destination(b.url() + "/", "", "apps"))).isEqualTo(spoke);

            KubernetesClient viaRegistry = spoke.client().get();
            viaRegistry.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build()).create();
            viaRegistry.configMaps().inNamespace("apps").resource(new ConfigMapBuilder().withNewMetadata().withName("made-by-hub")
                    .endMetadata().addToData("k", "v").build()).create();
            assertThat(direct.configMaps().inNamespace("apps").withName("made-by-hub").get().getData()).containsEntry("k", "v");
            assertThat(engine.namespaces().withName("apps").get()).as("nothing landed in the hub").isNull();
            assertThat(viaRegistry.configMaps().inNamespace("apps").withName("made-by-hub").get()).isNotNull();
            assertThat(registry.destination(new Destination("https://kubernetes.default.svc", "", "x")).client().get())
                    .isSameAs(engine);

            // A wrong token in the Secret: the registry rebuilds the client, and B refuses it.
            apply(secretForB("not-the-token"));
            await().atMost(WAIT).until(viaRegistry.getHttpClient()::isClosed);
            assertThatThrownBy(() -> spoke.client().get().configMaps().inNamespace("apps").withName("made-by-hub").get())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));

            // The right token again: picked up without a restart.
            apply(secretForB(b.token()));
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(spoke.client().get().configMaps().inNamespace("apps").withName("made-by-hub").get()).isNotNull());

            KubernetesClient last = spoke.client().get();
            engine.secrets().inNamespace("argocd").withName("cluster-spoke").delete();
            await().atMost(WAIT).until(() -> registry.byName("spoke").isEmpty());
            assertThat(last.getHttpClient().isClosed()).isTrue();
            assertThatThrownBy(() -> registry.destination(new Destination("", "spoke", "apps")))
                    .hasMessage("there are no clusters with this name: spoke");
            assertThatThrownBy(() -> spoke.client().get()).hasMessage("cluster Secret cluster-spoke was removed");
            await().atMost(WAIT).untilAsserted(() -> assertThat(changes).extracting(ClusterChange::kind).containsExactly(
                    ClusterChange.Kind.ADDED, ClusterChange.Kind.CHANGED, ClusterChange.Kind.CHANGED, ClusterChange.Kind.REMOVED));
        }
    }

    @Test
    void aClusterThatGoesDownFailsItsProbeAndRecoversWithoutANewRegistry() throws Exception {
        ConnectionProbe probe = new ConnectionProbe(java.time.Clock.systemUTC(), Duration.ofSeconds(10));
        try (ClusterRegistry registry = ClusterRegistry.start(engine, "argocd")) {
            apply(secretForB(b.token()));
            await().atMost(WAIT).until(() -> registry.byName("spoke").isPresent());
            RegisteredCluster spoke = registry.byName("spoke").orElseThrow();
            ConnectionState up = probe.probe(spoke);
            assertThat(up.status()).as(up.message()).isEqualTo(ConnectionState.Status.Successful);
            assertThat(up.serverVersion()).isEqualTo(Sandbox.KUBERNETES_VERSION);
            assertThat(probe.probe(registry.byName("in-cluster").orElseThrow()).successful()).isTrue();

            int port = java.net.URI.create(b.url()).getPort();
            b.close();
            ConnectionState down = probe.probe(spoke);
            assertThat(down.status()).isEqualTo(ConnectionState.Status.Failed);
            assertThat(down.message()).startsWith("Unable to connect to cluster spoke (" + spoke.server() + "): ");

            b = Sandbox.start(new Sandbox.Config("spoke", dir.resolve("b"), port, null, false));
            await().atMost(WAIT).until(() -> probe.probe(spoke).successful());
            assertThat(spoke.client().get().namespaces().withName("default").get()).isNotNull();

            apply(secretForB("not-the-token"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(probe.probe(spoke).message())
                    .contains("refused the cluster Secret's credentials (HTTP 401)"));
        }
    }

    @Test
    void anInvalidSecretIsReportedAndOtherLabelsAreIgnored() throws Exception {
        try (ClusterRegistry registry = ClusterRegistry.start(engine, "argocd")) {
            ObjectNode bad = secretForB(b.token());
            ((ObjectNode) bad.get("metadata")).put("name", "cluster-bad");
            ((ObjectNode) bad.get("data")).remove("server");
            apply(bad);
            ObjectNode repo = secretForB(b.token());
            ((ObjectNode) repo.get("metadata")).put("name", "a-repository");
            ((ObjectNode) repo.path("metadata").path("labels")).put(ClusterSecret.SECRET_TYPE_LABEL, "repository");
            apply(repo);
            await().atMost(WAIT).until(() -> registry.invalidSecrets().containsKey("cluster-bad"));
            assertThat(registry.invalidSecrets().get("cluster-bad"))
                    .isEqualTo("cluster Secret argocd/cluster-bad: key \"server\" is missing: give the cluster's API server URL, "
                            + "e.g. https://10.0.0.1:6443");
            assertThat(registry.invalidSecrets()).doesNotContainKey("a-repository");
            assertThat(registry.all()).extracting(RegisteredCluster::name).containsExactly("in-cluster");
        }
    }
}
