package dev.fairway.gitops.render;

import dev.fairway.kube.yaml.Manifest;
import java.nio.file.Files;
import java.util.List;

/**
 * Chooses the renderer for an application source as Argo CD does: an option block in
 * {@code spec.source} ({@code helm}, {@code kustomize}, {@code directory}) names the type; without
 * one, a kustomization in the path means kustomize, else a {@code Chart.yaml} means helm, else it
 * is a plain directory.
 */
public final class SourceRenderer implements Renderer {

    private final Renderer directory;
    private final Renderer kustomize;
    private final Renderer helm;

    public SourceRenderer(Renderer directory, Renderer kustomize, Renderer helm) {
        this.directory = directory;
        this.kustomize = kustomize;
        this.helm = helm;
    }

    @Override
    public List<Manifest> render(RenderRequest request) {
        SourceOptions options = request.options();
        int explicit = (options.directory().isPresent() ? 1 : 0) + (options.kustomize().isPresent() ? 1 : 0)
                + (options.helm().isPresent() ? 1 : 0);
        if (explicit > 1) {
            throw new InvalidSourceException("spec.source has options for more than one source type (directory,"
                    + " kustomize, helm); keep only the one that fits the path");
        }
        if (options.helm().isPresent()) {
            return helm.render(request);
        }
        if (options.kustomize().isPresent()) {
            return kustomize.render(request);
        }
        if (options.directory().isPresent()) {
            return directory.render(request);
        }
        var path = request.sourceDirectory();
        if (KustomizeRenderer.kustomizationIn(path).isPresent()) {
            return kustomize.render(request);
        }
        if (Files.isRegularFile(path.resolve("Chart.yaml"))) {
            return helm.render(request);
        }
        return directory.render(request);
    }
}
