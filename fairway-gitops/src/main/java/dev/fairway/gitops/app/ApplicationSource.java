package dev.fairway.gitops.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * {@code spec.source}: which repository path to render, at which revision.
 *
 * @param targetRevision a branch, tag, commit SHA or {@code HEAD}; {@code HEAD} when not given
 * @param raw the source mapping as written, for renderers that read more options (helm)
 */
public record ApplicationSource(String repoURL, String path, String targetRevision,
        Optional<SourceDirectory> directory, Optional<SourceKustomize> kustomize, ObjectNode raw) {

    static ApplicationSource parse(SpecFields f) {
        if (!f.present()) {
            throw new InvalidSpecError(f.path(), "required; give repoURL, path and targetRevision");
        }
        SpecFields directory = f.object("directory");
        SpecFields kustomize = f.object("kustomize");
        String targetRevision = f.string("targetRevision", "");
        return new ApplicationSource(
                f.requiredString("repoURL", "give the git repository URL"),
                f.string("path", ""),
                targetRevision.isBlank() ? "HEAD" : targetRevision,
                directory.present() ? Optional.of(SourceDirectory.parse(directory)) : Optional.empty(),
                kustomize.present() ? Optional.of(SourceKustomize.parse(kustomize)) : Optional.empty(),
                f.rawObjectSelf());
    }

    /**
     * The source type as Argo CD reports it in {@code status.sourceType} when the spec names it;
     * empty when it depends on the files (a kustomization or Chart.yaml in the path).
     */
    public Optional<String> declaredType() {
        if (raw.hasNonNull("helm") || raw.hasNonNull("chart")) {
            return Optional.of("Helm");
        }
        if (kustomize.isPresent()) {
            return Optional.of("Kustomize");
        }
        if (directory.isPresent()) {
            return Optional.of("Directory");
        }
        return Optional.empty();
    }
}
