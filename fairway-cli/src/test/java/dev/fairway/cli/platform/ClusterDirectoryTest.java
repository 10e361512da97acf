package dev.fairway.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDirectoryTest {

    @TempDir
    Path repo;

    @Test
    void findsTheClusterDirectoryWhereTheCommandRunsThenAtTheRootThenInTheExample() throws Exception {
        Files.createDirectories(repo.resolve("examples/platform/cluster"));
        Files.createDirectories(repo.resolve("examples/platform/cluster-elk"));
        assertThat(ClusterDirectory.findPlatform(repo, repo, "cluster")).isEqualTo("examples/platform");
        Files.createDirectories(repo.resolve("cluster"));
        assertThat(ClusterDirectory.findPlatform(repo, repo, "cluster")).isEqualTo("");
        assertThat(ClusterDirectory.findPlatform(repo, repo.resolve("examples/platform"), "cluster")).isEqualTo("examples/platform");
    }

    @Test
    void anUnknownTypeListsTheTypesThereAre() throws Exception {
        Files.createDirectories(repo.resolve("examples/platform/cluster"));
        Files.createDirectories(repo.resolve("examples/platform/cluster-elk"));
        assertThatThrownBy(() -> ClusterDirectory.findPlatform(repo, repo, "cluster-gpu"))
                .hasMessageContaining("no cluster-gpu/ directory").hasMessageContaining("examples/platform has cluster, cluster-elk");
    }

    @Test
    void rendersTheExamplePlatformIntoItsApplications() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        ClusterDirectory dir = ClusterDirectory.render(root, "examples/platform", "cluster", "argocd");
        assertThat(dir.applications()).containsExactlyInAnyOrder("fairway-system", "idp");
        assertThat(dir.applicationRepoUrls()).containsExactly("https://github.com/fairway-dev/fairway.git");
        ClusterDirectory elk = ClusterDirectory.render(root, "examples/platform", "cluster-elk", "argocd");
        assertThat(elk.applications()).containsExactlyInAnyOrder("fairway-system", "logging");
    }
}
