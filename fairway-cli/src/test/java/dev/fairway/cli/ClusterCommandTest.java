package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.cli.platform.ClusterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code fairway cluster} finds the hub under $FAIRWAY_HOME. */
class ClusterCommandTest {

    @TempDir
    Path home;

    private Path sandbox(String name) throws Exception {
        Path dir = Files.createDirectories(home.resolve("clusters").resolve(name));
        Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        return dir;
    }

    @Test
    void findsTheOnlyRecordedClusterOrTheNamedOne() throws Exception {
        Path dir = sandbox("devops-test");
        assertThat(ClusterCommand.Location.find(home, null))
                .isEqualTo(new ClusterCommand.Location("devops-test", dir.resolve("kubeconfig"), null));
        sandbox("other");
        assertThat(ClusterCommand.Location.find(home, "other").cluster()).isEqualTo("other");
        assertThatThrownBy(() -> ClusterCommand.Location.find(home, null))
                .hasMessage("several Fairway clusters (devops-test, other): choose one with --cluster CLUSTER");
    }

    @Test
    void usesTheKubeconfigSetupRecordedInClusterMode() throws Exception {
        Path dir = Files.createDirectories(home.resolve("clusters/prod"));
        new ClusterSettings("prod", null, "https://git.example.com/p.git", "https://git.example.com/p.git", "main", "", 0,
                "/etc/prod/kubeconfig", "admin@prod").write(dir);
        assertThat(ClusterCommand.Location.find(home, "prod"))
                .isEqualTo(new ClusterCommand.Location("prod", Path.of("/etc/prod/kubeconfig"), "admin@prod"));
    }

    @Test
    void saysWhatToDoWhenThereIsNoHub() throws Exception {
        assertThatThrownBy(() -> ClusterCommand.Location.find(home, null))
                .hasMessage("no Fairway cluster under " + home.resolve("clusters") + ": create one with 'fairway setup NAME', "
                        + "or pass --hub-kubeconfig FILE");
        Files.createDirectories(home.resolve("clusters/empty"));
        assertThatThrownBy(() -> ClusterCommand.Location.find(home, "empty"))
                .hasMessageStartingWith("no Fairway cluster \"empty\" under " + home.resolve("clusters"))
                .hasMessageContaining("fairway setup empty");
    }
}
