package dev.fairway.gitops.render;

import dev.fairway.kube.yaml.Manifest;
import java.util.List;

/**
 * Turns one application source (a path in a commit's files, with its options) into the
 * Kubernetes objects it describes. Renderers are pure: the same request gives the same objects,
 * which is what lets {@link RenderCache} skip work for an unchanged commit.
 */
public interface Renderer {

    /**
     * @throws RenderException for anything wrong in the source: malformed YAML, a failed kustomize
     *     build, a missing tool; its message names the file (and line where there is one)
     */
    List<Manifest> render(RenderRequest request);
}
