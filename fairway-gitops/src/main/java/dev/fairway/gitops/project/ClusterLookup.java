package dev.fairway.gitops.project;

import dev.fairway.gitops.app.Destination;
import java.util.List;

/**
 * The clusters the engine knows, so that a destination given by name or server can be resolved
 * to a cluster with both (a project may allow a cluster by either).
 */
@FunctionalInterface
public interface ClusterLookup {

    List<Cluster> clusters();

    /** Only the cluster the engine runs in. */
    static ClusterLookup inClusterOnly() {
        return () -> List.of(Cluster.IN_CLUSTER);
    }

    /**
     * Resolves a destination as Argo CD does; the exception's message is Argo CD's wording
     * and becomes the application's InvalidSpecError.
     *
     * @throws IllegalArgumentException when the destination names no known cluster, or is ambiguous
     */
    default Cluster resolve(Destination destination) {
        String server = destination.server() == null ? "" : destination.server();
        String name = destination.name() == null ? "" : destination.name();
        if (!name.isEmpty() && !server.isEmpty()) {
            throw new IllegalArgumentException("application destination can't have both name and server defined: "
                    + name + " " + server);
        }
        if (!server.isEmpty()) {
            String url = server.replaceAll("/+$", "");
            return clusters().stream().filter(c -> c.server().replaceAll("/+$", "").equals(url)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("error getting cluster by server \"" + server
                            + "\": cluster \"" + url + "\" not found"));
        }
        if (!name.isEmpty()) {
            List<Cluster> named = clusters().stream().filter(c -> c.name().equals(name)).toList();
            if (named.isEmpty()) {
                throw new IllegalArgumentException("there are no clusters with this name: " + name);
            }
            if (named.size() > 1) {
                throw new IllegalArgumentException("there are " + named.size() + " clusters with the same name: ["
                        + String.join(" ", named.stream().map(Cluster::server).toList()) + "]");
            }
            return named.get(0);
        }
        throw new IllegalArgumentException("Destination server missing from app spec");
    }
}
