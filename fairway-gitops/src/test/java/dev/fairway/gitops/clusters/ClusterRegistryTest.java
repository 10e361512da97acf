package dev.fairway.gitops.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Destination;
import dev.fairway.gitops.project.Cluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resolution and client lifecycle, fed Secrets directly (the informer's part is in ClusterRegistryIT). */
class ClusterRegistryTest {

    private final KubernetesClient engine = client("https://engine.invalid");
    private final List<ClusterSecret> connected = new ArrayList<>();
    private final ClusterRegistry registry = new ClusterRegistry(engine, new ClusterRegistry.Settings(true, this::connect));
    private final List<ClusterChange> changes = new ArrayList<>();

    private KubernetesClient connect(ClusterSecret c) {
        connected.add(c);
        return client(c.server());
    }

    private static KubernetesClient client(String url) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url).build()).build();
    }

    @AfterEach
    void close() {
        registry.close();
        engine.close();
    }

    private static ObjectNode secret(String secretName, String resourceVersion, String stringData) {
        ObjectNode s = ClusterSecretTest.secret(stringData);
        ((ObjectNode) s.get("metadata")).put("name", secretName).put("resourceVersion", resourceVersion);
        return s;
    }

    @Test
    void knowsOnlyTheEngineClusterUntilSecretsArrive() {
        assertThat(registry.all()).extracting(RegisteredCluster::name, RegisteredCluster::server)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("in-cluster", "https://kubernetes.default.svc"));
        RegisteredCluster local = registry.destination(new Destination("https://kubernetes.default.svc/", "", "default"));
        assertThat(local.isInCluster()).isTrue();
        assertThat(local.client().get()).isSameAs(engine);
        assertThat(registry.destination(new Destination("", "in-cluster", "default"))).isEqualTo(local);
        assertThat(registry.clusters()).containsExactly(Cluster.IN_CLUSTER);
    }

    @Test
    void resolvesByNameOrServerWithArgoCdsWording() {
        registry.secretChanged(secret("b", "1", "name: b\nserver: https://b.example.com\nnamespaces: apps\nproject: team-b\n"));
        RegisteredCluster b = registry.destination(new Destination("", "b", "apps"));
        assertThat(b.server()).isEqualTo("https://b.example.com");
        assertThat(b.namespaces()).containsExactly("apps");
        assertThat(b.project()).isEqualTo("team-b");
        assertThat(b.secretName()).isEqualTo("b");
        assertThat(registry.destination(new Destination("https://b.example.com//", "", "apps"))).isEqualTo(b);
        assertThat(registry.byName("b")).contains(b);
        assertThat(registry.byServer("https://b.example.com")).contains(b);
        assertThat(registry.resolve(new Destination("", "b", "apps"))).isEqualTo(new Cluster("https://b.example.com", "b", "team-b"));

        assertThatThrownBy(() -> registry.destination(new Destination("", "c", "apps")))
                .isInstanceOf(InvalidDestinationException.class).hasMessage("there are no clusters with this name: c");
        assertThatThrownBy(() -> registry.destination(new Destination("https://c.example.com", "", "apps")))
                .hasMessage("error getting cluster by server \"https://c.example.com\": cluster \"https://c.example.com\" not found");
        assertThatThrownBy(() -> registry.destination("b", "https://b.example.com"))
                .hasMessage("application destination can't have both name and server defined: b https://b.example.com");
        assertThatThrownBy(() -> registry.destination("", null)).hasMessage("Destination server missing from app spec");
    }

    @Test
    void aNameTwoClustersShareIsAmbiguous() {
        registry.secretChanged(secret("b1", "1", "name: shared\nserver: https://b1.example.com\n"));
        registry.secretChanged(secret("b2", "1", "name: shared\nserver: https://b2.example.com\n"));
        assertThat(registry.byName("shared")).isEmpty();
        assertThatThrownBy(() -> registry.destination("shared", ""))
                .hasMessage("there are 2 clusters with the same name: [https://b1.example.com https://b2.example.com]");
        assertThat(registry.destination("", "https://b2.example.com").secretName()).isEqualTo("b2");
    }

    @Test
    void aSecretForTheEngineUrlReplacesTheBuiltInEntryAndKeepsItsConnection() {
        registry.secretChanged(secret("hub", "1", "name: hub\nserver: https://kubernetes.default.svc\nnamespaces: argocd\n"));
        assertThat(registry.all()).extracting(RegisteredCluster::name).containsExactly("hub");
        RegisteredCluster hub = registry.destination("in-cluster", "");
        assertThat(hub.name()).as("in-cluster still names the local cluster after a rename").isEqualTo("hub");
        assertThat(hub.namespaces()).containsExactly("argocd");
        assertThat(hub.client().get()).as("no credentials: the engine's own client").isSameAs(engine);
        assertThat(connected).isEmpty();
    }

    @Test
    void inClusterCanBeDisabled() {
        try (ClusterRegistry off = new ClusterRegistry(engine, new ClusterRegistry.Settings(false, this::connect))) {
            assertThat(off.all()).isEmpty();
            assertThatThrownBy(() -> off.destination("", "https://kubernetes.default.svc"))
                    .hasMessage("error getting cluster by server \"https://kubernetes.default.svc\": cluster "
                            + "\"https://kubernetes.default.svc\" is disabled");
            assertThatThrownBy(() -> off.destination("in-cluster", "")).hasMessage("there are no clusters with this name: in-cluster");
        }
    }

    @Test
    void buildsTheClientOnceRebuildsItOnChangeAndClosesItOnRemoval() {
        registry.onChange(changes::add);
        registry.secretChanged(secret("b", "1", "name: b\nserver: https://b.example.com\nconfig: '{\"bearerToken\": \"one\"}'\n"));
        RegisteredCluster b = registry.byName("b").orElseThrow();
        KubernetesClient first = b.client().get();
        assertThat(b.client().get()).isSameAs(first);
        assertThat(connected).extracting(c -> c.config().bearerToken()).containsExactly("one");

        registry.secretChanged(secret("b", "1", "name: b\nserver: https://b.example.com\nconfig: '{\"bearerToken\": \"one\"}'\n"));
        assertThat(first.getHttpClient().isClosed()).as("a resync with the same resourceVersion changes nothing").isFalse();

        registry.secretChanged(secret("b", "2", "name: b\nserver: https://b.example.com\nconfig: '{\"bearerToken\": \"two\"}'\n"));
        assertThat(first.getHttpClient().isClosed()).isTrue();
        KubernetesClient second = b.client().get();
        assertThat(second).as("an old view gets the current client").isNotSameAs(first);
        assertThat(connected).extracting(c -> c.config().bearerToken()).containsExactly("one", "two");

        registry.secretRemoved("b");
        assertThat(second.getHttpClient().isClosed()).isTrue();
        assertThatThrownBy(() -> b.client().get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("cluster Secret b was removed");
        assertThat(registry.byName("b")).isEmpty();
        assertThat(changes).extracting(ClusterChange::kind)
                .containsExactly(ClusterChange.Kind.ADDED, ClusterChange.Kind.CHANGED, ClusterChange.Kind.REMOVED);
    }

    @Test
    void tellsListenersBothNamesOfARename() {
        registry.secretChanged(secret("b", "1", "name: old\nserver: https://b.example.com\n"));
        AutoCloseable handle = registry.onChange(changes::add);
        registry.secretChanged(secret("b", "2", "name: new\nserver: https://b.example.com\n"));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).names()).containsExactly("old", "new");
        assertThat(changes.get(0).servers()).containsExactly("https://b.example.com");
        try {
            handle.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        registry.secretRemoved("b");
        assertThat(changes).hasSize(1);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        registry.onChange(c -> {
            throw new IllegalStateException("bug in a listener");
        });
        registry.onChange(changes::add);
        registry.secretChanged(secret("b", "1", "name: b\nserver: https://b.example.com\n"));
        assertThat(changes).hasSize(1);
    }

    @Test
    void anInvalidSecretIsLeftOutWithItsReasonAndTheOthersStay() {
        registry.secretChanged(secret("b", "1", "name: b\nserver: https://b.example.com\n"));
        registry.secretChanged(secret("c", "1", "name: c\nserver: https://c.example.com\n"));
        registry.onChange(changes::add);
        registry.secretChanged(secret("b", "2", "name: b\nserver: https://b.example.com\nconfig: '{\"awsAuthConfig\": {}}'\n"));
        assertThat(registry.all()).extracting(RegisteredCluster::name).containsExactly("in-cluster", "c");
        assertThat(registry.invalidSecrets()).containsOnlyKeys("b");
        assertThat(registry.invalidSecrets().get("b")).startsWith("cluster Secret argocd/b: key \"config\" uses awsAuthConfig");
        assertThat(changes).extracting(ClusterChange::kind).containsExactly(ClusterChange.Kind.REMOVED);
        assertThatThrownBy(() -> registry.destination("b", "")).hasMessage("there are no clusters with this name: b");
    }

    @Test
    void twoSecretsForOneServerTheFirstByNameWins() {
        registry.secretChanged(secret("z-copy", "1", "name: copy\nserver: https://b.example.com\n"));
        registry.secretChanged(secret("b", "1", "name: b\nserver: https://b.example.com\n"));
        assertThat(registry.byServer("https://b.example.com").orElseThrow().name()).isEqualTo("b");
        assertThat(registry.invalidSecrets()).containsOnlyKeys("z-copy");
        assertThat(registry.invalidSecrets().get("z-copy")).contains("already registered by Secret b");
        registry.secretRemoved("b");
        assertThat(registry.byServer("https://b.example.com").orElseThrow().name()).isEqualTo("copy");
        assertThat(registry.invalidSecrets()).isEmpty();
    }

    @Test
    void closingClosesEveryClientItBuiltButNotTheEngines() {
        registry.secretChanged(secret("b", "1", "name: b\nserver: https://b.example.com\n"));
        KubernetesClient b = registry.byName("b").orElseThrow().client().get();
        registry.close();
        assertThat(b.getHttpClient().isClosed()).isTrue();
        assertThat(engine.getHttpClient().isClosed()).isFalse();
    }
}
