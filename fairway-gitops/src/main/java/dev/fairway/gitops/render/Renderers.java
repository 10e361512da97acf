package dev.fairway.gitops.render;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The renderer the engine uses, and every command that must show what the engine would apply
 * ({@code fairway render}, {@code fairway setup}'s check): plain directories, kustomize built in
 * Java (kubectl only for features it lacks), helm when available, and the destination namespace
 * given to namespaced objects that name none.
 */
public final class Renderers {

    /** How long an external tool (kubectl kustomize, helm) may take for one rendering. */
    static final Duration TOOL_TIMEOUT = Duration.ofSeconds(90);

    private Renderers() {}

    /** @param scratch where external tools may write temporary files */
    public static Renderer standard(Path scratch) {
        return new DestinationNamespace(new SourceRenderer(new DirectoryRenderer(), KustomizeRenderer.builtIn(TOOL_TIMEOUT, scratch),
                HelmRenderer.unavailable()), ClusterScopedKinds.builtIn());
    }
}
