package dev.fairway.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.kube.Meta;
import dev.fairway.kube.yaml.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmRendererTest {

    @TempDir
    Path repo;

    private final Renderer sources = new SourceRenderer(new DirectoryRenderer(),
            KustomizeRenderer.kubectl(Duration.ofSeconds(30), Path.of(System.getProperty("java.io.tmpdir"))),
            HelmRenderer.unavailable());

    @Test
    void aChartWithoutHelmIsAClearError() {
        Files2.write(repo, Map.of("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n",
                "chart/values.yaml", "replicas: 1\n"));

        assertThatThrownBy(() -> sources.render(new RenderRequest(repo, "sha", "chart", SourceOptions.none(), "")))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("chart/Chart.yaml: helm is not available on this machine: install helm and"
                        + " set");
    }

    @Test
    void aConfiguredHelmGetsArgoCdsArguments() throws Exception {
        // A stand-in helm that prints its arguments into a ConfigMap, so the command line is visible.
        Path helm = repo.resolve("bin/helm");
        Files2.write(repo, Map.of("bin/helm", "#!/bin/sh\nprintf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n"
                        + "  name: args\\ndata:\\n  args: \"%s\"\\n' \"$*\"\n",
                "chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n", "chart/prod.yaml", "a: 1\n"));
        helm.toFile().setExecutable(true);
        HelmOptions options = new HelmOptions("", List.of("prod.yaml"), "b: 2\n",
                List.of(new HelmOptions.Parameter("image.tag", "1.2", true)), false);
        SourceOptions source = new SourceOptions("web-app", Optional.empty(), Optional.empty(), Optional.of(options));

        List<Manifest> manifests = HelmRenderer.binary(helm, Duration.ofSeconds(30))
                .render(new RenderRequest(repo, "sha", "chart", source, "shop"));

        String args = manifests.get(0).object().at("/data/args").asText();
        assertThat(args).startsWith("template web-app " + repo.resolve("chart") + " --namespace shop --include-crds"
                + " --values " + repo.resolve("chart/prod.yaml") + " --values ");
        assertThat(args).endsWith("--set-string image.tag=1.2");
        assertThat(manifests.get(0).location()).isEqualTo("chart/Chart.yaml:1");
        assertThat(Meta.name(manifests.get(0).object())).isEqualTo("args");
        assertThat(Files.exists(repo.resolve("chart/Chart.yaml"))).isTrue();
    }

    @Test
    void detectionPrefersKustomizeThenHelmThenDirectory() {
        Files2.write(repo, Map.of("plain/cm.yaml", Files2.configMap("plain"),
                "plain/Chart.yaml.txt", "not a chart"));
        assertThat(sources.render(new RenderRequest(repo, "sha", "plain", SourceOptions.none(), "")))
                .extracting(m -> Meta.name(m.object())).containsExactly("plain");

        SourceOptions both = new SourceOptions("a", Optional.of(DirectoryOptions.defaults()),
                Optional.of(KustomizeOptions.none()), Optional.empty());
        assertThatThrownBy(() -> sources.render(new RenderRequest(repo, "sha", "plain", both, "")))
                .isInstanceOf(InvalidSourceException.class).hasMessageContaining("more than one source type");
    }
}
