package dev.fairway.gitops.repo;

import java.nio.file.Path;

/**
 * Where an application's manifests come from: the first stage of the engine's pipeline. It turns
 * the user's {@code repoURL} and {@code targetRevision} into an immutable commit and gives that
 * commit's files as a directory. Everything after it (rendering, diff, sync) keys its caches by
 * the commit SHA, so an unchanged commit costs nothing downstream.
 */
public interface ManifestSource {

    /**
     * Resolves {@code targetRevision} to a commit, fetching from the remote when needed.
     *
     * @param repoUrl the application's {@code spec.source.repoURL}
     * @param targetRevision a branch, a tag, a full or abbreviated commit SHA, a full ref name
     *     ({@code refs/heads/main}), {@code HEAD}, or empty/null for {@code HEAD}
     * @throws RepositoryException when the repository or the revision does not exist, credentials
     *     are refused, or the remote cannot be reached in time
     */
    ResolvedRevision resolve(String repoUrl, String targetRevision);

    /**
     * The files of a commit as a read-only directory: the whole repository tree at that commit,
     * so that paths such as a kustomization's {@code ../base} resolve. The directory never changes
     * once returned and may be shared by many callers; never write into it.
     *
     * @param commitSha a full SHA, as returned by {@link #resolve}
     */
    Path checkout(String repoUrl, String commitSha);
}
