package dev.fairway.gitops.controller;

import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.render.RenderedManifests;

/**
 * The seam between the controller and git: what an application should hold, at which commit.
 * The engine wires the repository cache and renderers behind it; tests give manifests directly.
 * Every object must carry its namespace (the renderer gives namespaced objects the destination's).
 */
@FunctionalInterface
public interface DesiredStateSource {

    /**
     * @throws RuntimeException for anything wrong with the source; the message becomes the
     *     application's ComparisonError as is, so it should name the file and line
     */
    RenderedManifests desired(Application application);

    /**
     * What the application held at another revision (a rollback to a history entry, an operation
     * pinned to the commit it started with, {@code argocd app sync --revision}).
     *
     * @throws RuntimeException as {@link #desired(Application)}; sources that keep one revision only
     *     refuse every other
     */
    default RenderedManifests desired(Application application, String revision) {
        RenderedManifests current = desired(application);
        if (!current.revision().equals(revision)) {
            throw new IllegalStateException("this source holds only revision " + current.revision() + ", not " + revision);
        }
        return current;
    }

    /**
     * Forget what is cached for this application's source before the next comparison, as Argo CD
     * does for its refresh annotation: fetch again; with {@code hard}, render again too.
     */
    default void refresh(Application application, boolean hard) {
    }

    /** {@code status.sourceType}: Directory, Kustomize or Helm. */
    default String sourceType(Application application) {
        return application.source().declaredType().orElse("Directory");
    }
}
