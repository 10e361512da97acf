package dev.fairway.gitops.controller;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.clusters.ClusterSecret;
import dev.fairway.gitops.clusters.KubeconfigContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile repository for project {@code team-a} (destination namespace {@code team-a} on the
 * engine's own cluster, cluster-scoped kinds only Namespace, Secrets blacklisted), one trick per
 * application, each with a harmless ConfigMap beside it. Nothing of any of them may reach the
 * cluster, and each app's conditions name the object and the project rule it broke.
 */
class ProjectAdversarialIT {

    @TempDir
    static Path dir;
    static EngineHarness engine;
    static KubernetesClient client;
    static KubeTrees trees;
    static final Map<String, List<ObjectNode>> git = new ConcurrentHashMap<>();

    static final String REPO = "https://example.com/team-a.git";

    @BeforeAll
    static void start() throws Exception {
        // what the renderer gives (for the kustomize case: the objects after its namespace override)
        DesiredStateSource source = EngineHarness.source(git);
        engine = EngineHarness.start("adversarial-it", dir, source, ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(5)));
        client = engine.client;
        trees = engine.trees;
        ObjectNode project = yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team-a, namespace: argocd}
                spec:
                  sourceRepos: ["%s"]
                  destinations: [{server: "https://kubernetes.default.svc", namespace: team-a}]
                  clusterResourceWhitelist: [{group: "", kind: Namespace}]
                  namespaceResourceBlacklist: [{group: "", kind: Secret}]
                """.formatted(REPO));
        client.genericKubernetesResources(Application.API_VERSION, "AppProject").inNamespace("argocd")
                .resource(trees.resource(project)).create();
        // a second cluster the engine knows (the same sandbox under another server address): team-a may not use it
        ClusterSecret prod = KubeconfigContext.read(engine.sandbox.kubeconfig(), null).toClusterSecret("prod", null, List.of(), false);
        client.resource(trees.resource(prod.toSecret("argocd", ClusterSecret.secretNameFor("prod")))).create();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** An automated team-a app whose repository holds {@code hostile} and a harmless ConfigMap. */
    static void app(String name, String repo, String destination, ObjectNode... hostile) {
        List<ObjectNode> objects = new ArrayList<>(List.of(hostile));
        objects.add(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + "-harmless, namespace: team-a}, data: {a: b}}"));
        git.put(name, objects);
        ObjectNode app = yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: team-a
                  source: {repoURL: "%s", path: apps/%1$s, targetRevision: main}
                  destination: {%s, namespace: team-a}
                  syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: [CreateNamespace=true]}
                """.formatted(name, repo, destination));
        client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace("argocd")
                .resource(trees.resource(app)).create();
    }

    static void app(String name, ObjectNode... hostile) {
        app(name, REPO, "server: \"https://kubernetes.default.svc\"", hostile);
    }

    static String conditions(String name) {
        return engine.status(name).path("conditions").toString();
    }

    static boolean exists(String apiVersion, String kind, String ns, String name) {
        var r = client.genericKubernetesResources(apiVersion, kind);
        return (ns == null ? r.withName(name).get() : r.inNamespace(ns).withName(name).get()) != null;
    }

    /** Neither the hostile object nor the app's harmless one appears, for a few seconds of automated syncing. */
    static void nothingReachesTheCluster(String app, String apiVersion, String kind, String ns, String name) {
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(exists(apiVersion, kind, ns, name)).as(kind + " " + name).isFalse();
            assertThat(exists("v1", "ConfigMap", "team-a", app + "-harmless")).as("no partial escape").isFalse();
        });
        assertThat(engine.status(app).path("operationState").path("phase").asText("")).isNotEqualTo("Succeeded");
    }

    @Test
    void aClusterRoleBindingToClusterAdminIsRefused() {
        app("crb", yaml("""
                {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: team-a-root},
                 roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin},
                 subjects: [{kind: ServiceAccount, name: default, namespace: team-a}]}"""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("crb"))
                .contains("InvalidSpecError").contains("ClusterRoleBinding").contains("team-a-root")
                .contains("resource rbac.authorization.k8s.io:ClusterRoleBinding is not permitted in project team-a"));
        nothingReachesTheCluster("crb", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "team-a-root");
    }

    @Test
    void anObjectInKubeSystemIsRefused() {
        app("kube-system", yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: planted, namespace: kube-system}, data: {a: b}}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("kube-system"))
                .contains("InvalidSpecError").contains("ConfigMap/kube-system/planted")
                .contains("namespace kube-system is not permitted in project 'team-a'"));
        nothingReachesTheCluster("kube-system", "v1", "ConfigMap", "kube-system", "planted");
    }

    @Test
    void aBlacklistedKindWithoutNamespaceIsRefusedInAnAllowedDestination() {
        app("blacklisted", yaml("{apiVersion: v1, kind: Secret, metadata: {name: stolen}, stringData: {token: x}}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("blacklisted"))
                .contains("InvalidSpecError").contains("stolen").contains("resource :Secret is not permitted in project team-a"));
        nothingReachesTheCluster("blacklisted", "v1", "Secret", "team-a", "stolen");
    }

    @Test
    void aKustomizeNamespaceOverrideMovingObjectsElsewhereIsRefused() {
        // `namespace: team-b` in kustomization.yaml: the rendered objects all name team-b
        app("kustomized", yaml("{apiVersion: v1, kind: Service, metadata: {name: web, namespace: team-b}, spec: {ports: [{port: 80}]}}"),
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: web-config, namespace: team-b}, data: {a: b}}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("kustomized"))
                .contains("Service/team-b/web").contains("ConfigMap/team-b/web-config")
                .contains("namespace team-b is not permitted in project 'team-a'"));
        nothingReachesTheCluster("kustomized", "v1", "Service", "team-b", "web");
        assertThat(exists("v1", "ConfigMap", "team-b", "web-config")).isFalse();
    }

    @Test
    void aChildApplicationInProjectDefaultIsRefused() {
        ObjectNode child = yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: escalate, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: "https://example.com/evil.git", path: ".", targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: kube-system}
                """);
        git.put("escalate", List.of(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: escalated, namespace: kube-system}}")));
        app("parent-of-escalate", child);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("parent-of-escalate"))
                .contains("InvalidSpecError").contains("Application.argoproj.io/argocd/escalate")
                .contains("namespace argocd is not permitted in project 'team-a'"));
        nothingReachesTheCluster("parent-of-escalate", Application.API_VERSION, Application.KIND, "argocd", "escalate");
        assertThat(exists("v1", "ConfigMap", "kube-system", "escalated")).isFalse();
    }

    @Test
    void aRepositoryNotInSourceReposIsRefused() {
        app("other-repo", "https://example.com/someone-else.git", "server: \"https://kubernetes.default.svc\"");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("other-repo"))
                .contains("InvalidSpecError").contains("spec.source.repoURL")
                .contains("application repo https://example.com/someone-else.git is not permitted in project 'team-a'"));
        nothingReachesTheCluster("other-repo", "v1", "ConfigMap", "team-a", "other-repo-harmless");
    }

    @Test
    void aDestinationOnASecondClusterIsRefused() {
        app("second-cluster", REPO, "name: prod");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(conditions("second-cluster"))
                .contains("InvalidSpecError").contains("spec.destination")
                .contains("application destination server 'prod' and namespace 'team-a' do not match any of the allowed destinations in project 'team-a'"));
        nothingReachesTheCluster("second-cluster", "v1", "ConfigMap", "team-a", "second-cluster-harmless");
    }
}
