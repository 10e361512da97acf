package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The writes the engine makes to a cluster. Diff and sync depend on this seam rather than on the
 * client, so that they can be tested with a fake.
 */
public interface ClusterWriter {

    /** The field manager of every apply the engine makes, as kubectl's is "kubectl". */
    String FIELD_MANAGER = "fairway";

    /**
     * Server-side apply with field manager {@value #FIELD_MANAGER}, taking over conflicting
     * fields (as Argo CD does with {@code --force-conflicts}).
     *
     * @param dryRun true to get what the cluster would hold without writing it
     * @return the object as the cluster holds (or would hold) it
     * @throws ClusterWriteException with the API server's message when the cluster refuses
     */
    ObjectNode apply(ObjectNode desired, boolean dryRun);

    /** Deletes the object (dependents in the background). Deleting a missing object is not an error. */
    void delete(ResourceKey key, String apiVersion);
}
