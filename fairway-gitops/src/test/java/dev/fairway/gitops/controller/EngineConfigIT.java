package dev.fairway.gitops.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.gitops.repo.UrlRewrite;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineConfigIT {

    @TempDir
    Path dir;

    @Test
    void readsRewritesAndHealthRulesFromTheConfigMapAndNamesBadLines() throws Exception {
        try (Sandbox sandbox = Sandbox.start(new Sandbox.Config("cfg", dir, 0, null, false, null));
             KubernetesClient client = new KubernetesClientBuilder()
                     .withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build()).create();
            assertThat(EngineConfig.load(client, "argocd").rewrites()).isEmpty();
            client.configMaps().inNamespace("argocd").resource(new ConfigMapBuilder().withNewMetadata().withName(EngineConfig.CONFIG_MAP)
                    .endMetadata()
                    .addToData("repository.rewrites", "# mirrors\nhttps://github.com/fairway-dev/=/srv/mirror/\n")
                    .addToData("health.yaml", """
                            - group: example.com
                              kind: Widget
                              rules:
                              - when: [status.phase == Broken]
                                status: Degraded
                                message: broken
                            """).build()).create();
            EngineConfig config = EngineConfig.load(client, "argocd");
            assertThat(config.rewrites()).containsExactly(new UrlRewrite("https://github.com/fairway-dev/", "/srv/mirror/"));
            assertThat(config.healthRules().checks()).isNotEmpty();
            client.configMaps().inNamespace("argocd").withName(EngineConfig.CONFIG_MAP)
                    .edit(cm -> new ConfigMapBuilder(cm).addToData("repository.rewrites", "no equals sign here").build());
            assertThatThrownBy(() -> EngineConfig.load(client, "argocd"))
                    .hasMessageContaining("repository.rewrites, line 1").hasMessageContaining("URL_PREFIX=REPLACEMENT");
        }
    }
}
