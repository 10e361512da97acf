package dev.fairway.gitops.render;

import dev.fairway.kube.yaml.Manifest;
import dev.fairway.kube.yaml.ManifestException;
import dev.fairway.kube.yaml.ManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a Helm chart with {@code helm template}, as Argo CD does, when a helm binary is
 * configured. Without one every render is a clear error saying how to get one, so that an
 * application with a chart shows a ComparisonError instead of an empty set of objects.
 */
public final class HelmRenderer implements Renderer {

    private final Path helm;
    private final Duration timeout;
    private final ManifestReader reader = new ManifestReader();

    private HelmRenderer(Path helm, Duration timeout) {
        this.helm = helm;
        this.timeout = timeout;
    }

    /** No helm on this machine: every chart is an error that says so. */
    public static HelmRenderer unavailable() {
        return new HelmRenderer(null, Duration.ZERO);
    }

    public static HelmRenderer binary(Path helm, Duration timeout) {
        return new HelmRenderer(helm, timeout);
    }

    @Override
    public List<Manifest> render(RenderRequest request) {
        Path chart = request.sourceDirectory();
        String name = request.displayName(chart.resolve("Chart.yaml"));
        if (helm == null) {
            throw new RenderException(name, 0, "helm is not available on this machine: install helm and set the"
                    + " engine's helm binary (HelmRenderer.binary), or render the chart into the repository");
        }
        HelmOptions options = request.options().helm().orElse(HelmOptions.none());
        Path valuesFile = null;
        try {
            List<String> command = new ArrayList<>(List.of(helm.toString(), "template",
                    options.releaseName().isEmpty() ? releaseName(request) : options.releaseName(), chart.toString()));
            if (!request.destinationNamespace().isEmpty()) {
                command.addAll(List.of("--namespace", request.destinationNamespace()));
            }
            command.add(options.skipCrds() ? "--skip-crds" : "--include-crds");
            for (String file : options.valueFiles()) {
                Path values = chart.resolve(file).normalize();
                if (!values.startsWith(request.repositoryRoot().toAbsolutePath().normalize())) {
                    throw new RenderException(name, 0, "value file " + file + " leaves the repository");
                }
                command.addAll(List.of("--values", values.toString()));
            }
            if (!options.values().isBlank()) {
                valuesFile = Files.createTempFile("fairway-helm-values-", ".yaml");
                Files.writeString(valuesFile, options.values());
                command.addAll(List.of("--values", valuesFile.toString()));
            }
            for (HelmOptions.Parameter parameter : options.parameters()) {
                command.addAll(List.of(parameter.forceString() ? "--set-string" : "--set",
                        parameter.name() + "=" + parameter.value()));
            }
            ExternalCommand.Result result = ExternalCommand.run(command, chart, timeout);
            if (result.exitCode() != 0) {
                throw new RenderException(name, 0, "helm template failed: " + result.stderr().strip());
            }
            return reader.read(result.stdout(), name).stream().map(m -> new Manifest(m.object(), name, 1)).toList();
        } catch (ManifestException e) {
            throw new RenderException(name, 0, "helm printed output that cannot be read: " + e.getMessage(), e);
        } catch (ExternalCommand.NotStartedException e) {
            throw new RenderException(name, 0, "helm is not available on this machine (" + e.getMessage()
                    + "); install helm and set the engine's helm binary to it", e);
        } catch (ExternalCommand.TimedOutException e) {
            throw new RenderException(name, 0, "helm template took too long: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run helm for " + name + ": " + e.getMessage(), e);
        } finally {
            if (valuesFile != null) {
                valuesFile.toFile().delete();
            }
        }
    }

    private static String releaseName(RenderRequest request) {
        String application = request.options().applicationName();
        return application.isEmpty() ? "release" : application;
    }
}
