package dev.fairway.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.kube.Json;
import dev.fairway.kube.Meta;
import dev.fairway.kube.yaml.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRendererTest {

    @TempDir
    Path repo;

    private final DirectoryRenderer renderer = new DirectoryRenderer();

    @BeforeEach
    void files() {
        Files2.write(repo, Map.of(
                "app/a.yaml", Files2.configMap("a") + "---\n# only a comment\n---\n" + Files2.configMap("a2"),
                "app/b.json", "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"b\"}}",
                "app/list.yml", "apiVersion: v1\nkind: List\nitems:\n- " + Files2.configMap("l1").replace("\n", "\n  ")
                        + "\n",
                "app/array.json", "[{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"j1\"}}]",
                "app/README.md", "# not a manifest",
                "app/values.yaml", "replicaCount: 3\nimage: nginx\n",
                "app/sub/c.yaml", Files2.configMap("c"),
                "app/sub/deeper/d.yaml", Files2.configMap("d")));
    }

    private List<String> names(DirectoryOptions options) {
        SourceOptions source = new SourceOptions("app", Optional.of(options), Optional.empty(), Optional.empty());
        return renderer.render(new RenderRequest(repo, "sha", "app", source, "")).stream()
                .map(m -> Meta.name(m.object())).toList();
    }

    @Test
    void readsTheTopLevelManifestsInArgoCdsOrderAndSkipsOtherFiles() {
        assertThat(names(DirectoryOptions.defaults())).containsExactly("a", "a2", "j1", "b", "l1");
    }

    @Test
    void recurseReadsSubdirectories() {
        assertThat(names(new DirectoryOptions(true, "", ""))).containsExactly("a", "a2", "j1", "b", "l1", "c", "d");
    }

    @Test
    void includeAndExcludeMatchThePathBelowTheApplication() {
        assertThat(names(new DirectoryOptions(true, "{a.yaml,sub/deeper/*}", ""))).containsExactly("a", "a2", "d");
        assertThat(names(new DirectoryOptions(true, "*.yaml", "sub/*"))).containsExactly("a", "a2");
        assertThat(names(new DirectoryOptions(false, "", "*.json"))).containsExactly("a", "a2", "l1");
    }

    @Test
    void manifestsKeepTheirFileAndLineRelativeToTheRepository() {
        List<Manifest> manifests = renderer.render(new RenderRequest(repo, "sha", "app", SourceOptions.none(), ""));
        assertThat(manifests.get(0).location()).isEqualTo("app/a.yaml:1");
        assertThat(manifests.get(1).location()).isEqualTo("app/a.yaml:10");
    }

    @Test
    void aMalformedManifestNamesItsFileAndLine() {
        Files2.write(repo, Map.of("app/broken.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [a\ndata: {}\n"));

        assertThatThrownBy(() -> renderer.render(new RenderRequest(repo, "sha", "app", SourceOptions.none(), "")))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.file()).isEqualTo("app/broken.yaml");
                    assertThat(e.line()).isEqualTo(6);
                })
                .hasMessageStartingWith("app/broken.yaml:6: ");
    }

    @Test
    void anObjectWithoutKindThatLooksLikeAManifestIsAnError() {
        Files2.write(repo, Map.of("app/nokind.yaml", "apiVersion: v1\nmetadata:\n  name: x\nkind:\n"));

        assertThatThrownBy(() -> renderer.render(new RenderRequest(repo, "sha", "app", SourceOptions.none(), "")))
                .hasMessageContaining("app/nokind.yaml:1").hasMessageContaining("no kind");
    }

    @Test
    void aMissingPathAndAPathOutsideTheRepositoryAreErrors() {
        assertThatThrownBy(() -> renderer.render(new RenderRequest(repo, "abc", "nope", SourceOptions.none(), "")))
                .hasMessageContaining("nope: the application path does not exist in revision abc");
        assertThatThrownBy(() -> renderer.render(new RenderRequest(repo, "abc", "../..", SourceOptions.none(), "")))
                .hasMessageContaining("leaves the repository");
    }

    @Test
    void jsonnetIsRefusedClearly() {
        Files2.write(repo, Map.of("app/x.jsonnet", "{}"));
        assertThatThrownBy(() -> names(DirectoryOptions.defaults())).hasMessageContaining("app/x.jsonnet: jsonnet is"
                + " not supported");
    }

    @Test
    void aBadGlobIsAnInvalidSource() {
        assertThatThrownBy(() -> names(new DirectoryOptions(false, "{a.yaml", "")))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessageContaining("spec.source.directory.include \"{a.yaml\" is not a valid glob");
    }

    @Test
    void optionsAreReadFromTheApplicationSource() throws Exception {
        var source = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
                "{\"directory\": {\"recurse\": true, \"include\": \"*.yaml\"}}");
        assertThat(SourceOptions.fromSource("app", source).directory()).hasValue(new DirectoryOptions(true, "*.yaml", ""));

        var wrong = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("{\"directory\": {\"recurse\": 3}}");
        assertThatThrownBy(() -> SourceOptions.fromSource("app", wrong))
                .hasMessage("spec.source.directory.recurse must be true or false");
    }
}
