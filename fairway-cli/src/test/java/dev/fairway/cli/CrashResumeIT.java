package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine killed with SIGKILL in the middle of a sync, between waves: started again, it
 * resumes the operation from {@code status.operationState}, finishes it, and does not run the
 * PreSync hook a second time.
 */
class CrashResumeIT {

    static final String REPO_URL = "https://github.com/fairway-dev/crash.git";
    static final Pattern READY = Pattern.compile("^ready url=(\\S+) kubeconfig=(\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;
    Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    Path start(Path repo, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", FairwayProcess.jar().toString(), "server", "--sandbox", "crash", "--port", "0",
                "--rewrite", REPO_URL + "=" + repo, "--resync", "5s"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("FAIRWAY_HOME", tmp.resolve("home").toString());
        server = pb.start();
        Matcher[] ready = new Matcher[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
            ready[0] = READY.matcher(Files.readString(log));
            return ready[0].find();
        });
        return Path.of(ready[0].group(2));
    }

    static JsonNode app(KubernetesClient client) {
        GenericKubernetesResource a = client.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .withName("crash").get();
        return Json.MAPPER.valueToTree(a);
    }

    static long migrations(KubernetesClient client) {
        return client.batch().v1().jobs().inNamespace("crash").list().getItems().stream()
                .filter(j -> j.getMetadata().getName().startsWith("migrate-")).count();
    }

    @Test
    void aSyncKilledBetweenWavesResumesWithoutRunningThePreSyncHookAgain() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/migrate.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: migrate-
                  annotations: {argocd.argoproj.io/hook: PreSync}
                spec:
                  template:
                    metadata: {annotations: {sandbox.fairway.dev/run-time: 2s}}
                    spec: {restartPolicy: Never, containers: [{name: m, image: busybox}]}
                """);
        // Ready only after 20 x the pod start-up: wave 1 must wait for it, which is when we kill
        Files.writeString(repo.resolve("app/web.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, annotations: {argocd.argoproj.io/sync-wave: "0"}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}, annotations: {sandbox.fairway.dev/behavior: slow-start}}
                    spec: {containers: [{name: web, image: "nginx:1.27"}]}
                """);
        Files.writeString(repo.resolve("app/after.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: after, annotations: {argocd.argoproj.io/sync-wave: "1"}}
                data: {done: "yes"}
                """);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        }

        Path kubeconfig = start(repo, tmp.resolve("server-1.log"));
        try (KubernetesClient client = Deployer.client(kubeconfig, null)) {
            client.resource(Json.MAPPER.convertValue(Json.YAML.readTree("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata: {name: crash, namespace: argocd}
                    spec:
                      project: default
                      source: {repoURL: "%s", path: app, targetRevision: main}
                      destination: {server: "https://kubernetes.default.svc", namespace: crash}
                      syncPolicy: {automated: {}, syncOptions: [CreateNamespace=true]}
                    """.formatted(REPO_URL)), GenericKubernetesResource.class)).create();
            // between waves: the hook is done, the Deployment applied and not Ready yet, wave 1 not started
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                    migrations(client) == 1 && client.apps().deployments().inNamespace("crash").withName("web").get() != null
                            && "Running".equals(app(client).path("status").path("operationState").path("phase").asText()));
            assertThat(client.configMaps().inNamespace("crash").withName("after").get()).isNull();
        }
        server.destroyForcibly().waitFor();

        kubeconfig = start(repo, tmp.resolve("server-2.log"));
        try (KubernetesClient client = Deployer.client(kubeconfig, null)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode status = app(client).path("status");
                assertThat(status.path("operationState").path("phase").asText()).as(status.toString()).isEqualTo("Succeeded");
                assertThat(client.configMaps().inNamespace("crash").withName("after").get()).isNotNull();
            });
            assertThat(migrations(client)).as("the PreSync hook ran once").isEqualTo(1);
            assertThat(Files.readString(tmp.resolve("server-2.log"), StandardCharsets.UTF_8)).contains("ready url=");
        }
    }
}
