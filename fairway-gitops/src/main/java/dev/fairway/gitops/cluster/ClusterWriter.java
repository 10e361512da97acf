package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

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

    /**
     * Writes the object the way the options say (server-side apply, client-side apply, replace).
     * Writers that only apply server-side refuse other strategies.
     *
     * @throws ClusterWriteException with the API server's message when the cluster refuses
     */
    default ObjectNode write(ObjectNode desired, WriteOptions options) {
        if (options.strategy() != WriteOptions.Strategy.SERVER_SIDE_APPLY || options.force() || !options.validate()) {
            throw new UnsupportedOperationException("this cluster writer only applies server-side");
        }
        return apply(desired, options.dryRun());
    }

    /** Deletes the object (dependents in the background). Deleting a missing object is not an error. */
    void delete(ResourceKey key, String apiVersion);

    /** Deletes the object with the given propagation policy. Deleting a missing object is not an error. */
    default void delete(ResourceKey key, String apiVersion, DeletePropagation propagation) {
        delete(key, apiVersion);
    }

    /**
     * Reads the object from the API server now (not from a cache: an operation waiting for a hook
     * must see its latest state).
     *
     * @return empty when the object, or its kind, does not exist
     */
    Optional<ObjectNode> get(ResourceKey key, String apiVersion);
}
