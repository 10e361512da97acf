package dev.fairway.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderersTest {

    @TempDir
    Path dir;

    @Test
    void aKustomizeChoiceThatIsNotAnExecutableIsRefusedClearly() throws Exception {
        assertThatThrownBy(() -> Renderers.standard(dir, "/no/such/kustomize"))
                .hasMessageContaining("/no/such/kustomize").hasMessageContaining("builtin, kubectl, or the path of an executable");
        Path notExecutable = Files.writeString(dir.resolve("kustomize"), "#!/bin/sh\n");
        assertThatThrownBy(() -> Renderers.standard(dir, notExecutable.toString())).hasMessageContaining("executable kustomize binary");
    }

    @Test
    void theDefaultBuildsKustomizationsWithoutAnyTool() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/kustomization.yaml"), "namePrefix: p-\nresources: [cm.yaml]\n");
        Files.writeString(repo.resolve("app/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        var manifests = Renderers.standard(dir.resolve("scratch")).render(new RenderRequest(repo, "r", "app", SourceOptions.none(), "ns"));
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).object().path("metadata").path("name").asText()).isEqualTo("p-c");
        assertThat(manifests.get(0).object().path("metadata").path("namespace").asText()).isEqualTo("ns");
        assertThat(manifests.get(0).location()).as("the real file, not the kustomization").contains("cm.yaml");
    }
}
