package dev.fairway.gitops.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.repo.RepositoryCredentials;
import dev.fairway.gitops.repo.UrlRewrite;
import dev.fairway.gitops.repo.UrlRewriteRules;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync operations end to end: a real git repository, the engine as `fairway server` assembles it,
 * a sandbox whose simulated controllers roll Deployments out and run Jobs. Each test uses its own
 * application and directory of the repository.
 */
class SyncOperationIT {

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static KubernetesClient client;
    static GitDesiredState source;
    static ApplicationController controller;
    static KubeTrees trees;
    static Git repo;
    static Path work;

    static final String REPO_URL = "https://github.com/fairway-dev/sync-e2e.git";
    static final ControllerSettings SETTINGS = ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(3))
            .withSyncWaveDelay(Duration.ofMillis(200));

    @BeforeAll
    static void start() throws Exception {
        work = dir.resolve("repo");
        repo = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        write("README.md", "sync e2e\n");
        commit("first");
        sandbox = Sandbox.start(new Sandbox.Config("sync-e2e", dir.resolve("sandbox"), 0, null, false));
        Config config = Config.fromKubeconfig(sandbox.kubeconfig().toFile());
        config.setWatchReconnectInterval(200);
        client = new KubernetesClientBuilder().withConfig(config).build();
        trees = new KubeTrees(client.getKubernetesSerialization());
        ArgoCdResources.install(client, "argocd", Duration.ofSeconds(30));
        source = new GitDesiredState(dir.resolve("engine"),
                new UrlRewriteRules(List.of(new UrlRewrite(REPO_URL, work.toString()))), RepositoryCredentials::none);
        controller = startController();
    }

    static ApplicationController startController() {
        ApplicationController c = new ApplicationController(client, source, HealthAssessor.argoCd(), SETTINGS, Clock.systemUTC());
        c.start();
        return c;
    }

    @AfterAll
    static void stop() throws Exception {
        if (controller != null) {
            controller.close();
        }
        if (source != null) {
            source.close();
        }
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        repo.close();
    }

    static void write(String path, String text) throws Exception {
        Path p = work.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static synchronized String commit(String message) throws Exception {
        repo.add().addFilepattern(".").call();
        repo.add().addFilepattern(".").setUpdate(true).call();
        return repo.commit().setMessage(message).setAuthor("e2e", "e2e@fairway.dev").setCommitter("e2e", "e2e@fairway.dev").call().getName();
    }

    /** An application of directory {@code apps/NAME} deployed to namespace NAME. */
    static void createApp(String name, String syncPolicy, String extraSpec) {
        ObjectNode app = (ObjectNode) yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: "%s", path: apps/%1$s, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %1$s}
                  syncPolicy: %s
                %s
                """.formatted(name, REPO_URL, syncPolicy, extraSpec));
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd")
                .resource(trees.resource(app)).create();
    }

    static void patchApp(String name, String mergePatchYaml) {
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), Json.write(yaml(mergePatchYaml)));
    }

    static void refresh(String name) {
        patchApp(name, "{metadata: {annotations: {argocd.argoproj.io/refresh: normal}}}");
    }

    static JsonNode yaml(String text) {
        try {
            return Json.YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode status(String app) {
        GenericKubernetesResource a = client.genericKubernetesResources(Application.API_VERSION, Application.KIND)
                .inNamespace("argocd").withName(app).get();
        return trees.tree(a).path("status");
    }

    static JsonNode operation(String app) {
        return status(app).path("operationState");
    }

    static JsonNode object(String apiVersion, String kind, String ns, String name) {
        GenericKubernetesResource o = client.genericKubernetesResources(apiVersion, kind).inNamespace(ns).withName(name).get();
        return o == null ? null : trees.tree(o);
    }

    static List<GenericKubernetesResource> jobs(String ns) {
        return client.genericKubernetesResources("batch/v1", "Job").inNamespace(ns).list().getItems();
    }

    static String deployment(String name, String annotations) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, annotations: {%s}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec: {containers: [{name: web, image: "nginx:1.25"}]}
                """.formatted(name, annotations);
    }

    static String job(String nameField, String annotations, String podAnnotations) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata: {%s, annotations: {%s}}
                spec:
                  backoffLimit: 0
                  template:
                    metadata: {annotations: {%s}}
                    spec: {restartPolicy: Never, containers: [{name: job, image: "busybox:1.36"}]}
                """.formatted(nameField, annotations, podAnnotations);
    }

    static final String AUTO = "{automated: {prune: true}, syncOptions: [CreateNamespace=true]}";

    @Test
    void aWaveStartsOnlyWhenThePreviousWaveIsHealthy() throws Exception {
        write("apps/waves/deploy.yaml", deployment("web", ""));
        write("apps/waves/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after, annotations: {argocd.argoproj.io/sync-wave: \"1\"}}\ndata: {k: v}\n");
        commit("waves");
        createApp("waves", AUTO, "");
        AtomicBoolean sawWaiting = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (operation("waves").path("message").asText().equals("waiting for healthy state of apps/Deployment/web")) {
                sawWaiting.set(true);
                assertThat(object("v1", "ConfigMap", "waves", "after")).as("wave 1 before wave 0 is healthy").isNull();
            }
            return "Succeeded".equals(operation("waves").path("phase").asText());
        });
        assertThat(sawWaiting).isTrue();
        JsonNode web = object("apps/v1", "Deployment", "waves", "web");
        JsonNode after = object("v1", "ConfigMap", "waves", "after");
        Instant available = null;
        for (JsonNode c : web.path("status").path("conditions")) {
            if ("Available".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                available = Instant.parse(c.path("lastTransitionTime").asText());
            }
        }
        assertThat(available).isNotNull();
        assertThat(Instant.parse(after.path("metadata").path("creationTimestamp").asText())).isAfterOrEqualTo(available);
    }

    @Test
    void aPreSyncJobRunsBeforeTheDeploymentAndIsDeletedWhenItSucceeds() throws Exception {
        write("apps/hooked/deploy.yaml", deployment("web", ""));
        write("apps/hooked/migrate.yaml", job("name: migrate",
                "argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded", ""));
        commit("hooked");
        createApp("hooked", AUTO, "");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> object("batch/v1", "Job", "hooked", "migrate") != null);
        assertThat(object("apps/v1", "Deployment", "hooked", "web")).as("the Deployment waits for the PreSync Job").isNull();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode op = operation("hooked");
            assertThat(op.path("phase").asText()).isEqualTo("Succeeded");
            assertThat(op.path("syncResult").path("resources").toString())
                    .contains("\"name\":\"migrate\"").contains("\"hookType\":\"PreSync\"");
        });
        assertThat(object("batch/v1", "Job", "hooked", "migrate")).as("HookSucceeded deleted it").isNull();
        assertThat(object("apps/v1", "Deployment", "hooked", "web")).isNotNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(status("hooked").path("sync").path("status").asText()).as("hooks are not part of sync status").isEqualTo("Synced");
            assertThat(status("hooked").path("resources").toString()).doesNotContain("migrate");
        });
    }

    @Test
    void aFailingPreSyncHookStopsTheSyncAndRunsTheSyncFailHook() throws Exception {
        write("apps/failing/deploy.yaml", deployment("web", ""));
        write("apps/failing/migrate.yaml", job("name: migrate", "argocd.argoproj.io/hook: PreSync",
                "sandbox.fairway.dev/behavior: fail, sandbox.fairway.dev/run-time: 1s"));
        write("apps/failing/on-fail.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: sync-failed, annotations: "
                + "{argocd.argoproj.io/hook: SyncFail}}\ndata: {k: v}\n");
        commit("failing");
        createApp("failing", AUTO, "");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode op = operation("failing");
            assertThat(op.path("phase").asText()).isEqualTo("Failed");
            assertThat(op.path("message").asText()).startsWith("one or more synchronization tasks completed unsuccessfully");
        });
        assertThat(object("v1", "ConfigMap", "failing", "sync-failed")).as("the SyncFail hook ran").isNotNull();
        assertThat(object("apps/v1", "Deployment", "failing", "web")).as("the sync stopped before the Sync phase").isNull();
        assertThat(status("failing").path("conditions").toString()).contains("SyncError");
    }

    @Test
    void aGenerateNameHookSurvivesAnEngineRestartWithoutADuplicate() throws Exception {
        write("apps/restart/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\n");
        write("apps/restart/migrate.yaml", job("generateName: migrate-", "argocd.argoproj.io/hook: PreSync",
                "sandbox.fairway.dev/run-time: 6s"));
        commit("restart");
        createApp("restart", AUTO, "");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !jobs("restart").isEmpty()
                && operation("restart").path("message").asText().startsWith("waiting for completion of hook"));
        String name = jobs("restart").get(0).getMetadata().getName();
        controller.close(); // the engine stops mid-operation
        controller = startController();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(operation("restart").path("phase").asText()).isEqualTo("Succeeded"));
        assertThat(jobs("restart")).extracting(j -> j.getMetadata().getName()).containsExactly(name);
        assertThat(object("v1", "ConfigMap", "restart", "cfg")).isNotNull();
    }

    @Test
    void terminatingARunningOperationStopsItAndDeletesTheRunningHook() throws Exception {
        write("apps/stopped/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\n");
        write("apps/stopped/slow.yaml", job("name: slow", "argocd.argoproj.io/hook: PreSync", "sandbox.fairway.dev/run-time: 120s"));
        commit("stopped");
        createApp("stopped", "{syncOptions: [CreateNamespace=true]}", "");
        patchApp("stopped", "{operation: {sync: {revision: main}, initiatedBy: {username: e2e}}}");
        await().atMost(Duration.ofSeconds(60)).until(() -> object("batch/v1", "Job", "stopped", "slow") != null
                && "Running".equals(operation("stopped").path("phase").asText()));
        assertThat(controller.terminateOperation("stopped")).isTrue();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode op = operation("stopped");
            assertThat(op.path("phase").asText()).isEqualTo("Failed");
            assertThat(op.path("message").asText()).isEqualTo("Operation terminated");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> object("batch/v1", "Job", "stopped", "slow") == null);
        assertThat(object("v1", "ConfigMap", "stopped", "cfg")).isNull();
        assertThat(controller.terminateOperation("stopped")).as("nothing runs any more").isFalse();
    }

    static int kubectl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", sandbox.kubeconfig().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + args[0] + " did not finish within 60s");
        }
        if (p.exitValue() != 0) {
            System.err.println("kubectl " + String.join(" ", args) + ":\n" + out);
        }
        return p.exitValue();
    }

    @Test
    void clientSideApplyKeepsLastAppliedSoThatKubectlApplyGoesOnFromIt() throws Exception {
        write("apps/csa/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: \"1\", b: \"2\"}\n");
        commit("csa");
        createApp("csa", "{syncOptions: [CreateNamespace=true, ServerSideApply=false]}", "");
        patchApp("csa", "{operation: {sync: {revision: main}}}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(operation("csa").path("phase").asText()).isEqualTo("Succeeded");
            JsonNode cm = object("v1", "ConfigMap", "csa", "cfg");
            assertThat(cm).isNotNull();
            String lastApplied = cm.path("metadata").path("annotations").path("kubectl.kubernetes.io/last-applied-configuration").asText();
            assertThat(Json.parse(lastApplied).path("data").toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(status("csa").path("sync").path("status").asText()).isEqualTo("Synced"));
        // a user takes over with kubectl: its three-way merge reads the engine's last-applied and removes b
        Path file = dir.resolve("csa-by-hand.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: csa}\ndata: {a: \"changed\"}\n");
        assertThat(kubectl("apply", "-f", file.toString())).isZero();
        assertThat(object("v1", "ConfigMap", "csa", "cfg").path("data").toString()).isEqualTo("{\"a\":\"changed\"}");
    }

    @Test
    void pruneFalseKeepsAnObjectThatLeftGit() throws Exception {
        write("apps/keep/kept.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept, annotations: "
                + "{argocd.argoproj.io/sync-options: Prune=false}}\ndata: {k: v}\n");
        write("apps/keep/dropped.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dropped}\ndata: {k: v}\n");
        write("apps/keep/stays.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: stays}\ndata: {k: v}\n");
        commit("keep");
        createApp("keep", AUTO, "");
        await().atMost(Duration.ofSeconds(60)).until(() -> object("v1", "ConfigMap", "keep", "dropped") != null
                && object("v1", "ConfigMap", "keep", "kept") != null);
        Files.delete(work.resolve("apps/keep/kept.yaml"));
        Files.delete(work.resolve("apps/keep/dropped.yaml"));
        commit("keep: remove two");
        refresh("keep");
        await().atMost(Duration.ofSeconds(60)).until(() -> object("v1", "ConfigMap", "keep", "dropped") == null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(operation("keep").path("syncResult").path("resources")
                .toString()).contains("ignored (no prune)"));
        assertThat(object("v1", "ConfigMap", "keep", "kept")).isNotNull();
    }

    @Test
    void forceReplaceRecreatesAJobWhoseTemplateChanged() throws Exception {
        write("apps/forced/job.yaml", job("name: once", "argocd.argoproj.io/sync-options: \"Force=true,Replace=true\"", ""));
        commit("forced");
        createApp("forced", AUTO, "");
        await().atMost(Duration.ofSeconds(60)).until(() -> "Succeeded".equals(operation("forced").path("phase").asText()));
        JsonNode first = object("batch/v1", "Job", "forced", "once");
        assertThat(first.path("metadata").path("managedFields").toString()).contains("\"operation\":\"Update\"");
        write("apps/forced/job.yaml", job("name: once", "argocd.argoproj.io/sync-options: \"Force=true,Replace=true\"", "")
                .replace("busybox:1.36", "busybox:1.37"));
        commit("forced: new image");
        refresh("forced");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode now = object("batch/v1", "Job", "forced", "once");
            assertThat(now).isNotNull();
            assertThat(now.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("busybox:1.37");
            assertThat(now.at("/metadata/uid").asText()).isNotEqualTo(first.at("/metadata/uid").asText());
        });
    }

    @Test
    void aSelectiveSyncAppliesOnlyTheNamedObject() throws Exception {
        write("apps/partial/one.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\ndata: {k: v}\n");
        write("apps/partial/two.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two}\ndata: {k: v}\n");
        write("apps/partial/hook.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hook-ran, annotations: "
                + "{argocd.argoproj.io/hook: PreSync}}\ndata: {k: v}\n");
        commit("partial");
        createApp("partial", "{syncOptions: [CreateNamespace=true]}", "");
        patchApp("partial", "{operation: {sync: {revision: main, prune: true, resources: [{kind: ConfigMap, name: one, namespace: partial}]}}}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(operation("partial").path("phase").asText()).isEqualTo("Succeeded");
            assertThat(object("v1", "ConfigMap", "partial", "one")).isNotNull();
        });
        assertThat(object("v1", "ConfigMap", "partial", "two")).isNull();
        assertThat(object("v1", "ConfigMap", "partial", "hook-ran")).as("a selective sync skips hooks").isNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(status("partial").path("sync").path("status").asText()).isEqualTo("OutOfSync"));
    }

    @Test
    void aJqExpressionKeepsAFieldChangedByHandOutOfTheDiff() throws Exception {
        write("apps/jq/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v, tuned: git}\n");
        commit("jq");
        createApp("jq", "{automated: {prune: true, selfHeal: true}, syncOptions: [CreateNamespace=true]}",
                "  ignoreDifferences: [{kind: ConfigMap, jqPathExpressions: [\".data | .tuned\"]}]");
        await().atMost(Duration.ofSeconds(60)).until(() -> "Synced".equals(status("jq").path("sync").path("status").asText())
                && object("v1", "ConfigMap", "jq", "cfg") != null);
        client.genericKubernetesResources("v1", "ConfigMap").inNamespace("jq").withName("cfg")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"tuned\":\"by-hand\"}}");
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20)).until(() ->
                "by-hand".equals(object("v1", "ConfigMap", "jq", "cfg").at("/data/tuned").asText())
                        && "Synced".equals(status("jq").path("sync").path("status").asText()));
        // a field the expression does not name is still drift, and selfHeal reverts it
        client.genericKubernetesResources("v1", "ConfigMap").inNamespace("jq").withName("cfg")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"by-hand\"}}");
        await().atMost(Duration.ofSeconds(60)).until(() -> "v".equals(object("v1", "ConfigMap", "jq", "cfg").at("/data/k").asText()));
    }

    @Test
    void aJqExpressionThatDoesNotParseIsAnInvalidSpecError() {
        createApp("badjq", AUTO, "  ignoreDifferences: [{kind: ConfigMap, jqPathExpressions: [\".data[\"]}]");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status("badjq").path("conditions").toString())
                .contains("InvalidSpecError").contains("spec.ignoreDifferences[0].jqPathExpressions[0]: cannot parse jq expression"));
    }

    @Test
    void unknownFieldsAreRefusedUnlessValidateIsFalse() throws Exception {
        String withTypo = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\ndtaa: {typo: here}\n";
        write("apps/strict/cm.yaml", withTypo);
        write("apps/lenient/cm.yaml", withTypo);
        commit("validate");
        createApp("strict", AUTO, "");
        createApp("lenient", "{automated: {prune: true}, syncOptions: [CreateNamespace=true, Validate=false]}", "");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode op = operation("strict");
            assertThat(op.path("phase").asText()).isEqualTo("Failed");
            assertThat(op.path("message").asText()).contains("dtaa");
            assertThat(operation("lenient").path("phase").asText()).isEqualTo("Succeeded");
        });
        assertThat(object("v1", "ConfigMap", "lenient", "cfg").path("data").path("k").asText()).isEqualTo("v");
        assertThat(object("v1", "ConfigMap", "strict", "cfg")).isNull();
    }
}
