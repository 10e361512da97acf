package dev.fairway.gitops.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.kube.GroupKind;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryScopesIT {

    @TempDir
    Path dir;

    @Test
    void scopesComeFromDiscoveryAndANewCrdIsSeenOnceTheRefreshIsDue() throws Exception {
        try (Sandbox sandbox = Sandbox.start(new Sandbox.Config("scopes", dir, 0, null, false));
                KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build()) {
            AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T12:00:00Z"));
            Clock clock = new Clock() {
                @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
                @Override public Clock withZone(java.time.ZoneId zone) { return this; }
                @Override public Instant instant() { return now.get(); }
            };
            DiscoveryScopes scopes = new DiscoveryScopes(client, clock, Duration.ofSeconds(10));
            assertThat(scopes.scopeOf(new GroupKind("", "ConfigMap"))).contains(ResourceScopes.Scope.NAMESPACED);
            assertThat(scopes.scopeOf(new GroupKind("rbac.authorization.k8s.io", "ClusterRoleBinding"))).contains(ResourceScopes.Scope.CLUSTER);
            assertThat(scopes.scopeOf(new GroupKind("", "Namespace"))).contains(ResourceScopes.Scope.CLUSTER);
            GroupKind widget = new GroupKind("example.com", "Widget");
            assertThat(scopes.scopeOf(widget)).isEmpty();

            client.apiextensions().v1().customResourceDefinitions().resource(client.getKubernetesSerialization().unmarshal("""
                    apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata: {name: widgets.example.com}
                    spec:
                      group: example.com
                      scope: Cluster
                      names: {plural: widgets, singular: widget, kind: Widget}
                      versions:
                        - name: v1
                          served: true
                          storage: true
                          schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                    """, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).create();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.getApiResources("example.com/v1") != null);
            assertThat(scopes.scopeOf(widget)).as("discovery is not read again before the refresh is due").isEmpty();
            now.set(now.get().plusSeconds(11));
            assertThat(scopes.scopeOf(widget)).contains(ResourceScopes.Scope.CLUSTER);
        }
    }
}
