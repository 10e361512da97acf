package dev.fairway.gitops.clusters;

import dev.fairway.gitops.app.Destination;
import dev.fairway.gitops.project.Cluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A cluster the engine may deploy to, as the {@link ClusterRegistry} knows it now.
 *
 * @param name what {@code destination.name} refers to
 * @param server the API server URL (no trailing slash), what {@code destination.server} refers to
 * @param namespaces the only namespaces the engine may use there; empty for the whole cluster
 * @param clusterResources with namespaces: whether cluster-scoped objects may still be managed
 * @param project the AppProject the cluster belongs to, "" when shared
 * @param secretName the cluster Secret it comes from, "" for the built-in in-cluster entry
 * @param client the client for this cluster. Call it for each piece of work rather than keeping the
 *     client: a change of the Secret replaces the client (the old one is closed), and after the
 *     Secret is removed the supplier throws {@link IllegalStateException}
 */
public record RegisteredCluster(String name, String server, List<String> namespaces, boolean clusterResources, String project,
        String secretName, Supplier<KubernetesClient> client) {

    public RegisteredCluster {
        namespaces = List.copyOf(namespaces);
    }

    /** True for the cluster the engine runs in ({@code https://kubernetes.default.svc}). */
    public boolean isInCluster() {
        return Destination.IN_CLUSTER_SERVER.equals(server);
    }

    /** True when the cluster was registered for some namespaces only. */
    public boolean namespaceScoped() {
        return !namespaces.isEmpty();
    }

    /** Equal when everything but the client supplier is: two views of the same registration. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RegisteredCluster c && name.equals(c.name) && server.equals(c.server) && namespaces.equals(c.namespaces)
                && clusterResources == c.clusterResources && project.equals(c.project) && secretName.equals(c.secretName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, server, namespaces, clusterResources, project, secretName);
    }

    @Override
    public String toString() {
        return "RegisteredCluster[name=" + name + ", server=" + server + ", namespaces=" + namespaces + ", clusterResources="
                + clusterResources + ", project=" + project + ", secretName=" + secretName + "]";
    }

    /** The view the project checks use. */
    public Cluster toProjectCluster() {
        return new Cluster(server, name, project);
    }
}
