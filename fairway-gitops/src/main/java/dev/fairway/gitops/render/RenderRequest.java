package dev.fairway.gitops.render;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to render.
 *
 * @param repositoryRoot the files of the commit (a read-only snapshot; renderers never write there)
 * @param revision the commit SHA the files are from
 * @param path the application's {@code spec.source.path} inside the repository ("" or "." for the root)
 * @param options the application's {@code spec.source} options (directory, kustomize, helm)
 * @param destinationNamespace {@code spec.destination.namespace}, given to namespaced objects
 *     that name none; empty for none
 */
public record RenderRequest(Path repositoryRoot, String revision, String path, SourceOptions options,
        String destinationNamespace) {

    public RenderRequest {
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        Objects.requireNonNull(revision, "revision");
        path = path == null ? "" : path;
        options = options == null ? SourceOptions.none() : options;
        destinationNamespace = destinationNamespace == null ? "" : destinationNamespace;
    }

    /** The application's directory, refusing paths that leave the repository. */
    public Path sourceDirectory() {
        String relative = path.strip();
        while (relative.startsWith("/")) {
            relative = relative.substring(1); // Argo CD takes "/apps" as relative to the repository too
        }
        Path root = repositoryRoot.toAbsolutePath().normalize();
        Path directory = root.resolve(relative).normalize();
        if (!directory.startsWith(root)) {
            throw new RenderException(path, 0, "the application path leaves the repository; give a path inside it");
        }
        return directory;
    }

    /** A file's name as messages show it: relative to the repository root. */
    String displayName(Path file) {
        return repositoryRoot.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
    }
}
