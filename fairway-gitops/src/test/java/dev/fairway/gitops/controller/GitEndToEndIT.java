package dev.fairway.gitops.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.repo.UrlRewrite;
import dev.fairway.gitops.repo.UrlRewriteRules;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as `fairway server` assembles it (real git repository, JGit cache, renderers with
 * the real kubectl kustomize, controller) against a sandbox: the flows of issue 4 that need git.
 */
class GitEndToEndIT {

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static KubernetesClient client;
    static GitDesiredState source;
    static ApplicationController controller;
    static KubeTrees trees;
    static Git repo;
    static Path work;

    static final String REPO_URL = "https://github.com/fairway-dev/e2e.git";

    @BeforeAll
    static void start() throws Exception {
        work = dir.resolve("repo");
        repo = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        write("apps/plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {v: \"1\"}\n");
        write("apps/kustom/base/deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "nginx:1.25"}]}
                """);
        write("apps/kustom/base/kustomization.yaml", "resources: [deploy.yaml]\n");
        write("apps/crd/crd.yaml", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gadgets.e2e.example.com}
                spec:
                  group: e2e.example.com
                  scope: Namespaced
                  names: {plural: gadgets, singular: gadget, kind: Gadget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """);
        write("apps/crd/gadget.yaml", "apiVersion: e2e.example.com/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {size: 2}\n");
        commit("first");

        sandbox = Sandbox.start(new Sandbox.Config("git-e2e", dir.resolve("sandbox"), 0, null, false));
        Config config = Config.fromKubeconfig(sandbox.kubeconfig().toFile());
        config.setWatchReconnectInterval(200);
        client = new KubernetesClientBuilder().withConfig(config).build();
        trees = new KubeTrees(client.getKubernetesSerialization());
        ArgoCdResources.install(client, "argocd", Duration.ofSeconds(30));
        source = new GitDesiredState(dir.resolve("engine"),
                new UrlRewriteRules(List.of(new UrlRewrite(REPO_URL, work.toString()))), () -> dev.fairway.gitops.repo.RepositoryCredentials.none());
        controller = new ApplicationController(client, source, HealthAssessor.argoCd(),
                ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(3)), Clock.systemUTC());
        controller.start();
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

    static String commit(String message) throws Exception {
        repo.add().addFilepattern(".").call();
        return repo.commit().setMessage(message).setAuthor("e2e", "e2e@fairway.dev").setCommitter("e2e", "e2e@fairway.dev").call().getName();
    }

    static void createApp(String name, String repoUrl, String path, String revision, String extraSource) {
        ObjectNode app = (ObjectNode) yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: "%s", path: %s, targetRevision: %s %s}
                  destination: {server: "https://kubernetes.default.svc", namespace: %1$s}
                  syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
                """.formatted(name, repoUrl, path, revision, extraSource));
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd")
                .resource(trees.resource(app)).create();
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

    static JsonNode object(String apiVersion, String kind, String ns, String name) {
        GenericKubernetesResource o = client.genericKubernetesResources(apiVersion, kind).inNamespace(ns).withName(name).get();
        return o == null ? null : trees.tree(o);
    }

    @Test
    void aNewCommitIsAppliedAfterARefresh() throws Exception {
        createApp("plain", REPO_URL, "apps/plain", "main", "");
        await().atMost(Duration.ofSeconds(60)).until(() -> "Synced".equals(status("plain").path("sync").path("status").asText())
                && object("v1", "ConfigMap", "plain", "plain") != null);
        write("apps/plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {v: \"2\"}\n");
        String sha = commit("second");
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("annotations").put("argocd.argoproj.io/refresh", "normal");
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").withName("plain")
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        Json.write(patch));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(object("v1", "ConfigMap", "plain", "plain").path("data").path("v").asText()).isEqualTo("2");
            assertThat(status("plain").path("sync").path("revision").asText()).isEqualTo(sha);
        });
    }

    @Test
    void aRollbackSyncsTheHistoryEntrysCommitNotTheBranch() throws Exception {
        write("apps/rollback/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: red}\n");
        String red = commit("red");
        createApp("rollback", REPO_URL, "apps/rollback", "main", "");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status("rollback").path("history").toString()).contains(red));
        write("apps/rollback/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: blue}\n");
        String blue = commit("blue");
        var apps = client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd");
        var merge = io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE);
        apps.withName("rollback").patch(merge, "{\"metadata\":{\"annotations\":{\"argocd.argoproj.io/refresh\":\"normal\"}}}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(object("v1", "ConfigMap", "rollback", "settings").path("data").path("color").asText()).isEqualTo("blue"));

        // as 'fairway app rollback' (and Argo CD's): automated sync off, then an operation for the old commit
        apps.withName("rollback").patch(merge, "{\"spec\":{\"syncPolicy\":{\"automated\":null}}}");
        apps.withName("rollback").patch(merge, "{\"operation\":{\"sync\":{\"revision\":\"" + red + "\"},\"initiatedBy\":{\"username\":\"admin\"}}}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(object("v1", "ConfigMap", "rollback", "settings").path("data").path("color").asText()).isEqualTo("red");
            JsonNode history = status("rollback").path("history");
            assertThat(history.get(history.size() - 1).path("revision").asText()).isEqualTo(red);
            assertThat(status("rollback").path("sync").path("status").asText()).as("git still says blue").isEqualTo("OutOfSync");
            assertThat(status("rollback").path("sync").path("revision").asText()).isEqualTo(blue);
        });
    }

    @Test
    void kustomizeOptionsOfTheAppAreApplied() {
        createApp("kustom", REPO_URL, "apps/kustom/base", "main",
                ", kustomize: {namePrefix: prod-, images: [\"nginx=nginx:1.27\"], commonLabels: {team: idp}}");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode d = object("apps/v1", "Deployment", "kustom", "prod-web");
            assertThat(d).isNotNull();
            assertThat(d.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText()).isEqualTo("nginx:1.27");
            assertThat(d.path("metadata").path("labels").path("team").asText()).isEqualTo("idp");
            assertThat(status("kustom").path("sourceType").asText()).isNotEmpty();
        });
    }

    @Test
    void aCrdAndItsCustomResourcesSyncInOneApp() {
        createApp("crd", REPO_URL, "apps/crd", "main", "");
        // the Gadget kind is unknown to the client until the engine has created its CRD
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            assertThat(object("e2e.example.com/v1", "Gadget", "crd", "g1")).isNotNull();
            assertThat(status("crd").path("sync").path("status").asText()).isEqualTo("Synced");
        });
    }

    @Test
    void aMissingRepositoryOrRevisionIsAComparisonErrorThatSaysWhich() {
        createApp("norepo", "https://github.com/fairway-dev/does-not-exist.git", "apps/plain", "main", "");
        createApp("norev", REPO_URL, "apps/plain", "no-such-branch", "");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode noRepo = status("norepo");
            assertThat(noRepo.path("conditions").toString()).contains("ComparisonError").contains("does-not-exist");
            JsonNode noRev = status("norev");
            assertThat(noRev.path("conditions").toString()).contains("ComparisonError").contains("no-such-branch");
        });
    }
}
