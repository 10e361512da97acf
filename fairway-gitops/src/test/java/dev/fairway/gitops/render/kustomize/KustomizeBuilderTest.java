package dev.fairway.gitops.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.gitops.render.RenderException;
import dev.fairway.kube.yaml.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in kustomizations: each names the file and line and says what to do. */
class KustomizeBuilderTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n";

    @TempDir
    Path repo;

    private void write(Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = repo.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    private List<Manifest> build(String dir) {
        return new KustomizeBuilder(repo).build(repo.resolve(dir));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> failsAt(String dir, String file, int line) {
        return assertThatThrownBy(() -> build(dir)).isInstanceOfSatisfying(RenderException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.line()).isEqualTo(line);
        });
    }

    @Test
    void aMissingResourceNamesTheEntry() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- cm.yaml\n- nope.yaml\n", "app/cm.yaml", CONFIG_MAP));

        failsAt("app", "app/kustomization.yaml", 3).hasMessageContaining("resource nope.yaml does not exist");
    }

    @Test
    void aCycleOfKustomizationsIsShownWhole() throws IOException {
        write(Map.of("a/kustomization.yaml", "resources:\n- ../b\n", "b/kustomization.yaml", "resources:\n- ../a\n"));

        failsAt("a", "b/kustomization.yaml", 2).hasMessageContaining("cycle: a -> b -> a");
    }

    @Test
    void aDirectoryWithoutKustomizationIsRefused() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- plain\n", "plain/cm.yaml", CONFIG_MAP));
        Files.createDirectories(repo.resolve("app/plain"));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("has no kustomization.yaml");
    }

    @Test
    void anUnknownFieldIsAMistake() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources: []\nnamePrefx: x-\n"));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("unknown field \"namePrefx\"");
    }

    @Test
    void unsupportedFieldsAreNamedForTheFallback() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- base\n", "app/base/kustomization.yaml",
                "resources: []\nvars:\n- name: X\n"));

        assertThatThrownBy(() -> build("app")).isInstanceOfSatisfying(UnsupportedKustomization.class, e -> {
            assertThat(e.field()).isEqualTo("vars");
            assertThat(e.file()).isEqualTo("app/base/kustomization.yaml");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void remoteResourcesAreUnsupported() throws IOException {
        write(Map.of("app/kustomization.yaml",
                "resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0\n"));

        assertThatThrownBy(() -> build("app")).isInstanceOfSatisfying(UnsupportedKustomization.class,
                e -> assertThat(e.field()).startsWith("the remote resource https://github.com/"));
    }

    @Test
    void malformedYamlInAResourceIsReportedAtItsLine() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- cm.yaml\n", "app/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n\tdata: {}\n"));

        failsAt("app", "app/cm.yaml", 5).hasMessageContaining("tab");
    }

    @Test
    void theSameObjectTwiceIsRefused() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- a.yaml\n- b.yaml\n", "app/a.yaml", CONFIG_MAP,
                "app/b.yaml", CONFIG_MAP));

        failsAt("app", "app/kustomization.yaml", 3).hasMessageContaining("v1/ConfigMap/settings")
                .hasMessageContaining("a second time");
    }

    @Test
    void aComponentMustHaveKindComponent() throws IOException {
        write(Map.of("app/kustomization.yaml", "components:\n- comp\n", "app/comp/kustomization.yaml",
                "resources: []\n"));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("give it kind: Component");
    }

    @Test
    void aComponentListedAsResourceIsRefused() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- comp\n", "app/comp/kustomization.yaml",
                "kind: Component\nresources: []\n"));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("list it under components");
    }

    @Test
    void aJsonPatchNeedsATarget() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- cm.yaml\npatches:\n- patch: |-\n    - op: remove\n"
                + "      path: /data\n", "app/cm.yaml", CONFIG_MAP));

        failsAt("app", "app/kustomization.yaml", 4).hasMessageContaining("needs a target");
    }

    @Test
    void aStrategicMergePatchForNoObjectIsAMistake() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- cm.yaml\npatchesStrategicMerge:\n- patch.yaml\n",
                "app/cm.yaml", CONFIG_MAP, "app/patch.yaml", CONFIG_MAP.replace("settings", "other")));

        failsAt("app", "app/kustomization.yaml", 4).hasMessageContaining("no object matches the strategic merge"
                + " patch for v1/ConfigMap/other");
    }

    @Test
    void aJsonPatchThatCannotApplyNamesTheObject() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- cm.yaml\npatches:\n- target: {kind: ConfigMap}\n"
                + "  patch: '[{\"op\": \"replace\", \"path\": \"/spec/x\", \"value\": 1}]'\n", "app/cm.yaml", CONFIG_MAP));

        failsAt("app", "app/kustomization.yaml", 4).hasMessageContaining("cannot be applied to v1/ConfigMap/settings");
    }

    @Test
    void aMergeGeneratorNeedsSomethingToMergeWith() throws IOException {
        write(Map.of("app/kustomization.yaml", "configMapGenerator:\n- name: settings\n  behavior: merge\n"
                + "  literals: [a=b]\n"));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("behavior merge needs an existing");
    }

    @Test
    void aGeneratorMayNotRepeatAKey() throws IOException {
        write(Map.of("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  literals: [a=1, a=2]\n"));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("has the key a twice");
    }

    @Test
    void aBadEnvFileLineIsNamed() throws IOException {
        write(Map.of("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  envs: [app.env]\n",
                "app/app.env", "GOOD=1\nnot a var=2\n"));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("line 2 of the env file app.env");
    }

    @Test
    void filesOutsideTheKustomizationAreRefused() throws IOException {
        write(Map.of("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  files: [../secret.txt]\n",
                "secret.txt", "x"));

        failsAt("app", "app/kustomization.yaml", 3).hasMessageContaining("is not in or below the kustomization's"
                + " directory");
    }

    @Test
    void labelValuesMustBeText() throws IOException {
        write(Map.of("app/kustomization.yaml", "commonLabels:\n  version: 2\n"));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("put quotes around 2");
    }

    @Test
    void replicasForNoWorkloadIsAMistake() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- cm.yaml\nreplicas:\n- name: web\n  count: 2\n",
                "app/cm.yaml", CONFIG_MAP));

        failsAt("app", "app/kustomization.yaml", 4).hasMessageContaining("no Deployment");
    }

    @Test
    void aKustomizationThatIsNoMappingIsRefused() throws IOException {
        write(Map.of("app/kustomization.yaml", "- resources\n"));

        failsAt("app", "app/kustomization.yaml", 1).hasMessageContaining("is not a mapping");
    }

    @Test
    void objectsKeepTheirFileAndLine() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- two.yaml\nconfigMapGenerator:\n- name: gen\n"
                + "  literals: [a=b]\n", "app/two.yaml", CONFIG_MAP + "---\n" + CONFIG_MAP.replace("settings", "more")));

        assertThat(build("app")).extracting(Manifest::location)
                .containsExactly("app/kustomization.yaml:4", "app/two.yaml:8", "app/two.yaml:1");
    }

    @Test
    void anEmptyKustomizationIsRefusedAsKustomizeDoes() throws IOException {
        write(Map.of("app/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"));

        failsAt("app", "app/kustomization.yaml", 1).hasMessageContaining("is empty");
    }

    @Test
    void resourceFilesOutsideTheKustomizationAreRefusedAsKustomizeDoes() throws IOException {
        write(Map.of("app/kustomization.yaml", "resources:\n- ../other/cm.yaml\n", "other/cm.yaml", CONFIG_MAP));

        failsAt("app", "app/kustomization.yaml", 2).hasMessageContaining("cm.yaml is not in or below");
    }
}
