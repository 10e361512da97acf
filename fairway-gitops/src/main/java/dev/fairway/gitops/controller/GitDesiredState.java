package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.render.RenderCache;
import dev.fairway.gitops.render.RenderRequest;
import dev.fairway.gitops.render.Renderers;
import dev.fairway.gitops.render.RenderedManifests;
import dev.fairway.gitops.render.SourceOptions;
import dev.fairway.gitops.repo.RepositoryCache;
import dev.fairway.gitops.repo.RepositoryCacheSettings;
import dev.fairway.gitops.repo.RepositoryCredentials;
import dev.fairway.gitops.repo.ResolvedRevision;
import dev.fairway.gitops.repo.UrlRewriteRules;
import dev.fairway.gitops.render.Renderer;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What an application should hold, from git: resolve the target revision to a commit, check that
 * commit out (shared, cached by SHA), render the path (directory, kustomize or helm; cached by SHA,
 * path and options) and give namespaced objects the destination namespace.
 */
public final class GitDesiredState implements DesiredStateSource, AutoCloseable {

    private final RepositoryCache repositories;
    private final RenderCache renders;

    /**
     * @param workDir     where repository mirrors, snapshots and kustomize scratch space live
     * @param rewrites    {@code insteadOf} rules that map repository URLs to mirrors or local paths
     * @param credentials the current repository credentials (rebuilt when their Secrets change)
     */
    public GitDesiredState(Path workDir, UrlRewriteRules rewrites, Supplier<RepositoryCredentials> credentials) {
        this(workDir, rewrites, credentials, Renderers.BUILT_IN);
    }

    /** @param kustomize how kustomizations are built: {@code builtin}, {@code kubectl} or a kustomize binary's path */
    public GitDesiredState(Path workDir, UrlRewriteRules rewrites, Supplier<RepositoryCredentials> credentials, String kustomize) {
        this.repositories = new RepositoryCache(RepositoryCacheSettings.defaults(workDir.resolve("repos")).withRewrites(rewrites),
                credentials);
        Renderer renderer = Renderers.standard(workDir.resolve("scratch"), kustomize);
        this.renders = new RenderCache(renderer, 1000);
    }

    @Override
    public RenderedManifests desired(Application app) {
        return desired(app, app.source().targetRevision());
    }

    @Override
    public RenderedManifests desired(Application app, String revision) {
        String repo = app.source().repoURL();
        ResolvedRevision rev = repositories.resolve(repo, revision);
        Path checkout = repositories.checkout(repo, rev.commitSha());
        ObjectNode source = app.source().raw();
        return renders.render(new RenderRequest(checkout, rev.commitSha(), app.source().path(),
                SourceOptions.fromSource(app.name(), source), app.destination().namespace()));
    }

    @Override
    public void refresh(Application app, boolean hard) {
        repositories.refresh(app.source().repoURL());
        if (hard) {
            renders.clear();
        }
    }

    @Override
    public void close() {
        repositories.close();
    }
}
