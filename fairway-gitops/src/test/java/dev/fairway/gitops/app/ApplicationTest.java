package dev.fairway.gitops.app;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApplicationTest {

    private static final String FULL = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: shop, namespace: argocd}
            spec:
              project: team-a
              source:
                repoURL: https://example.com/shop.git
                path: deploy
                targetRevision: main
                kustomize:
                  namePrefix: dev-
                  images: [nginx=nginx:1.27]
                  replicas: [{name: web, count: 3}, {name: api, count: "2"}]
                  commonLabels: {team: a}
                  patches: [{target: {kind: Deployment}, patch: "- op: remove"}]
                  components: [../c]
              destination: {server: https://kubernetes.default.svc, namespace: shop}
              syncPolicy:
                automated: {prune: true, selfHeal: true}
                syncOptions: [CreateNamespace=true, ApplyOutOfSyncOnly=true]
                retry: {limit: 5, backoff: {duration: 10s, factor: 3, maxDuration: 1m30s}}
              ignoreDifferences:
                - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}
              revisionHistoryLimit: 3
              helmUnknownField: kept
            """;

    @Test
    void readsEveryFieldTheEngineUses() {
        Application app = Application.parse(yaml(FULL));
        assertThat(app.key()).isEqualTo("argocd/shop");
        assertThat(app.project()).isEqualTo("team-a");
        assertThat(app.source().repoURL()).isEqualTo("https://example.com/shop.git");
        assertThat(app.source().targetRevision()).isEqualTo("main");
        SourceKustomize k = app.source().kustomize().orElseThrow();
        assertThat(k.namePrefix()).isEqualTo("dev-");
        assertThat(k.replicas()).containsExactly(new SourceKustomize.Replicas("web", 3), new SourceKustomize.Replicas("api", 2));
        assertThat(k.commonLabels()).containsEntry("team", "a");
        assertThat(k.patches()).hasSize(1);
        assertThat(app.source().declaredType()).contains("Kustomize");
        assertThat(app.destination().isInCluster()).isTrue();
        assertThat(app.destination().namespace()).isEqualTo("shop");
        assertThat(app.syncPolicy().automated()).contains(new AutomatedSync(true, true, false));
        assertThat(app.syncOptions().isTrue("CreateNamespace")).isTrue();
        assertThat(app.syncOptions().isTrue("Replace")).isFalse();
        RetryStrategy retry = app.syncPolicy().retry().orElseThrow();
        assertThat(retry.limit()).isEqualTo(5);
        assertThat(retry.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delay(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.delay(5)).isEqualTo(Duration.ofSeconds(90));
        assertThat(app.ignoreDifferences()).singleElement().satisfies(rule -> {
            assertThat(rule.jsonPointers()).containsExactly("/spec/replicas");
            assertThat(rule.matches(yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: x}}"))).isTrue();
            assertThat(rule.matches(yaml("{apiVersion: v1, kind: Service, metadata: {name: x}}"))).isFalse();
        });
        assertThat(app.revisionHistoryLimit()).isEqualTo(3);
    }

    @Test
    void fillsArgoCdDefaults() {
        Application app = Application.parse(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: a, namespace: argocd}
                spec:
                  source: {repoURL: file:///repo}
                  destination: {name: in-cluster}
                """));
        assertThat(app.project()).isEqualTo("default");
        assertThat(app.source().targetRevision()).isEqualTo("HEAD");
        assertThat(app.source().path()).isEmpty();
        assertThat(app.isAutomated()).isFalse();
        assertThat(app.revisionHistoryLimit()).isEqualTo(10);
        assertThat(app.source().declaredType()).isEmpty();
    }

    private static void rejects(String spec, String message) {
        String text = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a, namespace: argocd}\n" + spec;
        assertThatThrownBy(() -> Application.parse(yaml(text))).isInstanceOf(InvalidSpecError.class).hasMessage(message);
    }

    @Test
    void namesTheFieldOfEveryMistake() {
        rejects("", "spec: required; give source, destination and project");
        rejects("spec: {destination: {server: x}}", "spec.source: required; give repoURL, path and targetRevision");
        rejects("spec: {source: {path: x}, destination: {server: x}}",
                "spec.source.repoURL: required; give the git repository URL");
        rejects("spec: {source: {repoURL: 42}, destination: {server: x}}", "spec.source.repoURL: must be a string, not the number 42");
        rejects("spec: {source: {repoURL: r}}", "spec.destination: required; give server (or name) and namespace");
        rejects("spec: {source: {repoURL: r}, destination: {namespace: x}}",
                "spec.destination: give either server (e.g. https://kubernetes.default.svc) or name (e.g. in-cluster)");
        rejects("spec: {source: {repoURL: r}, destination: {server: s, name: n}}", "spec.destination: give either server or name, not both");
        rejects("spec: {source: {repoURL: r}, destination: {server: s}, syncPolicy: {automated: {prune: \"yes\"}}}",
                "spec.syncPolicy.automated.prune: must be true or false, not the string \"yes\"");
        rejects("spec: {source: {repoURL: r}, destination: {server: s}, syncPolicy: {syncOptions: [CreateNamespace]}}",
                "spec.syncPolicy.syncOptions[0]: must be Name=value (e.g. CreateNamespace=true), not \"CreateNamespace\"");
        rejects("spec: {source: {repoURL: r}, destination: {server: s}, syncPolicy: {syncOptions: [Validate=true, ServerSideApply=no]}}",
                "spec.syncPolicy.syncOptions[1]: ServerSideApply must be true or false, not \"no\"");
        rejects("spec: {source: {repoURL: r}, destination: {server: s}, syncPolicy: {syncOptions: [PrunePropagationPolicy=later]}}",
                "spec.syncPolicy.syncOptions[0]: PrunePropagationPolicy must be foreground, background or orphan, not \"later\"");
        rejects("spec: {source: {repoURL: r}, destination: {server: s}, syncPolicy: {retry: {backoff: {duration: soon}}}}",
                "spec.syncPolicy.retry.backoff.duration: must be a duration such as 5s, 2m or 1h30m, not \"soon\"");
        rejects("spec: {source: {repoURL: r}, destination: {server: s}, ignoreDifferences: [{jsonPointers: [/a]}]}",
                "spec.ignoreDifferences[0].kind: required; name the kind the rule applies to, e.g. Deployment");
        rejects("spec: {source: {repoURL: r}, destination: {server: s}, ignoreDifferences: [{kind: D, jsonPointers: [spec]}]}",
                "spec.ignoreDifferences[0].jsonPointers[0]: a JSON pointer starts with '/', e.g. /spec/replicas, not \"spec\"");
        rejects("spec: {source: {repoURL: r, kustomize: {replicas: [{name: w, count: many}]}}, destination: {server: s}}",
                "spec.source.kustomize.replicas[0].count: must be a non-negative whole number, not the string \"many\"");
        rejects("spec: {source: {repoURL: r, directory: {recurse: 1}}, destination: {server: s}}",
                "spec.source.directory.recurse: must be true or false, not the number 1");
        rejects("spec: {source: {repoURL: r}, destination: {server: s}, revisionHistoryLimit: -1}",
                "spec.revisionHistoryLimit: must be between 0 and 1000, not -1");
    }

    @Test
    void refusesOtherKinds() {
        assertThatThrownBy(() -> Application.parse(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}")))
                .hasMessage("apiVersion/kind: expected argoproj.io/v1alpha1 Application, not v1 ConfigMap");
    }

    @Test
    void readsPerObjectSyncOptionsAnnotation() {
        SyncOptions options = SyncOptions.fromAnnotation("Prune=false, Replace=true");
        assertThat(options.isFalse("Prune")).isTrue();
        assertThat(options.isTrue("replace")).isTrue();
        assertThat(SyncOptions.fromAnnotation(null).entries()).isEmpty();
    }
}
