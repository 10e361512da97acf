package dev.fairway.gitops.render;

import dev.fairway.kube.GroupKind;
import dev.fairway.kube.Meta;
import dev.fairway.kube.yaml.Manifest;
import java.util.List;
import java.util.function.Predicate;

/**
 * A renderer that gives the application's destination namespace to every namespaced object that
 * names none, as Argo CD does before it compares and applies. Cluster-scoped kinds are left alone;
 * which kinds those are comes from the caller (discovery on a live cluster, or
 * {@link ClusterScopedKinds#builtIn()}).
 */
public final class DestinationNamespace implements Renderer {

    private final Renderer delegate;
    private final Predicate<GroupKind> clusterScoped;

    public DestinationNamespace(Renderer delegate, Predicate<GroupKind> clusterScoped) {
        this.delegate = delegate;
        this.clusterScoped = clusterScoped;
    }

    @Override
    public List<Manifest> render(RenderRequest request) {
        List<Manifest> manifests = delegate.render(request);
        String namespace = request.destinationNamespace();
        if (namespace.isEmpty()) {
            return manifests;
        }
        for (Manifest manifest : manifests) {
            String own = Meta.namespace(manifest.object());
            if ((own == null || own.isEmpty()) && !clusterScoped.test(manifest.gvk().groupKind())) {
                Meta.metadata(manifest.object()).put("namespace", namespace);
            }
        }
        return manifests;
    }
}
