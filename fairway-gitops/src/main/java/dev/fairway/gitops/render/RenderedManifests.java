package dev.fairway.gitops.render;

import dev.fairway.kube.yaml.Manifest;
import java.util.List;

/**
 * The objects an application's source describes at one commit, each with the file (and line) it
 * came from.
 *
 * @param revision the commit SHA rendered
 */
public record RenderedManifests(String revision, List<Manifest> manifests) {
    public RenderedManifests {
        manifests = List.copyOf(manifests);
    }
}
