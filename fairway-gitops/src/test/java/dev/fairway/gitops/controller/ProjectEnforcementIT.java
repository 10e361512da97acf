package dev.fairway.gitops.controller;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.cluster.KubeTrees;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AppProject rules enforced by the running controller: a repository that tries to escape its
 * project gets nothing applied (not even its harmless objects), a project created after its
 * application wakes it, and a deny window holds automated and manual syncs.
 */
class ProjectEnforcementIT {

    @TempDir
    static Path dir;
    static EngineHarness engine;
    static KubernetesClient client;
    static ApplicationController controller;
    static KubeTrees trees;
    static final Map<String, List<ObjectNode>> git = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        DesiredStateSource source = EngineHarness.source(git);
        // a long resync: what wakes the applications here must be the project's own change
        engine = EngineHarness.start("projects-it", dir, source, ControllerSettings.defaults().withResyncPeriod(Duration.ofMinutes(10)));
        client = engine.client;
        controller = engine.controller;
        trees = engine.trees;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static void project(String name, String spec) {
        ObjectNode p = yaml("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: " + name + ", namespace: argocd}\nspec:\n" + spec);
        client.genericKubernetesResources(Application.API_VERSION, "AppProject").inNamespace("argocd").resource(trees.resource(p))
                .forceConflicts().serverSideApply();
    }

    static void app(String name, String project, String repo, String namespace, boolean automated) {
        ObjectNode app = yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: %s
                  source: {repoURL: "%s", path: apps/%1$s, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: %s}
                  syncPolicy: %s
                """.formatted(name, project, repo, namespace, automated ? "{automated: {prune: true}, syncOptions: [CreateNamespace=true]}"
                        : "{syncOptions: [CreateNamespace=true]}"));
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd")
                .resource(trees.resource(app)).create();
    }

    static JsonNode status(String name) {
        return engine.status(name);
    }

    static String conditions(String name) {
        return status(name).path("conditions").toString();
    }

    static boolean exists(String apiVersion, String kind, String ns, String name) {
        var r = client.genericKubernetesResources(apiVersion, kind);
        return (ns == null ? r.withName(name).get() : r.inNamespace(ns).withName(name).get()) != null;
    }

    static ObjectNode configMap(String ns, String name) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: " + ns + "}, data: {a: b}}");
    }

    static final String TEAM = """
              sourceRepos: ["https://example.com/team.git"]
              destinations: [{server: "https://kubernetes.default.svc", namespace: team}]
            """;

    @Test
    void aHostileObjectKeepsTheWholeAppFromSyncingUntilItIsGone() {
        project("team", TEAM);
        git.put("escape", List.of(configMap("team", "settings"),
                yaml("""
                        {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: team-admin},
                         roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin},
                         subjects: [{kind: ServiceAccount, name: default, namespace: team}]}"""),
                configMap("kube-system", "planted")));
        app("escape", "team", "https://example.com/team.git", "team", true);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("escape"))
                .contains("InvalidSpecError").contains("ClusterRoleBinding").contains("team-admin")
                .contains("kube-system").contains("planted"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(exists("v1", "ConfigMap", "team", "settings")).as("no partial escape: the harmless object waits too").isFalse();
            assertThat(exists("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "team-admin")).isFalse();
            assertThat(exists("v1", "ConfigMap", "kube-system", "planted")).isFalse();
        });

        git.put("escape", List.of(configMap("team", "settings")));
        controller.refresh("escape");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(exists("v1", "ConfigMap", "team", "settings")).isTrue();
            assertThat(status("escape").path("sync").path("status").asText()).isEqualTo("Synced");
            assertThat(conditions("escape")).doesNotContain("InvalidSpecError");
        });
    }

    @Test
    void aRepositoryOutsideTheProjectIsAnInvalidSpec() {
        project("team", TEAM);
        git.put("wrong-repo", List.of(configMap("team", "other")));
        app("wrong-repo", "team", "https://example.com/other.git", "team", true);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("wrong-repo"))
                .contains("InvalidSpecError").contains("spec.source.repoURL").contains("https://example.com/other.git")
                .contains("is not permitted in project"));
        assertThat(exists("v1", "ConfigMap", "team", "other")).isFalse();
    }

    @Test
    void aProjectCreatedAfterItsApplicationWakesItAtOnce() {
        git.put("late", List.of(configMap("late", "settings")));
        app("late", "late-project", "https://example.com/late.git", "late", true);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("late")).contains("late-project which does not exist"));
        project("late-project", """
                  sourceRepos: ["*"]
                  destinations: [{server: "*", namespace: late}]
                """);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(exists("v1", "ConfigMap", "late", "settings")).isTrue());
    }

    @Test
    void aDenyWindowHoldsAutomatedAndManualSyncs() {
        project("frozen", """
                  sourceRepos: ["*"]
                  destinations: [{server: "*", namespace: frozen}]
                  syncWindows: [{kind: deny, schedule: "* * * * *", duration: 1h, applications: ["*"]}]
                """);
        git.put("frozen-app", List.of(configMap("frozen", "settings")));
        app("frozen-app", "frozen", "https://example.com/frozen.git", "frozen", true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status("frozen-app").path("sync").path("status").asText())
                .isEqualTo("OutOfSync"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(exists("v1", "ConfigMap", "frozen", "settings")).isFalse());
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd").withName("frozen-app")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"operation\":{\"sync\":{},\"initiatedBy\":{\"username\":\"admin\"}}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode op = status("frozen-app").path("operationState");
            assertThat(op.path("phase").asText()).isEqualTo("Failed");
            assertThat(op.path("message").asText()).contains("blocked by sync window");
        });
        assertThat(exists("v1", "ConfigMap", "frozen", "settings")).isFalse();
    }
}
