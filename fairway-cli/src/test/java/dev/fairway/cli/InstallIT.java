package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.cli.platform.InstallManifests;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairway install --print} piped into the real {@code kubectl apply -f -} against a sandbox. */
class InstallIT {

    @TempDir
    Path dir;

    @Test
    void kubectlAcceptsTheManifestsAndTheEngineDeploymentRunsTheImage() throws Exception {
        FairwayProcess.Run printed = new FairwayProcess(dir.resolve("home")).run(java.time.Duration.ofMinutes(1),
                "install", "--print", "--image", "registry.example.gov/fairway:1.2.3");
        assertThat(printed.code()).as(printed.err()).isZero();
        Path manifests = dir.resolve("install.yaml");
        Files.writeString(manifests, printed.out());
        try (Sandbox sandbox = Sandbox.start(new Sandbox.Config("install", dir.resolve("sandbox"), 0, null, false))) {
            Process kubectl;
            try {
                kubectl = new ProcessBuilder("kubectl", "--kubeconfig", sandbox.kubeconfig().toString(), "apply", "-f", manifests.toString())
                        .redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                throw new AssertionError("kubectl is not installed: install it (https://kubernetes.io/docs/tasks/tools/) and run again", e);
            }
            String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(kubectl.exitValue()).as(output).isZero();
            assertThat(output).contains("customresourcedefinition.apiextensions.k8s.io/applications.argoproj.io created")
                    .contains("clusterrolebinding.rbac.authorization.k8s.io/fairway created")
                    .contains("deployment.apps/fairway created").contains("service/fairway created");
            try (KubernetesClient client = Deployer.client(sandbox.kubeconfig(), null)) {
                Deployment d = client.apps().deployments().inNamespace("argocd").withName(InstallManifests.NAME).get();
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example.gov/fairway:1.2.3");
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsSubsequence("server", "--in-cluster");
                assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("fairway");
            }
        }
    }
}
