package dev.fairway.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import dev.fairway.kube.yaml.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds with the real {@code kubectl kustomize}; a machine without kubectl fails here, never skips. */
class KustomizeRendererTest {

    @TempDir
    Path repo;

    @TempDir
    Path scratch;

    private KustomizeRenderer renderer;

    @BeforeAll
    static void kubectlIsInstalled() throws Exception {
        try {
            Process version = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            if (version.waitFor() != 0) {
                fail("kubectl version --client failed; reinstall kubectl");
            }
        } catch (java.io.IOException e) {
            fail("kubectl is not on the PATH; these tests run the real kubectl kustomize. Install it:"
                    + " apt-get install -y kubectl (or download it from the Kubernetes release page)", e);
        }
    }

    @BeforeEach
    void files() {
        renderer = KustomizeRenderer.kubectl(Duration.ofSeconds(60), scratch);
        Files2.write(repo, Map.of(
                "base/kustomization.yaml", "resources:\n- deploy.yaml\n- cm.yaml\n",
                "base/deploy.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          replicas: 1
                          selector:
                            matchLabels: {app: web}
                          template:
                            metadata:
                              labels: {app: web}
                            spec:
                              containers:
                              - name: web
                                image: nginx:1.25
                        """,
                "base/cm.yaml", Files2.configMap("settings"),
                "overlays/prod/kustomization.yaml", "# comments survive only in the repository\nresources:\n- ../../base\n",
                "overlays/prod/components/extra/kustomization.yaml", """
                        apiVersion: kustomize.config.k8s.io/v1alpha1
                        kind: Component
                        resources:
                        - extra.yaml
                        """,
                "overlays/prod/components/extra/extra.yaml", Files2.configMap("extra")));
    }

    private List<Manifest> render(KustomizeOptions options, String namespace) {
        SourceOptions source = new SourceOptions("app", Optional.empty(), Optional.ofNullable(options), Optional.empty());
        return renderer.render(new RenderRequest(repo, "sha", "overlays/prod", source, namespace));
    }

    private static ObjectNode find(List<Manifest> manifests, String kind) {
        return manifests.stream().map(Manifest::object).filter(o -> kind.equals(Meta.kind(o))).findFirst().orElseThrow();
    }

    @Test
    void buildsWithoutOptionsInPlace() {
        List<Manifest> manifests = render(null, "");

        assertThat(manifests).extracting(m -> Meta.name(m.object())).containsExactlyInAnyOrder("web", "settings");
        assertThat(manifests).allSatisfy(m -> assertThat(m.location()).isEqualTo("overlays/prod/kustomization.yaml:1"));
    }

    @Test
    void appliesImagesNamePrefixNamespaceAndCommonLabels() throws Exception {
        KustomizeOptions options = new KustomizeOptions("prod-", "-v2",
                List.of("nginx=registry.example.com/nginx:1.27"), List.of(new KustomizeOptions.Replica("web", "3")),
                Map.of("team", "payments"), false, false, false, Map.of("owner", "ops"), false, "shop", List.of(),
                List.of("components/extra"), false);

        List<Manifest> manifests = render(options, "");

        ObjectNode deployment = find(manifests, "Deployment");
        assertThat(Meta.name(deployment)).isEqualTo("prod-web-v2");
        assertThat(Meta.namespace(deployment)).isEqualTo("shop");
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/nginx:1.27");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/metadata/labels/team").asText()).isEqualTo("payments");
        assertThat(deployment.at("/spec/selector/matchLabels/team").asText()).as("commonLabels reach selectors")
                .isEqualTo("payments");
        assertThat(deployment.at("/metadata/annotations/owner").asText()).isEqualTo("ops");
        assertThat(manifests).extracting(m -> Meta.name(m.object())).contains("prod-extra-v2");
        assertThat(Files.readString(repo.resolve("overlays/prod/kustomization.yaml")))
                .as("the snapshot is never edited").doesNotContain("namePrefix");
        try (var left = Files.list(scratch)) {
            assertThat(left).as("temporary copies are removed").isEmpty();
        }
    }

    @Test
    void patchesAreAppended() throws Exception {
        ObjectNode patch = (ObjectNode) dev.fairway.kube.Json.parse("""
                {"target": {"kind": "Deployment", "name": "web"},
                 "patch": "- op: replace\\n  path: /spec/replicas\\n  value: 5\\n"}""");
        KustomizeOptions options = new KustomizeOptions("", "", List.of(), List.of(), Map.of(), false, false, false,
                Map.of(), false, "", List.of(patch), List.of(), false);

        assertThat(find(render(options, ""), "Deployment").at("/spec/replicas").asInt()).isEqualTo(5);
    }

    @Test
    void aFailedBuildShowsKustomizesErrorWithTheKustomization() {
        Files2.write(repo, Map.of("overlays/prod/kustomization.yaml", "resources:\n- ../../missing\n"));

        assertThatThrownBy(() -> render(null, ""))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.file()).isEqualTo("overlays/prod/kustomization.yaml"))
                .hasMessageStartingWith("overlays/prod/kustomization.yaml: kustomize build failed: ")
                .hasMessageContaining("missing");
    }

    @Test
    void aMissingBinaryIsAClearError() {
        KustomizeRenderer missing = KustomizeRenderer.binary(Path.of("/nonexistent/kustomize"), Duration.ofSeconds(5),
                scratch);
        assertThatThrownBy(() -> missing.render(new RenderRequest(repo, "sha", "base", SourceOptions.none(), "")))
                .hasMessageContaining("base/kustomization.yaml: /nonexistent/kustomize is not available on this"
                        + " machine");
    }

    @Test
    void aMissingComponentIsAnErrorUnlessIgnored() {
        KustomizeOptions missing = new KustomizeOptions("", "", List.of(), List.of(), Map.of(), false, false, false,
                Map.of(), false, "", List.of(), List.of("components/nope"), false);
        assertThatThrownBy(() -> render(missing, "")).hasMessageContaining("component components/nope");

        KustomizeOptions ignored = new KustomizeOptions("", "", List.of(), List.of(), Map.of(), false, false, false,
                Map.of(), false, "", List.of(), List.of("components/nope"), true);
        assertThat(render(ignored, "")).hasSize(2);
    }

    @Test
    void builtInRendersTheSameObjectsAsKubectlWithOptions() {
        KustomizeOptions options = new KustomizeOptions("prod-", "-v2",
                List.of("nginx=registry.example.com/nginx:1.27"), List.of(new KustomizeOptions.Replica("web", "3")),
                Map.of("team", "payments"), false, false, false, Map.of("owner", "ops"), false, "shop", List.of(),
                List.of("components/extra"), false);
        List<Manifest> kubectl = render(options, "");

        renderer = KustomizeRenderer.builtIn(Duration.ofSeconds(60), scratch);
        List<Manifest> builtIn = render(options, "");

        assertThat(builtIn).extracting(Manifest::object)
                .containsExactlyElementsOf(kubectl.stream().map(Manifest::object).toList());
        assertThat(Meta.name(find(builtIn, "Deployment"))).isEqualTo("prod-web-v2");
    }

    @Test
    void builtInNamesTheFileAndLineEachObjectCameFrom() {
        renderer = KustomizeRenderer.builtIn(Duration.ofSeconds(60), scratch);

        List<Manifest> manifests = render(null, "");

        assertThat(manifests).extracting(Manifest::location)
                .containsExactly("base/cm.yaml:1", "base/deploy.yaml:1");
    }

    @Test
    void builtInHandsUnsupportedKustomizationsToKubectl() {
        Files2.write(repo, Map.of("overlays/prod/kustomization.yaml", """
                resources:
                - ../../base
                replacements:
                - source: {kind: ConfigMap, name: settings, fieldPath: data.k}
                  targets:
                  - select: {kind: Deployment}
                    fieldPaths: [spec.template.spec.containers.0.image]
                """));
        renderer = KustomizeRenderer.builtIn(Duration.ofSeconds(60), scratch);

        assertThat(find(render(null, ""), "Deployment").at("/spec/template/spec/containers/0/image").asText())
                .as("kubectl applied the replacement").isEqualTo("v");
    }

    @Test
    void anUnsupportedKustomizationWithoutKubectlSaysWhatToInstall() {
        Files2.write(repo, Map.of("overlays/prod/kustomization.yaml", "resources:\n- ../../base\nhelmCharts:\n- name: x\n"));
        renderer = new KustomizeRenderer(KustomizeRenderer.Engine.BUILT_IN, List.of("/nonexistent/kubectl",
                "kustomize"), Duration.ofSeconds(10), scratch);

        assertThatThrownBy(() -> render(null, ""))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.file()).isEqualTo("overlays/prod/kustomization.yaml");
                    assertThat(e.line()).isEqualTo(3);
                })
                .hasMessageContaining("kustomization overlays/prod/kustomization.yaml uses helmCharts, which the"
                        + " built-in renderer does not support yet; install kubectl");
    }

    @Test
    void builtInNeedsNoKubectlForSupportedKustomizations() {
        renderer = new KustomizeRenderer(KustomizeRenderer.Engine.BUILT_IN, List.of("/nonexistent/kubectl",
                "kustomize"), Duration.ofSeconds(10), scratch);

        assertThat(render(null, "")).hasSize(2);
    }

    @Test
    void builtInReportsMistakesAtTheirLine() {
        Files2.write(repo, Map.of("overlays/prod/kustomization.yaml", "resources:\n- ../../base\n- missing.yaml\n"));
        renderer = KustomizeRenderer.builtIn(Duration.ofSeconds(60), scratch);

        assertThatThrownBy(() -> render(null, ""))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageStartingWith("overlays/prod/kustomization.yaml:3: resource missing.yaml does not exist");
    }
}
